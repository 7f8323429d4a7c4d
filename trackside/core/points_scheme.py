"""What a points scheme and a tie-break rule are to the standings (championship.md): the
schemes and rules themselves are rulebook data, registered by name in `rules/points.py`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from trackside.core.series_records import BonusKind, ClassResult

ClassPoints = Callable[[Sequence[ClassResult], Sequence[int]], dict[str, int]]
"""(a class's classified results at one event, the series' `table`) -> car number -> points in
hundredths."""


@dataclass(frozen=True, slots=True)
class PointsScheme:
    """A series' points scheme: the points of a class's classified entries at one event, and
    the bonuses it gives."""

    name: str
    points: ClassPoints
    decimals: int = 0
    """How points are shown: 0 (integers) or 2."""
    winner_bonus: int = 0
    """Hundredths added to the class winner's score ("class winner")."""
    bonus_kinds: frozenset[BonusKind] = frozenset()
    """The officials' bonuses the scheme gives (+1 each, one of each kind per class and event)."""
    needs_table: bool = False
    citation: str = ""


TieKey = Callable[[Any, Sequence[Any]], Any]
"""(a competitor's standing line, the lines tied with it, itself included) -> a sort key; the
smaller key is ahead, equal keys leave the tie to the next rule."""

GroupKeys = Callable[[Sequence[Any]], list[Any]]
"""The tied lines -> their keys in the same order, all at once: what `TieKey` gives each line,
for a rule whose key depends on the whole group (computed once, not once per line)."""


@dataclass(frozen=True, slots=True)
class TieBreak:
    """A named rule breaking ties on total (championship.md, "Season totals")."""

    name: str
    key: TieKey = field(compare=False)
    citation: str = ""
    group_keys: GroupKeys | None = field(default=None, compare=False)
    """Optional: the same keys as `key` for a whole group at once (a tied group of hundreds in
    a big class makes a per-line key that looks at the group quadratic)."""

    def keys_of(self, group: Sequence[Any]) -> list[Any]:
        """Each line's key, in the group's order."""
        if self.group_keys is not None:
            return self.group_keys(group)
        return [self.key(line, group) for line in group]
