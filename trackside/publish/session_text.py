"""Session results as plain text: ranked by best lap with gaps, then unknown transponders."""

from __future__ import annotations

from trackside.core.results import SessionResult, UnknownTransponder
from trackside.publish.formats import gap_text, lap_time, status_label
from trackside.publish.ordering import SessionRow, fastest, session_rows, shows_unknown
from trackside.publish.text_table import text_table

NO_TIME = "-"
UNKNOWN_TITLE = "Laps of transponders no entry claims"


def session_heading(result: SessionResult) -> list[str]:
    """Session name and id, event id, scored or not."""
    name = (
        f"{result.session_name} ({result.session_id})" if result.session_name else result.session_id
    )
    kind = "scored session" if result.scored else "unscored session"
    return [f"{name} - {result.event_id}, {kind}"]


def session_text(result: SessionResult, car_class: str | None = None) -> str:
    """Ranked list by best valid lap, gap to the leader and to the car ahead, lap counts."""
    rows = session_rows(result, car_class)
    lines = session_heading(result)
    if car_class:
        lines.append(f"Class {car_class}")
    lines.append("")
    if rows:
        lines.extend(_ranking_table(rows))
    else:
        lines.append("No entries.")
    if shows_unknown(car_class) and result.unknown:
        lines.extend(["", UNKNOWN_TITLE, ""])
        lines.extend(_unknown_table(result.unknown))
    return "\n".join(lines) + "\n"


def _ranking_table(rows: list[SessionRow]) -> list[str]:
    headers = ["Pos", "No", "Driver", "Class", "Group", "Best", "Lap", "Gap", "Int", "Laps"]
    headers += ["Valid", "Status"]
    return text_table(headers, [_ranking_row(row) for row in rows], {0, 1, 5, 6, 7, 8, 9, 10})


def _ranking_row(row: SessionRow) -> list[str]:
    entry, best = row.entry, row.entry.best_lap
    return [
        "" if entry.position is None else str(entry.position),
        entry.number,
        entry.driver,
        entry.car_class,
        entry.group,
        lap_time(row.best_us, NO_TIME),
        "" if best is None else str(best.lap),
        gap_text(row.gap_us),
        gap_text(row.interval_us),
        str(len(entry.laps)),
        str(len(entry.valid_laps)),
        status_label(entry.status),
    ]


def _unknown_table(unknown: tuple[UnknownTransponder, ...]) -> list[str]:
    rows = []
    for transponder in unknown:
        quickest = fastest(transponder.laps)
        quickest_us = None if quickest is None else quickest.time_us
        counts = [str(transponder.passings), str(len(transponder.laps))]
        rows.append([transponder.transponder, *counts, lap_time(quickest_us, NO_TIME)])
    return text_table(["Transponder", "Passings", "Laps", "Fastest"], rows, {1, 2, 3})
