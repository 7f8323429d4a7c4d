"""One session clock of green-flag time (RMD 1.6; SCCA TT VI.1.1.5; time-attack.md rules 4-5):
a red flag stops it and the restart runs the remaining time. The core computes it once; the
live web board and RMonitor's `$F` show the same time remaining at every track time."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.scenario import event, facts, flags, t
from trackside.core.periods import session_windows
from trackside.core.records import Decision, DecisionKind, EventFacts, FlagState
from trackside.core.session_clock import current_session, session_clock
from trackside.live.live_event import LiveEvent
from trackside.live.rmonitor_board import board_of
from trackside.live.rmonitor_lines import changed_lines, heartbeat
from trackside.rules import scored
from trackside.timing.rmonitor.parse import parse_line
from trackside.timing.rmonitor.records import Heartbeat
from trackside.web.board import board_doc

MINUTE = 60_000_000
SESSIONS = event("TA1 scored A\nTA2 scored A")
EVENT = replace(SESSIONS, sessions=(replace(SESSIONS.sessions[0], duration_min=20),
                                    SESSIONS.sessions[1]))  # fmt: skip
ENTRIES = """
car class group
1 S2 A
2 S2 A
"""
PASSINGS = """
time car
09:01:00 1
09:03:00 1
09:01:10 2
09:03:08 2
09:11:00 1
09:13:00 1
"""
# 5 minutes of green, a 5-minute red, then the 15 minutes left: the checkered at 09:25.
FLAGS = """
time session state
09:00:00 TA1 green
09:05:00 TA1 red
09:10:00 TA1 green
09:25:00 TA1 checkered
"""
FACTS = facts(EVENT, ENTRIES, PASSINGS, FLAGS)


def clock_at(clock: str):
    return session_clock(EVENT, "TA1", FACTS.flags, session_windows(FACTS.flags), t(clock))


@pytest.mark.parametrize(
    ("clock", "flag", "phase", "green_min", "remaining_min", "elapsed_min"),
    [
        ("08:59:00", None, "upcoming", 0, 20, 0),
        ("09:03:00", FlagState.GREEN, "running", 3, 17, 3),
        ("09:05:00", FlagState.RED, "stopped", 5, 15, 5),
        ("09:07:30", FlagState.RED, "stopped", 5, 15, 5),
        ("09:10:00", FlagState.GREEN, "running", 5, 15, 10),
        ("09:18:00", FlagState.GREEN, "running", 13, 7, 18),
        ("09:25:00", FlagState.CHECKERED, "finished", 20, 0, 25),
        ("09:40:00", FlagState.CHECKERED, "finished", 20, 0, 25),
    ],
)
def test_the_clock_counts_green_flag_time_and_stands_still_through_a_red(
    clock, flag, phase, green_min, remaining_min, elapsed_min
):
    """Green 09:00, red 09:05, green 09:10, checkered 09:25; 20 minutes: worked by hand.
    Session elapsed time (rule 4) also stops while the red has the session closed."""
    at = clock_at(clock)
    assert (at.flag, at.phase) == (flag, phase)
    assert at.green_elapsed_us == green_min * MINUTE
    assert at.remaining_us == remaining_min * MINUTE
    assert at.elapsed_us == elapsed_min * MINUTE


def test_without_a_track_time_the_clock_is_read_at_the_latest_flag():
    at = session_clock(EVENT, "TA1", FACTS.flags, session_windows(FACTS.flags), None)
    assert (at.phase, at.green_elapsed_us, at.remaining_us) == ("finished", 20 * MINUTE, 0)


def test_a_session_without_a_duration_has_no_time_remaining():
    at = session_clock(EVENT, "TA2", FACTS.flags, session_windows(FACTS.flags), t("09:30:00"))
    assert (at.phase, at.remaining_us, at.green_elapsed_us) == ("upcoming", None, 0)


def test_the_current_session_is_the_last_to_go_green_by_then():
    later = FACTS.flags + flags("time session state\n09:30:00 TA2 green")
    windows = session_windows(later)
    assert current_session(EVENT, windows, t("08:00:00")) == "TA1"
    assert current_session(EVENT, windows, t("09:29:59")) == "TA1"
    assert current_session(EVENT, windows, t("09:30:00")) == "TA2"
    assert current_session(EVENT, windows, None) == "TA2"
    both = flags("time session state\n09:00:00 TA2 green\n09:00:00 TA1 green")
    assert current_session(EVENT, session_windows(both), None) == "TA1"


def facts_at(time_us: int) -> EventFacts:
    return replace(FACTS, passings=tuple(p for p in FACTS.passings if p.time_us <= time_us),
                   flags=tuple(f for f in FACTS.flags if f.time_us <= time_us))  # fmt: skip


def rmonitor_clock(line: str) -> Heartbeat:
    record, problem = parse_line(line, 1)
    assert problem is None and isinstance(record, Heartbeat)
    return record


@pytest.mark.parametrize(
    ("clock", "remaining"),
    [
        ("09:02:00", "00:18:00"),
        ("09:05:00", "00:15:00"),
        ("09:06:00", "00:15:00"),
        ("09:09:59", "00:15:00"),
        ("09:10:00", "00:15:00"),
        ("09:16:30", "00:08:30"),
    ],
)
def test_web_board_and_rmonitor_time_to_go_agree_through_a_red_flag(clock, remaining):
    """At each track time the live board's clock and RMonitor's `$F` show the same green-flag
    time remaining; both stand still from the red (09:05) to the restart (09:10)."""
    now = t(clock)
    snapshot_facts = facts_at(now)
    web = board_doc(LiveEvent("test", snapshot_facts).snapshot, "TA1", None, now)["clock"]
    line = heartbeat(board_of(snapshot_facts, scored(snapshot_facts)), now)
    beat = rmonitor_clock(line)
    assert beat.time_to_go_us == web["remaining_us"] == web["duration_us"] - web["green_elapsed_us"]
    assert f'"{remaining}"' in line


def test_rmonitor_flag_lines_carry_the_time_left_at_the_red_and_at_the_restart():
    """The `$F` sent at each new flag: the red and the restart both show 15 minutes to go."""
    before = facts_at(t("09:04:00"))
    after = facts_at(t("09:12:00"))
    lines = changed_lines(board_of(before, scored(before)), board_of(after, scored(after)),
                          t("09:12:00"))  # fmt: skip
    beats = [rmonitor_clock(line) for line in lines if line.startswith("$F")]
    assert [(b.flag, b.time_to_go_us, b.race_time_us) for b in beats] == [
        ("Red", 15 * MINUTE, 5 * MINUTE),
        ("Green", 15 * MINUTE, 10 * MINUTE),
    ]


def test_a_revoked_red_stops_neither_the_web_clock_nor_rmonitors():
    """A red keyed in by mistake and revoked (`revoke-flag`): both clocks read the flags in
    force, so the 20 minutes run from 09:00 without a stop."""
    numbered = tuple(replace(f, id=n) for n, f in enumerate(facts_at(t("09:16:30")).flags, 1))
    red = next(f for f in numbered if f.state is FlagState.RED)
    revoke = Decision(1, DecisionKind.REVOKE_FLAG, session_id="TA1", flag_id=red.id)
    revoked = replace(facts_at(t("09:16:30")), flags=numbered, decisions=(revoke,))
    now = t("09:16:30")
    web = board_doc(LiveEvent("test", revoked).snapshot, "TA1", None, now)["clock"]
    line = heartbeat(board_of(revoked, scored(revoked)), now)
    assert rmonitor_clock(line).time_to_go_us == web["remaining_us"] == 3 * MINUTE + 30_000_000
    assert '"00:03:30"' in line
