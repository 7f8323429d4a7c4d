"""The listing tables against the rulebook (Sport Category 10.1-10.8, Tuner Category 10.1-10.7).

The CSV files under trackside/classing/data are the output of
trackside/classing/tools/transcribe_listings.py; these tests re-run it on the rulebook text and
count the rows of each class as printed there.
"""

from collections import Counter

import pytest

from trackside.classing.classes import CarClass
from trackside.classing.listings import Table, load_table
from trackside.classing.tools import transcribe_listings as tool
from trackside.classing.years import parse_years

# Rows per class, counted in the rulebook text (one per car line; a car whose cells are printed
# on several lines, e.g. "Kia / K5 / GT / 2021-2023", is one row).
SPORT_ROWS = {"S1": 34, "S2": 67, "S3": 66, "S4": 86, "S5": 53, "S6": 87}
TUNER_ROWS = {"T1": 39, "T2": 78, "T3": 103, "T4": 95, "T5": 71}
EXCLUSION_ROWS = {Table.SPORT_EXCLUSIONS: 27, Table.TUNER_EXCLUSIONS: 20}

rulebook_missing = pytest.mark.skipif(
    not tool.RULEBOOK.exists(), reason="../shared/rules/scca-time-trials-rules.txt not present"
)


def classes_in(table):
    return dict(Counter(row.car_class.value for row in load_table(table)))


def test_sport_listing_rows_per_class():
    assert classes_in(Table.SPORT) == SPORT_ROWS


def test_tuner_listing_rows_per_class():
    assert classes_in(Table.TUNER) == TUNER_ROWS


@pytest.mark.parametrize(("table", "count"), EXCLUSION_ROWS.items())
def test_exclusion_list_rows(table, count):
    assert len(load_table(table)) == count


@pytest.mark.parametrize("table", list(Table))
def test_every_row_cites_its_section_and_has_parsable_years(table):
    for row in load_table(table):
        assert row.section.split()[0] in ("Sport", "Tuner")
        assert row.source_line > 0
        assert parse_years(row.years.text).spans == row.years.spans


def test_sport_rows_keep_the_class_prior_to_2023_column():
    priors = [row for row in load_table(Table.SPORT) if row.prior_class]
    assert len(priors) == 95  # lines ending in S1-S6 in Sport 10.1-10.6 (grep -cE "S[1-6]$")
    civic_si = [r for r in load_table(Table.SPORT) if r.model == "Civic" and r.trim == "Si"]
    assert [(r.car_class, r.prior_class) for r in civic_si] == [
        (CarClass.S4, None),
        (CarClass.S6, CarClass.S5),
    ]


def test_a_prior_class_printed_on_its_own_line_joins_its_row():
    q50 = [r for r in load_table(Table.SPORT) if r.model == "Q50" and r.car_class is CarClass.S4]
    assert q50[0].prior_class is CarClass.S3  # "Q50 3.0T S 2014-2020", blank line, "S3"


def test_a_row_printed_one_cell_per_line_is_one_row():
    kia = [r for r in load_table(Table.SPORT) if r.make == "Kia" and r.model == "K5"]
    assert [(r.trim, r.years.text, r.source_line) for r in kia] == [("GT", "2021-2023", 1761)]


@rulebook_missing
def test_the_data_files_are_what_the_tool_makes_of_the_rulebook():
    tables = tool.parse_rulebook(tool.RULEBOOK.read_text(encoding="utf-8"))
    for name, filename in tool.TABLE_FILES.items():
        expected = tool.to_csv(tables[name], listing=name.endswith("listings"))
        assert (tool.DATA / filename).read_text(encoding="utf-8") == expected, filename


@rulebook_missing
def test_every_hand_fix_still_applies_to_a_printed_row():
    tables = tool.parse_rulebook(tool.RULEBOOK.read_text(encoding="utf-8"))
    printed = {(row.section, row.printed) for rows in tables.values() for row in rows}
    assert set(tool.HAND_FIXES) <= printed


@rulebook_missing
def test_every_car_line_of_the_rulebook_lands_in_a_row(monkeypatch):
    """Each non-blank line of the four tables, other than make names and the two exclusion
    lists' introductions, is part of exactly one row (or is a row's prior class)."""
    used: list[int] = []
    emit = tool._emit

    def recording_emit(place, fragments, rows):
        used.extend(number for number, _ in fragments)
        emit(place, fragments, rows)

    monkeypatch.setattr(tool, "_emit", recording_emit)
    lines = tool.RULEBOOK.read_text(encoding="utf-8").splitlines()
    tool.parse_rulebook("\n".join(lines))
    assert len(used) == len(set(used))
    content = _table_content_lines(lines)
    missing = sorted(content - set(used))
    assert [" ".join(lines[n - 1].split()) for n in missing] == ["S3"]  # Q50's prior class


def _table_content_lines(lines):
    bounds = [
        ("1. Sport 1 (S1)", "7. Alternate Motorsports Series Classing"),
        ("8. Sport Category Exclusion List", "TUNER CATEGORY"),
        ("1. Tuner Category Exclusion List", "2. Tuner Category - Alternate Motorsports Series"),
        ("3. Tuner 1 (T1)", "MAX CATEGORY"),
    ]
    stripped = [" ".join(line.replace("\u00a0", " ").split()) for line in lines]
    content = set()
    for first, last in bounds:
        start = stripped.index(first)
        end = next(i for i in range(start, len(stripped)) if stripped[i].startswith(last))
        for index in range(start + 1, end):
            text = stripped[index]
            skip = not text or text in tool.MAKES or tool.HEADING.match(text)
            if not skip and not text.startswith("Model Trim Years") and len(text.split()) <= 8:
                content.add(index + 1)
    return content
