"""Properties of the SCCA classing engine, over cars drawn from the listings themselves.

- More tire never moves a car to a slower class (Sport 3.2.3, Tuner 3.2.2-3.2.3).
- More weight never moves a car to a faster Max class (Max 8.1.2-8.4.2, 8.1.3).
"""

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from trackside.classing import (
    CarSpec,
    ContradictoryInputError,
    Drive,
    UnknownCarError,
    classify,
)
from trackside.classing.drive import all_wheel_only, listing_drive
from trackside.classing.listings import Table, load_table

LISTINGS = load_table(Table.SPORT) + load_table(Table.TUNER)


@st.composite
def listed_cars(draw):
    """A car named as one listing row prints it, in a year that row covers."""
    row = draw(st.sampled_from(LISTINGS))
    span = row.years.spans[0]
    first = span.first or 1970
    year = draw(st.integers(first, span.last or max(first, 2024)))
    drive = listing_drive(row.trim) or (
        Drive.ALL_WHEEL
        if all_wheel_only(row.make, row.model, row.trim)
        else draw(st.sampled_from(Drive))
    )
    return {
        "year": year,
        "make": row.make,
        "model": row.model.split("/")[0],
        "trim": row.trim,
        "drive": drive,
        "treadwear": draw(st.sampled_from([200, 300, 500])),
        "prep": draw(st.sampled_from(["sport", "tuner"])),
        "oe_tire_width_mm": draw(st.one_of(st.none(), st.integers(195, 335))),
        **draw(engines()),
        "weight_lb": draw(st.integers(1800, 4500)),
    }


@st.composite
def engines(draw):
    kind = draw(st.sampled_from(["4-cycle", "rotary", "2-cycle", "electric"]))
    if kind == "electric":
        return {
            "engine": kind,
            "motor_kw": draw(st.integers(50, 800)),
            "engine_modified": draw(st.booleans()),
        }
    return {
        "engine": kind,
        "displacement_l": draw(
            st.sampled_from([1.0, 1.25, 1.3, 1.6, 1.8, 2.0, 2.5, 3.0, 3.8, 5.0, 6.2, 7.0])
        ),
        "induction": draw(st.sampled_from(["natural", "single", "multi"])),
        "engine_modified": draw(st.booleans()),
        "forced_induction_added": draw(st.booleans()),
    }


def classed(facts, **allow):
    try:
        return classify(CarSpec(**facts), **allow)
    except (UnknownCarError, ContradictoryInputError):
        assume(False)


@settings(max_examples=300, deadline=None)
@given(listed_cars(), st.integers(155, 405), st.integers(1, 120))
def test_more_tire_width_never_moves_a_car_to_a_slower_class(facts, width, extra):
    narrow = classed({**facts, "tire_width_mm": width})
    wide = classed({**facts, "tire_width_mm": min(width + extra, 500)})
    assert wide.car_class.rank >= narrow.car_class.rank, (narrow.summary(), wide.summary())


@settings(max_examples=300, deadline=None)
@given(
    engines(),
    st.integers(1100, 4000),
    st.integers(1, 1500),
    st.one_of(st.none(), st.integers(1000, 4000)),
    st.booleans(),
)
def test_more_weight_never_moves_a_car_to_a_faster_max_class(engine, weight, extra, curb, rare):
    assume(curb is None or weight >= curb / 2)
    facts = {
        "year": 2015,
        "make": "Factory Five",
        "model": "818",
        "kind": "kit",
        "drive": "2wd",
        "tire_width_mm": 245,
        "treadwear": 200,
        "curb_weight_lb": curb,
        "low_production": rare,
        **engine,
    }
    light = classed({**facts, "weight_lb": weight})
    heavy = classed({**facts, "weight_lb": weight + extra})
    assert heavy.car_class.rank <= light.car_class.rank, (light.summary(), heavy.summary())


@settings(max_examples=200, deadline=None)
@given(listed_cars())
def test_every_listed_car_gets_a_class_with_a_cited_reason(facts):
    result = classed({**facts, "tire_width_mm": 225})
    assert result.reasons and all(reason.rule for reason in result.reasons)
