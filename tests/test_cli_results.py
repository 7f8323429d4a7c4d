"""Results, lap charts and the site through the command line (interfaces.md, Results)."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from trackside.cli import app

EV = "img-tt-r3"


def _ok(result):
    assert result.exit_code == 0, result.output
    return result.stdout


def test_event_results_json(trackside, loaded):
    doc = json.loads(_ok(trackside("results", EV, "--format", "json")))
    assert doc["event"] == EV and doc["provisional"] is True and doc["generated_at"]
    by_number = {e["number"]: e for e in doc["entries"]}
    ann = by_number["21"]
    assert (ann["driver"], ann["class"], ann["status"], ann["position"]) == (
        "Ann Lee", "S2", "ok", 1)
    assert (ann["best_lap_s"], ann["total_s"]) == (120.5, 120.5)
    assert ann["rounds"] == [{"round": "TA1", "time_s": 120.5, "session": "TA1-A", "lap": 2}]
    assert by_number["22"]["class_position"] == 2
    assert (by_number["33"]["status"], by_number["33"]["position"]) == ("no-time", None)


def test_results_for_one_class_and_one_session(trackside, loaded):
    doc = json.loads(_ok(trackside("results", EV, "--class", "S4", "--format", "json")))
    assert [e["number"] for e in doc["entries"]] == ["33"]
    session = json.loads(_ok(trackside("results", EV, "--session", "TA1-A", "--format",
                                       "json")))
    assert session["session"] == "TA1-A"
    ann = next(e for e in session["entries"] if e["number"] == "21")
    assert [lap["time_s"] for lap in ann["laps"]] == [122.5, 120.5]
    assert (ann["best_lap_s"], ann["best_lap"], ann["position"]) == (120.5, 2, 1)


def test_results_in_every_format_and_to_a_file(trackside, loaded):
    assert "Ann Lee" in _ok(trackside("results", EV))
    rows = list(csv.reader(io.StringIO(_ok(trackside("results", EV, "--format", "csv")))))
    assert any("21" in row for row in rows)
    target = loaded.dir / "out" / "results.html"
    _ok(trackside("results", EV, "--format", "html", "--out", target))
    assert "Ann Lee" in target.read_text()


def test_unknown_session_for_results_and_laps(trackside, loaded):
    for args, where in ((("results", EV, "--session", "TA9"), "option --session"),
                        (("laps", EV, "TA9"), "argument SESSION")):
        result = trackside(*args)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"error: {where}: no session 'TA9'")


UNKNOWN_CLASS = "no class 'GT1' in event 'img-tt-r3' (its classes: S2, S4)"
"""The one answer to a class the event does not have: the CLI's error, the web's 404."""


def test_an_unknown_class_is_an_error_naming_the_class_and_the_events_classes(trackside, loaded):
    for args in (("results", EV, "--class", "GT1"),
                 ("results", EV, "--session", "TA1-A", "--class", "GT1")):
        result = trackside(*args)
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr == f"error: option --class: {UNKNOWN_CLASS}\n"


def test_a_class_is_matched_without_regard_to_case_as_on_the_web(trackside, loaded):
    doc = json.loads(_ok(trackside("results", EV, "--class", "s4", "--format", "json")))
    assert [e["number"] for e in doc["entries"]] == ["33"]
    session = json.loads(_ok(trackside("results", EV, "--session", "TA1-A", "--class", "S4",
                                       "--format", "json")))  # fmt: skip
    assert session["entries"] == []  # a class of the event with no car in this session


def test_lap_chart(trackside, loaded):
    text = _ok(trackside("laps", EV, "TA1-A"))
    assert "2:00.500" in text and "2:02.500" in text
    doc = json.loads(_ok(trackside("laps", EV, "TA1-A", "--format", "json")))
    assert doc["session"] == "TA1-A"


def test_publish_writes_the_site(trackside, loaded):
    site = loaded.dir / "site"
    out = _ok(trackside("publish", EV, "--out", site))
    assert out.startswith("wrote ") and (site / "index.html").exists()
    assert (site / "results.json").exists()


def test_database_from_the_environment(loaded, db_url):
    runner = CliRunner(env={"TRACKSIDE_DB": db_url})
    result = runner.invoke(app, ["event", "list"])
    assert result.exit_code == 0, result.output
    assert EV in result.stdout
