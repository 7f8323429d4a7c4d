"""Season championship records (championship.md): the series definition, each event's class
results as the standings read them, officials' bonuses and identity merges.

Points are integer hundredths of a point (`centi`) everywhere in the core, so that the
two-decimal `percent-of-winner` scores add up exactly; a scheme says how many decimals it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple


class ScoresBy(StrEnum):
    """Who a series scores (championship.md, "Series file")."""

    DRIVER = "driver"
    TEAM = "team"


class BonusKind(StrEnum):
    """An official's bonus point (championship.md, "Event scores", `img`)."""

    ON_THE_MOVE = "on-the-move"
    FAST_FIVE = "fast-five"


class EventPart(StrEnum):
    """Which classification of a race event a series scores (`[[event]] part`): the race, or a
    SprintDuro's Sprint as its own sprint event result (endurance.md, "SprintDuro")."""

    RACE = "race"
    SPRINT = "sprint"


CLASS_WINNER = "class winner"
"""The bonus reason of the `img` scheme's automatic +1 to the class winner."""


@dataclass(frozen=True, slots=True)
class SeriesDef:
    """A series file's `[series]` and its `[[event]]`s, in file order."""

    id: str
    name: str
    scheme: str = "img"
    scores: ScoresBy = ScoresBy.DRIVER
    counted: int = 0
    """The best N event scores count; 0: all."""
    min_events: int = 0
    table: tuple[int, ...] = ()
    """`position-table` points by class position (places past the end score 0)."""
    tie_breaks: tuple[str, ...] = ("wins", "places", "last-event", "events")
    events: tuple[str, ...] = ()
    parts: tuple[tuple[str, EventPart], ...] = ()
    """(event id, part) of the events named with a `part` other than `race`."""

    def part_of(self, event_id: str) -> EventPart:
        return dict(self.parts).get(event_id, EventPart.RACE)


class ClassResult(NamedTuple):
    """One entry's result at one event, as a season reads it: from trackside's event results,
    from imported results (`results import`), or from a race classification.

    The competitor is the driver's `member_id`, else the normalised `driver` name; in a team
    series the normalised `team` (else the driver's name)."""

    event_id: str
    date: str
    number: str
    driver: str
    car_class: str
    status: str
    """`ok | no-time | excluded | disqualified` (core.results.Status values)."""
    class_position: int | None
    total_us: int | None = None
    best_lap_us: int | None = None
    member_id: str | None = None
    team: str | None = None


class EventInfo(NamedTuple):
    """An event of the series as the standings order it: by date, then the file's order."""

    id: str
    name: str
    date: str
    index: int
    """Its place in the series file (0-based)."""
    scored_by_trackside: bool = True


@dataclass(frozen=True, slots=True)
class Bonus:
    """An official's bonus point (`trackside series bonus`): audited, never edited."""

    id: int
    event_id: str
    number: str
    kind: BonusKind
    author: str = ""
    reason: str = ""
    created_us: int = 0


@dataclass(frozen=True, slots=True)
class Merge:
    """`trackside drivers merge SERIES A B`: identity `b` is `a` from now on (audited)."""

    id: int
    a: str
    """An identity key (`core.identities.identity_key`)."""
    b: str
    author: str = ""
    reason: str = ""
    created_us: int = 0
