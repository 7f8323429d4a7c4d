"""Results' publication state and the rulebook's reporting deadlines (SCCA TT Appendix B
3.1.1: official results within seven days of the event; 3.1.2: the Event and Participant
Report within fourteen days)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trackside.core.decisions import active_decisions
from trackside.core.records import DecisionKind, EventFacts

RESULTS_DAYS = 7
REPORT_DAYS = 14


@dataclass(frozen=True, slots=True)
class Publication:
    official: bool
    """False: the results are provisional."""
    by: str | None
    at_us: int | None
    last_day: str
    results_due: str
    """Official results to every entrant by this date (Appendix B 3.1.1)."""
    report_due: str
    """The Event and Participant Report to the National Office by this date (3.1.2)."""


def last_day(facts: EventFacts) -> str:
    first = dt.date.fromisoformat(facts.event.date)
    return (first + dt.timedelta(days=facts.event.days - 1)).isoformat()


def publication(facts: EventFacts) -> Publication:
    """Who declared the results official and when (the newest `results-official` decision in
    force: `trackside finalize`), and the deadlines counted from the event's last day."""
    declared = [d for d in active_decisions(facts.decisions)
                if d.kind is DecisionKind.RESULTS_OFFICIAL]
    newest = declared[-1] if declared else None
    end = dt.date.fromisoformat(last_day(facts))
    return Publication(
        official=newest is not None,
        by=newest.author if newest else None,
        at_us=newest.created_us if newest else None,
        last_day=end.isoformat(),
        results_due=(end + dt.timedelta(days=RESULTS_DAYS)).isoformat(),
        report_due=(end + dt.timedelta(days=REPORT_DAYS)).isoformat(),
    )
