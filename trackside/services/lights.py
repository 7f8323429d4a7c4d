"""Timing-light trips into the journal (docs/lights.md): a recorded file imported in one
transaction (every raw line journaled, its trips stored; a refused file stores nothing), a
live line and its trips as they come, and a session read again from its journaled raw lines
after a mapping fix (the same trips again add nothing: only what differs is new)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine

from trackside.core.records import LightChannel, Trip
from trackside.errors import InputError
from trackside.services.checks import require_event, require_session
from trackside.store.database import writing
from trackside.store.facts import event_in
from trackside.store.run_facts import append_light_line, append_trips, light_lines_in
from trackside.timing.csv_table import read_text
from trackside.timing.lights.csv_trips import read_trips_csv
from trackside.timing.lights.reader import PROTOCOLS, LightsReader, Line, report_text


@dataclass(slots=True)
class LightsReport:
    lines: int = 0
    trips: int = 0
    trips_added: int = 0
    reports: list[str] = field(default_factory=list)
    """One line per report: where (file:line or port), what, and the raw line."""


def check_protocol(protocol: str) -> None:
    if protocol not in PROTOCOLS:
        raise InputError(f"unknown protocol {protocol!r}; expected one of "
                         f"{', '.join(PROTOCOLS)}", source="option --protocol")


def session_date(engine: Engine, event_id: str, session_id: str, source: str) -> str:
    """The event's date, after checking the event and its session exist."""
    with engine.connect() as conn:
        require_event(conn, event_id)
        event = event_in(conn, event_id)
    require_session(event, session_id, source=source)
    return event.date


def import_lights(
    engine: Engine, event_id: str, session_id: str, path: Path | str, protocol: str,
    first_trip_at_us: int | None = None,
) -> LightsReport:
    """Journal every line of the file and store its trips, in one transaction."""
    check_protocol(protocol)
    path = Path(path)
    date = session_date(engine, event_id, session_id, "argument SESSION")
    report = LightsReport()
    if protocol == "csv":
        rows = [(t.line, t.raw, Line(trips=((t.reading.channel, t.reading.device_us),)))
                for t in read_trips_csv(path, date)]
    else:
        reader = LightsReader(protocol, date, first_trip_at_us=first_trip_at_us)
        lines = read_text(path).splitlines()
        rows = [(n, raw, reader.read(raw)) for n, raw in enumerate(lines, 1) if raw.strip()]
    with writing(engine) as conn:
        for number, raw, line in rows:
            source = f"{path}:{number}"
            _store(conn, event_id, session_id, protocol, source, raw, line, None, report)
    return report


def record_light_line(
    engine: Engine, event_id: str, session_id: str, protocol: str, source: str, raw: str,
    received_us: int, line: Line,
) -> LightsReport:
    """One transaction: a live line and its trips."""
    report = LightsReport()
    with writing(engine) as conn:
        _store(conn, event_id, session_id, protocol, source, raw, line, received_us, report)
    return report


def replay_lights(
    engine: Engine, event_id: str, session_id: str, protocol: str,
    first_trip_at_us: int | None = None,
) -> LightsReport:
    """Read the session's journaled raw lines again with `protocol`; store the trips not
    stored yet (each from the line it came from). Adds no raw line."""
    check_protocol(protocol)
    date = session_date(engine, event_id, session_id, "argument SESSION")
    reader = LightsReader(protocol, date, first_trip_at_us=first_trip_at_us)
    report = LightsReport()
    with writing(engine) as conn:
        stored = light_lines_in(conn, event_id, session_id)
        trips: list[Trip] = []
        for line_id, _protocol, source, raw, received_us in stored:
            line = reader.read(raw, received_us if source_is_live(source) else None)
            report.lines += 1
            trips += [Trip(session_id, c, t, line_id=line_id) for c, t in line.trips]
            report.reports += [f"{source}: {report_text(r, raw)}" for r in line.reports]
        report.trips = len(trips)
        report.trips_added = append_trips(conn, event_id, trips)
    return report


def source_is_live(source: str) -> bool:
    """A line journaled by the recorder arrived at its `received_us`; a file's line did not
    (its arrival time is the import's)."""
    return source.startswith("port ")


def _store(
    conn: Connection, event_id: str, session_id: str, protocol: str, source: str, raw: str,
    line: Line, received_us: int | None, report: LightsReport,
) -> None:
    line_id = append_light_line(conn, event_id, session_id, protocol, source, raw, received_us)
    trips: Sequence[Trip] = [Trip(session_id, LightChannel(c), t, line_id=line_id)
                             for c, t in line.trips]
    report.lines += 1
    report.trips += len(trips)
    report.trips_added += append_trips(conn, event_id, trips)
    report.reports += [f"{source}: {report_text(r, raw)}" for r in line.reports]
