"""Session results: ranked by best valid lap with gaps (time-attack.md, "Session results")."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.sample_results import sample_sessions
from trackside.core.results import SessionResult
from trackside.publish import render_session


@pytest.fixture
def ta1() -> SessionResult:
    return sample_sessions()[0]


def doc(result: SessionResult, **kwargs: str) -> dict:
    return json.loads(render_session(result, "json", **kwargs))


def test_json_shape_per_interfaces(ta1: SessionResult) -> None:
    data = doc(ta1)
    assert (data["event"], data["session"]) == ("img-tt-r3", "TA1-A")
    assert (data["name"], data["scored"]) == ("Time Attack 1, Advanced", True)
    kim = data["entries"][0]
    spec = {"number", "status", "position", "best_lap_s", "best_lap", "laps"}
    assert {key: kim[key] for key in spec} == {
        "number": "3", "status": "ok", "position": 1, "best_lap_s": 120.6, "best_lap": 2,
        "laps": [
            {"lap": 1, "time_s": 151.25, "valid": True, "reason": None},
            {"lap": 2, "time_s": 120.6, "valid": True, "reason": None},
            {"lap": 3, "time_s": 121.0, "valid": True, "reason": None},
            {"lap": 4, "time_s": 119.9, "valid": False, "reason": "lap lost to penalty"},
            {"lap": 5, "time_s": 125.0, "valid": False, "reason": "after checkered"},
        ],
    }  # fmt: skip
    assert (kim["driver"], kim["class"], kim["group"]) == ("Kim Ode", "U1", "Advanced")


def test_json_ties_keep_positions_and_show_zero_interval(ta1: SessionResult) -> None:
    """Equal best laps: the earlier time ranks first; the interval is 0.000."""
    entries = {e["number"]: e for e in doc(ta1)["entries"]}
    assert (entries["7"]["position"], entries["14"]["position"]) == (3, 4)
    assert entries["7"]["best_lap_s"] == entries["14"]["best_lap_s"] == 123.0
    assert (entries["14"]["gap_s"], entries["14"]["interval_s"]) == (2.4, 0.0)
    assert (entries["21"]["gap_s"], entries["21"]["interval_s"]) == (2.122, 2.122)
    assert entries["3"]["gap_s"] is None


def test_json_no_time_entry_last_with_nulls(ta1: SessionResult) -> None:
    raj = doc(ta1)["entries"][-1]
    assert (raj["number"], raj["status"], raj["position"]) == ("33", "no-time", None)
    assert (raj["best_lap_s"], raj["best_lap"]) == (None, None)
    assert raj["laps"] == [{"lap": 1, "time_s": 135.0, "valid": False, "reason": "after red flag"}]


def test_json_lists_unknown_transponders(ta1: SessionResult) -> None:
    (unknown,) = doc(ta1)["unknown_transponders"]
    assert (unknown["transponder"], unknown["passings"]) == ("9912345", 4)
    assert [lap["time_s"] for lap in unknown["laps"]] == [130.0, 129.5, 150.0]


def test_class_filter_measures_gaps_inside_the_class(ta1: SessionResult) -> None:
    data = doc(ta1, car_class="S2")
    assert [e["number"] for e in data["entries"]] == ["21", "7", "14"]
    assert data["entries"][0]["gap_s"] is None
    assert (data["entries"][1]["gap_s"], data["entries"][1]["interval_s"]) == (0.278, 0.278)
    assert data["unknown_transponders"] == []
    assert "9912345" not in render_session(ta1, "text", car_class="S2")


def test_text_ranked_list_with_gaps_and_lap_counts(ta1: SessionResult) -> None:
    lines = render_session(ta1, "text").splitlines()
    assert lines[0] == "Time Attack 1, Advanced (TA1-A) - img-tt-r3, scored session"
    assert lines[2].split() == [
        "Pos", "No", "Driver", "Class", "Group", "Best", "Lap", "Gap", "Int", "Laps", "Valid",
        "Status",
    ]  # fmt: skip
    kim, ann, sean, lee, raj = lines[4:9]
    assert kim.split() == ["1", "3", "Kim", "Ode", "U1", "Advanced", "2:00.600", "2", "5", "3"]
    assert ann.split() == [
        "2", "21", "Ann", "Lee", "S2", "Advanced", "2:02.722", "4", "+2.122", "+2.122", "5", "4",
    ]  # fmt: skip
    assert "Sean O'Brien <b>" in sean and "+2.400  +0.278" in sean
    assert "Lee Park" in lee and "+2.400  +0.000" in lee
    assert raj.split()[:3] == ["33", "Raj", "Patel"] and raj.endswith("1      0  No time")
    assert "Laps of transponders no entry claims" in lines
    assert any(line.split() == ["9912345", "4", "3", "2:09.500"] for line in lines)


def test_csv_ranked_rows(ta1: SessionResult) -> None:
    rows = list(csv.reader(io.StringIO(render_session(ta1, "csv"))))
    assert rows[0] == [
        "position", "number", "driver", "class", "group", "status", "best_lap_s", "best_lap",
        "gap_s", "interval_s", "laps", "valid_laps",
    ]  # fmt: skip
    assert rows[4] == ["4", "14", "Lee Park", "S2", "Advanced", "ok", "123.000", "3",
                       "2.400", "0.000", "3", "3"]  # fmt: skip
    assert rows[5] == ["", "33", "Raj Patel", "U1", "Advanced", "no-time", "", "", "", "", "1", "0"]


def test_html_ranked_table_and_unknown_section(ta1: SessionResult) -> None:
    page = render_session(ta1, "html")
    assert "Sean O&#39;Brien &lt;b&gt;" in page and "<b>" not in page
    order = [page.index(name) for name in ("Kim Ode", "Ann Lee", "Sean O", "Lee Park", "Raj")]
    assert order == sorted(order)
    assert '<td class="time fold" data-label="Interval">+0.278</td>' in page
    assert '<tr data-number="33" class="unranked">' in page
    assert "<caption>Laps of transponders no entry claims" in page
    assert '<th scope="row" class="c-name">9912345</th>' in page
