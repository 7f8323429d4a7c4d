"""The grid as plain text (tracksprint.md, "Grid"): the sessions it is ordered from, the rule,
one line a car."""

from __future__ import annotations

from trackside.core.grid import RULE, Grid, GridRow
from trackside.publish.formats import lap_time
from trackside.publish.text_table import text_table

NO_TIME = "-"


def grid_title(grid: Grid) -> str:
    """`Time Attack 2 (TA2)`, or the id alone when the session has no name."""
    if grid.session_name and grid.session_name != grid.session_id:
        return f"{grid.session_name} ({grid.session_id})"
    return grid.session_id


def grid_basis(grid: Grid) -> str:
    """Which sessions' times order the grid, in a sentence."""
    if not grid.previous:
        return "No earlier session has times: cars in car-number order."
    sessions = ", ".join(grid.previous)
    if grid.started:
        return f"Best time from the sessions before it: {sessions}."
    return f"Not started: best time from every session so far: {sessions}."


def grid_text(grid: Grid) -> str:
    """The grid as an aligned table, with the sessions it is ordered from and the rule."""
    event = f"{grid.event_name} ({grid.event_id})" if grid.event_name else grid.event_id
    lines = [f"Grid: {grid_title(grid)} - {event}", grid_basis(grid),
             f"Rule: {RULE}; cars with no time follow by number.", ""]  # fmt: skip
    if not grid.rows:
        lines.append("No entries in the session's groups.")
    else:
        headers = ["Pos", "No", "Driver", "Class", "Group", "Best", "From", "Lap"]
        lines.extend(text_table(headers, [_text_row(r) for r in grid.rows], {0, 1, 5, 7}))
    return "\n".join(lines) + "\n"


def _text_row(row: GridRow) -> list[str]:
    best = row.best
    return [
        str(row.position), row.number, row.driver, row.car_class, row.group,
        lap_time(None if best is None else best.time_us, NO_TIME),
        "" if best is None else best.session_id, "" if best is None else str(best.lap),
    ]  # fmt: skip
