"""The classing formulas and tables, each pinned to its rule."""

import pytest

from trackside.classing import (
    CarClass,
    CarSpec,
    Category,
    classify,
    corrected_displacement,
    minimum_wheel_weight,
)
from trackside.classing.car import Drive
from trackside.classing.max_weights import weigh
from trackside.classing.tires import width_limit


def car(**facts):
    base = {"year": 2019, "make": "Honda", "model": "Civic", "trim": "Type R", "treadwear": 200}
    return CarSpec(**{**base, "tire_width_mm": 275, **facts})


@pytest.mark.parametrize(
    ("diameter", "width", "minimum"),
    [
        (15, 7.5, 10.8),
        (16, 7, 13.34),
        (17, 9, 15.08),
        (18, 9.5, 17.88),
        (19, 10, 20.59),
        (20, 11, 22.01),
    ],
)
def test_sport_3_1_1_f_minimum_wheel_weight(diameter, width, minimum):
    """(Diameter + Width) x multiplier; the rule's own example is 15x7.5 -> 10.8 lb."""
    assert minimum_wheel_weight(diameter, width) == minimum


@pytest.mark.parametrize("diameter", [14, 21, 17.5])
def test_sport_3_1_1_f_has_no_multiplier_for_other_diameters(diameter):
    assert minimum_wheel_weight(diameter, 8) is None


@pytest.mark.parametrize(
    ("facts", "litres"),
    [
        ({"displacement_l": 2.0}, 2.0),
        ({"displacement_l": 2.0, "induction": "single"}, 3.0),
        ({"displacement_l": 1.3, "engine": "rotary"}, 2.6),
        ({"displacement_l": 1.3, "engine": "rotary", "induction": "multi"}, 5.2),
        ({"displacement_l": 0.6, "engine": "2-cycle"}, 1.2),
        ({"displacement_l": 3.0, "induction": "multi", "forced_induction_units": 4}, 9.0),
        ({"displacement_l": 1.8, "forced_induction_added": True}, 2.7),
    ],
)
def test_unlimited_3_3_corrected_displacement(facts, litres):
    """Rotary x2, 2-cycle x2, forced induction x1.5 plus 0.5 per extra unit (quad turbo x3)."""
    value, _ = corrected_displacement(car(**facts))
    assert value == pytest.approx(litres)


def test_electric_cars_have_no_corrected_displacement():
    assert corrected_displacement(car(engine="electric", motor_kw=300)) is None


@pytest.mark.parametrize(
    ("car_class", "drive", "limit"),
    [
        ("S1", "2wd", 355),
        ("S1", "awd", 335),
        ("S4", "awd", 245),
        ("S6", "2wd", 225),
        ("T3", "2wd", 285),
        ("T5", "awd", 225),
    ],
)
def test_sport_3_2_3_and_tuner_3_2_2_width_limits(car_class, drive, limit):
    assert width_limit(CarClass(car_class), Drive(drive)).limit_mm == limit


@pytest.mark.parametrize(
    ("engine_class", "weight", "curb", "expected"),
    [
        ("M2", 2800, None, "M2"),  # 8.2.1 minimum 2,800 lb
        ("M2", 2400, None, "M1"),  # 8.1.2.A: under 2,800, not under 2,400
        ("M2", 2399, None, None),
        ("M3", 2300, None, "M2"),  # 8.2.2.A
        ("M3", 2000, None, "M1"),  # 8.1.2.B
        ("M4", 2000, None, "M3"),  # 8.3.2.A
        ("M4", 1900, None, "M2"),  # 8.2.2.B wins the overlap with 8.1.2.C
        ("M4", 1600, None, "M1"),  # 8.1.2.C
        ("M5", 1700, None, "M4"),  # 8.4.2.A
        ("M5", 1500, None, "M3"),  # 8.3.2.B
        ("M5", 1300, None, "M2"),  # 8.2.2.C
        ("M5", 1100, None, "M1"),  # 8.1.2.D
        ("M5", 1099, None, None),
        ("M3", 2600, 2800, None),  # under 95% of curb (2,660 lb), over the class minimum
        ("M3", 2660, 2800, "M3"),
    ],
)
def test_max_underweight_bump_ups(engine_class, weight, curb, expected):
    fitted, reason = weigh(CarClass(engine_class), weight, curb)
    assert (fitted.value if fitted else None) == expected, reason.text


def test_the_summary_reads_like_the_issue_example():
    result = classify(car(prep="tuner", tire_width_mm=275))
    assert result.summary() == (
        "Tuner 3: listed as 'Honda Civic Type R 2016-2022' (Tuner Category 10.5); "
        "tire 275 mm ≤ 285 mm T3 2WD limit (Tuner Category 3.2.2)"
    )
    assert result.category is Category.TUNER


def test_a_car_not_in_sport_says_why_and_where():
    result = classify(
        car(tire_width_mm=365, displacement_l=2.0, induction="single", weight_lb=3250)
    )
    assert [i.category for i in result.not_eligible] == [Category.SPORT, Category.TUNER]
    assert "an S1 car on oversized tires goes to Tuner" in result.not_eligible[0].reason.text
    assert result.not_eligible[0].reason.rule == "Sport Category 3.2.3"


def test_the_json_twin_carries_class_reasons_and_ineligibility():
    data = classify(car(tire_width_mm=305)).to_dict()
    assert data["class"] == "S2" and data["category"] == "Sport"
    assert data["reasons"][0] == {
        "text": "listed as 'Honda Civic Type R 2016 +'",
        "rule": "Sport Category 10.3",
    }


def test_an_excluded_tire_is_not_a_street_tire():
    """Sport 3.2.5.E / Max 3.2.2.B.7: the Kumho V720 ACR is on the exclusion list."""
    result = classify(
        car(
            tire_model="Kumho Ecsta V720 ACR",
            displacement_l=2.0,
            induction="single",
            weight_lb=3100,
        )
    )
    assert result.car_class is CarClass.U2
    assert "tire exclusion list" in result.not_eligible[0].reason.text


def test_a_car_listed_in_two_sport_classes_takes_the_faster_and_says_so():
    """The Lexus GS-F is printed in Sport 2 (2016+) and in Sport 3 (2016-2020, S2 before)."""
    result = classify(
        CarSpec(year=2018, make="Lexus", model="GS-F", treadwear=200, tire_width_mm=275)
    )
    assert result.car_class is CarClass.S2
    assert any("also listed" in note for note in result.notes)


def test_an_electric_unlimited_car_is_u1():
    result = classify(
        car(engine="electric", motor_kw=300, dot=False, treadwear=None, weight_lb=3000)
    )
    assert result.car_class is CarClass.U1
