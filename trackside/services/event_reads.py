"""What the live commands read before they start: that the event exists, its stored passings
(for the decoder simulator), its decoder clock readings."""

from __future__ import annotations

from sqlalchemy import Engine

from trackside.core.records import Passing
from trackside.errors import InputError
from trackside.store.decoders import decoder_clocks
from trackside.store.events import event_exists
from trackside.store.facts import read_passings, unknown_event
from trackside.timing.p3.clock_reading import DecoderClock


def require_stored_event(engine: Engine, event_id: str, source: str = "argument EVENT") -> None:
    """InputError naming `source` when no such event is stored."""
    with engine.connect() as conn:
        if not event_exists(conn, event_id):
            error = unknown_event(event_id)
            raise InputError(error.message, source=source)


def event_passings(engine: Engine, event_id: str) -> tuple[Passing, ...]:
    """The event's stored passings in time order."""
    require_stored_event(engine, event_id)
    return read_passings(engine, event_id)


def decoder_readings(engine: Engine, event_id: str) -> list[DecoderClock]:
    """Every decoder clock reading of the event, oldest first."""
    require_stored_event(engine, event_id)
    with engine.connect() as conn:
        return decoder_clocks(conn, event_id)
