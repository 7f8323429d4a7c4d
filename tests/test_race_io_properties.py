"""Hypothesis properties of the race inputs and renderers: a roster written as CSV reads back as
written (any names, quoted as a spreadsheet would), and the position chart ranks every lap as
a permutation 1..n ordered by when each car completed it."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from trackside.core.race_results import RaceEntryResult, RaceLap, RacePart, RaceResult, RaceStatus
from trackside.core.records import RosterDriver
from trackside.publish.position_chart import lap_positions
from trackside.timing.csv_roster import read_roster_csv

NAME = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1,
               max_size=20).map(str.strip).filter(bool)  # fmt: skip
DRIVER = st.builds(RosterDriver, number=st.sampled_from(["7", "12", "21", "0"]), first_name=NAME,
                   last_name=NAME,
                   member_id=st.none() | st.from_regex(r"M[0-9]{1,6}", fullmatch=True),
                   driver_transponder=st.none())  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(DRIVER, min_size=1, max_size=8,
                unique_by=lambda d: (d.number, f"{d.first_name} {d.last_name}".casefold())))
def test_a_roster_written_as_csv_reads_back_as_written(tmp_path_factory, drivers):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["number", "first_name", "last_name", "member_id"])
    writer.writerows([d.number, d.first_name, d.last_name, d.member_id or ""] for d in drivers)
    path = tmp_path_factory.mktemp("roster") / "roster.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    rows = read_roster_csv(path)
    assert [row.driver for row in rows] == drivers
    assert [row.line for row in rows] == list(range(2, len(drivers) + 2))


LAP_TIMES = st.lists(st.integers(20_000_000, 200_000_000), max_size=8)


def _race(car_laps: list[list[int]]) -> RaceResult:
    entries = []
    for index, times in enumerate(car_laps):
        end, laps = index, []  # distinct starts: no two cars cross at the same microsecond
        for lap, time_us in enumerate(times, start=1):
            laps.append(RaceLap(lap, end, end + time_us))
            end += time_us
        entries.append(RaceEntryResult(str(index + 1), "", "", "A", RaceStatus.OK, None, None,
                                       len(laps), None, None, None, None, tuple(laps), (), (),
                                       (), ()))  # fmt: skip
    return RaceResult("e", "R1", "R1", RacePart.RACE, 0, None, None, tuple(entries))


@settings(max_examples=100, deadline=None)
@given(st.lists(LAP_TIMES, min_size=1, max_size=6))
def test_each_lap_ranks_the_cars_that_completed_it_by_when_they_did(car_laps):
    race = _race(car_laps)
    positions = lap_positions(race)
    for entry in race.entries:
        assert len(positions.get(entry.number, [])) == len(entry.lap_list)
    for lap in range(1, max(map(len, car_laps)) + 1):
        done = [e for e in race.entries if len(e.lap_list) >= lap]
        places = {e.number: positions[e.number][lap - 1] for e in done}
        assert sorted(places.values()) == list(range(1, len(done) + 1))
        by_time = sorted(done, key=lambda e: e.lap_list[lap - 1].end_us)
        assert [places[e.number] for e in by_time] == list(range(1, len(done) + 1))
