"""Following a live RMonitor feed line by line gives the facts `read_feed` makes of the whole
recording (docs/rmonitor.md, "Following a live feed"), each as soon as the lines make it known."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from textwrap import dedent

import pytest

from trackside.core.records import Entry, Flag, FlagState, Passing
from trackside.timing.rmonitor import read_feed
from trackside.timing.rmonitor.entry_keys import EntryBook
from trackside.timing.rmonitor.follow import FeedFollower, FeedUpdate
from trackside.timing.rmonitor.live_run import FollowedRun
from trackside.timing.rmonitor.times import at, day_and_time, format_duration, time_of_day_us

SEBRING = Path(__file__).resolve().parents[2] / "shared/data/rmonitor" / (
    "sebring-2009-alms-session4.txt"
)
DATE = "2026-05-16"


def t(clock: str, date: str = DATE) -> int:
    return at(date, time_of_day_us(clock))


def lines_of(text: str) -> list[bytes]:
    return [line.encode("cp1252") for line in dedent(text).strip().splitlines()]


@dataclass
class Followed:
    """Everything a follower made known, and after which line each passing came."""

    runs: list[FollowedRun] = field(default_factory=list)
    entries: dict[str, Entry] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)
    passings: list[Passing] = field(default_factory=list)
    passing_lines: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def take(self, update: FeedUpdate, line: int) -> None:
        self.runs += update.runs
        self.entries.update({e.number: e for e in update.entries})
        self.flags += update.flags
        self.passings += update.passings
        self.passing_lines += [line] * len(update.passings)
        self.warnings += [str(w) for w in update.warnings]


def follow(lines: list[bytes], follower: FeedFollower | None = None) -> Followed:
    follower = follower or FeedFollower(DATE)
    seen = Followed()
    for number, line in enumerate(lines, start=1):
        seen.take(follower.feed(line), number)
    seen.take(follower.finish(), len(lines) + 1)
    return seen


def assert_same_facts(lines: list[bytes], date: str) -> Followed:
    """The follower's facts equal `read_feed`'s: sessions, entries (with extras), flags and
    passings (the same set: the journal keeps each identity once)."""
    batch = read_feed(lines, "ev", date)
    live = follow(lines, FeedFollower(date, date=date))
    last_name = {run.session_id: run.description for run in live.runs}
    assert [(s.id, s.name) for s in batch.event.sessions] == list(last_name.items())
    assert {e.number: (e, e.extra) for e in batch.entries} == {
        n: (e, e.extra) for n, e in live.entries.items()
    }
    assert live.flags == list(batch.flags)
    assert {p.identity for p in live.passings} == {p.identity for p in batch.passings}
    return live


# --- the Sebring recording, replayed live ----------------------------------------------------

sebring = pytest.mark.skipif(not SEBRING.exists(), reason=f"feed not found: {SEBRING}")


@sebring
def test_sebring_followed_live_gives_the_facts_of_the_recording() -> None:
    """377 passings, six flags, 26 entries (two renumbered `-run3`), three sessions."""
    live = assert_same_facts(SEBRING.read_bytes().splitlines(keepends=True), "2009-01-27")
    assert len({p.identity for p in live.passings}) == 377
    assert {"9-run3", "21-run3"} <= set(live.entries)


@sebring
def test_sebring_lap_records_alone_followed_live_give_the_same_passings() -> None:
    """Without `$L`: the race start, fixed at the first `$J`, is the one the whole run gives."""
    lines = [b for b in SEBRING.read_bytes().splitlines(keepends=True) if not b.startswith(b"$L")]
    live = assert_same_facts(lines, "2009-01-27")
    assert all(p.loop is None for p in live.passings)


@sebring
def test_sebring_crossings_are_stored_at_their_j_or_when_their_car_is_named() -> None:
    """Each finish-line crossing is a passing as soon as its `$J` arrives (at most 60 lines, a
    few seconds, later), or, for a car Orbits had not named yet (55 crossings), that long after
    the car's first `$A` (car 44: line 3978); none waits for the end of the feed."""
    lines = SEBRING.read_bytes().splitlines(keepends=True)
    crossed_at, named_at = {}, {}
    for number, line in enumerate(lines, start=1):
        fields = line.rstrip(b"\r\n").replace(b'"', b"").split(b",")
        if fields[0] == b"$L":
            crossed_at.setdefault(fields[5], number)
        elif fields[0] == b"$A":
            named_at.setdefault(fields[3], number)
    live = follow(lines, FeedFollower("2009-01-27"))
    waited = []
    for passing, stored_after in zip(live.passings, live.passing_lines, strict=True):
        crossed = crossed_at[time_text(passing.time_us)]
        known = max(crossed, named_at.get(passing.transponder.encode(), 0))
        waited.append((stored_after - known, known > crossed))
    assert max(lines_waited for lines_waited, _ in waited) <= 60
    assert sum(1 for _, unnamed in waited if unnamed) == 55


def time_text(time_us: int) -> bytes:
    return format_duration(day_and_time(time_us)[1]).encode()


# --- what is held back, and for how long ------------------------------------------------------


def test_a_crossing_waits_for_its_j_and_then_is_a_passing() -> None:
    follower = FeedFollower(DATE)
    follower.feed(b'$A,"21","21",1001,"Ann","Lee","",1')
    assert follower.feed(b'$L,"21","T1","SFT","05/16/2026","09:01:00.100"').passings == []
    update = follower.feed(b'$J,"21","00:00:00.000","00:01:00.100"')
    assert [(p.transponder, p.loop, p.time_us) for p in update.passings] == [
        ("1001", "T1", t("09:01:00.100"))
    ]


def test_a_crossing_without_j_is_a_passing_only_on_a_finish_line() -> None:
    """After 5 s of heartbeats, or at the car's next crossing, a crossing without `$J` is
    settled by its timeline: P1 (lapped before) makes a passing, P3 (never lapped) none."""
    follower = FeedFollower(DATE)
    for line in lines_of("""
        $A,"21","21",1001,"Ann","Lee","",1
        $L,"21","P1","SFP","05/16/2026","09:01:00.000"
        $J,"21","00:00:00.000","00:01:00.000"
        $L,"21","P3","PIP","05/16/2026","09:02:00.000"
    """):
        follower.feed(line)
    assert follower.feed(b'$L,"21","P1","SFP","05/16/2026","09:02:10.000"').passings == []
    beat = '$F,0,"00:00:00","{}","00:00:00","Green "'
    assert follower.feed(beat.format("09:02:14").encode()).passings == []
    (late,) = follower.feed(beat.format("09:02:16").encode()).passings
    assert (late.loop, late.time_us) == ("P1", t("09:02:10"))


def test_before_the_first_j_no_crossing_is_settled() -> None:
    """Pit-out crossings before any `$J` wait for one to show which timelines make laps."""
    text = """
        $A,"21","21",1001,"Ann","Lee","",1
        $L,"21","P2","POP","05/16/2026","09:00:05.000"
        $F,0,"00:00:00","09:00:30","00:00:30","Green "
        $L,"21","T1","SFT","05/16/2026","09:01:00.000"
        $J,"21","00:00:00.000","00:01:00.000"
    """
    live = assert_same_facts(lines_of(text), DATE)
    assert [p.loop for p in live.passings] == ["T1"]


def test_a_crossing_of_a_car_not_yet_named_waits_for_its_competitor_record() -> None:
    """Orbits may name a car long after its first laps (Sebring: car 44 at line 3978)."""
    follower = FeedFollower(DATE)
    follower.feed(b'$L,"44","T1","SFT","05/16/2026","09:01:00.000"')
    assert follower.feed(b'$J,"44","00:00:00.000","00:01:00.000"').passings == []
    update = follower.feed(b'$A,"44","44",4201897,"Jorg","Bergmeister","",1')
    assert [(p.transponder, p.time_us) for p in update.passings] == [("4201897", t("09:01:00"))]
    assert [e.number for e in update.entries] == ["44"]


def test_a_car_never_named_gets_its_number_at_the_end_of_the_run() -> None:
    text = """
        $L,"99","SF","SF","05/16/2026","09:01:00.000"
        $L,"99","SF","SF","05/16/2026","09:02:00.000"
    """
    live = assert_same_facts(lines_of(text), DATE)
    assert [p.transponder for p in live.passings] == ["#99", "#99"]
    assert live.warnings == [
        "line 1: run1: car '99' has no competitor record ($A/$COMP) since the last reset: its "
        "passings carry transponder '#99'"
    ]


def test_finish_lines_named_make_passings_at_once() -> None:
    follower = FeedFollower(DATE, finish_lines={"T1"})
    follower.feed(b'$A,"21","21",1001,"Ann","Lee","",1')
    assert len(follower.feed(b'$L,"21","T1","SFT","05/16/2026","09:01:00.100"').passings) == 1
    assert follower.feed(b'$L,"21","P1","SFP","05/16/2026","09:02:00.100"').passings == []


# --- runs, flags and entries, as they come ---------------------------------------------------

RUNS = """
    $C,1,"GT"
    $A,"21","21",1001,"Ann","Lee","",1
    $F,0,"00:00:00","09:00:00","00:00:00","Green "
    $B,7,"Practice 1"
    $L,"21","SF","SF","05/16/2026","09:01:00.000"
    $J,"21","00:00:00.000","00:01:00.000"
    $F,0,"00:00:00","09:05:00","00:05:00","Finish"
    $B,8,"Practice 2"
    $F,0,"00:00:00","09:30:00","00:00:00","Green "
    $I,"10:00:00","16 May 26"
    $C,2,"Touring"
    $A,"21","21",2002,"Bo","Day","",2
    $F,0,"00:00:00","10:01:00","00:00:00","Yellow"
"""


def test_runs_flags_and_entries_followed_live_equal_the_recording() -> None:
    """A first run named by a later `$B`, a new `$B` (competitors kept), an `$I` (cleared: car
    21 of the new field is entered as `21-run3`)."""
    live = assert_same_facts(lines_of(RUNS), DATE)
    assert live.runs == [
        FollowedRun("run1", None, ""),
        FollowedRun("run1", 7, "Practice 1"),
        FollowedRun("run2", 8, "Practice 2"),
        FollowedRun("run3", None, ""),
    ]
    assert [(f.session_id, f.state) for f in live.flags] == [
        ("run1", FlagState.GREEN),
        ("run1", FlagState.CHECKERED),
        ("run2", FlagState.GREEN),
        ("run3", FlagState.YELLOW),
    ]
    assert live.entries["21-run3"] == Entry("21-run3", "Bo", "Day", "Touring", "run3", "2002")


def test_an_entry_is_updated_while_its_first_run_goes_on() -> None:
    """`$COMP` renames, a late `$C` names the class: the entry is sent again each time."""
    follower = FeedFollower(DATE)
    first = follower.feed(b'$A,"12","12",52474,"John","Johnson","USA",5').entries
    renamed = follower.feed(b'$COMP,"12","12",5,"Jon","Johnson","USA",""').entries
    classed = follower.feed(b'$C,5,"Formula 3000"').entries
    again = follower.feed(b'$A,"12","12",52474,"Jon","Johnson","USA",5').entries
    assert [e.first_name for e in first + renamed] == ["John", "Jon"]
    assert [e.car_class for e in classed] == ["Formula 3000"]
    assert again == []


def test_a_restarted_follower_continues_the_last_stored_run() -> None:
    """Same `$B`: the same session, and a green that was already stored is no new flag; a new
    `$B` is the next session."""
    follower = FeedFollower(DATE, resume=FollowedRun("run2", 8, "Practice 2"),
                            resume_flag="Green", next_run=3, entered={"21": "1001"})
    seen = follow(lines_of("""
        $F,0,"00:00:00","09:40:00","00:10:00","Green "
        $L,"21","SF","SF","05/16/2026","09:40:01.000"
        $J,"21","00:01:00.000","00:10:01.000"
        $B,8,"Practice 2"
        $A,"21","21",1001,"Ann","Lee","",1
        $B,9,"Practice 3"
        $F,0,"00:00:00","10:00:00","00:00:00","Green "
    """), follower)
    assert [(f.session_id, f.time_us) for f in seen.flags] == [("run3", t("10:00:00"))]
    assert seen.runs == [FollowedRun("run3", 9, "Practice 3")]
    assert [p.transponder for p in seen.passings] == ["1001"]
    assert seen.entries == {}


@pytest.mark.parametrize("raw", [b'$L,"21","SF","SF","05/16/2026","09:01:00.000', b"garbage"])
def test_a_malformed_line_is_reported_with_its_number(raw: bytes) -> None:
    follower = FeedFollower(DATE)
    follower.feed(b'$A,"21","21",1001,"Ann","Lee","",1')
    (warning,) = follower.feed(raw).warnings
    assert warning.line == 2 and "line skipped" in warning.message


# --- entry keys --------------------------------------------------------------------------------


def entry(number: str, transponder: str, group: str = "run1") -> Entry:
    return Entry(number, "A", "B", "GT", group, transponder)


def test_a_number_taken_by_another_transponder_is_entered_under_number_and_session() -> None:
    book = EntryBook()
    assert book.admit(entry("9", "111")) == (entry("9", "111"), None)
    admitted, warning = book.admit(entry("9", "222", "run3"))
    assert admitted == entry("9-run3", "222", "run3")
    assert warning == ("car '9' of run3 carries transponder 222 but car '9' is transponder "
                       "111: entered as '9-run3'")
    assert book.admit(entry("9", "333", "run3"))[0] == entry("9-run3-2", "333", "run3")


def test_an_entered_transponder_stays_its_entry() -> None:
    """Stored entries come first: the same car again adds nothing; under another number it
    counts as the stored car (its passings carry the transponder)."""
    book = EntryBook({"21": "1001", "9-run3": "222"})
    assert book.admit(entry("21", "1001")) == (None, None)
    assert book.admit(entry("9-run3", "222", "run3")) == (None, None)
    admitted, warning = book.admit(entry("12", "1001"))
    assert admitted is None
    assert warning == ("car '12' of run1 carries transponder 1001, which is car '21' in this "
                       "event: its passings count for car '21'")
