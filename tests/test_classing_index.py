"""The points-based performance index on the shipped IMG-style example file.

The example's numbers are illustrative (data/img_example.toml says so); these tests pin the
arithmetic and the file format, not IMG's values.
"""

import re

import pytest

from trackside.classing import CarSpec, UnknownCarError
from trackside.classing.index import (
    classify_points,
    equivalent_band,
    load_example_points_rules,
    load_points_rules,
    parse_points_rules,
)
from trackside.classing.index.scoring import band_for
from trackside.errors import InputError

RULES = load_example_points_rules()


def car(**facts):
    return CarSpec(**{"treadwear": 300, "tire_width_mm": 205, **facts})


def points(**facts):
    return classify_points(car(**facts), RULES)


def test_a_stock_car_is_its_base_points():
    result = points(year=1994, make="Mazda", model="Miata")
    assert (result.car_class, result.total) == ("F", 20)
    assert result.lines[0].entry == "base[1]"


def test_modifications_tires_and_weight_add_up_with_a_line_each():
    result = points(
        year=1994,
        make="Mazda",
        model="MX-5 Miata",
        tire_width_mm=225,
        treadwear=200,
        modifications=("coilovers", "intake-exhaust"),
        forced_induction_added=True,
        weight_lb=2150,
        curb_weight_lb=2200,
    )
    assert [(line.entry, line.points) for line in result.lines] == [
        ("base[1]", 20),
        ("coilovers", 5),
        ("intake-exhaust", 2),
        ("forced-induction-added", 15),
        ("tires.treadwear", 3),
        ("weight", 4),  # 2,200 + 180 - 2,150 = 230 lb: 2 x 100 lb at 2 points
    ]
    assert (result.car_class, result.total) == ("D", 49)


def test_credits_take_points_off():
    result = points(
        year=2016,
        make="Ford",
        model="Mustang",
        trim="GT Premium",
        tire_width_mm=275,
        modifications=("automatic-transmission",),
    )
    assert result.total == 60 - 3 + 2  # base, automatic credit, tires over 245 mm
    assert result.car_class == "D"


def test_the_first_fitting_base_entry_wins():
    z06 = points(year=2016, make="Chevrolet", model="Corvette", trim="Z06")
    stingray = points(year=2016, make="Chevrolet", model="Corvette", trim="Stingray")
    assert (z06.total, stingray.total) == (96, 75)


def test_non_dot_tires_and_width_price_a_race_car_into_the_top_band():
    result = points(
        year=2017,
        make="Porsche",
        model="911",
        trim="GT3",
        tire_width_mm=305,
        dot=False,
        treadwear=None,
    )
    assert (result.car_class, result.total) == ("A", 98 + 18 + 4)


@pytest.mark.parametrize(
    ("total", "band"),
    [(-5, "F"), (0, "F"), (29.5, "F"), (30, "E"), (94, "B"), (95, "A"), (400, "A")],
)
def test_bands_start_at_their_min_and_the_first_takes_everything_below(total, band):
    assert band_for(total, RULES).name == band


@pytest.mark.parametrize(
    ("series", "car_class", "band"),
    [
        ("NASA", "TT1", "A"),
        ("nasa", "tt3", "B"),
        ("SCCA", "T1", "C"),
        ("SCCA", "SM5", "D"),
        ("BMWCCA", "SE36", "E"),
    ],
)
def test_the_class_equivalency_table(series, car_class, band):
    assert equivalent_band(RULES, series, car_class).band == band


def test_a_car_with_no_base_entry_lists_the_closest():
    with pytest.raises(UnknownCarError) as raised:
        points(year=1995, make="Mazda", model="Miata 1.8")
    assert any("Mazda Miata" in label for label in raised.value.closest)


def test_an_unpriced_modification_is_refused_with_a_suggestion():
    with pytest.raises(InputError, match="did you mean coilovers"):
        points(year=1994, make="Mazda", model="Miata", modifications=("coilover",))


def test_a_rule_file_is_read_from_disk(tmp_path):
    path = tmp_path / "club.toml"
    path.write_text(
        '[index]\nname = "Club PI"\n[[bands]]\nclass = "Slow"\nmin = 0\n[[bands]]\nclass = "Fast"\n'
        'min = 50\n[[base]]\nmake = "Honda"\nmodel = "S2000"\npoints = 45\n'
        '[[modifications]]\nkey = "wing"\npoints = 6\n'
    )
    rules = load_points_rules(path)
    result = classify_points(
        car(year=2004, make="Honda", model="S2000", modifications=("wing",)), rules
    )
    assert (result.car_class, result.total) == ("Fast", 51)


@pytest.mark.parametrize(
    ("document", "field", "message"),
    [
        ({"bands": []}, "index", "expected a [index] table"),
        ({"index": {"name": "x"}}, "bands", "at least one [[bands]]"),
        (
            {"index": {"name": "x"}, "bands": [{"class": "A", "min": "ten"}]},
            "bands[1].min",
            "expected a number",
        ),
        (
            {
                "index": {"name": "x"},
                "bands": [{"class": "A", "min": 0}],
                "base": [{"make": "Mazda", "model": "*", "years": "nineties", "points": 1}],
            },
            "base[1].years",
            "not a model-year range",
        ),
        (
            {
                "index": {"name": "x"},
                "bands": [{"class": "A", "min": 0}],
                "credits": [{"key": "auto", "points": 3}],
            },
            "credits",
            "must not add points",
        ),
        (
            {
                "index": {"name": "x"},
                "bands": [{"class": "A", "min": 0}],
                "equivalency": [{"series": "NASA", "class": "TT1", "band": "Z"}],
            },
            "equivalency",
            "unknown band",
        ),
    ],
)
def test_a_bad_rule_file_names_the_field(document, field, message):
    with pytest.raises(InputError, match=re.escape(message)) as raised:
        parse_points_rules(document, source="club.toml")
    assert raised.value.field == field
    assert str(raised.value).startswith("club.toml")


def test_invalid_toml_names_the_file(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[index\n")
    with pytest.raises(InputError, match="not valid TOML"):
        load_points_rules(path)
