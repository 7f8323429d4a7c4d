"""Officials' decisions through the command line: append-only, revoked by a new decision
(time-attack.md, Facts; DESIGN.md "A decision is never an UPDATE")."""

from __future__ import annotations

import json

EV = "img-tt-r3"


def _ok(result):
    assert result.exit_code == 0, result.output
    return result.stdout


def _decisions(trackside):
    return {d["id"]: d for d in json.loads(_ok(trackside("penalty", "list", EV,
                                                         "--format", "json")))}


def test_penalty_add_records_author_reason_and_lap(trackside, loaded):
    out = _ok(trackside("penalty", "add", EV, "21", "track-limits", "--session", "TA1-A",
                        "--lap", "2", "--reason", "4 wheels off T5", "--by", "Sue"))
    assert out.startswith("decision 1: track-limits for car 21 in TA1-A lap 2")
    decision = _decisions(trackside)[1]
    assert decision | {"created": None} == {
        "id": 1, "kind": "track-limits", "number": "21", "session": "TA1-A", "lap": 2,
        "at": None, "seconds": None, "reason": "4 wheels off T5", "author": "Sue",
        "created": None, "revokes": None, "flag_id": None, "query": None, "revoked_by": None,
        "escalation": decision["escalation"], "run": None, "count": None,
        "other_number": None, "served_at": None, "serves": None, "class": None,
    }
    assert decision["created"]


def test_session_is_inferred_from_at(trackside, loaded):
    out = _ok(trackside("penalty", "add", EV, "22", "exclude-from-session", "--at", "09:04:00",
                        "--reason", "second interruption", "--by", "Sue"))
    assert "in TA1-A" in out
    decision = _decisions(trackside)[1]
    assert (decision["session"], decision["at"]) == ("TA1-A", "2026-05-16T09:04:00.000")


def test_time_penalty_and_event_kinds(trackside, loaded):
    _ok(trackside("penalty", "add", EV, "33", "time-penalty", "--seconds", "2.5",
                  "--reason", "cone", "--by", "Sue"))
    _ok(trackside("penalty", "add", EV, "22", "event-dq", "--reason", "tech", "--by", "Tom"))
    kinds = {d["id"]: (d["kind"], d["seconds"], d["session"]) for d in
             _decisions(trackside).values()}
    assert kinds == {1: ("time-penalty", 2.5, None), 2: ("event-dq", None, None)}


def test_revoke_appends_a_decision_and_leaves_the_original_row(trackside, loaded, dump):
    _ok(trackside("penalty", "add", EV, "21", "track-limits", "--session", "TA1-A",
                  "--reason", "4 off", "--by", "Sue"))
    original = dump()["decisions"]

    out = _ok(trackside("penalty", "revoke", EV, "1", "--reason", "video shows 2 on",
                        "--by", "Chief Steward"))

    assert out.strip() == "decision 2: revokes decision 1"
    rows = dump()["decisions"]
    assert rows[0] == original[0]
    assert len(rows) == 2
    listed = _decisions(trackside)
    assert listed[1]["revoked_by"] == 2
    assert (listed[2]["kind"], listed[2]["revokes"], listed[2]["author"], listed[2]["reason"]) == (
        "revoke", 1, "Chief Steward", "video shows 2 on")
    assert "revoke" in _ok(trackside("penalty", "list", EV))


def test_revoked_decision_no_longer_costs_the_lap(trackside, loaded):
    def best_lap_21():
        doc = json.loads(_ok(trackside("results", EV, "--format", "json")))
        return next(e for e in doc["entries"] if e["number"] == "21")["best_lap_s"]

    unpenalized = best_lap_21()
    _ok(trackside("penalty", "add", EV, "21", "track-limits", "--session", "TA1-A",
                  "--reason", "4 off", "--by", "Sue"))
    assert best_lap_21() > unpenalized
    _ok(trackside("penalty", "revoke", EV, "1", "--reason", "video", "--by", "Sue"))
    assert best_lap_21() == unpenalized


def test_a_decision_is_revoked_once_and_revocations_are_not_revoked(trackside, loaded, dump):
    _ok(trackside("penalty", "add", EV, "21", "warning", "--session", "TA1-A", "--by", "Sue"))
    _ok(trackside("penalty", "revoke", EV, "1", "--reason", "x", "--by", "Sue"))
    before = dump()
    twice = trackside("penalty", "revoke", EV, "1", "--reason", "x", "--by", "Sue")
    assert twice.exit_code == 1
    assert "already revoked by decision 2" in twice.stderr
    revocation = trackside("penalty", "revoke", EV, "2", "--reason", "x", "--by", "Sue")
    assert revocation.exit_code == 1
    assert "itself a revocation" in revocation.stderr
    assert dump() == before


def test_finalize_makes_results_official_and_revoking_it_reopens_them(trackside, loaded):
    def provisional():
        return json.loads(_ok(trackside("results", EV, "--format", "json")))["provisional"]

    assert provisional() is True
    out = _ok(trackside("finalize", EV, "--by", "Chief Steward", "--reason", "protests closed"))
    assert out.strip() == f"decision 1: results of {EV} declared official by Chief Steward"
    assert provisional() is False
    _ok(trackside("penalty", "revoke", EV, "1", "--reason", "late protest", "--by", "Chief"))
    assert provisional() is True


def test_results_official_is_not_a_penalty_kind(trackside, loaded):
    result = trackside("penalty", "add", EV, "21", "results-official", "--by", "Sue")
    assert result.exit_code == 1
    assert "trackside finalize" in result.stderr


PENALTY_HEADINGS = ("id", "car", "kind", "session", "lap", "at", "s", "reason", "by", "created",
                    "revoked", "escalation")  # fmt: skip


def test_penalty_list_fits_120_columns_with_every_heading_whole(trackside, loaded, monkeypatch):
    """Named headings, none cut short with '…'; a long reason and the escalation prompt wrap
    inside their own columns."""
    monkeypatch.setenv("COLUMNS", "120")
    long_reason = ("four wheels off at turn 5, seen by the corner worker at station 3 and "
                   "confirmed on the in-car video")
    for reason in (long_reason, "off at T2", "off at T9 again"):
        _ok(trackside("penalty", "add", EV, "21", "track-limits", "--session", "TA1-A",
                      "--reason", reason, "--by", "Sue Marshall"))
    _ok(trackside("penalty", "add", EV, "22", "exclude-from-session", "--at", "09:04:00",
                  "--reason", "second interruption", "--by", "Chief Steward"))
    _ok(trackside("penalty", "add", EV, "33", "time-penalty", "--seconds", "2.5",
                  "--reason", "cone", "--by", "Sue"))
    _ok(trackside("penalty", "revoke", EV, "4", "--reason", "video shows 2 on", "--by", "Tom"))
    lines = _ok(trackside("penalty", "list", EV)).splitlines()
    assert max(len(line) for line in lines) <= 120
    assert "…" not in "\n".join(lines)
    rule = next(i for i, line in enumerate(lines) if set(line.strip()) == {"─"})
    words = " ".join(lines[:rule]).split()
    assert sorted(words) == sorted([*PENALTY_HEADINGS, "by"])  # "by" and "revoked by"
    headings = lines[rule - 1]
    reason_at, escalation_at = headings.index("reason"), headings.index("escalation")
    by_at = headings.index(" by ", reason_at) + 1
    reasons = " ".join(line[reason_at:by_at] for line in lines[rule + 1:])
    assert long_reason in " ".join(reasons.split())
    prompts = " ".join(" ".join(line[escalation_at:].split()) for line in lines[rule + 1:])
    assert "exclusion from the event may apply (event-exclusion)" in prompts
    assert len([line for line in lines[rule + 1:] if line[escalation_at:].strip()]) > 2
