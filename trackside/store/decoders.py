"""What the decoder client keeps in the journal besides passings: clock readings, and the
numbered passings it reads back to resume after a restart."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, func, select

from trackside.store.schema import decoder_clock, passings
from trackside.timing.p3.clock_reading import DecoderClock


def append_decoder_clock(conn: Connection, event_id: str, reading: DecoderClock) -> None:
    """Insert one clock reading (rows are never changed)."""
    conn.execute(decoder_clock.insert().values(event_id=event_id, **reading._asdict()))


def decoder_clocks(conn: Connection, event_id: str) -> list[DecoderClock]:
    """Every clock reading of an event, oldest first."""
    query = (
        select(*(decoder_clock.c[name] for name in DecoderClock._fields))
        .where(decoder_clock.c.event_id == event_id)
        .order_by(decoder_clock.c.id)
    )
    return [DecoderClock(*row) for row in conn.execute(query)]


def latest_offsets(conn: Connection, event_id: str) -> dict[str, int]:
    """The most recent clock offset of each decoder (epoch-qualified name)."""
    return {reading.decoder: reading.offset_us for reading in decoder_clocks(conn, event_id)}


def numbered_passings(conn: Connection, event_id: str) -> dict[str, list[tuple[int, str, int]]]:
    """``(passing_number, transponder, time_us)`` of every stored passing that has a decoder
    and a passing number, by decoder; the time is the decoder's own clock (as it reports it)."""
    raw_time = func.coalesce(passings.c.rtc_us, passings.c.time_us)
    query = select(
        passings.c.decoder, passings.c.passing_number, passings.c.transponder, raw_time
    ).where(
        passings.c.event_id == event_id,
        passings.c.decoder.is_not(None),
        passings.c.passing_number.is_not(None),
    )
    by_decoder: dict[str, list[tuple[int, str, int]]] = defaultdict(list)
    for decoder, number, transponder, time_us in conn.execute(query):
        by_decoder[decoder].append((number, transponder, time_us))
    return dict(by_decoder)
