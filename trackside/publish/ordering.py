"""Which entries a page shows and in what order: class filter, class groups, gaps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from trackside.core.records import EventFacts
from trackside.core.results import (
    EventEntryResult,
    EventResult,
    ScoredLap,
    SessionEntryResult,
    SessionResult,
)
from trackside.publish.formats import gap_us, natural_key

STATUS_ORDER = {"ok": 0, "no-time": 1, "excluded": 2, "disqualified": 3}


def in_class(car_class: str, wanted: str | None) -> bool:
    """True when no class is asked for or the class matches (case-insensitive)."""
    return wanted is None or car_class.casefold() == wanted.casefold()


def event_classes(facts: EventFacts) -> list[str]:
    """The classes the event's entries run in, S2 before S10."""
    return sorted({entry.car_class for entry in facts.entries}, key=natural_key)


def unknown_class(facts: EventFacts, wanted: str | None) -> str | None:
    """The one answer every front end gives a class the event does not have (a page's 404, the
    CLI's error): the class asked for and the event's classes. None when no class is asked for
    or one of the event's entries runs in it."""
    classes = event_classes(facts)
    if wanted is None or any(in_class(name, wanted) for name in classes):
        return None
    return (f"no class {wanted!r} in event {facts.event.id!r} "
            f"(its classes: {', '.join(classes) or 'none, no entries yet'})")  # fmt: skip


def _rank_key(position: int | None, status: str, index: int) -> tuple[int, int, int, int]:
    """Ranked entries by position; the rest after them by status, then in result order."""
    if position is not None:
        return (0, position, 0, index)
    return (1, 0, STATUS_ORDER.get(status, len(STATUS_ORDER)), index)


def event_entries(result: EventResult, car_class: str | None = None) -> list[EventEntryResult]:
    """Entries in overall order (unranked last), filtered to one class when asked."""
    chosen = [(i, e) for i, e in enumerate(result.entries) if in_class(e.car_class, car_class)]
    chosen.sort(key=lambda pair: _rank_key(pair[1].position, str(pair[1].status), pair[0]))
    return [entry for _, entry in chosen]


def round_time_us(entry: EventEntryResult, round_name: str) -> int | None:
    """The entry's time in the named round, None when it has none."""
    return next((r.time_us for r in entry.rounds if r.round == round_name), None)


def missed_rounds(entry: EventEntryResult, rounds: Iterable[str]) -> tuple[str, ...]:
    """The rounds the entry has no time in: why it ranks after entries with more rounds timed,
    whatever their totals (time-attack.md, "Event results": more rounds with a time first)."""
    return tuple(name for name in rounds if round_time_us(entry, name) is None)


@dataclass(frozen=True, slots=True)
class ClassGroup:
    """The entries of one class in class order, ranked ones first."""

    name: str
    entries: tuple[EventEntryResult, ...]

    @property
    def awards(self) -> int:
        return sum(1 for entry in self.entries if entry.award)

    @property
    def ranked(self) -> tuple[EventEntryResult, ...]:
        return tuple(e for e in self.entries if e.class_position is not None)

    @property
    def unranked(self) -> tuple[EventEntryResult, ...]:
        """No-time, excluded and disqualified entries: listed after the ranked ones."""
        return tuple(e for e in self.entries if e.class_position is None)


def class_groups(result: EventResult, car_class: str | None = None) -> list[ClassGroup]:
    """One group per class (S2 before S10), entries ordered by class position."""
    by_class: dict[str, list[tuple[int, EventEntryResult]]] = {}
    for index, entry in enumerate(result.entries):
        if in_class(entry.car_class, car_class):
            by_class.setdefault(entry.car_class, []).append((index, entry))
    groups = []
    for name in sorted(by_class, key=natural_key):
        members = sorted(
            by_class[name], key=lambda p: _rank_key(p[1].class_position, str(p[1].status), p[0])
        )
        groups.append(ClassGroup(name, tuple(entry for _, entry in members)))
    return groups


@dataclass(frozen=True, slots=True)
class SessionRow:
    """A session entry with its gap to the leader and to the car ahead (None when unranked)."""

    entry: SessionEntryResult
    gap_us: int | None
    interval_us: int | None

    @property
    def best_us(self) -> int | None:
        best = self.entry.best_lap
        return None if best is None else best.time_us


def session_entries(
    result: SessionResult, car_class: str | None = None
) -> list[SessionEntryResult]:
    """Entries ranked by session position (unranked last), filtered to one class when asked."""
    chosen = [(i, e) for i, e in enumerate(result.entries) if in_class(e.car_class, car_class)]
    chosen.sort(key=lambda pair: _rank_key(pair[1].position, str(pair[1].status), pair[0]))
    return [entry for _, entry in chosen]


def session_rows(result: SessionResult, car_class: str | None = None) -> list[SessionRow]:
    """Ranked list with gaps measured on the times as displayed (whole milliseconds)."""
    return list(_with_gaps(session_entries(result, car_class)))


def _with_gaps(entries: Iterable[SessionEntryResult]) -> Iterable[SessionRow]:
    leader_us: int | None = None
    ahead_us: int | None = None
    for entry in entries:
        best = entry.best_lap
        if entry.position is None or best is None:
            yield SessionRow(entry, None, None)
            continue
        if leader_us is None:
            leader_us = ahead_us = best.time_us
            yield SessionRow(entry, None, None)
            continue
        yield SessionRow(entry, gap_us(best.time_us, leader_us), gap_us(best.time_us, ahead_us))
        ahead_us = best.time_us


def shows_unknown(car_class: str | None) -> bool:
    """Unknown transponders belong to no class: shown only on the unfiltered pages."""
    return car_class is None


def fastest(laps: tuple[ScoredLap, ...]) -> ScoredLap | None:
    """The quickest lap of a transponder no entry claims (valid or not: it is never scored)."""
    return min(laps, key=lambda lap: (lap.time_us, lap.lap), default=None)
