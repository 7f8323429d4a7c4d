"""The Participant Report (SCCA TT Appendix B 3.1.2 B; officials.md, "Participant Report"):
a CSV with exactly the rulebook's columns, one row per entry in overall order (unranked last,
by car number)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from trackside.core.decision_session import group_sessions
from trackside.core.reclassification import entries_in_force
from trackside.core.records import RUN_FORMATS, Entry, EventDef, EventFacts
from trackside.core.results import EventResult, natural_key
from trackside.core.satisfactory import Mark
from trackside.errors import InputError

COLUMNS = ("First Name", "Last Name", "Member Number", "Overall Position", "Place in Class",
           "Make/Model", "Passing Rules", "Satisfactory", "Class")
NO_PASSING = 0
"""TrackSprint and HillClimb: no passing (Appendix B 3.1.2 B 7.a)."""


def passing_rules(event: EventDef, group: str) -> int:
    """The group's `passing` value; 0 when all its sessions are TrackSprint or HillClimb; an
    error naming the group when it runs lapped sessions without one."""
    sessions = group_sessions(event, group)
    if sessions and all(s.format in RUN_FORMATS for s in sessions):
        return NO_PASSING
    found = event.group(group)
    if found is None or found.passing is None:
        raise InputError(f"group {group!r} runs Time Attack sessions but has no passing rules "
                         "value: add [[group]] name = ..., passing = 0..4 to the event file "
                         "(SCCA TT Appendix B 3.1.2 B 7)", source=f"event {event.id}",
                         field=f"group {group}")
    return found.passing


def participant_rows(
    facts: EventFacts, result: EventResult, marks: Mapping[str, Mark]
) -> list[list[str]]:
    # each car in the class it was scored in (a reclassification finding, docs/tech.md)
    entries = {e.number: e for e in entries_in_force(facts.entries, facts.decisions)}
    ranked = [r for r in result.entries if r.position is not None]
    unranked = sorted((r for r in result.entries if r.position is None),
                      key=lambda r: natural_key(r.number))
    listed = {r.number for r in result.entries}
    rows = []
    for item in ranked + unranked:
        entry = entries[item.number]
        rows.append(_row(facts.event, entry, item.position, item.class_position,
                         marks[item.number]))
    for number in sorted(set(entries) - listed, key=natural_key):
        rows.append(_row(facts.event, entries[number], None, None, marks[number]))
    return rows


def _row(event: EventDef, entry: Entry, position: int | None, class_position: int | None,
         mark: Mark) -> list[str]:
    make_model = " ".join(v for v in (entry.extra.get("make"), entry.extra.get("model")) if v)
    return [entry.first_name, entry.last_name, entry.extra.get("member_id", ""),
            _number(position), _number(class_position), make_model,
            str(passing_rules(event, entry.group)), "Yes" if mark.satisfactory else "No",
            entry.car_class]


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def participant_csv(facts: EventFacts, result: EventResult, marks: Mapping[str, Mark]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(participant_rows(facts, result, marks))
    return out.getvalue()
