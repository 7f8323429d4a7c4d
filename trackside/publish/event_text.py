"""Event results as plain text: one table per class, readable in a terminal."""

from __future__ import annotations

from trackside.core.results import EventEntryResult, EventResult
from trackside.publish.formats import gap_text, lap_time, status_label
from trackside.publish.ordering import ClassGroup, class_groups, round_time_us
from trackside.publish.text_table import text_table

AWARD_MARK = "*"
NO_TIME = "-"
PROVISIONAL = "PROVISIONAL RESULTS - subject to change"
FINAL = "Final results"


def event_heading(result: EventResult) -> list[str]:
    """Event name, provisional/final and when the results were generated."""
    lines = [f"{result.event_name or result.event_id} ({result.event_id})"]
    lines.append(PROVISIONAL if result.provisional else FINAL)
    if result.generated_at:
        lines.append(f"Generated {result.generated_at}")
    return lines


def event_text(result: EventResult, car_class: str | None = None) -> str:
    """Every class's table, ranked entries first, unranked ones after with their status."""
    groups = class_groups(result, car_class)
    lines = event_heading(result)
    if not groups:
        wanted = f" in class {car_class}" if car_class else ""
        return "\n".join([*lines, "", f"No entries{wanted}."]) + "\n"
    with_penalty = any(e.penalty_us for g in groups for e in g.entries)
    for group in groups:
        lines.extend(["", _class_title(group), ""])
        lines.extend(_class_table(group, result.rounds, with_penalty))
    lines.extend(["", f"{AWARD_MARK} award"])
    return "\n".join(lines) + "\n"


def _class_title(group: ClassGroup) -> str:
    count = len(group.entries)
    plural = "entry" if count == 1 else "entries"
    return f"Class {group.name} - {count} {plural}, {group.awards} awarded"


def _class_table(group: ClassGroup, rounds: tuple[str, ...], with_penalty: bool) -> list[str]:
    headers = ["Pos", "Ovr", "Aw", "No", "Driver", "Group", *rounds]
    headers += ["Pen"] if with_penalty else []
    headers += ["Total", "Best", "Status"]
    rows = [_row(entry, rounds, with_penalty) for entry in group.entries]
    right = {0, 1, 3, *range(6, len(headers) - 1)}
    return text_table(headers, rows, right)


def _row(entry: EventEntryResult, rounds: tuple[str, ...], with_penalty: bool) -> list[str]:
    cells = [
        _position(entry.class_position),
        _position(entry.position),
        AWARD_MARK if entry.award else "",
        entry.number,
        entry.driver,
        entry.group,
        *(lap_time(round_time_us(entry, name), NO_TIME) for name in rounds),
    ]
    cells += [gap_text(entry.penalty_us or None)] if with_penalty else []
    cells += [
        lap_time(entry.total_us, NO_TIME),
        lap_time(entry.best_lap_us, NO_TIME),
        status_label(str(entry.status)),
    ]
    return cells


def _position(position: int | None) -> str:
    return "" if position is None else str(position)
