"""`trackside audit EVENT` (console.md, "Audit") on SQLite and PostgreSQL: every decision,
recorded flag and entry version, oldest first, with author, reason and what it changed;
filtered by person, entry and session."""

from __future__ import annotations

import getpass
import json

import pytest

FIELDS = ("type", "kind", "number", "session", "author", "reason", "changed", "revoked_by")


@pytest.fixture
def decided(trackside, loaded):
    for args in (
        ("penalty", "add", loaded.event_id, "21", "time-penalty", "--session", "TA1-A",
         "--seconds", "5", "--reason", "passing under yellow", "--by", "Sue"),
        ("penalty", "add", loaded.event_id, "22", "delete-lap", "--session", "TA1-A", "--lap",
         "1", "--reason", "cut T5", "--by", "Max"),
        ("penalty", "revoke", loaded.event_id, "1", "--reason", "video", "--by", "sue"),
        ("flag", "revoke", loaded.event_id, "2", "--reason", "shown by mistake", "--by", "Max"),
    ):  # fmt: skip
        result = trackside(*args)
        assert result.exit_code == 0, result.output
    return loaded


def audit(trackside, *args: str) -> list[tuple]:
    result = trackside("audit", "img-tt-r3", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return [tuple(row[f] for f in FIELDS) for row in json.loads(result.output)]


FLAG_1 = ("flag", "flag green", None, "TA1-A", "file flags.csv", "",
          "shows green in TA1-A at 09:00:00", None)
FLAG_2 = ("flag", "flag checkered", None, "TA1-A", "file flags.csv", "",
          "shows checkered in TA1-A at 09:20:00", 4)
PENALTY = ("decision", "time-penalty", "21", "TA1-A", "Sue", "passing under yellow",
           "adds 5 s to car 21 in TA1-A", 3)
DELETE = ("decision", "delete-lap", "22", "TA1-A", "Max", "cut T5",
          "deletes lap 1 of car 22 in TA1-A", None)
REVOKE = ("decision", "revoke", "21", "TA1-A", "sue", "video",
          "revokes decision #1 (time-penalty car 21 in TA1-A)", None)
FLAG_REVOKE = ("decision", "revoke-flag", None, "TA1-A", "Max", "shown by mistake",
               "revokes flag 2 (checkered in TA1-A at 09:20:00): it no longer counts", None)


def entered(number: str, car_class: str, group: str, transponder: str) -> tuple:
    """Version 1 of an entry, imported by the user running the tests (`--by` not given)."""
    return ("entry", "entry v1", number, None, getpass.getuser(), "",
            f"car {number}: entered (class {car_class}, group {group}, transponder "
            f"{transponder})", None)


ENTRIES = [entered("21", "S2", "Advanced", "1001"), entered("22", "S2", "Advanced", "1002"),
           entered("33", "S4", "Intermediate", "1003")]


def test_audit_lists_every_decision_flag_and_entry_with_what_it_changed(trackside, decided):
    assert audit(trackside) == [*ENTRIES, FLAG_1, FLAG_2, PENALTY, DELETE, REVOKE, FLAG_REVOKE]


@pytest.mark.parametrize(("args", "rows"), [
    (("--person", "sue"), [PENALTY, REVOKE]),
    (("--person", "Max"), [DELETE, FLAG_REVOKE]),
    (("--entry", "21"), [ENTRIES[0], PENALTY, REVOKE]),
    (("--session", "TA1-I"), []),
    (("--person", "Max", "--entry", "22"), [DELETE]),
])  # fmt: skip
def test_audit_filters(trackside, decided, args, rows):
    assert audit(trackside, *args) == rows


def test_audit_as_text_names_the_author_and_the_change(trackside, decided, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    result = trackside("audit", "img-tt-r3", "--entry", "22")
    assert result.exit_code == 0, result.output
    header, _rule, _entered, row = result.output.splitlines()
    assert header.split() == ["recorded", "by", "kind", "car", "session", "what", "it",
                              "changed", "reason", "revoked", "by"]
    assert row.split()[2:] == ["Max", "delete-lap", "22", "TA1-A", "deletes", "lap", "1", "of",
                               "car", "22", "in", "TA1-A", "cut", "T5"]


def test_audit_of_an_unknown_event_is_one_line(trackside, decided):
    result = trackside("audit", "nope")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "nope" in result.output
