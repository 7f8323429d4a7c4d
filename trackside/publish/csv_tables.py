"""CSV tables: event results (one row per entry), session results, the lap chart (one row a lap),
the grid (one row a position)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from trackside.core.grid import Grid, GridRow
from trackside.core.results import EventEntryResult, EventResult, SessionResult
from trackside.publish.formats import seconds_text
from trackside.publish.lap_grid import LapRow, lap_chart
from trackside.publish.ordering import SessionRow, class_groups, round_time_us, session_rows

EVENT_HEAD = ["class_position", "position", "award", "class", "number", "driver", "group", "status"]
EVENT_TAIL = ["penalty_s", "total_s", "best_lap_s"]
SESSION_HEAD = [
    "position", "number", "driver", "class", "group", "status",
    "best_lap_s", "best_lap", "gap_s", "interval_s", "laps", "valid_laps",
]  # fmt: skip
GRID_HEAD = ["position", "number", "driver", "class", "group", "best_s", "from_session", "lap"]
LAP_HEAD = ["number", "driver", "class", "lap", "time_s", "valid", "reason", "best", "transponder"]


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def event_csv(result: EventResult, car_class: str | None = None) -> str:
    """Entries class by class in class order; one column per round named by the round."""
    entries = [e for group in class_groups(result, car_class) for e in group.entries]
    header = [*EVENT_HEAD, *result.rounds, *EVENT_TAIL]
    return _table(header, (_event_row(e, result.rounds) for e in entries))


def _event_row(entry: EventEntryResult, rounds: tuple[str, ...]) -> list[str]:
    head = [entry.class_position, entry.position, entry.award, entry.car_class, entry.number]
    head += [entry.driver, entry.group, str(entry.status)]
    tail = [entry.penalty_us, entry.total_us, entry.best_lap_us]
    return [
        *(_text(v) for v in head),
        *(seconds_text(round_time_us(entry, name)) for name in rounds),
        *(seconds_text(v) for v in tail),
    ]


def session_csv(result: SessionResult, car_class: str | None = None) -> str:
    """The ranked list by best valid lap with gaps and lap counts."""
    return _table(SESSION_HEAD, (_session_row(row) for row in session_rows(result, car_class)))


def _session_row(row: SessionRow) -> list[str]:
    entry, best = row.entry, row.entry.best_lap
    return [
        _text(entry.position), entry.number, entry.driver, entry.car_class, entry.group,
        entry.status, seconds_text(row.best_us), "" if best is None else str(best.lap),
        seconds_text(row.gap_us), seconds_text(row.interval_us),
        str(len(entry.laps)), str(len(entry.valid_laps)),
    ]  # fmt: skip


def lap_chart_csv(result: SessionResult, car_class: str | None = None) -> str:
    """Long format, one row per lap: cars in result order, then unknown transponders."""
    chart = lap_chart(result, car_class)
    rows = [*chart.cars.rows, *chart.unknown.rows]
    return _table(LAP_HEAD, (line for row in rows for line in _lap_rows(row)))


def _lap_rows(row: LapRow) -> list[list[str]]:
    return [
        [
            row.number, row.driver, row.car_class, str(lap), seconds_text(cell.lap.time_us),
            _text(cell.valid), cell.reason, _text(cell.best), row.transponder,
        ]
        for lap, cell in sorted(row.cells.items())
    ]  # fmt: skip


def grid_csv(grid: Grid) -> str:
    """One row a grid position; a car with no time has empty best, session and lap."""
    return _table(GRID_HEAD, (_grid_row(row) for row in grid.rows))


def _grid_row(row: GridRow) -> list[str]:
    best = row.best
    return [
        str(row.position), row.number, row.driver, row.car_class, row.group,
        seconds_text(None if best is None else best.time_us),
        "" if best is None else best.session_id, "" if best is None else str(best.lap),
    ]  # fmt: skip
