"""Result records: what scoring produces and every renderer reads. Times in microseconds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from trackside.core.records import Flag


class Status(StrEnum):
    OK = "ok"
    NO_TIME = "no-time"
    EXCLUDED = "excluded"
    DISQUALIFIED = "disqualified"


class ScoredLap(NamedTuple):
    """A lap of a session with its number and, when it does not count, the reason why.

    A named tuple rather than a dataclass: a big event makes tens of thousands of them per
    recompute, and tuples are several times cheaper to build.
    """

    lap: int
    start_us: int
    end_us: int
    valid: bool
    reason: str | None = None

    @property
    def time_us(self) -> int:
        return self.end_us - self.start_us


@dataclass(frozen=True, slots=True)
class SessionEntryResult:
    number: str
    driver: str
    car_class: str
    group: str
    status: Status
    position: int | None
    best_lap: ScoredLap | None
    laps: tuple[ScoredLap, ...]

    @property
    def valid_laps(self) -> tuple[ScoredLap, ...]:
        return tuple(lap for lap in self.laps if lap.valid)


class FlagStanding(NamedTuple):
    """A recorded flag and the in-force `revoke-flag` decision that revoked it (None: in force)."""

    flag: Flag
    revoked_by: int | None


@dataclass(frozen=True, slots=True)
class UnknownTransponder:
    """Laps of a transponder no entry claims: kept and shown, never scored."""

    transponder: str
    passings: int
    laps: tuple[ScoredLap, ...]


@dataclass(frozen=True, slots=True)
class SessionResult:
    event_id: str
    session_id: str
    session_name: str
    scored: bool
    entries: tuple[SessionEntryResult, ...]
    unknown: tuple[UnknownTransponder, ...] = ()
    flags: tuple[FlagStanding, ...] = ()
    """Every flag recorded for the session, in time order, revoked ones too."""


@dataclass(frozen=True, slots=True)
class RoundTime:
    round: str
    time_us: int | None
    session: str | None
    lap: int | None
    set_us: int | None = None


@dataclass(frozen=True, slots=True)
class EventEntryResult:
    number: str
    driver: str
    car_class: str
    group: str
    status: Status
    position: int | None
    class_position: int | None
    award: bool
    total_us: int | None
    best_lap_us: int | None
    rounds: tuple[RoundTime, ...]
    penalty_us: int = 0


@dataclass(frozen=True, slots=True)
class EventResult:
    event_id: str
    event_name: str
    provisional: bool
    rounds: tuple[str, ...]
    entries: tuple[EventEntryResult, ...]
    generated_at: str = ""


def seconds(time_us: int | None) -> float | None:
    """Seconds with exactly millisecond precision, truncated as timing systems do."""
    if time_us is None:
        return None
    return (time_us // 1000) / 1000


def format_lap(time_us: int | None) -> str:
    """A lap or total as M:SS.mmm (or S.mmm under a minute); '' for no time."""
    if time_us is None:
        return ""
    ms = time_us // 1000
    minutes, rest = divmod(ms, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{minutes}:{secs:02d}.{millis:03d}" if minutes else f"{secs}.{millis:03d}"


NaturalKey = tuple[tuple[tuple[int, int | str], ...], str]
_RUNS = re.compile(r"\d+|\D+")


@lru_cache(maxsize=4096)
def natural_key(text: str) -> NaturalKey:
    """Sort key for car numbers and class names read as people read them: digits as numbers
    ("7" before "12", S2 before S10), a suffix after its number ("7" before "7A"), letters
    without regard to case; the text itself last, so the order is total and deterministic."""
    runs = _RUNS.findall(text.casefold())
    return tuple((0, int(r)) if r.isdigit() else (1, r) for r in runs), text
