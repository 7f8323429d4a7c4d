"""A race session's live board rows (endurance.md; issue 12, "Live: a race page"): running
order by laps then race time, gap and interval in laps or time, last and best lap, whether the
car is in the pits, the driver in the car and how long their stint has run.

Rows carry the same fields as any board row (`board.py`), so the page and its patches work the
same; `driver` is the driver in the car, and `team`, `in_pit`, `stint` are added."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from trackside.core.race_classification import gap
from trackside.core.race_results import Gap, RaceEntryResult, RaceResult, RaceSessionResult
from trackside.core.results import SessionEntryResult, seconds
from trackside.publish.ordering import in_class
from trackside.publish.race_as_laps import race_as_laps
from trackside.publish.race_text import gap_label

Doc = dict[str, Any]


def race_rows(
    result: RaceSessionResult,
    car_class: str | None,
    track_us: int | None,
    entry_doc: Callable[[SessionEntryResult], Doc],
) -> list[Doc]:
    """The race's rows in classification order; gaps within the class when one is chosen."""
    race = result.race
    lap_rows = {row.number: row for row in race_as_laps(race).entries}
    shown = [e for e in race.entries if in_class(e.car_class, car_class)]
    rows = []
    for index, entry in enumerate(shown):
        ahead = shown[index - 1] if index else None
        leader = shown[0] if index else None
        rows.append({
            **entry_doc(lap_rows[entry.number]),
            **_place(entry, car_class, leader, ahead),
            **_in_car(entry, race, track_us),
        })
    return rows


def _place(
    entry: RaceEntryResult, car_class: str | None,
    leader: RaceEntryResult | None, ahead: RaceEntryResult | None,
) -> Doc:
    if car_class is None:
        to_leader, to_ahead = entry.gap_to_winner, entry.gap_to_ahead
    else:
        to_leader, to_ahead = gap_between(entry, leader), gap_between(entry, ahead)
    return {
        "position": entry.position,
        "class_position": entry.class_position,
        "race_status": str(entry.status),
        "gap": gap_label(to_leader), "gap_s": _gap_seconds(to_leader),
        "interval": gap_label(to_ahead), "interval_s": _gap_seconds(to_ahead),
    }


def gap_between(entry: RaceEntryResult, reference: RaceEntryResult | None) -> Gap | None:
    """endurance.md "Classification" 3 (`core.race_classification.gap`), between classified
    cars only."""
    if reference is None or entry.position is None or reference.position is None:
        return None
    return gap(reference, entry)


def _gap_seconds(gap: Gap | None) -> float | None:
    return None if gap is None or gap.laps else seconds(gap.time_us)


def _in_car(entry: RaceEntryResult, race: RaceResult, track_us: int | None) -> Doc:
    """The driver in the car now and their stint so far (to the car's finish once it has
    finished, or to `track_us` while the race runs)."""
    if not entry.stints:
        return {"team": entry.team, "in_pit": entry.in_pit, "stint": "", "stint_s": None}
    stint = entry.stints[-1]
    end = stint.end_us
    if race.checkered_us is None and track_us is not None:
        end = max(end, track_us)
    duration = max(end - stint.start_us, 0)
    return {
        "driver": stint.driver, "team": entry.team, "in_pit": entry.in_pit,
        "stint": _stint_text(duration), "stint_s": seconds(duration),
    }


def _stint_text(duration_us: int) -> str:
    """H:MM:SS of a stint (whole seconds)."""
    total = duration_us // 1_000_000
    hours, rest = divmod(total, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


__all__ = ["gap_between", "race_rows"]
