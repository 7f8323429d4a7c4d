"""Model-year cells as the listings print them (Sport 10.1-10.8, Tuner 10.1-10.7)."""

import pytest

from trackside.classing.years import parse_years
from trackside.errors import InputError


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("2016-2022", [2016, 2019, 2022], [2015, 2023]),
        ("2023+", [2023, 2040], [2022]),
        ("2016 +", [2016, 2030], [2015]),
        ("2021-Current", [2021, 2035], [2020]),
        ("2020-23", [2020, 2023], [2019, 2024]),
        ("2013-17", [2013, 2017], [2018]),
        ("2004 & 2008", [2004, 2008], [2005, 2007, 2009]),
        ("2018", [2018], [2017, 2019]),
        ("All", [1950, 2024], []),
        ("ALL", [1966], []),
        ("", [2001], []),
    ],
)
def test_every_printed_year_form_parses(text, inside, outside):
    years = parse_years(text)
    assert all(y in years for y in inside)
    assert not any(y in years for y in outside)


def test_all_years_describes_itself():
    assert parse_years("All").is_all
    assert parse_years("All").describe() == "all years"
    assert parse_years("2016 +").describe() == "2016 +"


@pytest.mark.parametrize("text", ["circa 1990", "2016-", "20-22", "1990s"])
def test_a_cell_that_is_not_a_year_range_is_refused_with_the_text(text):
    with pytest.raises(InputError, match="not a model-year range"):
        parse_years(text)
