"""RMonitor lines written from trackside records (for the scoreboard server), and the round trip:
what is written reads back as the same entries and laps."""

from __future__ import annotations

import pytest

from trackside.core.records import (
    Entry,
    EventDef,
    EventFacts,
    Flag,
    FlagState,
    Passing,
    SessionDef,
)
from trackside.core.results import SessionEntryResult
from trackside.rules import scored
from trackside.timing.rmonitor import parse_lines, read_feed
from trackside.timing.rmonitor import write as w
from trackside.timing.rmonitor.times import at, duration_us, time_of_day_us

DATE = "2026-05-16"


def d(text: str) -> int:
    return duration_us(text)


def t(clock: str, date: str = DATE) -> int:
    return at(date, time_of_day_us(clock))


JOHN = Entry("12X", "John", "Johnson", "Formula 3000", "A", "52474")

LINES = [
    (
        w.heartbeat(
            t("13:34:23"),
            FlagState.GREEN,
            laps_to_go=14,
            time_to_go_us=d("00:12:45"),
            race_time_us=d("00:09:47"),
        ),
        '$F,14,"00:12:45","13:34:23","00:09:47","Green "',
    ),
    (w.heartbeat(t("07:59:36"), None), '$F,0,"00:00:00","07:59:36","00:00:00","      "'),
    (w.heartbeat(t("09:00:00"), FlagState.CHECKERED)[-8:], '"Finish"'),
    (w.heartbeat(t("09:00:00"), FlagState.BLACK_ALL)[-8:], '"Red   "'),
    (
        w.competitor(JOHN, 5, registration="1234BE", nationality="USA"),
        '$A,"1234BE","12X",52474,"John","Johnson","USA",5',
    ),
    (w.competitor(Entry("7", "A", "B", "", "", "T7"), None), '$A,"7","7",0,"A","B","",'),
    (
        w.competitor_ext(
            JOHN, 5, registration="1234BE", nationality="USA", additional_data="CAMEL"
        ),
        '$COMP,"1234BE","12X",5,"John","Johnson","USA","CAMEL"',
    ),
    (w.run(5, "Friday free practice"), '$B,5,"Friday free practice"'),
    (w.run(1, 'The "Big" One'), '$B,1,"The ""Big"" One"'),
    (w.race_class(5, "Formula 300"), '$C,5,"Formula 300"'),
    (w.setting("TRACKNAME", "Sebring"), '$E,"TRACKNAME","Sebring"'),
    (w.race_position(3, "1234BE", 14, d("01:12:47.872")), '$G,3,"1234BE",14,"01:12:47.872"'),
    (w.race_position(10, "89", None, None), '$G,10,"89",,"00:59:59.999"'),
    (w.best_lap(2, "1234BE", 3, d("00:02:17.872")), '$H,2,"1234BE",3,"00:02:17.872"'),
    (w.best_lap(1, "21", None, None), '$H,1,"21",0,"00:59:59.999"'),
    (w.init(t("16:36:08", "2001-01-12")), '$I,"16:36:08.000","12 Jan 01"'),
    (
        w.passing("1234BE", d("00:02:03.826"), d("01:42:17.672")),
        '$J,"1234BE","00:02:03.826","01:42:17.672"',
    ),
    (
        w.crossing("15", "P1", "SFP", t("14:13:22.818", "2009-01-27")),
        '$L,"15","P1","SFP","01/27/2009","14:13:22.818"',
    ),
]


@pytest.mark.parametrize(("written", "expected"), LINES, ids=[e[:6] for _, e in LINES])
def test_each_line_is_written_as_orbits_writes_it(written: str, expected: str) -> None:
    assert written == expected
    if written.startswith("$"):
        assert parse_lines([written]).warnings == ()


def test_lines_are_sent_as_cp1252_with_cr_lf() -> None:
    assert w.encode(w.run(1, "Grüße €")) == b'$B,1,"Gr\xfc\xdfe \x80"\r\n'
    assert w.encode(w.run(1, "日本")) == b'$B,1,"??"\r\n'


def test_classes_are_numbered_in_order_of_first_appearance() -> None:
    entries = [
        Entry("1", "A", "A", "S2", "", "1"),
        Entry("2", "B", "B", "S4", "", "2"),
        Entry("3", "C", "C", "S2", "", "3"),
    ]
    assert w.class_numbers(entries) == {"S2": 1, "S4": 2}
    assert w.entry_lines(entries[:1]) == [
        '$C,1,"S2"',
        '$A,"1","1",1,"A","A","",1',
        '$COMP,"1","1",1,"A","A","",""',
    ]


# --- the round trip --------------------------------------------------------------------------

ENTRIES = (
    Entry("21", "Ann", "Lee", "S2", "run1", "1001"),
    Entry("7", "Joël", "Fäßler", "S4", "run1", "1007"),
    Entry("12X", "Bob", "Ray, Jr.", "S2", "run1", "1012"),
)
CROSSINGS = {
    "1001": ["09:01:00.000", "09:03:02.500", "09:03:05.100", "09:05:03.000"],
    "1007": ["09:01:10.250", "09:03:15.000", "09:05:20.125"],
    "1012": ["09:02:00.000", "09:04:01.999"],
}
RACE_START = time_of_day_us("09:00:00.300")
GREEN, FINISH = "09:00:01", "09:06:00"


def original() -> EventFacts:
    """The facts a scoreboard server would publish: one session, three cars."""
    event = EventDef("rt", "Round trip", DATE, sessions=(SessionDef("run1", groups=("run1",)),))
    passings = tuple(
        Passing(t(c), transponder, "SF") for transponder, cs in CROSSINGS.items() for c in cs
    )
    flags = (Flag("run1", FlagState.GREEN, t(GREEN)), Flag("run1", FlagState.CHECKERED, t(FINISH)))
    return EventFacts(event, ENTRIES, passings, flags, ())


def scoreboard(facts: EventFacts, *, crossings: bool) -> list[bytes]:
    """The feed: reset, run, classes and competitors, a heartbeat every second, a `$J` (and
    `$L`) at each crossing, and the final `$H` of every car."""
    number = {e.transponder: e.number for e in facts.entries}
    lines = [w.init(t("08:59:00")), w.run(1, "Time Attack 1"), *w.entry_lines(facts.entries)]
    timed = [(t(f"09:{s // 60:02d}:{s % 60:02d}"), "F", None) for s in range(1, 361)]
    timed += [(p.time_us, "J", p.transponder) for p in facts.passings]
    last: dict[str, int] = {}
    for time_us, kind, transponder in sorted(timed, key=lambda item: item[:2]):
        if kind == "F":
            flag = FlagState.CHECKERED if time_us >= t(FINISH) else FlagState.GREEN
            race = time_us - at(DATE, RACE_START)
            lines.append(w.heartbeat(time_us, flag, race_time_us=race))
            continue
        car = number[transponder]
        if crossings:
            lines.append(w.crossing(car, "T1", "SFT", time_us))
        lap = time_us - last[car] if car in last else 0
        lines.append(w.passing(car, lap, time_us - at(DATE, RACE_START)))
        last[car] = time_us
    for position, row in enumerate(scored(facts).sessions["run1"].entries, start=1):
        best = row.best_lap
        lines.append(w.best_lap(position, row.number, best and best.lap, best and best.time_us))
    return [w.encode(line) for line in lines]


def laps(row: SessionEntryResult) -> list[tuple[int, int, bool]]:
    return [(lap.lap, lap.time_us, lap.valid) for lap in row.laps]


@pytest.mark.parametrize("crossings", [True, False], ids=["with $L", "$J only"])
def test_what_is_written_reads_back_as_the_same_entries_and_laps(crossings: bool) -> None:
    facts = original()
    feed = read_feed(scoreboard(facts, crossings=crossings), "rt", min_lap_s=20.0)
    assert feed.warnings == ()
    assert feed.entries == ENTRIES
    assert [(e.driver, e.car_class) for e in feed.entries] == [
        ("Ann Lee", "S2"),
        ("Joël Fäßler", "S4"),
        ("Bob Ray, Jr.", "S2"),
    ]
    before = {row.number: row for row in scored(facts).sessions["run1"].entries}
    after = {row.number: row for row in scored(feed.facts()).sessions["run1"].entries}
    assert {n: laps(row) for n, row in after.items()} == {n: laps(r) for n, r in before.items()}
    assert [(b.number, b.lap, b.time_us) for b in feed.run("run1").best_laps] == [
        (row.number, row.best_lap.lap, row.best_lap.time_us)
        for row in before.values()
        if row.best_lap
    ]


def test_crossings_read_back_at_their_exact_times() -> None:
    facts = original()
    feed = read_feed(scoreboard(facts, crossings=True), "rt")
    assert sorted((p.time_us, p.transponder) for p in feed.passings) == sorted(
        (p.time_us, p.transponder) for p in facts.passings
    )
