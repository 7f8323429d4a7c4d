"""`trackside tech pass|fail|pending|list` and `trackside reclassify` on SQLite and PostgreSQL
(docs/tech.md): each change appended with who and when, the cars still pending listed; a
reclassification is a decision (in `penalty list` and the audit) moving the car's class in the
results, and `penalty revoke` restores it; bad input is one line naming the field, nothing
stored."""

from __future__ import annotations

import json

import pytest

EV = "img-tt-r3"


def _ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def _tech(trackside) -> dict:
    return json.loads(_ok(trackside("tech", "list", EV, "--format", "json")))


def _classes(trackside) -> dict[str, list[tuple[str, int]]]:
    doc = json.loads(_ok(trackside("results", EV, "--format", "json")))
    classes: dict[str, list[tuple[str, int]]] = {}
    for row in doc["entries"]:
        classes.setdefault(row["class"], []).append((row["number"], row["class_position"]))
    return classes


def test_tech_statuses_are_appended_and_listed_pending_first(trackside, loaded, dump):
    assert _ok(trackside("tech", "pass", EV, "21", "--by", "sue",
                         "--note", "annual inspection, logbook 114")) == (
        "tech 1: car 21 passed (by sue)\n")
    _ok(trackside("tech", "fail", EV, "22", "--by", "sue", "--reason", "helmet expired"))
    _ok(trackside("tech", "pass", EV, "22", "--by", "max", "--note", "new helmet"))
    rows = dump()["tech_status"]
    assert [(r.id, r.number, r.status, r.reason, r.author) for r in rows] == [
        (1, "21", "passed", "", "sue"), (2, "22", "failed", "helmet expired", "sue"),
        (3, "22", "passed", "", "max")]
    doc = _tech(trackside)
    assert doc["pending"] == ["33"]
    assert [(c["number"], c["status"], c["author"], c["note"], c["changes"])
            for c in doc["cars"]] == [
        ("33", "pending", None, "", 0),
        ("21", "passed", "sue", "annual inspection, logbook 114", 1),
        ("22", "passed", "max", "new helmet", 2)]
    assert all(c["recorded"] for c in doc["cars"][1:])
    text = _ok(trackside("tech", "list", EV))
    assert text.splitlines()[4].split() == ["33", "Cy", "Dee", "S4", "pending"]
    assert text.rstrip().endswith("pending: 33")


@pytest.mark.parametrize(("args", "message"), [
    (("tech", "fail", EV, "21", "--by", "sue"),
     "option --reason: a failed inspection needs its reason: give --reason TEXT"),
    (("tech", "pass", EV, "99", "--by", "sue"),
     "argument NUMBER: car '99' is not entered in event 'img-tt-r3'"),
    (("tech", "pass", "nope", "21", "--by", "sue"), "argument EVENT: no event 'nope'"),
    (("reclassify", EV, "22", "S9", "--reason", "seat", "--by", "sue"),
     "argument CLASS: no class 'S9' in event 'img-tt-r3' (its classes: S2, S4)"),
    (("reclassify", EV, "22", "S2", "--reason", "seat", "--by", "sue"),
     "argument CLASS: car '22' already runs in class 'S2'"),
    (("reclassify", EV, "22", "S4", "--by", "sue"), "option --reason: say why"),
    (("reclassify", EV, "44", "S4", "--reason", "seat", "--by", "sue"),
     "argument NUMBER: car '44' is not entered"),
    (("penalty", "add", EV, "22", "reclassify", "--reason", "seat", "--by", "sue"),
     "reclassify a car with `trackside reclassify EVENT NUMBER CLASS`"),
])  # fmt: skip
def test_bad_input_is_one_line_naming_the_field_and_nothing_is_stored(trackside, loaded, dump,
                                                                      args, message):
    before = dump()
    result = trackside(*args)
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert dump() == before


def test_non_compliance_3_reclassify_moves_the_car_and_penalty_revoke_restores_it(trackside,
                                                                                 loaded):
    assert _classes(trackside) == {"S2": [("21", 1), ("22", 2)], "S4": [("33", None)]}
    assert _ok(trackside("reclassify", EV, "22", "s4", "--by", "sue",
                         "--reason", "aftermarket seat not declared (VII.4)")) == (
        "decision 1: car 22 reclassified to S4\n")
    assert _classes(trackside) == {"S2": [("21", 1)], "S4": [("22", 1), ("33", None)]}
    listed = json.loads(_ok(trackside("penalty", "list", EV, "--format", "json")))
    assert [(d["id"], d["kind"], d["number"], d["class"], d["author"]) for d in listed] == [
        (1, "reclassify", "22", "S4", "sue")]
    assert "reclassify to S4" in _ok(trackside("penalty", "list", EV))
    audit = json.loads(_ok(trackside("audit", EV, "--entry", "22", "--format", "json")))
    assert audit[-1]["changed"] == "moves car 22 to class S4 for the whole event"
    _ok(trackside("penalty", "revoke", EV, "1", "--reason", "the seat is stock", "--by", "lee"))
    assert _classes(trackside) == {"S2": [("21", 1), ("22", 2)], "S4": [("33", None)]}


def test_tech_changes_are_in_the_audit(trackside, loaded):
    _ok(trackside("tech", "fail", EV, "33", "--by", "sue", "--reason", "no roll bar padding"))
    audit = json.loads(_ok(trackside("audit", EV, "--entry", "33", "--format", "json")))
    (row,) = [r for r in audit if r["type"] == "tech"]
    assert (row["kind"], row["author"], row["reason"], row["changed"]) == (
        "tech failed", "sue", "no roll bar padding", "car 33: tech failed")
