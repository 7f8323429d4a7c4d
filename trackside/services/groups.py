"""Group suggestions for an event (`core/group_suggestions.py`): each entry's license grade
and experience (satisfactory events before this one) from the drivers' histories."""

from __future__ import annotations

from sqlalchemy import Engine

from trackside.core.entry_checks import CheckedEntry, entry_grade
from trackside.core.group_suggestions import Candidate, Suggestion, suggest_groups
from trackside.errors import InputError
from trackside.services.licenses import EventMarks, driver_history
from trackside.services.session_cache import scored_event
from trackside.store.database import writing
from trackside.store.drivers import stored_drivers
from trackside.store.entries import replace_entries, stored_entries


def group_suggestions(engine: Engine, event_id: str) -> list[Suggestion]:
    facts, scored = scored_event(engine, event_id)
    best = {e.number: e.best_lap_us for e in scored.event.entries}
    members = {e.number: e.extra.get("member_id") for e in facts.entries}
    with engine.connect() as conn:
        drivers = stored_drivers(conn, [m for m in members.values() if m])
    cache: EventMarks = {}
    candidates = []
    for entry in facts.entries:
        member = members[entry.number]
        history = driver_history(engine, member, cache) if member in drivers else []
        experience = sum(1 for h in history if h.satisfactory and h.date < facts.event.date)
        grade = entry_grade(CheckedEntry(0, entry.number, entry.group, member,
                                         entry.extra.get("license")), drivers.get(member or ""))
        candidates.append(Candidate(entry.number, entry.driver, entry.group, grade, experience,
                                    best.get(entry.number)))
    return suggest_groups(facts.event, candidates)


def accept_groups(
    engine: Engine, event_id: str, by: str, numbers: list[str] | None = None
) -> list[tuple[str, str, str]]:
    """Move the entries (all, or `numbers`) to their suggested groups: each moved entry is a
    new version of it by `by` (the registrar's decision, `entry_versions`). Returns (number,
    from group, to group) of each move."""
    if not by.strip():
        raise InputError("say who: give --by NAME", source="option --by")
    found = {s.candidate.number: s for s in group_suggestions(engine, event_id)}
    for number in numbers or ():
        if number not in found:
            raise InputError(f"car {number!r} is not entered in event {event_id!r}",
                             source="option --car")
    chosen = [found[n] for n in (numbers or list(found))]
    moves = [(s.candidate.number, s.candidate.group, s.group) for s in chosen
             if s.group != s.candidate.group]
    if not moves:
        return []
    with writing(engine) as conn:
        stored = stored_entries(conn, event_id)
        rows = [{**stored[number], "run_group": to} for number, _, to in moves]
        replace_entries(conn, event_id, rows, by.strip())
    return moves
