"""A passing inserted by hand at the timing stand (issue 15, "Timing stand": a manual passing
insert, audited): a car crossed the line but its transponder was not read. The passing goes
into the journal on the start/finish loop, source `manual`, with who inserted it and why
(`store/manual_passings.py`); one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from trackside.core.records import Passing
from trackside.errors import InputError
from trackside.store.database import writing
from trackside.store.entries import stored_entries
from trackside.store.facts import event_in
from trackside.store.journal import append_passings
from trackside.store.manual_passings import ManualPassing, append_manual_passing

SOURCE = "manual"


@dataclass(frozen=True, slots=True)
class Inserted:
    record: ManualPassing
    passing: Passing


def insert_passing(
    engine: Engine, event_id: str, number: str, at_us: int, author: str, reason: str
) -> Inserted:
    """Insert a passing of car `number` at `at_us` on the start/finish loop, by `author`;
    refused when the journal already holds that passing."""
    if not reason.strip():
        raise InputError("say why: give the reason", source="option --reason")
    with writing(engine) as conn:
        event = event_in(conn, event_id)
        entry = stored_entries(conn, event_id).get(number)
        if entry is None:
            raise InputError(f"car {number!r} is not entered in event {event_id!r}",
                             source="argument NUMBER")  # fmt: skip
        passing = Passing(at_us, entry["transponder"], event.track.start_finish_loop,
                          source=SOURCE)  # fmt: skip
        if append_passings(conn, event_id, [(passing, None)]) != 1:
            raise InputError(f"car {number!r} already has this passing (transponder "
                             f"{passing.transponder!r} at that time)", source="option --at")
        record = append_manual_passing(conn, event_id, passing.identity, number, author,
                                       reason)  # fmt: skip
    return Inserted(record, passing)
