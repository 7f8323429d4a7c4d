"""Results-only events (championship.md, "Results scored elsewhere"): each `results import`
is a row of `result_imports` with its rows in `result_rows`; an event's results are those of
its newest import, the earlier imports are kept."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from sqlalchemy import Connection, func, select

from trackside.core.series_records import ClassResult
from trackside.store.journal import now_us
from trackside.store.schema import result_imports, result_rows
from trackside.timing.csv_results import ResultRow


class ImportedEvent(NamedTuple):
    id: str
    name: str
    date: str
    import_id: int


def append_import(
    conn: Connection, event_id: str, name: str, date: str, source: str, author: str,
    rows: Sequence[ResultRow],
) -> int:
    """Store one import of the event's results; its id."""
    result = conn.execute(result_imports.insert().values(
        event_id=event_id, name=name, date=date, source=source, author=author,
        recorded_us=now_us()))  # fmt: skip
    import_id = int(result.inserted_primary_key[0])
    conn.execute(result_rows.insert(), [
        {"import_id": import_id, "line": r.line, "number": r.number, "first_name": r.first_name,
         "last_name": r.last_name, "car_class": r.car_class, "status": r.status,
         "class_position": r.class_position, "position": r.position, "member_id": r.member_id,
         "team": r.team, "total_us": r.total_us, "best_lap_us": r.best_lap_us}
        for r in rows])  # fmt: skip
    return import_id


def imported_events(conn: Connection, event_ids: Iterable[str] | None = None
                    ) -> dict[str, ImportedEvent]:  # fmt: skip
    """The newest import of each results-only event (of these ids, else all)."""
    newest = select(result_imports.c.event_id, func.max(result_imports.c.id).label("top"))
    if event_ids is not None:
        newest = newest.where(result_imports.c.event_id.in_(sorted(set(event_ids))))
    newest = newest.group_by(result_imports.c.event_id).subquery()
    query = select(result_imports.c.event_id, result_imports.c.name, result_imports.c.date,
                   result_imports.c.id).join(newest, result_imports.c.id == newest.c.top)
    return {row[0]: ImportedEvent(*row) for row in conn.execute(query)}


def imported_results(conn: Connection, event: ImportedEvent) -> tuple[ClassResult, ...]:
    """The rows of the event's newest import, in file order."""
    c = result_rows.c
    query = select(c.number, c.first_name, c.last_name, c.car_class, c.status,
                   c.class_position, c.total_us, c.best_lap_us, c.member_id, c.team).where(
        c.import_id == event.import_id).order_by(c.line)  # fmt: skip
    return tuple(
        ClassResult(event.id, event.date, number, f"{first} {last}".strip(), car_class, status,
                    position, total, best, member, team)
        for number, first, last, car_class, status, position, total, best, member, team
        in conn.execute(query))  # fmt: skip
