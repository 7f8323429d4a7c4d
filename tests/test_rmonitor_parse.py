"""RMonitor records, line by line (RMonitor Timing Protocol v1.0; `$L`/`$T` from the IMSA
Enhanced RMon Timing Protocol v1.03): every record type, and malformed lines reported with their
line number and skipped, never fatal."""

from __future__ import annotations

import logging

import pytest

from trackside.timing.rmonitor import parse_line, parse_lines
from trackside.timing.rmonitor.records import (
    BestLap,
    Competitor,
    CompetitorExt,
    Correction,
    Crossing,
    Heartbeat,
    Init,
    LapRecord,
    RaceClass,
    RacePosition,
    Run,
    Setting,
    TrackDescription,
    TrackSection,
)
from trackside.timing.rmonitor.times import duration_us as d

RECORDS = [
    (
        '$F,14,"00:12:45","13:34:23","00:09:47","Green "',
        Heartbeat(1, 14, d("00:12:45"), d("13:34:23"), d("00:09:47"), "Green"),
    ),
    (
        '$F,9999,"00:00:00","07:59:36","00:59:59","      "',
        Heartbeat(1, 9999, 0, d("07:59:36"), d("00:59:59"), ""),
    ),
    (
        '$A,"1234BE","12X",52474,"John","Johnson","USA",5',
        Competitor(1, "1234BE", "12X", "52474", "John", "Johnson", "USA", 5),
    ),
    (
        '$COMP,"1234BE","12X",5,"John","Johnson","USA","CAMEL"',
        CompetitorExt(1, "1234BE", "12X", 5, "John", "Johnson", "USA", "CAMEL"),
    ),
    ('$B,5,"Friday free practice"', Run(1, 5, "Friday free practice")),
    ('$C,5,"Formula 300"', RaceClass(1, 5, "Formula 300")),
    (
        '$E,"TRACKNAME","Indianapolis Motor Speedway"',
        Setting(1, "TRACKNAME", "Indianapolis Motor Speedway"),
    ),
    ('$G,3,"1234BE",14,"01:12:47.872"', RacePosition(1, 3, "1234BE", 14, d("01:12:47.872"))),
    ('$G,10,"89",,"00:00:00.000"', RacePosition(1, 10, "89", None, 0)),
    ('$H,2,"1234BE",3,"00:02:17.872"', BestLap(1, 2, "1234BE", 3, d("00:02:17.872"))),
    ('$I,"16:36:08.000","12 jan 01"', Init(1, d("16:36:08"), "2001-01-12")),
    ('$I,"10:03:08","27 Jan 09"', Init(1, d("10:03:08"), "2009-01-27")),
    (
        '$J,"1234BE","00:02:03.826","01:42:17.672"',
        LapRecord(1, "1234BE", d("00:02:03.826"), d("01:42:17.672")),
    ),
    (
        '$COR,"123BE","658",2,"00:00:35.272","+00:00:00.012"',
        Correction(1, "123BE", "658", 2, d("00:00:35.272"), 12_000),
    ),
    (
        '$L,"15","P1","SFP","01/27/2009","14:13:22.818"',
        Crossing(1, "15", "P1", "SFP", "2009-01-27", d("14:13:22.818")),
    ),
    (
        '$L,"13","P2","POP","01/27/2009","10:10:20.589",1,"PC"',
        Crossing(1, "13", "P2", "POP", "2009-01-27", d("10:10:20.589"), 1, "PC"),
    ),
    (
        '$T,"Circuit of the Americas","COTA","3.40",2,"S01","T1","T2",3375,"LAP","T1","P1",217379',
        TrackDescription(
            1,
            "Circuit of the Americas",
            "COTA",
            "3.40",
            (TrackSection("S01", "T1", "T2", 3375), TrackSection("LAP", "T1", "P1", 217379)),
        ),
    ),
]


@pytest.mark.parametrize(("line", "record"), RECORDS, ids=[r[0][:6] for r in RECORDS])
def test_each_record_type_is_parsed(line: str, record: object) -> None:
    parsed = parse_lines([line.encode("cp1252") + b"\r\n"])
    assert (parsed.records, parsed.warnings) == ((record,), ())


def test_quoted_fields_may_hold_commas_and_cp1252_letters() -> None:
    line = '$A,"7","7",1369900,"Jo\xebl, Jr.","Fe\u201cin\u201dberg","",1'.encode("cp1252")
    (record,) = parse_lines([line]).records
    assert isinstance(record, Competitor)
    assert (record.first_name, record.last_name) == ("Joël, Jr.", "Fe“in”berg")


def test_best_lap_without_a_time_is_orbits_sentinel() -> None:
    records = parse_lines(['$H,1,"21",0,"00:59:59.999"', '$H,2,"7",4,"00:01:50.358"']).records
    assert [r.has_time for r in records] == [False, True]


MALFORMED = [
    ('$B,5,"Friday "free" practice"', "bad quoting"),
    ('$A,"12,"12",1,"Ann","Lee","",1', "bad quoting"),
    ('$Z,5,"what"', "unknown record '$Z'"),
    ("hello world", "not an RMonitor record"),
    ('$G,3,"1234BE",14', "$G: expected 4 fields, got 3"),
    ('$L,"15","P1","SFP","01/27/2009"', "$L: expected 5 to 7 fields, got 4"),
    ('$J,"12","2:03.826","01:42:17.672"', "$J field 'lap_time': expected a time like"),
    ('$F,x,"00:00:00","07:59:36","00:59:59","      "', "$F field 'laps_to_go': expected a whole"),
    ('$I,"10:03:08","31 Feb 09"', "$I field 'date': no such date"),
    ('$A,"12","12",ABC,"Ann","Lee","",1', "$A field 'transponder': expected a transponder"),
    (b'$C,1,"Gro\x81"', "byte 0x81 at column 10 is not cp1252 text"),
]


@pytest.mark.parametrize(("bad", "message"), MALFORMED, ids=[str(m[1])[:24] for m in MALFORMED])
def test_a_malformed_line_is_reported_with_its_number_and_skipped(
    bad: str | bytes, message: str, caplog: pytest.LogCaptureFixture
) -> None:
    lines = ['$B,5,"Practice"', bad, '$C,1,"GT"']
    with caplog.at_level(logging.WARNING, logger="trackside.timing.rmonitor"):
        parsed = parse_lines(line if isinstance(line, bytes) else line.encode() for line in lines)
    assert parsed.records == (Run(1, 5, "Practice"), RaceClass(3, 1, "GT"))
    (warning,) = parsed.warnings
    assert warning.line == 2 and message in warning.message
    assert str(warning).startswith("line 2: ") and str(warning).endswith("; line skipped")
    assert str(warning) in caplog.text


def test_extra_fields_are_ignored_with_one_warning_per_record_type() -> None:
    """IMSA: fields added to a message, unless defined, should be ignored."""
    parsed = parse_lines(['$C,1,"GT","new"', '$C,2,"P","new"', '$B,5,"Race",9'])
    assert parsed.records == (RaceClass(1, 1, "GT"), RaceClass(2, 2, "P"), Run(3, 5, "Race"))
    assert [str(w) for w in parsed.warnings] == [
        "line 1: $C: 3 fields, expected 2: the extra ones are ignored",
        "line 3: $B: 3 fields, expected 2: the extra ones are ignored",
    ]


def test_blank_lines_and_line_ends_are_not_records() -> None:
    parsed = parse_lines([b"\r\n", b'$C,1,"GT"\r\n', b"", b"   \n"])
    assert (parsed.records, parsed.warnings) == ((RaceClass(2, 1, "GT"),), ())


def test_a_live_feed_is_read_one_line_at_a_time() -> None:
    assert parse_line(b'$C,1,"GT"\r\n', 7) == (RaceClass(7, 1, "GT"), None)
    assert parse_line(b"\r\n", 8) == (None, None)
    assert parse_line('$C,"x","GT"', 9) == (
        None,
        "$C field 'unique_number': expected a whole number, got 'x'; line skipped",
    )
