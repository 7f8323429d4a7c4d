"""Ranking on total with tie-breaks (championship.md, "Season totals"): equal totals are
broken by the series' rules in order, each splitting the tied competitors by its key; a tie no
rule breaks shares the position and the next position skips (1, 2, 2, 4)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import groupby
from typing import Any, TypeVar

from trackside.core.points_scheme import TieBreak

T = TypeVar("T")


def ranked(
    lines: Sequence[T], total: Callable[[T], int], rules: Sequence[TieBreak]
) -> list[tuple[T, int, str | None]]:
    """(line, position, the rule that broke its tie or None) in standings order."""
    ordered = sorted(lines, key=lambda line: -total(line))
    out: list[tuple[T, int, str | None]] = []
    for _, tied in groupby(ordered, key=total):
        for group, rule in split(list(tied), rules):
            position = len(out) + 1
            out.extend((line, position, rule) for line in group)
    return out


def split(
    group: list[T], rules: Sequence[TieBreak], broke_by: str | None = None
) -> list[tuple[list[T], str | None]]:
    """The tied group as ordered sub-groups: alone ones with the rule that set them apart, the
    ones no rule separates together (rule None)."""
    if len(group) == 1:
        return [(group, broke_by)]
    if not rules:
        return [(group, None)]
    rule, rest = rules[0], rules[1:]
    keys: dict[int, Any] = {
        id(line): key for line, key in zip(group, rule.keys_of(group), strict=True)}
    ordered = sorted(group, key=lambda line: keys[id(line)])
    parts = [list(part) for _, part in groupby(ordered, key=lambda line: keys[id(line)])]
    if len(parts) == 1:
        return split(group, rest, broke_by)
    return [sub for part in parts for sub in split(part, rest, rule.name)]
