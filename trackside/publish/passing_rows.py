"""Passings as the timing stand shows them (issue 15, "Timing stand"): the newest first with the
car holding each transponder, and the transponders no entry holds, each with how often and
when it was seen: what the timing chief assigns to a car."""

from __future__ import annotations

import heapq
from typing import Any

from trackside.core.records import EventFacts
from trackside.publish.formats import time_text

Doc = dict[str, Any]
RECENT = 25


def time_of_day(time_us: int) -> str:
    """`09:04:00.123` of a track time (the date is the event's)."""
    return (time_text(time_us) or "").split("T", 1)[-1]


def recent_passings(facts: EventFacts, count: int = RECENT) -> list[Doc]:
    """The newest `count` passings, newest first; `number` None for an unknown transponder."""
    numbers = {e.transponder: e.number for e in facts.entries}
    newest = heapq.nlargest(count, facts.passings, key=lambda p: p.time_us)
    return [{"time": time_of_day(p.time_us), "time_us": p.time_us,
             "transponder": p.transponder, "loop": p.loop or "",
             "number": numbers.get(p.transponder)} for p in newest]  # fmt: skip


def unknown_transponders(facts: EventFacts) -> list[Doc]:
    """Transponders seen that no entry holds, the last seen first: passings, first and last."""
    known = {e.transponder for e in facts.entries}
    seen: dict[str, list[int]] = {}
    for p in facts.passings:
        if p.transponder not in known:
            first_last = seen.setdefault(p.transponder, [p.time_us, p.time_us, 0])
            first_last[0] = min(first_last[0], p.time_us)
            first_last[1] = max(first_last[1], p.time_us)
            first_last[2] += 1
    rows = sorted(seen.items(), key=lambda item: (-item[1][1], item[0]))
    return [{"transponder": t, "passings": n, "first": time_of_day(first),
             "last": time_of_day(last)} for t, (first, last, n) in rows]  # fmt: skip
