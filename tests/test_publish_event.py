"""Event results renderers: JSON exactly per interfaces.md "Results", text, CSV and HTML."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest

from tests.sample_results import sample_event
from trackside.core.results import EventResult
from trackside.publish import render_event

SPEC_ENTRY_KEYS = {
    "number", "driver", "class", "group", "status", "position", "class_position", "award",
    "total_s", "best_lap_s", "rounds",
}  # fmt: skip


@pytest.fixture
def event() -> EventResult:
    return sample_event()


def doc(result: EventResult, **kwargs: str) -> dict:
    return json.loads(render_event(result, "json", **kwargs))


def test_json_top_level_fields_per_interfaces(event: EventResult) -> None:
    data = doc(event)
    assert data["event"] == "img-tt-r3"
    assert data["generated_at"] == "2026-05-16T15:42:07"
    assert data["provisional"] is True
    assert data["name"] == "IMG Time Trial Round 3"
    assert data["rounds"] == ["TA1", "TA2"]
    assert all(entry.keys() >= SPEC_ENTRY_KEYS for entry in data["entries"])


def test_json_entry_values_exact_with_millisecond_precision(event: EventResult) -> None:
    """TA2 of #21 is 122.401900 s: reported 122.401, truncated to the millisecond."""
    ann = next(e for e in doc(event)["entries"] if e["number"] == "21")
    assert {key: ann[key] for key in SPEC_ENTRY_KEYS} == {
        "number": "21", "driver": "Ann Lee", "class": "S2", "group": "Advanced",
        "status": "ok", "position": 2, "class_position": 1, "award": True,
        "total_s": 245.123, "best_lap_s": 122.401,
        "rounds": [
            {"round": "TA1", "time_s": 122.722, "session": "TA1-A", "lap": 4},
            {"round": "TA2", "time_s": 122.401, "session": "TA2-A", "lap": 3},
        ],
    }  # fmt: skip
    text = render_event(event, "json")
    assert '"best_lap_s": 122.401,' in text and "122.4019" not in text


def test_json_unranked_entries_have_null_positions_and_times(event: EventResult) -> None:
    by_number = {e["number"]: e for e in doc(event)["entries"]}
    raj = by_number["33"]
    assert (raj["status"], raj["position"], raj["class_position"]) == ("no-time", None, None)
    assert raj["total_s"] is None and raj["best_lap_s"] is None
    assert raj["rounds"][0] == {"round": "TA1", "time_s": None, "session": None, "lap": None}
    assert by_number["14"]["status"] == "excluded" and by_number["14"]["position"] is None
    assert by_number["9"]["status"] == "disqualified" and by_number["9"]["award"] is False
    assert by_number["101"]["penalty_s"] == 2.0


def test_json_orders_ranked_then_unranked_whatever_the_input_order(event: EventResult) -> None:
    shuffled = dataclasses.replace(event, entries=tuple(reversed(event.entries)))
    numbers = [e["number"] for e in doc(shuffled)["entries"]]
    assert numbers == ["3", "21", "88", "7", "101", "5", "33", "14", "9"]


def test_class_filter_keeps_one_class_case_insensitively(event: EventResult) -> None:
    data = doc(event, car_class="t4")
    assert [e["number"] for e in data["entries"]] == ["101", "9"]
    text = render_event(event, "text", car_class="T4")
    assert "Class T4" in text and "Class S2" not in text and "Ann Lee" not in text
    assert "Ann Lee" not in render_event(event, "html", car_class="T4")
    assert render_event(event, "csv", car_class="U1").count("\n") == 3


def test_class_filter_with_no_such_class_says_so(event: EventResult) -> None:
    assert "No entries in class X9." in render_event(event, "text", car_class="X9")
    assert doc(event, car_class="X9")["entries"] == []


def test_unknown_format_is_an_error_naming_the_formats(event: EventResult) -> None:
    with pytest.raises(ValueError, match="expected one of text, json, csv, html"):
        render_event(event, "xml")


def test_text_groups_by_class_in_natural_order_with_ranked_first(event: EventResult) -> None:
    text = render_event(event, "text")
    assert text.index("Class S2") < text.index("Class T4") < text.index("Class U1")
    s2 = text[text.index("Class S2") : text.index("Class T4")]
    order = [s2.index(name) for name in ("Ann Lee", "Maria Gomez", "Sean O'Brien", "Tom Price")]
    assert order == sorted(order) and order[-1] < s2.index("Lee Park")
    assert "Class S2 - 5 entries, 3 awarded" in text


def test_text_row_shows_positions_award_rounds_total_best(event: EventResult) -> None:
    lines = render_event(event, "text").splitlines()
    header = next(line for line in lines if line.startswith("Pos  Ovr"))
    assert header.split() == [
        "Pos", "Ovr", "Aw", "No", "Driver", "Group", "TA1", "TA2", "Pen", "Total", "Best", "Status",
    ]  # fmt: skip
    ann = next(line for line in lines if "Ann Lee" in line)
    assert ann.split() == ["1", "2", "*", "21", "Ann", "Lee", "Advanced",
                           "2:02.722", "2:02.401", "4:05.123", "2:02.401"]  # fmt: skip
    tom = next(line for line in lines if "Tom Price" in line)
    assert tom.split() == ["4", "6", "5", "Tom", "Price", "Intermediate",
                           "2:06.250", "-", "2:06.250", "2:06.250"]  # fmt: skip
    jo = next(line for line in lines if "Jo Chen" in line)
    assert "+2.000  4:17.500" in jo
    assert next(line for line in lines if "Lee Park" in line).endswith("Excluded")
    assert next(line for line in lines if "Pat Smith" in line).endswith("Disqualified")
    assert next(line for line in lines if "Raj Patel" in line).endswith("No time")
    assert lines[:3] == [
        "IMG Time Trial Round 3 (img-tt-r3)",
        "PROVISIONAL RESULTS - subject to change",
        "Generated 2026-05-16T15:42:07",
    ]


def test_text_of_final_results_says_final(event: EventResult) -> None:
    text = render_event(dataclasses.replace(event, provisional=False), "text")
    assert "Final results" in text and "PROVISIONAL" not in text


def test_csv_one_row_per_entry_with_round_columns(event: EventResult) -> None:
    rows = list(csv.reader(io.StringIO(render_event(event, "csv"))))
    assert rows[0] == [
        "class_position", "position", "award", "class", "number", "driver", "group", "status",
        "TA1", "TA2", "penalty_s", "total_s", "best_lap_s",
    ]  # fmt: skip
    assert len(rows) == 1 + len(event.entries)
    assert rows[1] == ["1", "2", "true", "S2", "21", "Ann Lee", "Advanced", "ok",
                       "122.722", "122.401", "0.000", "245.123", "122.401"]  # fmt: skip
    raj = next(row for row in rows if row[4] == "33")
    assert raj == ["", "", "false", "U1", "33", "Raj Patel", "Advanced", "no-time",
                   "", "", "0.000", "", ""]  # fmt: skip


def test_html_escapes_driver_names(event: EventResult) -> None:
    page = render_event(event, "html")
    assert "Sean O&#39;Brien &lt;b&gt;" in page
    assert "<b>" not in page


def test_html_page_has_title_banner_and_generated_time(event: EventResult) -> None:
    page = render_event(event, "html")
    assert "<title>Event results - IMG Time Trial Round 3</title>" in page
    assert "<strong>PROVISIONAL</strong>" in page
    assert '<time datetime="2026-05-16T15:42:07">2026-05-16 15:42:07</time>' in page
    final = render_event(dataclasses.replace(event, provisional=False), "html")
    assert "PROVISIONAL" not in final


def test_html_one_captioned_table_per_class_with_scoped_headers(event: EventResult) -> None:
    page = render_event(event, "html")
    assert page.count("<table") == 3
    assert page.count("<caption>Class ") == 3
    assert '<th scope="col" class="time fold">TA1</th>' in page
    assert '<th scope="row" class="c-name">Ann Lee</th>' in page
    assert page.index('id="class-S2"') < page.index('id="class-T4"') < page.index('id="class-U1"')


def test_html_award_rows_marked_with_trophy_and_text(event: EventResult) -> None:
    page = render_event(event, "html")
    assert page.count(' class="award">') == 5
    assert page.count('aria-hidden="true">🏆</span> Award') == 5
    tom_row = page[page.index("Tom Price") - 400 : page.index("Tom Price")]
    assert "Award" not in tom_row.rsplit("<tr", 1)[1]


def test_html_unranked_entries_follow_ranked_with_status(event: EventResult) -> None:
    page = render_event(event, "html")
    s2 = page[page.index('id="class-S2"') : page.index('id="class-T4"')]
    assert s2.index('<tbody class="ranked">') < s2.index("Tom Price")
    assert s2.index("Tom Price") < s2.index('<tbody class="unranked">') < s2.index("Lee Park")
    status = '<td class="status fold" data-label="Status">'
    assert f"{status}Excluded</td>" in s2
    assert f"{status}Disqualified</td>" in page
    assert f"{status}No time</td>" in page
