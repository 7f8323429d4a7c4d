"""Compliance query fees and the filing deadline (SCCA TT, Rules Compliance Query 3): data and
small functions. Amounts in whole dollars; times in microseconds of local track time."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from trackside.core.clock import parse_local_time
from trackside.core.records import EventDef

FREE = 0
PENULTIMATE_AFTER_LUNCH = 100
FINAL_DAY = 500

RULE_3A = "Rules Compliance Query 3.A"
RULE_3B = "Rules Compliance Query 3.B"
RULE_3C = "Rules Compliance Query 3.C"
RULE_3D = "Rules Compliance Query 3.D"
RULE_3G = "Rules Compliance Query 3.G"
RULE_3G_TEXT = ("A query should be filed as soon as there is a question raised and shall not be "
                "filed after the vehicle/driver has finished their final competition run or "
                "released from impound – whichever comes last.")  # fmt: skip
WAIVER_ROLES = ("event-lead", "competition-director")
"""Who may waive a fee (Rules Compliance Query 3.E)."""


class Fee(NamedTuple):
    dollars: int
    rule: str


def competition_days(event: EventDef) -> list[str]:
    """The event's `date` through `date + days - 1` (officials.md)."""
    first = dt.date.fromisoformat(event.date)
    return [(first + dt.timedelta(days=n)).isoformat() for n in range(event.days)]


def query_fee(event: EventDef, filed_us: int, *, official: bool = False) -> Fee:
    """The fee for a query filed at `filed_us`: $0 by an official (3.D); $0 before the
    penultimate day or on it through the end of lunch (3.A); $100 after lunch on the
    penultimate day (3.B); $500 on the final day (3.C; a one-day event's one day is final)."""
    if official:
        return Fee(FREE, RULE_3D)
    days = competition_days(event)
    final_starts = parse_local_time(f"{days[-1]}T00:00:00")
    if filed_us >= final_starts:
        return Fee(FINAL_DAY, RULE_3C)
    if len(days) >= 2:
        lunch_end = parse_local_time(f"{days[-2]}T{_clock(event.lunch_end)}")
        if filed_us > lunch_end:
            return Fee(PENULTIMATE_AFTER_LUNCH, RULE_3B)
    return Fee(FREE, RULE_3A)


def _clock(text: str) -> str:
    return text if text.count(":") == 2 else f"{text}:00"


def filing_closes(final_run_us: int | None, released_us: int | None) -> int | None:
    """When filing about a car closes (3.G): after its final competition run and its impound
    release, whichever is later; None while its final run is not over."""
    if final_run_us is None:
        return None
    return max(final_run_us, released_us) if released_us is not None else final_run_us
