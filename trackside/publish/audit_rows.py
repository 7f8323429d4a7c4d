"""The audit's rows (console.md, "Audit"; `/audit`, `trackside audit`): every decision, every
recorded flag, every version of an entry and every passing inserted by hand, with its author,
time, reason, and what it changed, in words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from trackside.core.records import Decision, DecisionKind, Flag, Passing
from trackside.core.results import FlagStanding, seconds
from trackside.core.tech import TechRecord
from trackside.publish.decision_rows import decision_row
from trackside.publish.formats import time_text

Doc = dict[str, Any]
K = DecisionKind

_SESSION_WORDS: dict[DecisionKind, str] = {
    K.TRACK_LIMITS: "takes car {car}'s fastest remaining lap{where} (track limits)",
    K.LOSS_OF_CONTROL: "takes car {car}'s fastest remaining lap{where} (loss of control)",
    K.FLAG_VIOLATION: "takes car {car}'s fastest remaining lap{where} (flag violation)",
    K.LOSE_FASTEST_LAP: "takes car {car}'s fastest remaining lap{where}",
    K.DELETE_LAP: "deletes lap {lap} of car {car}{where}",
    K.SESSION_DQ: "disqualifies car {car}{where}",
    K.SPORTSMANSHIP: "disqualifies car {car}{where} (sportsmanship)",
    K.EXCLUDE_FROM_SESSION: "excludes car {car}{where} from {at}",
    K.WARNING: "warns car {car}{where} (no time changes)",
    K.SESSION_INTERRUPTION: "records car {car} interrupting{where}",
    K.TIME_PENALTY: "adds {seconds} s to car {car}{where}",
    K.EVENT_EXCLUSION: "excludes car {car} from the event",
    K.EVENT_DQ: "disqualifies car {car} from the event",
    K.RESULTS_OFFICIAL: "declares the results official",
    K.DELETE_RUN: "deletes run {run} of car {car}{where}",
    K.CONES: "adds {count} cone(s) to run {run} of car {car}{where}",
    K.MISSED_GATE: "marks run {run} of car {car}{where} as a missed gate",
    K.OFF_COURSE: "marks run {run} of car {car}{where} as off course",
    K.NOT_SLOWING: "marks run {run} of car {car}{where} as not slowing",
    K.LOSE_FASTEST_RUN: "takes car {car}'s fastest remaining run{where}",
    K.RERUN: "grants car {car} a re-run of run {run}{where}",
    K.RUN_DNF: "records car {car} leaving the course{where} at {at}",
    K.CONTACT: "sends cars {car} and {other} to the back of the race grid (contact{where})",
    K.SOLO_EXIT: "confirms car {car}'s solo driver fully exited the car{where}",
    K.PENALTY_SERVED: "marks decision #{serves} of car {car} served at {served}",
    K.RECLASSIFY: "moves car {car} to class {car_class} for the whole event",
}
"""What a decision of each kind changes, in words (time-attack.md, tracksprint.md)."""


def changed_text(decision: Decision, decisions: Mapping[int, Decision],
                 flags: Mapping[int, Flag]) -> str:  # fmt: skip
    """What `decision` changed: its effect, or the decision or flag it revokes."""
    if decision.kind is K.REVOKE and decision.revokes is not None:
        target = decisions.get(decision.revokes)
        what = f" ({_short(target)})" if target is not None else ""
        return f"revokes decision #{decision.revokes}{what}"
    if decision.kind is K.REVOKE_FLAG and decision.flag_id is not None:
        flag = flags.get(decision.flag_id)
        what = f" ({_flag_text(flag)})" if flag is not None else ""
        return f"revokes flag {decision.flag_id}{what}: it no longer counts"
    words = _SESSION_WORDS.get(decision.kind, "{kind} for car {car}{where}")
    return words.format(car=decision.number, where=_where(decision), lap=decision.lap,
                        run=decision.run, count=decision.count, kind=decision.kind,
                        at=_clock(decision.at_us), seconds=_seconds(decision.penalty_us),
                        other=decision.other_number, serves=decision.serves,
                        served=_clock(decision.served_us), car_class=decision.car_class)


def _seconds(time_us: int | None) -> str:
    value = seconds(time_us)
    return "?" if value is None else f"{value:g}"


def _short(decision: Decision) -> str:
    car = f" car {decision.number}" if decision.number else ""
    return f"{decision.kind}{car}{_where(decision)}"


def _where(decision: Decision) -> str:
    return f" in {decision.session_id}" if decision.session_id else ""


def _clock(time_us: int | None) -> str:
    text = time_text(time_us)
    return "" if text is None else text.split("T", 1)[-1].removesuffix(".000")


def _flag_text(flag: Flag) -> str:
    return f"{flag.state} in {flag.session_id} at {_clock(flag.time_us)}"


def decision_audit_row(decision: Decision, revoked_by: int | None, changed: str) -> Doc:
    """A decision: the decision report's row (`decision_rows.py`) and what it changed."""
    row = decision_row(decision, revoked_by, None)
    del row["escalation"]
    return {"type": "decision", **row, "time": row["created"], "changed": changed}


def entry_audit_row(number: str, version: int, author: str, recorded_us: int,
                    change: str) -> Doc:  # fmt: skip
    """A version of a car's entry (an import, a transponder assigned at the timing stand)."""
    return {"type": "entry", "id": version, "kind": f"entry v{version}", "number": number,
            "session": None, "lap": None, "at": None, "seconds": None, "reason": "",
            "author": author, "created": time_text(recorded_us), "revokes": None,
            "flag_id": None, "revoked_by": None, "time": time_text(recorded_us),
            "changed": f"car {number}: {change}"}  # fmt: skip


def passing_audit_row(record_id: int, number: str, passing: Passing | None, author: str,
                      reason: str, recorded_us: int) -> Doc:  # fmt: skip
    """A passing inserted by hand: for which car, when, on which loop, who and why."""
    what = "inserts a passing" if passing is None else (
        f"inserts a passing of car {number} (transponder {passing.transponder}) at "
        f"{_clock(passing.time_us)}{f' on {passing.loop}' if passing.loop else ''}")
    return {"type": "passing", "id": record_id, "kind": "passing inserted", "number": number,
            "session": None, "lap": None,
            "at": None if passing is None else time_text(passing.time_us), "seconds": None,
            "reason": reason, "author": author, "created": time_text(recorded_us),
            "revokes": None, "flag_id": None, "revoked_by": None,
            "time": time_text(recorded_us), "changed": what}  # fmt: skip


def tech_audit_row(record: TechRecord) -> Doc:
    """A change of a car's tech status (docs/tech.md): who, when, why, and the note."""
    why = "; ".join(part for part in (record.reason, record.note) if part)
    return {"type": "tech", "id": record.id, "kind": f"tech {record.state}",
            "number": record.number, "session": None, "lap": None, "at": None,
            "seconds": None, "reason": why, "author": record.author,
            "created": time_text(record.recorded_us), "revokes": None, "flag_id": None,
            "revoked_by": None, "time": time_text(record.recorded_us),
            "changed": f"car {record.number}: tech {record.state}"}  # fmt: skip


def flag_audit_row(standing: FlagStanding) -> Doc:
    """A recorded flag: who recorded it and when (a flag has no reason of its own)."""
    flag = standing.flag
    return {"type": "flag", "id": flag.id, "kind": f"flag {flag.state}", "number": None,
            "session": flag.session_id, "lap": None, "at": time_text(flag.time_us),
            "seconds": None, "reason": "", "author": flag.author,
            "created": time_text(flag.recorded_us) if flag.recorded_us else None,
            "revokes": None, "flag_id": flag.id, "revoked_by": standing.revoked_by,
            "time": time_text(flag.recorded_us) if flag.recorded_us else None,
            "changed": f"shows {_flag_text(flag)}"}  # fmt: skip


def race_record_audit_rows(record: str, values: Mapping[str, Any],
                           revoked: Mapping[str, Any] | None) -> list[Doc]:  # fmt: skip
    """A pit stop or driver change an official recorded (`pit stop`, `driver change`, the pit
    lane screen), and its revocation when it was revoked (endurance.md)."""
    number, session = values["number"], values["session_id"]
    if record == "pit-stop":
        name, what = "pit stop", (
            f"records car {number}'s pit stop in {session} from {_clock(values['in_us'])} to "
            f"{_clock(values['out_us'])}")
        at = values["in_us"]
    else:
        name, what = "driver change", (f"puts {values['driver']} in car {number} at the stop "
                                       f"containing {_clock(values['at_us'])} ({session})")
        at = values["at_us"]
    base = {"number": number, "session": session, "lap": None, "at": time_text(at),
            "seconds": None, "revokes": None, "flag_id": None, "revoked_by": None}
    rows = [{"type": record, "id": values["id"], "kind": name, **base, "reason": "",
             "author": values["author"], "created": time_text(values["recorded_us"]),
             "time": time_text(values["recorded_us"]), "changed": what}]
    if revoked is not None:
        rows.append({"type": f"{record}-revoke", "id": revoked["id"], "kind": f"{name} revoke",
                     **base, "reason": revoked["reason"], "author": revoked["author"],
                     "created": time_text(revoked["recorded_us"]),
                     "time": time_text(revoked["recorded_us"]),
                     "changed": f"revokes {name} {values['id']}: it no longer counts"})
    return rows
