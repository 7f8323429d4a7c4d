"""Championship points schemes and tie-break rules by name (championship.md, "Event scores",
"Season totals"), registered as `RULESETS` registers rulebooks: a club's own scheme is one more
`PointsScheme` in `SCHEMES`, a club's own tie-break one more `TieBreak` in `TIE_BREAKS`."""

from __future__ import annotations

from collections.abc import Sequence

from trackside.core.points_scheme import PointsScheme, TieBreak
from trackside.core.series_records import BonusKind, ClassResult
from trackside.core.standings import Line

# --- points schemes ------------------------------------------------------------------------------


def img_points(classified: Sequence[ClassResult], table: Sequence[int]) -> dict[str, int]:
    """max(1, min(n, 10) + 1 - class_position): a class of n <= 10 gives its winner n and its
    last 1; in bigger classes the winner scores 10 and 10th place onwards 1."""
    n = len(classified)
    return {r.number: 100 * max(1, min(n, 10) + 1 - (r.class_position or 0)) for r in classified}


def table_points(classified: Sequence[ClassResult], table: Sequence[int]) -> dict[str, int]:
    """`table[class_position - 1]`, 0 past the end of the table."""
    return {r.number: 100 * _at(table, r.class_position or 0) for r in classified}


def _at(table: Sequence[int], position: int) -> int:
    return table[position - 1] if 1 <= position <= len(table) else 0


def percent_points(classified: Sequence[ClassResult], table: Sequence[int]) -> dict[str, int]:
    """100 x the class winner's total / the entry's total, rounded to two decimals half up, on
    the totals as published (milliseconds); an entry with no total, or a winner without one,
    scores 0."""
    winner = next((r for r in classified if r.class_position == 1), None)
    best = None if winner is None or winner.total_us is None else winner.total_us // 1000
    points = {}
    for result in classified:
        own = None if result.total_us is None else result.total_us // 1000
        points[result.number] = 0 if not best or not own else (20_000 * best + own) // (2 * own)
    return points


IMG = PointsScheme("img", img_points, winner_bonus=100,
                   bonus_kinds=frozenset({BonusKind.ON_THE_MOVE, BonusKind.FAST_FIVE}),
                   citation="IMG series regulations (championship.md, `img`)")  # fmt: skip
POSITION_TABLE = PointsScheme("position-table", table_points, needs_table=True,
                              citation="championship.md, `position-table`")
PERCENT_OF_WINNER = PointsScheme("percent-of-winner", percent_points, decimals=2,
                                 citation="championship.md, `percent-of-winner`")

SCHEMES: dict[str, PointsScheme] = {s.name: s for s in (IMG, POSITION_TABLE, PERCENT_OF_WINNER)}


def points_scheme(name: str) -> PointsScheme:
    """The scheme `name`; KeyError naming the known ones."""
    try:
        return SCHEMES[name]
    except KeyError:
        raise KeyError(f"unknown points scheme {name!r}; known: "
                       f"{', '.join(sorted(SCHEMES))}") from None  # fmt: skip


# --- tie-breaks ----------------------------------------------------------------------------------


def _positions(line: Line) -> list[int]:
    return [s.class_position for s in line.scores if s.scored and s.class_position is not None]


def more_wins(line: Line, group: Sequence[Line]) -> int:
    """More class wins, counted and dropped events alike."""
    return -sum(1 for p in _positions(line) if p == 1)


def more_places(line: Line, group: Sequence[Line]) -> tuple[int, ...]:
    """More seconds, then more thirds, and so on, over all scored events."""
    last = max((p for other in group for p in _positions(other)), default=1)
    positions = _positions(line)
    return tuple(-positions.count(place) for place in range(2, last + 1))


def places_keys(group: Sequence[Line]) -> list[tuple[int, ...]]:
    """`more_places` for every line of the group at once."""
    positions = [_positions(line) for line in group]
    last = max((p for own in positions for p in own), default=1)
    keys = []
    for own in positions:
        counts = [0] * (last + 1)
        for place in own:
            if place >= 2:
                counts[place] -= 1
        keys.append(tuple(counts[2:]))
    return keys


def last_event(line: Line, group: Sequence[Line]) -> int:
    """The better class position at the latest event every tied competitor scored in (none:
    this rule does not break the tie)."""
    scored = [{s.event_id: s.class_position for s in other.scores if s.scored} for other in group]
    common = set.intersection(*(set(events) for events in scored))
    if not common:
        return 0
    latest = max(common, key=line.order.__getitem__)
    own = {s.event_id: s.class_position for s in line.scores if s.scored}
    return own[latest] or 0


def last_event_keys(group: Sequence[Line]) -> list[int]:
    """`last_event` for every line of the group at once."""
    scored = [{s.event_id: s.class_position for s in line.scores if s.scored} for line in group]
    common = set.intersection(*(set(events) for events in scored)) if scored else set()
    if not common:
        return [0] * len(group)
    latest = max(common, key=group[0].order.__getitem__)
    return [own[latest] or 0 for own in scored]


def more_events(line: Line, group: Sequence[Line]) -> int:
    """More events scored."""
    return -line.events


TIE_BREAKS: dict[str, TieBreak] = {rule.name: rule for rule in (
    TieBreak("wins", more_wins), TieBreak("places", more_places, group_keys=places_keys),
    TieBreak("last-event", last_event, group_keys=last_event_keys),
    TieBreak("events", more_events),
)}  # fmt: skip


def tie_breaks(names: Sequence[str]) -> tuple[TieBreak, ...]:
    """The rules named, in order; KeyError naming the first unknown one and the known ones."""
    unknown = [name for name in names if name not in TIE_BREAKS]
    if unknown:
        raise KeyError(f"unknown tie-break {unknown[0]!r}; known: {', '.join(TIE_BREAKS)}")
    return tuple(TIE_BREAKS[name] for name in names)


__all__ = ["SCHEMES", "TIE_BREAKS", "points_scheme", "tie_breaks"]
