"""Each event's class results as a season reads them (`ClassResult`), from trackside's own
event results. A race classification (endurance.md) would be adapted here too: one
`ClassResult` per car with its class position, its status (`ok` when classified) and the
entry's `team`, so that team series score it."""

from __future__ import annotations

from collections.abc import Sequence

from trackside.core.records import Entry, EventDef
from trackside.core.results import EventResult
from trackside.core.series_records import ClassResult


def class_results(
    event: EventDef, result: EventResult, entries: Sequence[Entry]
) -> tuple[ClassResult, ...]:
    """One `ClassResult` per entry of the event result, with the entry's member id and team."""
    by_number = {entry.number: entry for entry in entries}
    out = []
    for row in result.entries:
        entry = by_number.get(row.number)
        extra = entry.extra if entry is not None else {}
        out.append(ClassResult(
            event.id, event.date, row.number, row.driver, row.car_class, str(row.status),
            row.class_position, row.total_us, row.best_lap_us,
            extra.get("member_id") or None, extra.get("team") or None,
        ))  # fmt: skip
    return tuple(out)
