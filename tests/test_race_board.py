"""The race's live board rows and its laps view (issue 12, "Live: a race page", "the RMonitor
output in race mode"), from a hand-built classification (endurance.md "Classification" 3)."""

from __future__ import annotations

from trackside.core.race_results import (
    Gap,
    RaceEntryResult,
    RaceLap,
    RacePart,
    RaceResult,
    RaceSessionResult,
    RaceStatus,
    Stint,
)
from trackside.core.results import Status
from trackside.live.rmonitor_board import _standing
from trackside.publish.race_as_laps import race_as_laps
from trackside.publish.race_text import gap_label
from trackside.publish.runs_as_laps import as_lap_session
from trackside.web.board import _entry_doc
from trackside.web.race_board import race_rows

S = 1_000_000
G = 1_000 * S


def _laps(start: int, *ends: int) -> tuple[RaceLap, ...]:
    out, previous = [], start
    for lap, end in enumerate(ends, start=1):
        out.append(RaceLap(lap, G + previous * S, G + end * S))
        previous = end
    return tuple(out)


def _car(number, cls, status, position, cpos, laps, time_s, gap, ahead, in_pit=False,
         stint=("Ann Lee", 0, 300)) -> RaceEntryResult:
    lap_list = _laps(1, *range(101, 101 + 100 * laps, 100)) if laps else ()
    return RaceEntryResult(
        number=number, team=f"Team {number}", driver="First Driver", car_class=cls,
        status=status, position=position, class_position=cpos, laps=len(lap_list),
        race_time_us=None if time_s is None else time_s * S,
        gap_to_winner=gap, gap_to_ahead=ahead,
        best_lap=min(lap_list, key=lambda lap: lap.time_us) if lap_list else None,
        lap_list=lap_list, stops=(),
        stints=(Stint(stint[0], G + stint[1] * S, G + stint[2] * S),),
        penalties=(), findings=(), in_pit=in_pit,
    )


RACE = RaceSessionResult(RaceResult(
    "e", "R1", "Race", RacePart.RACE, G, G + 290 * S, None,
    (
        _car("7", "A", RaceStatus.OK, 1, 1, 3, 301, None, None),
        _car("9", "B", RaceStatus.OK, 2, 1, 3, 305, Gap(0, 4 * S), Gap(0, 4 * S), in_pit=True,
             stint=("Bo Chen", 150, 300)),
        _car("3", "A", RaceStatus.DNF, 3, 2, 2, 201, Gap(1, None), Gap(1, None)),
        _car("5", "B", RaceStatus.DNS, None, None, 0, None, None, None),
    ),
))


def test_gaps_are_in_laps_when_laps_differ_else_in_time() -> None:
    rows = race_rows(RACE, None, None, _entry_doc)
    assert [(r["number"], r["position"], r["gap"], r["interval"]) for r in rows] == [
        ("7", 1, "", ""), ("9", 2, "+4.000", "+4.000"), ("3", 3, "+1 lap", "+1 lap"),
        ("5", None, "", ""),
    ]
    assert gap_label(Gap(3, None)) == "+3 laps"


def test_class_board_gaps_within_the_class() -> None:
    rows = race_rows(RACE, "A", None, _entry_doc)
    assert [(r["number"], r["class_position"], r["gap"]) for r in rows] == [
        ("7", 1, ""), ("3", 2, "+1 lap")]


def test_driver_in_the_car_stint_and_pit_status() -> None:
    rows = {r["number"]: r for r in race_rows(RACE, None, G + 400 * S, _entry_doc)}
    assert rows["9"]["driver"] == "Bo Chen" and rows["9"]["in_pit"] is True
    assert rows["9"]["stint"] == "0:04:10"  # 150 s to track time 400 s: race still running
    assert rows["7"]["team"] == "Team 7" and rows["7"]["in_pit"] is False
    assert rows["7"]["laps"] == 3 and rows["7"]["best"] == "1:40.000"


def test_race_as_laps_keeps_classification_order_and_statuses() -> None:
    laps = as_lap_session(RACE)
    assert laps == race_as_laps(RACE)
    assert [(e.number, e.position, e.status) for e in laps.entries] == [
        ("7", 1, Status.OK), ("9", 2, Status.OK), ("3", 3, Status.OK), ("5", None, Status.NO_TIME)]
    assert [lap.valid for lap in laps.entries[0].laps] == [True, True, True]


def test_rmonitor_position_counts_race_laps_from_the_start_crossing() -> None:
    standing = _standing(1, race_as_laps(RACE).entries[0])
    assert standing.crossings == (G + 1 * S, G + 101 * S, G + 201 * S, G + 301 * S)
    assert len(standing.crossings) - 1 == 3  # `$G` laps
