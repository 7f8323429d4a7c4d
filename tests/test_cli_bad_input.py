"""Bad input (interfaces.md, first paragraph): one clear line naming the file, line and field
(or the argument) at fault, a non-zero exit, and the database exactly as it was."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.p3_frames import ALL_FF_8, GOOD_RTC, hex_capture, passing_frame


@dataclass(frozen=True)
class Case:
    """A command on the loaded event, the file it reads (name, text), and what the error says."""

    args: tuple[str, ...]
    expected: tuple[str, ...]
    file: tuple[str, str] | None = None


EV = "img-tt-r3"
HEAD = '[event]\nid = "img-tt-r3"\nname = "X"\ndate = "2026-05-16"\n'
PASSING_HEAD = "time,transponder,loop,decoder,passing_number\n"

CASES = {
    "entries CSV missing a column": Case(
        ("entries", "import", EV, "{file}"),
        ("bad.csv:1: field 'transponder': missing required column",),
        ("bad.csv", "number,first_name,last_name,class,group\n44,Di,Eve,S2,Advanced\n"),
    ),
    "entries CSV value missing": Case(
        ("entries", "import", EV, "{file}"),
        ("bad.csv:3: field 'class': value required",),
        ("bad.csv", "number,first_name,last_name,class,group,transponder\n"
                    "44,Di,Eve,S2,Advanced,2001\n45,Ed,Fox,,Advanced,2002\n"),
    ),
    "duplicate car number in the file": Case(
        ("entries", "import", EV, "{file}"),
        ("bad.csv:4: field 'number'", "line 2 and line 4"),
        ("bad.csv", "number,first_name,last_name,class,group,transponder\n"
                    "44,Di,Eve,S2,Advanced,2001\n45,Ed,Fox,S2,Advanced,2002\n"
                    "44,Fay,Gil,S4,Intermediate,2003\n"),
    ),
    "duplicate transponder in the file": Case(
        ("entries", "import", EV, "{file}"),
        ("bad.csv:3: field 'transponder'", "line 2 and line 3"),
        ("bad.csv", "number,first_name,last_name,class,group,transponder\n"
                    "44,Di,Eve,S2,Advanced,2001\n45,Ed,Fox,S2,Advanced,2001\n"),
    ),
    "transponder already on another car in the database": Case(
        ("entries", "import", EV, "{file}"),
        ("bad.csv:2: field 'transponder'", "already belongs to car '21'"),
        ("bad.csv", "number,first_name,last_name,class,group,transponder\n"
                    "44,Di,Eve,S2,Advanced,1001\n"),
    ),
    "entries for an unknown event": Case(
        ("entries", "import", "no-such-event", "{file}"),
        ("argument EVENT: no event 'no-such-event'",),
        ("ok.csv", "number,first_name,last_name,class,group,transponder\n"
                   "44,Di,Eve,S2,Advanced,2001\n"),
    ),
    "passings CSV missing a column": Case(
        ("passings", "import", EV, "{file}"),
        ("bad.csv:1: field 'transponder': missing required column",),
        ("bad.csv", "time,loop\n2026-05-16T09:07:00.000,SF\n"),
    ),
    "malformed passing time": Case(
        ("passings", "import", EV, "{file}"),
        ("bad.csv:4: field 'time'", "'09:07:61'"),
        ("bad.csv", "time,transponder\n2026-05-16T09:07:00.000,1001\n"
                    "2026-05-16T09:09:00.000,1001\n09:07:61,1001\n"),
    ),
    "passings for an unknown event": Case(
        ("passings", "import", "no-such-event", "{file}"),
        ("argument EVENT: no event 'no-such-event'",),
        ("ok.csv", "time,transponder\n2026-05-16T09:07:00.000,1001\n"),
    ),
    "passing naming an unknown session": Case(
        ("passings", "import", EV, "{file}"),
        ("bad.csv:3: field 'session': no session 'TA9'",),
        ("bad.csv", "time,transponder,session\n2026-05-16T09:07:00.000,1001,TA1-A\n"
                    "2026-05-16T09:09:00.000,1001,TA9\n"),
    ),
    "P3 capture without a passing": Case(
        ("passings", "import", EV, "{file}"),
        ("bad.p3: no P3 PASSING record in the file",),
        ("bad.p3", "8e021f004d7c00000200010227000702\n"),
    ),
    "P3 passing whose RTC time is all 0xFF": Case(
        ("passings", "import", EV, "{file}", "--format", "p3"),
        ("bad.p3:2: field 'rtc_time': 18446744073709551615", "nothing imported"),
        ("bad.p3", hex_capture(passing_frame(1, 1001, GOOD_RTC), passing_frame(2, 1001, ALL_FF_8),
                                passing_frame(3, 1001, GOOD_RTC + 60_000_000))),
    ),
    "P3 passing whose RTC time is 0x7FFF...": Case(
        ("passings", "import", EV, "{file}"),
        ("bad.p3:2: field 'rtc_time': 9223372036854775807", "plausible"),
        ("bad.p3", hex_capture(passing_frame(1, 1001, GOOD_RTC),
                                passing_frame(2, 1001, 0x7FFF_FFFF_FFFF_FFFF))),
    ),
    "unknown --format": Case(
        ("passings", "import", EV, "{file}", "--format", "xml"),
        ("option --format: unknown format 'xml'",),
        ("ok.csv", "time,transponder\n2026-05-16T09:07:00.000,1001\n"),
    ),
    "flag in an unknown session": Case(
        ("flag", EV, "TA9", "green", "--at", "09:40"),
        ("argument SESSION: no session 'TA9'",),
    ),
    "unknown flag state": Case(
        ("flag", EV, "TA1-A", "purple", "--at", "09:40"),
        ("argument STATE: unknown flag state 'purple'",),
    ),
    "malformed flag time": Case(
        ("flag", EV, "TA1-A", "red", "--at", "nine-forty"),
        ("option --at:", "'nine-forty'"),
    ),
    "flags file with an unknown state": Case(
        ("flags", "import", EV, "{file}"),
        ("bad.csv:3: field 'state'", "'purple'"),
        ("bad.csv", "session,state,time\nTA1-I,green,09:30\nTA1-I,purple,09:31\n"),
    ),
    "flags file with an unknown session": Case(
        ("flags", "import", EV, "{file}"),
        ("bad.csv:2: field 'session': no session 'TA9'",),
        ("bad.csv", "session,state,time\nTA9,green,09:30\n"),
    ),
    "penalty for a car not entered": Case(
        ("penalty", "add", EV, "99", "track-limits", "--session", "TA1-A"),
        ("argument NUMBER: car '99' is not entered",),
    ),
    "penalty for a lap that does not exist": Case(
        ("penalty", "add", EV, "21", "delete-lap", "--session", "TA1-A", "--lap", "9"),
        ("option --lap: car '21' has no lap 9 in session 'TA1-A'",),
    ),
    "penalty of an unknown kind": Case(
        ("penalty", "add", EV, "21", "speeding", "--session", "TA1-A"),
        ("argument KIND: unknown kind 'speeding'",),
    ),
    "penalty in an unknown session": Case(
        ("penalty", "add", EV, "21", "track-limits", "--session", "TA9"),
        ("option --session: no session 'TA9'",),
    ),
    "session penalty without a session": Case(
        ("penalty", "add", EV, "21", "track-limits"),
        ("option --session:",),
    ),
    "exclude-from-session without --at": Case(
        ("penalty", "add", EV, "21", "exclude-from-session", "--session", "TA1-A"),
        ("option --at:",),
    ),
    "time-penalty without seconds": Case(
        ("penalty", "add", EV, "21", "time-penalty"),
        ("option --seconds:",),
    ),
    "revoke an unknown decision": Case(
        ("penalty", "revoke", EV, "999", "--reason", "x", "--by", "Sue"),
        ("argument ID: no decision 999",),
    ),
    "event file with a duplicate session id": Case(
        ("event", "import", "{file}"),
        ("bad.toml:8: field 'session[2].id'", "'TA1-A' is used twice"),
        ("bad.toml", '[event]\nid = "img-tt-r3"\nname = "X"\ndate = "2026-05-16"\n'
                     '[[session]]\nid = "TA1-A"\n[[session]]\nid = "TA1-A"\n'),
    ),
    "event file with a round naming an unknown session": Case(
        ("event", "import", "{file}"),
        ("bad.toml:9: field 'round[1].sessions': no session 'TA7'",),
        ("bad.toml", '[event]\nid = "img-tt-r3"\nname = "X"\ndate = "2026-05-16"\n'
                     '[[session]]\nid = "TA1-A"\n[[round]]\nname = "TA1"\nsessions = ["TA7"]\n'),
    ),
    "event file with an unknown session format": Case(
        ("event", "import", "{file}"),
        ("bad.toml:7: field 'session[1].format'", "'drag'"),
        ("bad.toml", '[event]\nid = "img-tt-r3"\nname = "X"\ndate = "2026-05-16"\n'
                     '[[session]]\nid = "TA1-A"\nformat = "drag"\n'),
    ),
    "event file without a name": Case(
        ("event", "import", "{file}"),
        ("bad.toml:1: field 'event.name': required",),
        ("bad.toml", '[event]\nid = "img-tt-r3"\ndate = "2026-05-16"\n'),
    ),
    "event file with a bad date": Case(
        ("event", "import", "{file}"),
        ("bad.toml:4: field 'event.date'", "'16/05/2026'"),
        ("bad.toml", '[event]\nid = "img-tt-r3"\nname = "X"\ndate = "16/05/2026"\n'),
    ),
    "event re-import dropping a session that has flags": Case(
        ("event", "import", "{file}"),
        ("bad.toml: field 'session': session 'TA1-A' has stored flags",),
        ("bad.toml", '[event]\nid = "img-tt-r3"\nname = "X"\ndate = "2026-05-16"\n'
                     '[[session]]\nid = "TA1-I"\n'),
    ),
    "event file that is not TOML": Case(
        ("event", "import", "{file}"),
        ("bad.toml:3: not valid TOML",),
        ("bad.toml", '[event]\nid = "img-tt-r3"\nname = \n'),
    ),
    "event file with a misspelt event key": Case(
        ("event", "import", "{file}"),
        ("bad.toml:5: field 'event.min_lap': unknown key; did you mean 'min_lap_s'?",),
        ("bad.toml", f'{HEAD}min_lap = 60\n'),
    ),
    "event file with a misspelt track key": Case(
        ("event", "import", "{file}"),
        ("bad.toml:6: field 'track.start_finish': unknown key; did you mean "
         "'start_finish_loop'?",),
        ("bad.toml", f'{HEAD}[track]\nstart_finish = "SF"\n'),
    ),
    "event file with a misspelt session key": Case(
        ("event", "import", "{file}"),
        ("bad.toml:7: field 'session[1].duration': unknown key; did you mean 'duration_min'?",),
        ("bad.toml", f'{HEAD}[[session]]\nid = "TA1-A"\nduration = 20\n'),
    ),
    "event file with a misspelt round key": Case(
        ("event", "import", "{file}"),
        ("bad.toml:7: field 'round[1].session': unknown key; did you mean 'sessions'?",),
        ("bad.toml", f'{HEAD}[[round]]\nname = "TA1"\nsession = ["TA1-A"]\n'),
    ),
    "event file with an unknown table": Case(
        ("event", "import", "{file}"),
        ("bad.toml:5: field 'sessions': unknown table; did you mean 'session'?",),
        ("bad.toml", f'{HEAD}[[sessions]]\nid = "TA1-A"\n'),
    ),
    "event file with a later format's setting of the wrong type": Case(
        ("event", "import", "{file}"),
        ("bad.toml:7: field 'session[1].max_runs': expected a whole number, got 'four'",),
        ("bad.toml", f'{HEAD}[[session]]\nid = "TA1-A"\nmax_runs = "four"\n'),
    ),
    "event file with an infinite minimum lap": Case(
        ("event", "import", "{file}"),
        ("bad.toml:5: field 'event.min_lap_s': expected a finite number, got inf",),
        ("bad.toml", f'{HEAD}min_lap_s = inf\n'),
    ),
    "event file with a round naming a session by a number": Case(
        ("event", "import", "{file}"),
        ("bad.toml:9: field 'round[1].sessions': expected a list of session ids, got [1]",),
        ("bad.toml", f'{HEAD}[[session]]\nid = "TA1-A"\n[[round]]\nname = "TA1"\n'
                     'sessions = [[1]]\n'),
    ),
    "passing number past 64 bits": Case(
        ("passings", "import", EV, "{file}"),
        ("bad.csv:2: field 'passing_number': larger than 9223372036854775807",),
        ("bad.csv", f"{PASSING_HEAD}2026-05-16T09:07:00.000,1001,SF,D1,99999999999999999999\n"),
    ),
    "passing number with an underscore": Case(
        ("passings", "import", EV, "{file}"),
        ("bad.csv:2: field 'passing_number': expected a whole number (digits 0-9), got '1_0'",),
        ("bad.csv", f"{PASSING_HEAD}2026-05-16T09:07:00.000,1001,SF,D1,1_0\n"),
    ),
    "passing number in full-width digits": Case(
        ("passings", "import", EV, "{file}"),
        ("bad.csv:2: field 'passing_number'", "got '１２'"),
        ("bad.csv", f"{PASSING_HEAD}2026-05-16T09:07:00.000,1001,SF,D1,１２\n"),
    ),
    "passing number with a sign": Case(
        ("passings", "import", EV, "{file}"),
        ("bad.csv:2: field 'passing_number'", "got '+5'"),
        ("bad.csv", f"{PASSING_HEAD}2026-05-16T09:07:00.000,1001,SF,D1,+5\n"),
    ),
    "passing time with a UTC offset": Case(
        ("passings", "import", EV, "{file}"),
        ("bad.csv:2: field 'time': a UTC offset is not allowed",),
        ("bad.csv", f"{PASSING_HEAD}2026-05-16T09:00:00+02:00,1001,SF,D1,90\n"),
    ),
    "passing time in full-width digits": Case(
        ("passings", "import", EV, "{file}"),
        ("bad.csv:2: field 'time': expected ISO 8601 local time",),
        ("bad.csv", f"{PASSING_HEAD}２０２６-05-16T09:00:00,1001,SF,D1,90\n"),
    ),
    "flag time with a UTC offset": Case(
        ("flags", "import", EV, "{file}"),
        ("bad.csv:2: field 'time': a UTC offset is not allowed",),
        ("bad.csv", "session,state,time\nTA1-I,green,2026-05-16T09:30:00Z\n"),
    ),
    "a stray quote swallowing the rows after it": Case(
        ("passings", "import", EV, "{file}"),
        ("bad.csv:3: field 'transponder': a quoted value runs over several lines",),
        ("bad.csv", PASSING_HEAD + "2026-05-16T09:07:00.000,1001,SF,D1,90\n"
         '2026-05-16T09:08:00.000,"1002,SF,D1,91\n'
         + "".join(f"2026-05-16T09:{10 + n}:00.000,1001,SF,D1,{92 + n}\n" for n in range(40))),
    ),
    "a transponder longer than 64 characters": Case(
        ("passings", "import", EV, "{file}"),
        ("bad.csv:2: field 'transponder': longer than 64 characters",),
        ("bad.csv", f"{PASSING_HEAD}2026-05-16T09:07:00.000,{'7' * 65},SF,D1,90\n"),
    ),
    "a passing field over 128 KiB": Case(
        ("passings", "import", EV, "{file}"),
        ("bad.csv:2: unreadable CSV from this line on", "field larger than field limit"),
        ("bad.csv", f'{PASSING_HEAD}2026-05-16T09:07:00.000,"{"7" * 140_000}",SF,D1,90\n'),
    ),
    "an entries field over 128 KiB": Case(
        ("entries", "import", EV, "{file}"),
        ("bad.csv:3: unreadable CSV from this line on",),
        ("bad.csv", "number,first_name,last_name,class,group,transponder\n"
                    "44,Di,Eve,S2,Advanced,2001\n"
                    f'45,"{"x" * 140_000}",Fox,S2,Advanced,2002\n'),
    ),
    "an entries name over the sane length": Case(
        ("entries", "import", EV, "{file}"),
        ("bad.csv:2: field 'first_name': longer than 200 characters", "x" * 90 + "…"),
        ("bad.csv", "number,first_name,last_name,class,group,transponder\n"
                    f"44,{'x' * 5000},Eve,S2,Advanced,2001\n"),
    ),
    "two cars under one decoder and passing number in the file": Case(
        ("passings", "import", EV, "{file}"),
        ("bad.csv:3: field 'passing_number': decoder 'D1' passing number 90 is transponder "
         "'1001' at 2026-05-16T09:07:00.000 on line 2 but transponder '1002' at "
         "2026-05-16T09:07:00.000 on line 3",),
        ("bad.csv", f"{PASSING_HEAD}2026-05-16T09:07:00.000,1001,SF,D1,90\n"
                    "2026-05-16T09:07:00.000,1002,SF,D1,90\n"),
    ),
    "a passing that differs from the stored one of its identity": Case(
        ("passings", "import", EV, "{file}"),
        ("bad.csv:3: field 'passing_number': decoder 'D1' passing number 1 is transponder "
         "'1002' at 2026-05-16T09:01:00.000 here but transponder '1001' at "
         "2026-05-16T09:01:00.000 is stored",),
        ("bad.csv", f"{PASSING_HEAD}2026-05-16T09:07:00.000,1001,SF,D1,90\n"
                    "2026-05-16T09:01:00.000,1002,SF,D1,1\n"),
    ),
    "results for an unknown class": Case(
        ("results", EV, "--class", "GT1"),
        ("option --class: no entries in class 'GT1'",),
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_bad_input_is_one_line_nonzero_and_changes_nothing(trackside, loaded, dump, case: Case):
    decision = trackside("penalty", "add", EV, "22", "warning", "--session", "TA1-A",
                         "--reason", "pit lane speed", "--by", "Sue")
    assert decision.exit_code == 0, decision.output
    args = list(case.args)
    if case.file is not None:
        path = loaded.write(*case.file)
        args = [str(path) if a == "{file}" else a for a in args]
    before = dump()

    result = trackside(*args)

    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for fragment in case.expected:
        assert fragment in lines[0]
    assert result.stdout == ""
    assert dump() == before


def test_installed_command_reports_errors_the_same_way(loaded, db_url, dump):
    """The real entry point (not the test runner): stderr line, exit status 1."""
    import subprocess
    import sys

    before = dump()
    completed = subprocess.run(
        [sys.executable, "-c", "from trackside.cli import main; main()", "--db", db_url,
         "penalty", "add", EV, "99", "track-limits", "--session", "TA1-A"],
        capture_output=True, text=True, check=False,
    )
    assert completed.returncode == 1
    assert completed.stderr == f"error: argument NUMBER: car '99' is not entered in event '{EV}'\n"
    assert completed.stdout == ""
    assert dump() == before


DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.mark.parametrize(("capture", "passings"), [("p3/amb.out", 84),
                                                    ("rmonitor/sebring-2009-alms-session4.txt",
                                                     None)])
def test_decoder_captures_import_once_with_unknown_transponders_kept(
    trackside, loaded, capture, passings
):
    path = DATA / capture
    if not path.exists():
        pytest.skip(f"{path} not present")
    first = trackside("passings", "import", EV, path)
    assert first.exit_code == 0, first.output
    added = int(first.stdout.split("passings: ")[1].split(" added")[0])
    assert added == passings if passings is not None else added > 300
    again = trackside("passings", "import", EV, path)
    assert f"0 added, {added} already present" in again.stdout
    listed = json.loads(trackside("passings", "list", EV, "--format", "json").stdout)
    from_capture = [p for p in listed if p["source"] != "csv"]
    assert len(from_capture) == added
    assert all(p["number"] is None for p in from_capture)
