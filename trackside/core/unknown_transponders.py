"""Transponders seen on the line that no entry holds (issue 15, "Registration desk"): how many
passings each has and when it was first and last seen, for the registrar to assign it to a car
(console.md: transponders are the registrar's)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import NamedTuple

from trackside.core.records import Passing


class SeenTransponder(NamedTuple):
    transponder: str
    passings: int
    first_us: int
    last_us: int


def unknown_transponders(
    held: Collection[str], passings: Iterable[Passing]
) -> tuple[SeenTransponder, ...]:
    """Every transponder of `passings` not in `held` (the entries' transponders), the most
    passings first (then the earliest seen, then by name): its passing count and first and
    last passing times."""
    seen: dict[str, list[int]] = {}
    for p in passings:
        if p.transponder in held:
            continue
        found = seen.get(p.transponder)
        if found is None:
            seen[p.transponder] = [1, p.time_us, p.time_us]
        else:
            found[0] += 1
            found[1] = min(found[1], p.time_us)
            found[2] = max(found[2], p.time_us)
    rows = [SeenTransponder(t, n, first, last) for t, (n, first, last) in seen.items()]
    return tuple(sorted(rows, key=lambda r: (-r.passings, r.first_us, r.transponder)))
