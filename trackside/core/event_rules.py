"""How a rulebook ranks an event: the order of its tie-breaks and its awards.

The mechanisms are here (each tie-break a key on an entry's event result); which of them a
rulebook applies, in which order, and how many awards a class gets by default are the rulebook's
own, declared in `trackside/rules/` (e.g. SCCA TT VI.2.5, time-attack.md "Event results").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from trackside.core.results import EventEntryResult, NaturalKey, natural_key

NEVER = 1 << 62
"""Sorts after any real time."""


def _rounds_timed(result: EventEntryResult) -> int:
    """More rounds with a time first."""
    return -sum(1 for r in result.rounds if r.time_us is not None)


def _total(result: EventEntryResult) -> int:
    """Lower total first (the rulebooks' "cumulative time of fastest laps")."""
    return result.total_us if result.total_us is not None else NEVER


def _best_lap(result: EventEntryResult) -> int:
    """Faster single best lap or run first."""
    return result.best_lap_us if result.best_lap_us is not None else NEVER


def _first_set(result: EventEntryResult) -> int:
    """Whoever set that best time first."""
    timed = [r for r in result.rounds if r.time_us is not None]
    best = min(timed, key=lambda r: (r.time_us, r.set_us), default=None)
    return best.set_us if best is not None and best.set_us is not None else NEVER


TIE_BREAKS: dict[str, Callable[[EventEntryResult], int]] = {
    "rounds-timed": _rounds_timed,
    "total": _total,
    "best-lap": _best_lap,
    "first-set": _first_set,
}
"""Every ranking key a rulebook can name, by name."""


@dataclass(frozen=True, slots=True)
class EventRules:
    """A rulebook's event ranking: keys applied in order (car number last, for a stable order),
    and the awards per class when the event file does not say."""

    ranking: tuple[str, ...]
    awards_per_class: int
    citation: str
    _keys: tuple[Callable[[EventEntryResult], int], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        unknown = [name for name in self.ranking if name not in TIE_BREAKS]
        if unknown:
            raise ValueError(f"unknown ranking keys {unknown}; known: {', '.join(TIE_BREAKS)}")
        object.__setattr__(self, "_keys", tuple(TIE_BREAKS[name] for name in self.ranking))

    def rank_key(self, result: EventEntryResult) -> tuple[int | NaturalKey, ...]:
        """The rulebook's keys in order, then the car number (7 before 12)."""
        return (*(key(result) for key in self._keys), natural_key(result.number))
