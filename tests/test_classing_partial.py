"""Classing answers what it can (issue "Trust: mistakes caught...", item 5).

Hand-checked against ../shared/rules/scca-time-trials-rules.txt:
- Tuner Category 10.4 lists "X3 M Competition 2016-2020" (BMW) in T2; however the user splits
  the name between model and trim, it is that row.
- Sport 3.2.1, Tuner 3.2.1 and Max 3.2.2 need UTQG 200 or more, so a car on 180-treadwear tires
  is Unlimited (Unlimited 1.1); U2 is 3.0 L or less corrected displacement and 1,750 lb or
  more with driver (Unlimited 3.2.1, 3.2.2), U1 everything else.
- Max 8.1.1-8.5.1: class minimums 1,900 (M5) to 2,800 lb (M2); a car of 3,000 lb with driver
  meets every one, so only its engine decides the Max class.
"""

from __future__ import annotations

import pytest

from trackside.classing import CarSpec, IncompleteCarError, classify
from trackside.classing.classes import CarClass, Category


def car(**facts) -> CarSpec:
    return CarSpec(**{"year": 2019, "make": "Honda", "model": "Civic", "trim": "Type R",
                      "tire_width_mm": 245, "treadwear": 200, **facts})


@pytest.mark.parametrize(
    ("model", "trim"),
    [("X3", "M Competition"), ("X3 M", "Competition"), ("X3M", "Competition"),
     ("X3-M", "Competition"), ("X3 M Competition", ""), ("X3M Competition", "")],
)
def test_x3_m_competition_is_tuner_2_however_the_name_is_split_tuner_10_4(model, trim):
    bmw = car(year=2018, make="BMW", model=model, trim=trim, drive="awd", prep="tuner",
              tire_width_mm=255)
    result = classify(bmw)
    assert result.car_class is CarClass.T2
    assert "listed as 'BMW X3 M Competition 2016-2020' (Tuner Category 10.4)" in result.summary()


def test_x3m_is_not_the_short_model_x3_alone_tuner_10_4():
    """Whole-name matching keeps word ends: "X3M" is not "X3" + another trim, and "Mazda 323"
    is not a Mazda 3 (Sport 10.6 lists the 3, not the 323)."""
    with pytest.raises(Exception, match="not in the Sport or Tuner listings"):
        classify(car(year=2018, make="BMW", model="X3M", trim="", drive="awd"))
    with pytest.raises(Exception, match="not in the Sport or Tuner listings"):
        classify(car(year=2010, make="Mazda", model="323", trim=""))


def test_180_treadwear_without_displacement_is_unlimited_needing_displacement_and_weight():
    """Sport/Tuner 3.2.1, Max 3.2.2: UTQG 180 < 200, so Unlimited; U2 or U1 by Unlimited
    3.2.1-3.2.2 needs the displacement and the weight."""
    result = classify(car(treadwear=180))
    assert result.car_class is None and result.category is Category.UNLIMITED
    assert result.candidates == (CarClass.U2, CarClass.U1)
    assert [m.key for m in result.missing] == ["displacement", "weight"]
    assert [m.reason.rule for m in result.missing] == ["Unlimited Category 3.2.2, 3.3",
                                                      "Unlimited Category 3.2.1"]
    document = result.to_dict()
    assert (document["class"], document["category"], document["complete"]) == (
        None, "Unlimited", False)
    assert [m["field"] for m in document["missing"]] == ["displacement", "weight"]
    assert "class not decided (U2 or U1)" in result.explain()


def test_180_treadwear_under_1750_lb_is_u1_whatever_the_engine_unlimited_3_2_1():
    result = classify(car(treadwear=180, weight_lb=1500))
    assert result.car_class is CarClass.U1 and not result.missing


def test_180_treadwear_small_engine_needs_only_the_weight_unlimited_3_2():
    result = classify(car(treadwear=180, displacement_l=2.0))
    assert result.car_class is None
    assert [m.key for m in result.missing] == ["weight"]


def test_180_treadwear_with_everything_known_is_u2_unlimited_3_2():
    result = classify(car(treadwear=180, displacement_l=2.0, weight_lb=3000))
    assert result.car_class is CarClass.U2 and result.complete


def test_max_car_heavy_enough_for_every_class_needs_only_its_engine_max_8():
    """Civic Type R on 365 mm tires: past S1 (355 mm, Sport 3.2.3) and T1 (Tuner 3.2.3), so
    Max; 3,000 lb meets every Max class minimum (8.1.1-8.5.1)."""
    result = classify(car(tire_width_mm=365, weight_lb=3000))
    assert result.category is Category.MAX and result.car_class is None
    assert result.candidates == (CarClass.M5, CarClass.M4, CarClass.M3, CarClass.M2,
                                 CarClass.M1)
    assert [m.key for m in result.missing] == ["displacement"]


def test_max_car_light_enough_to_leave_max_cannot_be_answered_without_its_engine_max_8():
    """2,000 lb: an M5 engine is M5, an M2 engine is under every M2 band (8.1.2.A floor 2,400),
    so Max itself depends on the engine."""
    with pytest.raises(IncompleteCarError) as raised:
        classify(car(tire_width_mm=365, weight_lb=2000))
    assert raised.value.field == "displacement"
