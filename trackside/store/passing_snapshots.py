"""An event's passings packed in one row, read instead of every passing row (issue 10, "scoring
near the read floor").

Reading the tens of thousands of passing rows of a day costs more than scoring them: the driver
builds a tuple and four new strings for every row. The journal only grows (nothing in
`schema.JOURNAL` is ever updated or deleted), so the passings with ids up to some `last_id` are
the same set for ever: a snapshot (`schema.passing_snapshots`) holds them in time order, column
by column, written with `marshal`, their repeated strings (transponders, loops, decoders,
sources) interned so that each is written and read back once, with `count`, how many there were,
and before them their read times per transponder and loop (`core/read_times.py`): the lap scorer
takes those, so a recompute decodes only them, and the passing records only when something looks
at one. An event's passings are then the snapshot and the rows after `last_id`, merged in time
order (the newest id, `ix_passings_event_id`, tells whether there are any), as an
`IndexedPassings`. On PostgreSQL an id taken earlier can be committed later, so there every read
counts the rows up to `last_id`, and a snapshot that misses a row is not used (nor one in a
format this Python cannot read): the rows are read instead. SQLite has one writer at a time,
giving ids that only grow, so no row with an id up to `last_id` can appear after the snapshot
was read.

`load_facts` writes a new snapshot after a read that found `REFRESH_ROWS` or more rows outside
the snapshot (a new day, a live day's latest passings), in a transaction of its own that waits
at most 250 ms for SQLite's write lock; a failed write is logged, never the read's failure. Not
part of the journal (`schema.CACHES`): deleting a snapshot loses nothing.
"""

from __future__ import annotations

import logging
import marshal
import sys
import time
from dataclasses import dataclass
from functools import partial
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from trackside.core.read_times import IndexedPassings, ReadTimes
from trackside.core.records import Passing
from trackside.store.plain_sql import Connection, dialect_name, execute_many, first, rows, scalar
from trackside.store.sqlite_file import SqliteFile

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger(__name__)

FORMAT = f"marshal-{marshal.version}-passings2"
"""The payload's layout: (`ReadTimes`, the marshalled list per `Passing` field in time order),
so the read times decode without the passings."""
REFRESH_ROWS = 1000
"""A read finding this many rows outside the snapshot writes a new one (`load_facts`)."""
PASSING_COLUMNS = "time_us, transponder, loop, decoder, passing_number, source"
"""A passing row's columns in `Passing` field order."""

as_passing = partial(tuple.__new__, Passing)
"""A fetched row (in `Passing` field order) as a `Passing`, without per-field arguments."""

_SNAPSHOT = ("SELECT last_id, count, format, payload FROM passing_snapshots "
             "WHERE event_id = :event_id")
_UP_TO = "SELECT count(*) FROM passings WHERE event_id = :event_id AND id <= :last_id"
_NEWEST = "SELECT max(id) FROM passings WHERE event_id = :event_id"
_AFTER = (f"SELECT id, {PASSING_COLUMNS} FROM passings WHERE event_id = :event_id "
          "AND id > :last_id ORDER BY time_us, id")


@dataclass(frozen=True, slots=True)
class PassingRead:
    """An event's passings in time order (then id), and how they were read."""

    passings: IndexedPassings
    last_id: int
    """The highest passing id read (0 for none)."""
    outside: int
    """How many of them were read as rows, not from the snapshot."""


def read_passings_in(conn: Connection, event_id: str) -> PassingRead:
    """The event's passings: its snapshot, if it still holds every row up to its `last_id`,
    and the rows after it; else every row."""
    snapshot = first(conn, _SNAPSHOT, {"event_id": event_id})
    if snapshot is not None:
        last_id, count, layout, payload = snapshot
        if layout == FORMAT and _whole(conn, event_id, last_id, count):
            after = _after(conn, event_id, last_id)
            read_times, columns = marshal.loads(bytes(payload))
            later = [as_passing(row[1:]) for row in after]
            passings = IndexedPassings.later(partial(_decoded, columns, later),
                                             count + len(later), _added(read_times, later))
            return PassingRead(passings, _last(after, last_id), len(after))
    every = _after(conn, event_id, 0)
    passings = IndexedPassings(as_passing(row[1:]) for row in every)
    return PassingRead(passings, _last(every, 0), len(every))


def _whole(conn: Connection, event_id: str, last_id: int, count: int) -> bool:
    """No row with an id up to `last_id` is missing from the snapshot (module docstring)."""
    if dialect_name(conn) == "sqlite":
        return True
    return scalar(conn, _UP_TO, {"event_id": event_id, "last_id": last_id}) == count


def _after(conn: Connection, event_id: str, last_id: int) -> list[tuple[Any, ...]]:
    """(id, the passing's columns) of the rows after `last_id`, in time order, then id."""
    newest = scalar(conn, _NEWEST, {"event_id": event_id})
    if newest is None or newest <= last_id:
        return []
    return rows(conn, _AFTER, {"event_id": event_id, "last_id": last_id})


def _decoded(columns: bytes, later: list[Passing]) -> tuple[Passing, ...]:
    """The snapshot's passings (its marshalled columns) and the rows after it (ids above all of
    the snapshot's), in time order and, at equal times, in id order: the sort is stable, the
    snapshot's come first."""
    passings = list(map(as_passing, zip(*marshal.loads(columns), strict=True)))
    if not later:
        return tuple(passings)
    in_order = not passings or later[0].time_us >= passings[-1].time_us
    passings += later
    return tuple(passings if in_order else sorted(passings, key=itemgetter(0)))


def _added(read_times: ReadTimes, later: list[Passing]) -> ReadTimes:
    """The snapshot's read times (its own lists, changed in place) with those of `later`."""
    touched = []
    for time_us, transponder, loop, _decoder, _number, _source in later:
        at_loop = read_times.setdefault(transponder, {}).setdefault(loop, [])
        at_loop.append(time_us)
        touched.append(at_loop)
    for at_loop in touched:
        at_loop.sort()  # sorted but for the few appended: linear
    return read_times


def _last(found: list[tuple[Any, ...]], last_id: int) -> int:
    return max((row[0] for row in found), default=last_id)


def store_snapshot(engine: Engine, event_id: str, read: PassingRead, *,
                   wait_ms: int = 250) -> None:  # fmt: skip
    """Replace the event's snapshot with `read`'s passings, in a transaction of its own; on
    SQLite waiting at most `wait_ms` for the write lock (a busy writer, the decoder, wins)."""
    columns = marshal.dumps(_columns(read.passings))
    payload = marshal.dumps((_interned_keys(read.passings.read_times), columns))
    values = {"event_id": event_id, "last_id": read.last_id, "count": len(read.passings),
              "format": FORMAT, "payload": payload, "stored_us": time.time_ns() // 1000}
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            waited = raw.execute("PRAGMA busy_timeout").fetchone()[0]  # type: ignore[union-attr]
            raw.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")  # type: ignore[union-attr]
        try:
            with conn.begin():
                execute_many(conn, "DELETE FROM passing_snapshots WHERE event_id = :event_id",
                             [{"event_id": event_id}])
                execute_many(conn, f"INSERT INTO passing_snapshots ({', '.join(values)}) "
                                   f"VALUES ({', '.join(':' + k for k in values)})", [values])
        finally:
            if sqlite:
                raw.execute(f"PRAGMA busy_timeout = {int(waited)}")  # type: ignore[union-attr]


def refresh_quietly(engine: Engine | SqliteFile, event_id: str, read: PassingRead) -> None:
    """`store_snapshot` when the read found `REFRESH_ROWS` or more rows outside the snapshot
    (through a SQLAlchemy engine; a one-fact command's `SqliteFile` reads no day of passings);
    a failure is only logged."""
    if read.outside < REFRESH_ROWS or isinstance(engine, SqliteFile):
        return
    try:
        store_snapshot(engine, event_id, read)
    except Exception:  # noqa: BLE001 - the snapshot is optional; the passings are already read
        log.warning("passing snapshot of %s not stored", event_id, exc_info=True)


def _columns(passings: tuple[Passing, ...]) -> list[list[Any]]:
    """One list per `Passing` field (empty ones for no passings), its strings interned:
    marshal writes an interned string once and refers back to it, so the snapshot reads back
    with one object per distinct string."""
    if not passings:
        return [[] for _ in Passing._fields]
    return [[sys.intern(v) if type(v) is str else v for v in column]
            for column in zip(*passings, strict=True)]  # fmt: skip


def _interned_keys(read_times: ReadTimes) -> ReadTimes:
    """`read_times` with its transponders and loops interned (the columns' own strings)."""
    return {sys.intern(transponder): {_intern(loop): times for loop, times in loops.items()}
            for transponder, loops in read_times.items()}  # fmt: skip


def _intern(value: str | None) -> str | None:
    return None if value is None else sys.intern(value)
