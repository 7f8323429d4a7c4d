"""The seeded demo-day generator: deterministic, realistic, and in the formats of interfaces.md."""

from __future__ import annotations

import csv
import re
import statistics
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

from trackside.core.clock import parse_local_time
from trackside.core.records import FlagState
from trackside.demo import GeneratedEvent, generate_event

ISO_MS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$")
PENALTY_KINDS = {"track-limits", "flag-violation", "delete-lap", "session-dq", "event-exclusion"}


@pytest.fixture(scope="module")
def day() -> GeneratedEvent:
    return generate_event(seed=2026)


@pytest.fixture(scope="module")
def files(day: GeneratedEvent, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    day.write(out)
    return out


def gaps_us(times: list[int]) -> list[int]:
    return [b - a for a, b in zip(times, times[1:], strict=False)]


def line_crossings(day: GeneratedEvent) -> dict[str, list[int]]:
    by_transponder: dict[str, list[int]] = defaultdict(list)
    for p in day.passings:
        if p.loop == "SF":
            by_transponder[p.transponder].append(p.time_us)
    return by_transponder


def test_same_seed_same_day() -> None:
    first, second = generate_event(seed=11, cars=30), generate_event(seed=11, cars=30)
    assert first.event_toml == second.event_toml
    assert first.entries == second.entries
    assert first.passings == second.passings
    assert first.flags == second.flags
    assert first.penalties == second.penalties


def test_different_seeds_differ() -> None:
    first, second = generate_event(seed=1, cars=30), generate_event(seed=2, cars=30)
    assert first.entries != second.entries
    assert first.passings != second.passings


def test_entries_three_groups_several_classes_unique_numbers_and_transponders(
    day: GeneratedEvent,
) -> None:
    assert len(day.entries) == 80
    assert {e["group"] for e in day.entries} == {"Novice", "Intermediate", "Advanced"}
    assert len({e["class"] for e in day.entries}) >= 5
    assert len({e["number"] for e in day.entries}) == 80
    assert len({e["transponder"] for e in day.entries}) == 80
    assert all(re.fullmatch(r"[1-9]\d{6}", e["transponder"]) for e in day.entries)
    assert all(e["year"] and e["make"] and e["model"] for e in day.entries)
    assert len({(e["first_name"], e["last_name"]) for e in day.entries}) == 80


def test_duplicate_decoder_reads_within_one_and_a_half_seconds(day: GeneratedEvent) -> None:
    gaps = [gap for times in line_crossings(day).values() for gap in gaps_us(times)]
    duplicates = [g for g in gaps if g < 20_000_000]
    assert len(duplicates) >= 3
    assert all(50_000 <= g <= 1_500_000 for g in duplicates)


def test_pit_lane_loop_and_unknown_transponders(day: GeneratedEvent) -> None:
    assert any(p.loop == "PIT" for p in day.passings)
    entered = {e["transponder"] for e in day.entries}
    unknown = {p.transponder for p in day.passings} - entered
    assert len(unknown) >= 2
    assert unknown == set(day.unknown_transponders)


def test_passings_from_decoder_one_numbered_in_time_order(day: GeneratedEvent) -> None:
    assert {p.decoder for p in day.passings} == {"1"}
    numbers = [p.passing_number for p in day.passings]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    times = [p.time_us for p in day.passings]
    assert times == sorted(times)
    assert all(t % 1000 == 0 for t in times)


def test_lap_times_are_thunderhill_east_time_trials_laps(day: GeneratedEvent) -> None:
    """Flying laps of 4.8 km between about 1:50 and 2:35 (median per car)."""
    medians = []
    for times in line_crossings(day).values():
        laps = [gap / 1e6 for gap in gaps_us(times) if 100e6 < gap < 200e6]
        if len(laps) >= 3:
            medians.append(statistics.median(laps))
    assert len(medians) >= 70
    assert min(medians) > 105 and max(medians) < 160


def test_red_flag_restarted_and_a_session_ended_by_black_flag_all(day: GeneratedEvent) -> None:
    by_session: dict[str, list[FlagState]] = defaultdict(list)
    for flag in sorted(day.flags, key=lambda f: f.time_us):
        by_session[flag.session_id].append(flag.state)
    restarted = [s for s, states in by_session.items()
                 if FlagState.RED in states
                 and FlagState.GREEN in states[states.index(FlagState.RED):]]
    assert len(restarted) == 1
    ended_by_black = [s for s, states in by_session.items() if states[-1] == FlagState.BLACK_ALL]
    assert len(ended_by_black) == 1
    assert all(states[0] == FlagState.GREEN for states in by_session.values())
    others = set(by_session) - set(ended_by_black)
    assert all(by_session[s][-1] == FlagState.CHECKERED for s in others)


def test_every_penalty_kind_with_reason_and_official(day: GeneratedEvent) -> None:
    kinds = {p["kind"] for p in day.penalties}
    assert kinds >= PENALTY_KINDS
    track_limits = [(p["number"], p["session_id"]) for p in day.penalties
                    if p["kind"] == "track-limits"]
    assert len(track_limits) > len(set(track_limits)), "a second offense, same car and session"
    assert all(p["reason"] and p["author"] for p in day.penalties)
    assert all(p.get("lap") for p in day.penalties if p["kind"] == "delete-lap")
    numbers = {e["number"] for e in day.entries}
    assert all(p["number"] in numbers for p in day.penalties)


def test_event_file_parses_with_rounds_naming_each_groups_session(files: Path) -> None:
    with (files / "event.toml").open("rb") as handle:
        doc = tomllib.load(handle)
    assert doc["event"]["id"] and doc["event"]["date"] == "2026-05-16"
    assert doc["track"]["start_finish_loop"] == "SF"
    sessions = {s["id"]: s for s in doc["session"]}
    assert len(sessions) == 14  # 3 practice, 9 Time Attack, TrackSprint, HillClimb
    assert sum(not s["scored"] for s in sessions.values()) == 3
    assert [r["name"] for r in doc["round"]] == ["TA1", "TA2", "TA3", "TS1"]
    sprint = sessions["TS1"]
    assert (sprint["format"], sprint["timing"], sprint["scored"]) == ("tracksprint", "lights", True)
    assert sprint["groups"] == ["Novice", "Intermediate", "Advanced"]
    assert doc["round"][-1]["sessions"] == ["TS1"]
    for round_ in doc["round"][:3]:
        groups = [sessions[s]["groups"][0] for s in round_["sessions"]]
        assert sorted(groups) == ["Advanced", "Intermediate", "Novice"]
        assert all(sessions[s]["duration_min"] == 20 for s in round_["sessions"])


def test_csv_files_parse_in_the_interface_formats(files: Path, day: GeneratedEvent) -> None:
    with (files / "entries.csv").open(newline="") as handle:
        entries = list(csv.DictReader(handle))
    required = ["number", "first_name", "last_name", "class", "group", "transponder"]
    assert list(entries[0])[:6] == required and len(entries) == 80

    with (files / "passings.csv").open(newline="") as handle:
        passings = list(csv.DictReader(handle))
    assert list(passings[0]) == ["time", "transponder", "loop", "decoder", "passing_number"]
    assert len(passings) == len(day.passings)
    assert all(ISO_MS.match(row["time"]) for row in passings)
    assert [parse_local_time(r["time"]) for r in passings] == [p.time_us for p in day.passings]

    with (files / "flags.csv").open(newline="") as handle:
        flags = list(csv.DictReader(handle))
    assert list(flags[0]) == ["session", "state", "time"]
    assert {row["state"] for row in flags} <= {s.value for s in FlagState}
    assert all(ISO_MS.match(row["time"]) for row in flags)


def test_tracksprint_three_cars_on_course_finishing_in_start_order(day: GeneratedEvent) -> None:
    """Lights timing: the starter releases a car, the next start trip is that car's; the
    first car on course is the first to finish (tracksprint.md, Lights)."""
    sprint = day.sprint
    assert sprint is not None
    on_course = most = 0
    for _, channel in sprint.trips():
        on_course += 1 if channel == "start" else -1
        most = max(most, on_course)
        assert on_course >= 0
    assert most == 3
    field = sorted(sprint.runs, key=lambda run: run.start_us)
    assert [r.finish_us for r in field] == sorted(r.finish_us for r in field)
    assert all(r.release_us < r.start_us < r.finish_us for r in field)
    starts = [r.start_us for r in field]
    assert all(gap > 1_000_000 for gap in gaps_us(starts))
    assert sprint.start_us > max(plan.end_us for plan in day.sessions)
    numbers = [r.number for r in sprint.runs]
    rerun, refused, coned = (sprint.rerun["number"], sprint.refused_rerun["number"],
                             sprint.cones["number"])
    assert numbers.count(rerun) == 2 and numbers.count(refused) == 1
    assert len({rerun, refused, coned}) == 3
    assert (sprint.rerun["reason"], sprint.refused_rerun["reason"]) == ("timing-failure",
                                                                        "mechanical")
    assert sprint.cones["count"] == 1 and sprint.cones["run"] == 1


def test_tracksprint_files_and_the_time_attack_day_without_it(
    files: Path, day: GeneratedEvent,
) -> None:
    assert day.sprint is not None
    with (files / "releases.csv").open(newline="") as handle:
        releases = list(csv.DictReader(handle))
    assert list(releases[0]) == ["time", "number"] and len(releases) == len(day.sprint.runs)
    with (files / "lights.csv").open(newline="") as handle:
        trips = list(csv.DictReader(handle))
    assert list(trips[0]) == ["time", "channel"] and len(trips) == 2 * len(day.sprint.runs)
    assert [(parse_local_time(r["time"]), r["channel"]) for r in trips] == day.sprint.trips()
    plain = generate_event(seed=2026, tracksprint=False)  # and so no HillClimb
    assert plain.sprint is None and "tracksprint" not in plain.event_toml
    assert plain.hillclimb is None and "hillclimb" not in plain.event_toml
    assert (plain.passings, plain.penalties) == (day.passings, day.penalties)
    assert plain.flags == [f for f in day.flags if f.session_id not in ("TS1", "HC1")]
    assert generate_event(seed=2026).sprint == day.sprint


def test_hillclimb_one_car_on_the_hill_at_a_time_on_two_loops(
    files: Path, day: GeneratedEvent,
) -> None:
    """SCCA TT I.3: a HillClimb is TrackSprint with one car on course: each car crosses the
    start loop only after the car before it crossed the finish loop; two runs each, timed by
    the hill's own decoder, after the TrackSprint, in no round."""
    hill, sprint = day.hillclimb, day.sprint
    assert hill is not None and sprint is not None
    ordered = sorted(hill.runs, key=lambda run: run.start_us)
    assert all(a.finish_us < b.start_us for a, b in zip(ordered, ordered[1:], strict=False))
    assert hill.start_us > sprint.flags[-1].time_us
    cars = {run.number for run in hill.runs}
    assert all(sum(r.number == car for r in hill.runs) == 2 for car in cars) and len(cars) > 10
    assert {(p.loop, p.decoder) for p in hill.passings} == {("HC-START", "2"), ("HC-FINISH", "2")}
    assert [p.passing_number for p in hill.passings] == list(range(1, len(hill.passings) + 1))
    assert [p.time_us for p in hill.passings] == sorted(p.time_us for p in hill.passings)
    starts = [p for p in hill.passings if p.loop == "HC-START"]
    finishes = [p for p in hill.passings if p.loop == "HC-FINISH"]
    assert (len(starts), len(finishes)) == (len(hill.runs) + 1, len(hill.runs) - 1)
    doubled = [p.time_us for p in starts if p.transponder == hill.duplicate_start.transponder]
    assert doubled[1] - doubled[0] == 300_000  # read twice 0.3 s apart on its first run
    assert hill.missed_finish.run == 2 and not hill.missed_finish.finish_read
    assert {hill.cones["number"], hill.off_course["number"], hill.missed_finish.number,
            hill.duplicate_start.number} <= cars and len({hill.cones["number"],
            hill.off_course["number"], hill.missed_finish.number}) == 3  # fmt: skip
    with (files / "event.toml").open("rb") as handle:
        doc = tomllib.load(handle)
    session = next(s for s in doc["session"] if s["id"] == "HC1")
    assert (session["format"], session["timing"], session["start_loop"], session["finish_loop"],
            session["groups"]) == ("hillclimb", "loops", "HC-START", "HC-FINISH", ["Advanced"])
    assert all("HC1" not in r["sessions"] for r in doc["round"])
    with (files / "hillclimb-passings.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(hill.passings) and rows[0]["loop"] == "HC-START"
    alone = generate_event(seed=2026, tracksprint=False, hillclimb=True)
    assert alone.hillclimb is not None and alone.hillclimb.start_us < hill.start_us


def test_scales_to_the_benchmark_day() -> None:
    """300 cars x 4 scored sessions x 25 laps: about 30,000 passings."""
    big = generate_event(cars=300, sessions_per_group=4, laps_per_session=25, practice=False)
    assert len(big.entries) == 300
    assert 25_000 <= len(big.passings) <= 35_000
    assert {s.round for s in big.sessions} == {"TA1", "TA2", "TA3", "TA4"}
