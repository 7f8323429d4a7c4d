"""The lap chart as plain text: every lap of every car, best marked '*', invalid marked 'x'."""

from __future__ import annotations

from collections.abc import Callable

from trackside.core.results import SessionResult
from trackside.publish.formats import counted, lap_time
from trackside.publish.lap_grid import LapCell, LapGrid, LapRow, lap_chart
from trackside.publish.session_text import UNKNOWN_TITLE, session_heading
from trackside.publish.text_table import text_table

LAPS_PER_BLOCK = 10
BEST_MARK = "*"
INVALID_MARK = "x"
LEGEND = f"{BEST_MARK} best lap"
LEGEND_INVALID = f"   {INVALID_MARK} does not count (reasons below the chart)"
"""Added to the legend only when some lap does not count: there are reasons below then."""
CAR_COLUMNS = (("Pos", "No", "Driver", "Class"), {0, 1})
"""Label columns before the laps, and which of them are right-aligned."""
UNKNOWN_COLUMNS = (("Transponder", "Passings"), {1})


def lap_chart_text(result: SessionResult, car_class: str | None = None) -> str:
    """Blocks of lap columns, the reason for every lap that does not count, unknown transponders."""
    chart = lap_chart(result, car_class)
    legend = LEGEND + (LEGEND_INVALID if chart.has_invalid else "")
    lines = ["Lap chart: " + session_heading(result)[0], legend]
    if car_class:
        lines.append(f"Class {car_class}")
    lines.extend(_grid(chart.cars, CAR_COLUMNS, _car_labels))
    if not chart.cars.rows:
        lines.extend(["", "No laps."])
    lines.extend(_not_counted(chart.cars.rows))
    if chart.without_laps:
        names = ", ".join(f"#{e.number} {e.driver}" for e in chart.without_laps)
        lines.extend(["", f"No laps recorded: {names}"])
    if chart.unknown.rows:
        lines.extend(["", UNKNOWN_TITLE])
        lines.extend(_grid(chart.unknown, UNKNOWN_COLUMNS, _unknown_labels))
        lines.extend(f"  {row.transponder}: {counted(row.passings or 0, 'passing')}, no lap"
                     for row in chart.unknown.rows if not row.cells)  # fmt: skip
        lines.extend(_not_counted(chart.unknown.rows))
    return "\n".join(lines) + "\n"


def _car_labels(row: LapRow) -> list[str]:
    position = "" if row.position is None else str(row.position)
    return [position, row.number, row.driver, row.car_class]


def _unknown_labels(row: LapRow) -> list[str]:
    return [row.transponder, str(row.passings or 0)]


def _grid(
    grid: LapGrid,
    columns: tuple[tuple[str, ...], set[int]],
    label_cells: Callable[[LapRow], list[str]],
) -> list[str]:
    labels, right = columns
    lines: list[str] = []
    for block in grid.blocks(LAPS_PER_BLOCK):
        span = f"Lap {block[0]}" if len(block) == 1 else f"Laps {block[0]}-{block[-1]}"
        lines.extend(["", span])
        headers = [*labels, *(str(lap) for lap in block)]
        rows = [
            [*label_cells(row), *(cell_text(row.cell(lap)) for lap in block)] for row in grid.rows
        ]
        lap_columns = range(len(labels), len(headers))
        lines.extend(text_table(headers, rows, {*right, *lap_columns}))
    return lines


def cell_text(cell: LapCell | None) -> str:
    """A lap time with its mark: '*' for the best lap, 'x' for a lap that does not count."""
    if cell is None:
        return ""
    mark = BEST_MARK if cell.best else (INVALID_MARK if not cell.valid else "")
    return mark + lap_time(cell.lap.time_us)


def _not_counted(rows: tuple[LapRow, ...]) -> list[str]:
    notes = [_note(row, cell) for row in rows for cell in row.invalid_cells]
    return ["", "Laps that do not count", *notes] if notes else []


def _note(row: LapRow, cell: LapCell) -> str:
    who = f"#{row.number} {row.driver}" if row.number else f"transponder {row.transponder}"
    time = lap_time(cell.lap.time_us)
    return f"  {who}, lap {cell.lap.lap}, {time} {INVALID_MARK} ({cell.reason})"
