"""What the P3 decoder recorder reads from the journal to resume, and writes to it: each read's
passings and clock readings in one small transaction (see ``docs/decoder.md``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import Engine

from trackside.core.clock import at_time_of_day
from trackside.store.database import writing
from trackside.store.decoders import append_decoder_clock, decoder_clocks, numbered_passings
from trackside.store.facts import event_in
from trackside.store.journal import append_passings
from trackside.timing.p3.clock_map import Placed
from trackside.timing.p3.clock_reading import DecoderClock
from trackside.timing.p3.intake import Stored


class DecoderResume(NamedTuple):
    """What a (re)started recorder picks up from the journal."""

    stored: Stored
    """The numbered passings already stored, by decoder."""
    event_start_us: int
    """The event's date, 00:00 track time."""
    readings: list[DecoderClock]
    """The decoder clock readings, oldest first."""


def decoder_resume(engine: Engine, event_id: str) -> DecoderResume:
    """The journal state a recorder resumes from (InputError for an unknown event)."""
    with engine.connect() as conn:
        event = event_in(conn, event_id)
        start_us = at_time_of_day(event.date, "00:00")
        return DecoderResume(numbered_passings(conn, event_id), start_us,
                             decoder_clocks(conn, event_id))  # fmt: skip


def record_decoder_read(
    engine: Engine, event_id: str, placed: Sequence[Placed], clocks: Sequence[DecoderClock]
) -> int:
    """One transaction: a read's passings (at track time, with their decoder clock) and clock
    readings; returns the passings added (ones already stored are not added again)."""
    with writing(engine) as conn:
        rows = [(passing, None) for passing, _rtc in placed]
        rtc_us = {passing.identity: rtc for passing, rtc in placed}
        added = append_passings(conn, event_id, rows, rtc_us=rtc_us) if rows else 0
        for reading in clocks:
            append_decoder_clock(conn, event_id, reading)
    return added
