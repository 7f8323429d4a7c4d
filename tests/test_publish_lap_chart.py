"""The lap chart posted after every session: every lap of every car, why a lap does not count."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from tests.sample_results import sample_sessions
from tests.scenario import event, facts
from trackside.core.results import ScoredLap, SessionResult, UnknownTransponder
from trackside.publish import render_lap_chart, render_session
from trackside.publish.lap_grid import LapCell, LapGrid, LapRow
from trackside.rules import scored


@pytest.fixture
def ta1() -> SessionResult:
    return sample_sessions()[0]


@pytest.fixture
def practice() -> SessionResult:
    return sample_sessions()[2]


def test_text_marks_best_lap_and_laps_that_do_not_count(ta1: SessionResult) -> None:
    lines = render_lap_chart(ta1, "text").splitlines()
    assert lines[0] == "Lap chart: Time Attack 1, Advanced (TA1-A) - img-tt-r3, scored session"
    kim = next(line for line in lines if "Kim Ode" in line and "lap" not in line)
    assert kim.split()[-5:] == ["2:31.250", "*2:00.600", "2:01.000", "x1:59.900", "x2:05.000"]
    ann = next(line for line in lines if "Ann Lee" in line and "lap" not in line)
    assert ann.split()[-2:] == ["*2:02.722", "x2:10.000"]
    assert "  #3 Kim Ode, lap 4, 1:59.900 x (lap lost to penalty)" in lines
    assert "  #33 Raj Patel, lap 1, 2:15.000 x (after red flag)" in lines


def test_text_rows_follow_result_order(ta1: SessionResult) -> None:
    text = render_lap_chart(ta1, "text")
    order = [text.index(name) for name in ("Kim Ode", "Ann Lee", "Sean O'Brien", "Lee Park")]
    assert order == sorted(order)


def test_text_ends_with_unknown_transponders(ta1: SessionResult) -> None:
    text = render_lap_chart(ta1, "text")
    tail = text[text.index("Laps of transponders no entry claims") :]
    assert "9912345" in tail and "2:09.500" in tail
    assert text.index("Lee Park") < text.index("Laps of transponders no entry claims")


def test_text_wraps_many_laps_into_blocks(practice: SessionResult) -> None:
    lines = render_lap_chart(practice, "text").splitlines()
    assert "Laps 1-7" in lines and "Laps 8-14" in lines
    assert lines[-1] == "No laps recorded: #33 Raj Patel"
    second = lines[lines.index("Laps 8-14") :]
    ann = next(line for line in second if "Ann Lee" in line)
    assert ann.split()[-4:] == ["2:04.120", "*2:03.870", "2:04.060", "2:20.500"]


def test_html_strikes_invalid_laps_with_their_reason(ta1: SessionResult) -> None:
    page = render_lap_chart(ta1, "html")
    assert (
        '<td class="lap invalid" title="Does not count: lap lost to penalty">'
        '<del>1:59.900</del><span class="reason">lap lost to penalty</span></td>'
    ) in page
    assert '<del>2:15.000</del><span class="reason">after red flag</span>' in page
    assert page.count("<del>") == 4 + 1  # four invalid laps and the legend


def test_html_marks_best_lap_bold_with_a_marker(ta1: SessionResult) -> None:
    page = render_lap_chart(ta1, "html")
    assert '<td class="lap best"><strong>2:00.600<span class="mark"' in page
    assert page.count('<td class="lap best">') == 4
    assert "★</span></strong></span> best lap" in page  # the legend
    assert '<span class="visually-hidden"> best lap</span>' in page


def test_html_landscape_escaped_and_unknown_section_last(ta1: SessionResult) -> None:
    page = render_lap_chart(ta1, "html")
    assert '<body class="landscape">' in page
    assert "Sean O&#39;Brien &lt;b&gt;" in page and "<b>" not in page
    assert page.index("Lee Park") < page.index("Laps of transponders no entry claims")
    assert '<th scope="row" class="fix fix-wide">9912345</th>' in page


@pytest.mark.parametrize(
    ("laps", "blocks"),
    [
        (0, []),
        (1, [(1, 1)]),
        (10, [(1, 10)]),
        (11, [(1, 6), (7, 11)]),
        (21, [(1, 7), (8, 14), (15, 21)]),
    ],
)
def test_lap_columns_wrap_in_balanced_blocks(laps: int, blocks: list[tuple[int, int]]) -> None:
    cells = {n: LapCell(ScoredLap(n, n, n + 1, True), False) for n in range(1, laps + 1)}
    grid = LapGrid((LapRow("1", "A", "S2", 1, "ok", cells),))
    assert [(block[0], block[-1]) for block in grid.blocks(10)] == blocks


def test_html_wraps_columns_into_blocks(practice: SessionResult) -> None:
    page = render_lap_chart(practice, "html")
    assert page.count('<table class="laps" data-findable>') == 2
    assert "laps 1&ndash;7</caption>" in page and "laps 8&ndash;14</caption>" in page
    assert "No laps recorded:" in page and "#33 Raj Patel" in page


def test_csv_long_format_one_row_per_lap(ta1: SessionResult) -> None:
    rows = list(csv.reader(io.StringIO(render_lap_chart(ta1, "csv"))))
    assert rows[0] == [
        "number", "driver", "class", "lap", "time_s", "valid", "reason", "best", "transponder",
    ]  # fmt: skip
    assert len(rows) == 1 + 5 + 5 + 3 + 3 + 1 + 3
    assert ["3", "Kim Ode", "U1", "2", "120.600", "true", "", "true", ""] in rows
    penalty = "lap lost to penalty"
    assert ["3", "Kim Ode", "U1", "4", "119.900", "false", penalty, "false", ""] in rows
    assert rows[-1] == ["", "", "", "3", "150.000", "true", "", "false", "9912345"]


def test_json_is_the_session_document(ta1: SessionResult) -> None:
    assert json.loads(render_lap_chart(ta1, "json")) == json.loads(render_session(ta1, "json"))


def test_class_filter_leaves_out_other_classes_and_unknown_transponders(ta1: SessionResult) -> None:
    text = render_lap_chart(ta1, "text", car_class="U1")
    assert "Kim Ode" in text and "Raj Patel" in text and "Ann Lee" not in text
    assert "9912345" not in text
    rows = list(csv.reader(io.StringIO(render_lap_chart(ta1, "csv", car_class="U1"))))
    assert {row[0] for row in rows[1:]} == {"3", "33"}


def test_unknown_transponder_without_a_lap_is_still_listed() -> None:
    """Passings of unknown transponders are kept and reported, never dropped (time-attack.md)."""
    lone = SessionResult("ev", "S1", "", False, (), (UnknownTransponder("777", 1, ()),))
    assert "  777: 1 passing, no lap" in render_lap_chart(lone, "text").splitlines()
    assert "777: 1 passing, no lap" in render_lap_chart(lone, "html")
    two = SessionResult("ev", "S1", "", False, (), (UnknownTransponder("777", 2, ()),))
    assert "  777: 2 passings, no lap" in render_lap_chart(two, "text").splitlines()
    assert any(
        line.split() == ["777", "1", "0", "-"] for line in render_session(lone, "text").splitlines()
    )


def test_the_legend_promises_reasons_below_only_when_a_lap_does_not_count(
    ta1: SessionResult,
) -> None:
    clean = _only_valid_laps(ta1)
    text = render_lap_chart(clean, "text").splitlines()
    assert text[1] == "* best lap"
    assert "reasons below" not in "\n".join(text) and "Laps that do not count" not in text
    page = render_lap_chart(clean, "html")
    assert "does not count" not in page and "<del>" not in page
    assert render_lap_chart(ta1, "text").splitlines()[1] == (
        "* best lap   x does not count (reasons below the chart)")
    assert "does not count, with the reason below the time" in render_lap_chart(ta1, "html")


def _only_valid_laps(result: SessionResult) -> SessionResult:
    """The session with the laps that do not count taken out, cars' and unknown ones'."""
    entries = tuple(replace(e, laps=tuple(lap for lap in e.laps if lap.valid))
                    for e in result.entries)  # fmt: skip
    unknown = tuple(replace(u, laps=tuple(lap for lap in u.laps if lap.valid))
                    for u in result.unknown)  # fmt: skip
    return replace(result, entries=entries, unknown=unknown)


def test_cars_without_laps_are_listed_in_car_number_order() -> None:
    """7 before 7A before 12 before 100, in the text and on the page."""
    chart = scored(facts(
        event(),
        "car class group\n100 S2 A\n12 S2 A\n7A S2 A\n7 S2 A\n21 S2 A",
        "time car\n09:01:00.000 21\n09:03:00.000 21",
        "time session state\n09:00:00 TA1 green\n09:20:00 TA1 checkered",
    )).sessions["TA1"]  # fmt: skip
    expected = "No laps recorded: #7 Driver 7, #7A Driver 7A, #12 Driver 12, #100 Driver 100"
    assert expected in render_lap_chart(chart, "text").splitlines()
    page = render_lap_chart(chart, "html")
    assert [page.index(f"#{n} Driver") for n in ("7", "7A", "12", "100")] == sorted(
        page.index(f"#{n} Driver") for n in ("7", "7A", "12", "100"))
