"""The journal watcher: new passings, flags, decisions, trips and releases, officials' pit
stops and driver changes, read by journal position.

It polls the database (`id > last` per table), so it follows whatever process writes the
journal: this server's own decoder client, `trackside decoder connect` in another terminal, an
official's `trackside flag` or a file import. SQLite in WAL mode lets it read while another
process writes. Only committed rows are ever read: a passing is in the journal before anything
is published from it.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Engine

from trackside.core.records import (
    Decision,
    DriverChange,
    Flag,
    Passing,
    PitStopRecord,
    Release,
    Trip,
)
from trackside.live.positions import JournalPosition
from trackside.store.journal_read import (
    as_decision,
    as_driver_change,
    as_flag,
    as_passing,
    as_pit_stop,
    as_race_revoke,
    as_release,
    as_trip,
    last_ids,
    rows_after,
)
from trackside.store.schema import (
    decisions,
    driver_changes,
    flags,
    passings,
    pit_stops,
    race_record_revokes,
    releases,
    trips,
)


@dataclass(slots=True)
class EventRows:
    """New journal rows of one event."""

    passings: list[Passing] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    trips: list[Trip] = field(default_factory=list)
    releases: list[Release] = field(default_factory=list)
    pit_stops: list[PitStopRecord] = field(default_factory=list)
    driver_changes: list[DriverChange] = field(default_factory=list)
    race_revokes: list[tuple[str, int]] = field(default_factory=list)
    """Pit stops and driver changes revoked: (`pit-stop` | `driver-change`, row id)."""


class JournalWatcher:
    """Reads the rows every table gained since the last poll, grouped by event."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        with engine.connect() as conn:
            start = last_ids(conn)
        self._positions = {name: JournalPosition(last) for name, last in start.items()}

    @property
    def positions(self) -> dict[str, int]:
        """The last id read of each table (journal positions)."""
        return {name: position.last for name, position in self._positions.items()}

    def poll(self) -> dict[str, EventRows]:
        """The new rows of every event since the last poll (events without any are left out)."""
        now = time.monotonic()
        by_event: dict[str, EventRows] = defaultdict(EventRows)
        with self._engine.connect() as conn:
            newest = last_ids(conn)
            for table, convert, attribute in _TABLES:
                position = self._positions[table.name]
                position.expire(now)
                holes = position.holes
                if newest[table.name] <= position.last and not holes:
                    continue  # nothing committed past the position, and no hole to fill
                rows = rows_after(conn, table, position.last, holes)
                fresh = set(position.advance((row[0] for row in rows), now))
                for row in rows:
                    if row[0] in fresh:
                        getattr(by_event[row[1]], attribute).append(convert(row))
        return dict(by_event)


_TABLES = (
    (passings, as_passing, "passings"),
    (flags, as_flag, "flags"),
    (decisions, as_decision, "decisions"),
    (trips, as_trip, "trips"),
    (releases, as_release, "releases"),
    (pit_stops, as_pit_stop, "pit_stops"),
    (driver_changes, as_driver_change, "driver_changes"),
    (race_record_revokes, as_race_revoke, "race_revokes"),
)
