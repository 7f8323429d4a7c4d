"""Imports through the command line (interfaces.md): summaries, listings, idempotence."""

from __future__ import annotations

import csv
import io
import json

import pytest

EV = "img-tt-r3"


def _ok(result):
    assert result.exit_code == 0, result.output
    return result.stdout


def test_import_summaries_count_what_was_added(trackside, scenario):
    assert "event img-tt-r3" in _ok(trackside("event", "import", scenario.event))
    assert "3 added" in _ok(trackside("entries", "import", EV, scenario.entries))
    summary = _ok(trackside("passings", "import", EV, scenario.passings))
    assert summary.strip() == ("passings: 7 added, 0 already present, "
                               "1 unknown transponders (7777)")
    assert "2 added" in _ok(trackside("flags", "import", EV, scenario.flags))


@pytest.mark.parametrize("kind", ["event", "entries", "passings", "flags"])
def test_importing_the_same_file_twice_changes_nothing(trackside, loaded, dump, kind):
    args = {
        "event": ("event", "import", loaded.event),
        "entries": ("entries", "import", EV, loaded.entries),
        "passings": ("passings", "import", EV, loaded.passings),
        "flags": ("flags", "import", EV, loaded.flags),
    }[kind]
    before = dump()
    output = _ok(trackside(*args))
    after = dump()
    if kind != "event":
        assert " 0 added" in output and "already present" in output
    assert after == before


def test_passings_already_stored_count_as_duplicates(trackside, loaded):
    more = loaded.write("more.csv", "time,transponder,loop,decoder,passing_number\n"
                                    "2026-05-16T09:05:03.000,1001,SF,D1,5\n"
                                    "2026-05-16T09:07:04.000,1001,SF,D1,8\n"
                                    "2026-05-16T09:07:04.000,1001,SF,D1,8\n")
    summary = _ok(trackside("passings", "import", EV, more))
    assert summary.startswith("passings: 1 added, 2 already present, 0 unknown transponders")


def test_event_reimport_updates_definition_and_keeps_passings_and_decisions(
    trackside, loaded, dump
):
    _ok(trackside("penalty", "add", EV, "21", "track-limits", "--session", "TA1-A",
                  "--reason", "4 wheels off T5", "--by", "Sue"))
    before = dump()
    renamed = loaded.event.read_text().replace('name = "IMG Time Trial Round 3"',
                                               'name = "IMG TT Round 3 (revised)"')
    _ok(trackside("event", "import", loaded.write("event-v2.toml", renamed)))
    after = dump()
    for table in ("passings", "flags", "decisions", "entries"):
        assert after[table] == before[table]
    shown = json.loads(_ok(trackside("event", "show", EV, "--format", "json")))
    assert shown["name"] == "IMG TT Round 3 (revised)"
    assert len(after["events"]) == 1


def test_event_show_and_list(trackside, loaded):
    shown = json.loads(_ok(trackside("event", "show", EV, "--format", "json")))
    assert [s["id"] for s in shown["sessions"]] == ["TA1-A", "TA1-I"]
    assert shown["rounds"] == [{"name": "TA1", "sessions": ["TA1-A", "TA1-I"]}]
    assert shown["entries"] == 3
    assert shown["track"]["start_finish_loop"] == "SF"
    text = _ok(trackside("event", "show", EV))
    assert "TA1-I" in text and "entries 3" in text and "round TA1: TA1-A, TA1-I" in text
    listing = _ok(trackside("event", "list"))
    assert EV in listing and "IMG Time Trial Round 3" in listing


def test_entries_list_keeps_optional_and_unknown_columns(trackside, loaded):
    rows = json.loads(_ok(trackside("entries", "list", EV, "--format", "json")))
    ann = next(row for row in rows if row["number"] == "21")
    assert (ann["first_name"], ann["class"], ann["group"], ann["transponder"]) == (
        "Ann", "S2", "Advanced", "1001")
    assert (ann["year"], ann["make"], ann["model"]) == ("2019", "Honda", "Civic Type R")
    assert ann["extra"] == {"sponsor": "Acme"}
    table = list(csv.DictReader(io.StringIO(_ok(trackside("entries", "list", EV,
                                                          "--format", "csv")))))
    assert [row["number"] for row in table] == ["21", "22", "33"]
    assert table[0]["sponsor"] == "Acme"
    assert "Ann Lee" in _ok(trackside("entries", "list", EV))


def test_entries_reimport_upserts_by_number(trackside, loaded):
    changed = loaded.write("entries-v2.csv",
                           "number,first_name,last_name,class,group,transponder\n"
                           "21,Ann,Lee,S1,Advanced,1001\n"
                           "44,Di,Eve,S4,Intermediate,1004\n")
    summary = _ok(trackside("entries", "import", EV, changed))
    assert summary.strip() == "entries: 1 added, 1 updated, 0 already present"
    rows = {r["number"]: r for r in json.loads(_ok(trackside("entries", "list", EV,
                                                             "--format", "json")))}
    assert sorted(rows) == ["21", "22", "33", "44"]
    assert rows["21"]["class"] == "S1"


def test_transponders_can_swap_between_cars_in_one_file(trackside, loaded):
    swap = loaded.write("swap.csv", "number,first_name,last_name,class,group,transponder\n"
                                    "21,Ann,Lee,S2,Advanced,1002\n"
                                    "22,Bob,Ray,S2,Advanced,1001\n")
    _ok(trackside("entries", "import", EV, swap))
    rows = {r["number"]: r["transponder"] for r in json.loads(
        _ok(trackside("entries", "list", EV, "--format", "json")))}
    assert rows == {"21": "1002", "22": "1001", "33": "1003"}


def test_motorsportreg_export_columns_import(trackside, loaded):
    export = loaded.write("msr.csv",
                          '"First Name","Last Name","Car Number","Class","Run Group",'
                          '"Transponder","Member #","Email","Vehicle Year","Vehicle Make",'
                          '"Vehicle Model","Segment"\n'
                          '"Di","Eve","44","S4","Intermediate","1004","123456",'
                          '"di@example.org","2016","Mazda","MX-5 RF","Saturday TT"\n')
    assert "1 added" in _ok(trackside("entries", "import", EV, export))
    rows = {r["number"]: r for r in json.loads(_ok(trackside("entries", "list", EV,
                                                             "--format", "json")))}
    di = rows["44"]
    assert (di["first_name"], di["last_name"], di["class"], di["group"]) == (
        "Di", "Eve", "S4", "Intermediate")
    assert (di["transponder"], di["member_id"], di["email"]) == ("1004", "123456",
                                                                  "di@example.org")
    assert (di["year"], di["make"], di["model"]) == ("2016", "Mazda", "MX-5 RF")
    assert di["extra"] == {"segment": "Saturday TT"}


def test_passings_list_maps_transponders_to_numbers(trackside, loaded):
    rows = json.loads(_ok(trackside("passings", "list", EV, "--format", "json")))
    assert len(rows) == 7
    assert rows[0] == {"time": "2026-05-16T09:01:00.000", "transponder": "1001", "loop": "SF",
                       "decoder": "D1", "passing_number": 1, "source": "csv", "number": "21"}
    assert [r["number"] for r in rows if r["transponder"] == "7777"] == [None]
    table = list(csv.DictReader(io.StringIO(_ok(trackside("passings", "list", EV)))))
    assert table[-1]["transponder"] == "7777" and table[-1]["number"] == ""


def test_passings_session_column_is_accepted(trackside, loaded, dump):
    tagged = loaded.write("tagged.csv", "time,transponder,loop,session\n"
                                        "2026-05-16T09:31:00.000,1003,SF,TA1-I\n")
    assert "1 added" in _ok(trackside("passings", "import", EV, tagged))
    assert [r.session_id for r in dump()["passings"] if r.transponder == "1003"] == ["TA1-I"]


def test_large_passings_file_imports_in_one_go(trackside, loaded):
    lines = ["time,transponder,loop"]
    for i in range(5000):
        lines.append(f"2026-05-16T10:{i // 600:02d}:{(i % 600) // 10:02d}.{i % 10}00,"
                     f"{2000 + i % 50},SF")
    big = loaded.write("big.csv", "\n".join(lines) + "\n")
    summary = _ok(trackside("passings", "import", EV, big))
    assert summary.startswith("passings: 5000 added, 0 already present, 50 unknown")


def test_flag_recorded_once(trackside, loaded, dump):
    assert "recorded" in _ok(trackside("flag", EV, "TA1-I", "green", "--at", "09:30",
                                       "--by", "Jim"))
    before = dump()
    assert "already recorded" in _ok(trackside("flag", EV, "TA1-I", "green", "--at",
                                               "2026-05-16T09:30:00.000"))
    assert dump() == before
    flags = [(f.session_id, f.state, f.author) for f in before["flags"]]
    assert ("TA1-I", "green", "Jim") in flags
