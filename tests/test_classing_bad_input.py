"""Bad car descriptions get a message that says what is wrong and what was meant."""

import pytest
from pydantic import ValidationError

from trackside.classing import (
    CarSpec,
    ContradictoryInputError,
    IncompleteCarError,
    UnknownCarError,
    classify,
)


def car(**facts):
    return CarSpec(**{"year": 2019, "treadwear": 200, "tire_width_mm": 245, **facts})


def test_a_misspelt_model_lists_the_closest_listings():
    with pytest.raises(UnknownCarError) as raised:
        classify(car(make="Honda", model="Civc", trim="Type R"))
    assert raised.value.closest[0] == "Honda Civic Type R 2016 + (S3, Sport Category 10.3)"
    assert "closest listings" in str(raised.value)


def test_an_unknown_make_is_matched_on_the_whole_name():
    with pytest.raises(UnknownCarError) as raised:
        classify(car(make="Porshe", model="Cayman", trim="GTS", year=2015))
    assert any("Porsche Cayman GTS" in label for label in raised.value.closest)


def test_a_listed_model_in_an_unlisted_year_lists_that_models_rows():
    with pytest.raises(UnknownCarError) as raised:
        classify(car(make="Honda", model="Accord", trim="Sport", year=2024))
    assert all(label.startswith("Honda Accord") for label in raised.value.closest)


def test_an_unlisted_car_goes_to_max_when_asked_to():
    result = classify(
        car(
            make="Honda",
            model="Accord",
            year=2024,
            displacement_l=1.5,
            induction="single",
            weight_lb=3400,
        ),
        allow_unlisted=True,
    )
    assert result.car_class.value == "M4"


def test_awd_with_a_2wd_only_listing_is_contradictory():
    with pytest.raises(ContradictoryInputError, match="declared AWD, but the listing BMW 535i RWD"):
        classify(car(make="BMW", model="535i", year=2008, drive="awd"))


def test_2wd_on_an_awd_only_model_is_contradictory():
    with pytest.raises(ContradictoryInputError, match="Nissan GT-R is all-wheel drive"):
        classify(car(make="Nissan", model="GT-R", drive="2wd"))


@pytest.mark.parametrize(
    ("facts", "field", "message"),
    [
        ({"weight_lb": 300}, "weight", "below any car's physical weight"),
        ({"weight_lb": 1400, "curb_weight_lb": 3100}, "weight", "under half the 3100 lb curb"),
        ({"tire_width_mm": 2455}, "tire_width", "outside 100-500 mm"),
        ({"dot": False}, "treadwear", "non-DOT tires carry no UTQG"),
        ({"engine": "electric", "displacement_l": 2.0}, "displacement", "no displacement"),
        ({"forced_induction_units": 2}, "boost_units", "naturally aspirated"),
        ({"oe_tires": True, "oe_tire_width_mm": 235}, "oe_tires", "not the OE 235 mm"),
        ({"racer_class": "Formula Vee"}, "racer_class", "not a formula/sports racer"),
        ({"alternate_series": "spec-miata"}, "series", "not a Mazda"),
    ],
)
def test_contradictory_inputs_name_the_field(facts, field, message):
    """The field is the input's neutral key (`weight`, not `weight_lb`); front ends name it."""
    with pytest.raises(ContradictoryInputError, match=message) as raised:
        classify(car(make="Honda", model="Civic", trim="Type R", **facts))
    assert raised.value.field == field


def test_a_car_reaching_max_without_its_weight_says_what_is_missing():
    """Max 8.1-8.5: without the weight Max itself is uncertain (too light for every band is
    Unlimited), so the car cannot be classified; the message names no internal field."""
    with pytest.raises(IncompleteCarError, match="needs the OE displacement") as raised:
        classify(car(make="Honda", model="Civic", trim="Type R", tire_width_mm=365))
    assert raised.value.field == "displacement"
    assert "competition weight with driver" in str(raised.value)
    assert "S1 2WD limit" in str(raised.value) and "_l" not in raised.value.message


def test_an_unknown_field_is_refused():
    with pytest.raises(ValidationError):
        CarSpec(year=2019, make="Honda", model="Civic", tire_width_mm=245, horsepower=300)
