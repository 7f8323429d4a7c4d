"""Where an event stands, from its sessions' phases (`core.session_clock`): what the event page
heads its links with, so that a finished event's page does not say "Now"."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from trackside.core.session_clock import Phase

EventPhase = Literal["live", "between", "upcoming", "finished"]
HEADINGS: dict[EventPhase, str] = {
    "live": "Now",
    "between": "Today",
    "upcoming": "Coming up",
    "finished": "Results",
}


def event_phase(phases: Iterable[Phase]) -> EventPhase:
    """`live` while a session runs or is stopped by a red flag; `finished` once every session
    has finished; `upcoming` before any has started; `between` sessions otherwise."""
    seen = set(phases)
    if seen & {"running", "stopped"}:
        return "live"
    if seen == {"finished"}:
        return "finished"
    if "finished" in seen:
        return "between"
    return "upcoming"
