"""Passings as the timing stand shows them (issue 15, "Timing stand"): the newest first with the
car holding each transponder, and the transponders no entry holds, each with how often and
when it was seen: what the timing chief assigns to a car."""

from __future__ import annotations

from collections import Counter
from operator import attrgetter
from typing import Any

from trackside.core.records import EventFacts
from trackside.publish.formats import time_text

Doc = dict[str, Any]
RECENT = 25
_TRANSPONDER = attrgetter("transponder")


def time_of_day(time_us: int) -> str:
    """`09:04:00.123` of a track time (the date is the event's)."""
    return (time_text(time_us) or "").split("T", 1)[-1]


def recent_passings(facts: EventFacts, count: int = RECENT) -> list[Doc]:
    """The newest `count` passings, newest first; `number` None for an unknown transponder.
    The facts' passings are in time order (as `store.load_facts` and the live engine hold
    them): the newest are the last."""
    numbers = {e.transponder: e.number for e in facts.entries}
    newest = facts.passings[:-count - 1:-1] if count else ()
    return [{"time": time_of_day(p.time_us), "time_us": p.time_us,
             "transponder": p.transponder, "loop": p.loop or "",
             "number": numbers.get(p.transponder)} for p in newest]  # fmt: skip


def unknown_transponders(facts: EventFacts) -> list[Doc]:
    """Transponders seen that no entry holds, the last seen first: passings, first and last.

    Counted at C speed (`Counter` over the transponder column, `list.index` for the first and
    last of each unknown one): the timing stand asks on every update of a day of 30,000
    passings (`bench/console_live.py`)."""
    known = {e.transponder for e in facts.entries}
    column = list(map(_TRANSPONDER, facts.passings))  # in time order
    counts = Counter(column)
    backwards = column[::-1]
    rows = []
    for transponder, count in counts.items():
        if transponder in known:
            continue
        first = facts.passings[column.index(transponder)].time_us
        last = facts.passings[len(column) - 1 - backwards.index(transponder)].time_us
        rows.append((last, transponder, count, first))
    rows.sort(key=lambda row: (-row[0], row[1]))
    return [{"transponder": t, "passings": n, "first": time_of_day(first),
             "last": time_of_day(last)} for last, t, n, first in rows]  # fmt: skip
