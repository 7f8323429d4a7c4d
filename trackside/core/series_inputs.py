"""Each event's class results as a season reads them (`ClassResult`), from trackside's own
results: an event's `EventResult`, or, when its scored sessions include a race (endurance.md),
the race classification: one `ClassResult` per car with its class position, `ok` when
classified (status ok or dnf) and otherwise its race status (not classified), and the entry's
`team` as the team a `scores = "team"` series scores. A SprintDuro's Sprint part scores as its
own sprint event result when the series names the event with `part = "sprint"`
(championship.md, docs/championship.md)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from trackside.core.race_results import RaceResult, RaceSessionResult, RaceStatus
from trackside.core.records import Entry, EventDef
from trackside.core.results import EventResult
from trackside.core.series_records import ClassResult, EventPart

CLASSIFIED = frozenset({RaceStatus.OK, RaceStatus.DNF})
"""Race statuses a season counts as classified (endurance.md, "Classification")."""


def class_results(
    event: EventDef, result: EventResult, entries: Sequence[Entry],
    sessions: Mapping[str, Any] | None = None, part: EventPart = EventPart.RACE,
) -> tuple[ClassResult, ...]:
    """One `ClassResult` per entry: from the event's race (the last race session in the event
    file) when `sessions` holds one, else from the event result; ValueError when `part` is the
    Sprint and the event has no race with a Sprint."""
    race = race_classification(event, sessions or {}, part)
    if race is not None:
        return race_class_results(event, race, entries)
    if part is EventPart.SPRINT:
        raise ValueError(f"event {event.id!r} has no race with a Sprint part")
    by_number = {entry.number: entry for entry in entries}
    out = []
    for row in result.entries:
        entry = by_number.get(row.number)
        extra = entry.extra if entry is not None else {}
        out.append(ClassResult(
            event.id, event.date, row.number, row.driver, row.car_class, str(row.status),
            row.class_position, row.total_us, row.best_lap_us,
            extra.get("member_id") or None, extra.get("team") or None,
        ))  # fmt: skip
    return tuple(out)


def race_classification(
    event: EventDef, sessions: Mapping[str, Any], part: EventPart = EventPart.RACE
) -> RaceResult | None:
    """The classification a season takes from the event's last race session (its Sprint for
    `part` sprint); None when no scored session is a race; ValueError for a Sprint part the
    race does not have."""
    races = [sessions[s.id] for s in event.sessions
             if isinstance(sessions.get(s.id), RaceSessionResult)]  # fmt: skip
    if not races:
        return None
    chosen: RaceSessionResult = races[-1]
    if part is EventPart.SPRINT:
        if chosen.sprint is None:
            raise ValueError(f"event {event.id!r}: race {chosen.session_id!r} has no Sprint part "
                             "(sprint_min)")  # fmt: skip
        return chosen.sprint
    return chosen.race


def has_sprint(event: EventDef) -> bool:
    """The event's last race session has a Sprint part (`sprint_min`)."""
    races = [s for s in event.sessions if s.format == "race"]
    return bool(races) and races[-1].race is not None and races[-1].race.sprint_us is not None


def race_class_results(
    event: EventDef, race: RaceResult, entries: Sequence[Entry]
) -> tuple[ClassResult, ...]:
    """One `ClassResult` per car of the classification, in its order."""
    by_number = {entry.number: entry for entry in entries}
    out = []
    for car in race.entries:
        entry = by_number.get(car.number)
        extra = entry.extra if entry is not None else {}
        classified = car.status in CLASSIFIED and car.class_position is not None
        out.append(ClassResult(
            event.id, event.date, car.number, car.driver, car.car_class,
            "ok" if classified else str(car.status), car.class_position if classified else None,
            car.race_time_us, None if car.best_lap is None else car.best_lap.time_us,
            extra.get("member_id") or None, car.team or extra.get("team") or None,
        ))  # fmt: skip
    return tuple(out)
