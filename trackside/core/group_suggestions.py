"""Suggested run groups (SCCA TT VI.2.2.1.A "divided by competitor experience and license
grade without regard to class", Appendix C 3.2 "by experience, followed by class"; IMG's
Intermediate and Advanced groups) and the grid order inside each (VI.2.2.2: best times from
previous sessions). A suggestion only: the registrar decides. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from trackside.core.drivers import LicenseGrade
from trackside.core.records import EventDef, GroupDef
from trackside.core.results import natural_key

RULE = "SCCA TT VI.2.2.1.A, Appendix C 3.2; grid VI.2.2.2"


class Candidate(NamedTuple):
    number: str
    driver: str
    group: str
    """The group the entry is in now."""
    grade: LicenseGrade | None
    experience: int
    """Satisfactory events before this one."""
    best_us: int | None = None
    """The entry's best time in this event so far (the grid order)."""


class Suggestion(NamedTuple):
    group: str
    grid: int
    candidate: Candidate
    why: str


def _level(group: GroupDef) -> int:
    return LicenseGrade(group.min_license).rank if group.min_license else -1


def suggested_group(groups: Sequence[GroupDef], candidate: Candidate) -> tuple[str, str]:
    """The most demanding group the entry's license admits (the first of that level in the
    event file's order), and why."""
    rank = candidate.grade.rank if candidate.grade is not None else -1
    admitted = [g for g in groups if _level(g) <= rank]
    if not admitted:
        return candidate.group, "no group admits this license; left in its group"
    best = max(_level(g) for g in admitted)
    chosen = next(g for g in admitted if _level(g) == best)
    held = candidate.grade or "no license"
    return chosen.name, f"{held}, {candidate.experience} satisfactory events before"


def suggest_groups(event: EventDef, candidates: Sequence[Candidate]) -> list[Suggestion]:
    """Each entry's suggested group (groups with `min_license`; without any, the entries'
    own groups), grouped in the event file's order, each group in grid order: best time so
    far, then more experience, then car number."""
    groups = list(event.groups)
    placed: dict[str, list[tuple[Candidate, str]]] = {}
    for candidate in candidates:
        if any(g.min_license for g in groups):
            name, why = suggested_group(groups, candidate)
        else:
            name, why = candidate.group, "no [[group]] min_license in the event file"
        placed.setdefault(name, []).append((candidate, why))
    order = {g.name: i for i, g in enumerate(groups)}
    found = []
    for name in sorted(placed, key=lambda n: (order.get(n, len(order)), natural_key(n))):
        members = sorted(placed[name], key=lambda item: _grid_key(item[0]))
        found.extend(Suggestion(name, i, c, why) for i, (c, why) in enumerate(members, 1))
    return found


def _grid_key(candidate: Candidate) -> tuple:
    timed = candidate.best_us is not None
    return (not timed, candidate.best_us or 0, -candidate.experience,
            natural_key(candidate.number))
