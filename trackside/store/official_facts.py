"""Appending what officials record, one fact at a time: flags and decisions (interfaces.md,
Flags and Decisions). Rows of the journal are inserted once and never updated or deleted.

Plain SQL valid in SQLite and PostgreSQL (`plain_sql.py`), so `trackside flag` and `penalty
add` append on a SQLite file without importing SQLAlchemy, and every other path runs the same
statements through its engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from trackside.core.clock import parse_local_time
from trackside.core.records import Decision, Flag
from trackside.store.plain_sql import Connection, execute_many, scalar

_INSERT_FLAG = (
    "INSERT INTO flags (event_id, session_id, state, time_us, author, recorded_us) "
    "VALUES (:event_id, :session_id, :state, :time_us, :author, :recorded_us) "
    "ON CONFLICT (event_id, session_id, state, time_us) DO NOTHING"
)
_COUNT_FLAGS = "SELECT count(*) FROM flags WHERE event_id = :event_id"
_DECISION_VALUES = ("event_id", "number", "kind", "session_id", "lap", "at_us", "seconds",
                    "reason", "author", "created_us", "revokes", "flag_id", "run", "count",
                    "other_number", "served_us", "serves", "query_id", "car_class")
_INSERT_DECISION = (
    f"INSERT INTO decisions ({', '.join(_DECISION_VALUES)}) "
    f"VALUES ({', '.join(':' + name for name in _DECISION_VALUES)}) RETURNING id"
)


def now_us() -> int:
    """The local wall-clock time, as the journal records when something was written."""
    return parse_local_time(datetime.now().isoformat())


def append_flags(conn: Connection, event_id: str, new: Iterable[Flag], author: str) -> int:
    """Insert flags; re-recording an identical flag (session, state, time) adds nothing."""
    rows = [
        {"event_id": event_id, "session_id": f.session_id, "state": str(f.state),
         "time_us": f.time_us, "author": author, "recorded_us": now_us()}
        for f in new
    ]
    if not rows:
        return 0
    before = scalar(conn, _COUNT_FLAGS, {"event_id": event_id})
    execute_many(conn, _INSERT_FLAG, rows)
    return scalar(conn, _COUNT_FLAGS, {"event_id": event_id}) - before


def append_decision(conn: Connection, event_id: str, decision: Decision) -> Decision:
    """Insert a decision; returns it with the id and creation time the journal gave it."""
    created = decision.created_us or now_us()
    values = {
        "event_id": event_id,
        "number": decision.number,
        "kind": str(decision.kind),
        "session_id": decision.session_id,
        "lap": decision.lap,
        "at_us": decision.at_us,
        "seconds": None if decision.penalty_us is None else decision.penalty_us / 1_000_000,
        "reason": decision.reason,
        "author": decision.author,
        "created_us": created,
        "revokes": decision.revokes,
        "flag_id": decision.flag_id,
        "run": decision.run,
        "count": decision.count,
        "other_number": decision.other_number,
        "served_us": decision.served_us,
        "serves": decision.serves,
        "query_id": decision.query_id,
        "car_class": decision.car_class,
    }
    new_id = scalar(conn, _INSERT_DECISION, values)
    return replace(decision, id=new_id, created_us=created)
