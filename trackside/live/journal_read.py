"""Queries the live engine runs against the journal: new rows by id, and per-event fingerprints."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, Table, func, select

from trackside.core.records import Decision, DecisionKind, Flag, FlagState, Passing
from trackside.store.schema import decisions, entries, events, flags, passings


def rows_after(conn: Connection, table: Table, last: int, holes: list[int]) -> list[Any]:
    """Rows with `id > last`, and those of `holes` that have appeared, in id order."""
    columns = _COLUMNS[table.name]
    query: Select = select(table.c.id, table.c.event_id, *columns).where(table.c.id > last)
    found = list(conn.execute(query.order_by(table.c.id)))
    if holes:
        late = select(table.c.id, table.c.event_id, *columns).where(table.c.id.in_(holes))
        found = sorted([*conn.execute(late), *found], key=lambda row: row[0])
    return found


def last_ids(conn: Connection) -> dict[str, int]:
    """The highest id of each journal table (0 when empty)."""
    return {
        table.name: conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
        for table in (passings, flags, decisions)
    }


_COLUMNS = {
    "passings": (passings.c.time_us, passings.c.transponder, passings.c.loop,
                 passings.c.decoder, passings.c.passing_number, passings.c.source),
    "flags": (flags.c.session_id, flags.c.state, flags.c.time_us),
    "decisions": tuple(c for c in decisions.c if c.name not in ("id", "event_id")),
}  # fmt: skip


def as_passing(row: Any) -> Passing:
    return Passing(*row[2:])


def as_flag(row: Any) -> Flag:
    session_id, state, time_us = row[2:]
    return Flag(session_id, FlagState(state), time_us)


def as_decision(row: Any) -> Decision:
    values = dict(zip((c.name for c in _COLUMNS["decisions"]), row[2:], strict=True))
    return Decision(id=row[0], **{**values, "kind": DecisionKind(values["kind"])})


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the engine compares to notice missed rows or re-imported definitions."""

    passings: int
    flags: int
    decisions: int
    definitions: str


def fingerprints(conn: Connection, event_ids: Iterable[str]) -> dict[str, Fingerprint]:
    """Row counts and a digest of the definition and entries of each event."""
    wanted = sorted(set(event_ids))
    counts = {t.name: _counts(conn, t, wanted) for t in (passings, flags, decisions)}
    digests = _definition_digests(conn, wanted)
    return {
        eid: Fingerprint(
            counts["passings"].get(eid, 0), counts["flags"].get(eid, 0),
            counts["decisions"].get(eid, 0), digests.get(eid, ""),
        )  # fmt: skip
        for eid in wanted
    }


def _counts(conn: Connection, table: Table, event_ids: list[str]) -> dict[str, int]:
    query = (
        select(table.c.event_id, func.count())
        .where(table.c.event_id.in_(event_ids))
        .group_by(table.c.event_id)
    )
    return dict(conn.execute(query).all())  # type: ignore[arg-type]


def _definition_digests(conn: Connection, event_ids: list[str]) -> dict[str, str]:
    digests = {eid: hashlib.sha1() for eid in event_ids}
    for eid, updated in conn.execute(
        select(events.c.id, events.c.updated_us).where(events.c.id.in_(event_ids))
    ):
        digests[eid].update(repr(updated).encode())
    query = (
        select(entries.c.event_id, entries.c.number, entries.c.transponder, entries.c.first_name,
               entries.c.last_name, entries.c.car_class, entries.c.run_group)
        .where(entries.c.event_id.in_(event_ids))
        .order_by(entries.c.event_id, entries.c.number)
    )  # fmt: skip
    for row in conn.execute(query):
        digests[row[0]].update(repr(tuple(row[1:])).encode())
    return {eid: digest.hexdigest() for eid, digest in digests.items()}
