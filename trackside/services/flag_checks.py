"""Flags refused before they are stored: a time outside the event's days, or a checkered
before its session's first green (a keyed-in mistake: interfaces.md, Flags). A recorded
RMonitor feed's own flags are what was shown, so its imports do not pass through here."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from trackside.core.clock import format_local_time
from trackside.core.records import EventDef, Flag, FlagState


def event_days(event: EventDef) -> tuple[str, str]:
    """The event's first and last day (`date` .. `date + days - 1`), ISO dates."""
    first = date.fromisoformat(event.date)
    return first.isoformat(), (first + timedelta(days=max(event.days, 1) - 1)).isoformat()


def flag_refusal(event: EventDef, flag: Flag, in_force: Iterable[Flag]) -> str | None:
    """Why `flag` cannot be recorded beside the flags in force (None: it can)."""
    return _outside_days(event, flag) or _checkered_before_green(flag, in_force)


def _outside_days(event: EventDef, flag: Flag) -> str | None:
    first, last = event_days(event)
    shown = format_local_time(flag.time_us)
    if first <= shown[:10] <= last:
        return None
    days = first if first == last else f"{first} to {last}"
    return f"{flag.state} at {shown} is outside the days of event {event.id!r} ({days})"


def _checkered_before_green(flag: Flag, in_force: Iterable[Flag]) -> str | None:
    if flag.state is not FlagState.CHECKERED:
        return None
    greens = [f.time_us for f in in_force
              if f.session_id == flag.session_id and f.state is FlagState.GREEN]  # fmt: skip
    first = min(greens, default=None)
    if first is not None and first <= flag.time_us:
        return None
    since = "no green recorded" if first is None else f"first green {format_local_time(first)}"
    return (f"checkered at {format_local_time(flag.time_us)} comes before the first green of "
            f"session {flag.session_id} ({since})")
