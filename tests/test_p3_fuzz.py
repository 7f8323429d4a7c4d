"""Fuzzing the P3 parsers, the client's intake and `passings import --format p3` with CRC-valid
frames holding absurd values (issue "Trust": nothing on the wire or in a file crashes anything
or loses a passing): clean skips or one-line errors, no traceback, memory bounded, and a refused
import leaves the database as it was."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.p3_frames import (
    ABSURD_TIMES,
    GOOD_RTC,
    absurd_passings,
    hex_capture,
    passing_frame,
    truncated,
)
from trackside.timing.p3 import StreamDecoder, decode_frame
from trackside.timing.p3.decoder_frames import clock_frame
from trackside.timing.p3.intake import Intake, IntakeSettings
from trackside.timing.p3.numbering import MAX_JUMP, PassingLog, Verdict
from trackside.timing.p3.plausible import TimeWindow, passing_refusal

S = 1_000_000
EVENT_START = GOOD_RTC - 86_400 * S
WALL = GOOD_RTC + 3600 * S
FEW = settings(max_examples=40, deadline=None)

frames = st.lists(st.one_of(absurd_passings(), truncated(absurd_passings())), min_size=1,
                  max_size=8)  # fmt: skip


def _good(number: int) -> bytes:
    return passing_frame(number, 1000 + number, GOOD_RTC + number * 60 * S)


def _intake() -> Intake:
    intake = Intake({}, IntakeSettings(event_start_us=EVENT_START, idle_probe_s=1e9))
    intake.connected(0.0, WALL)
    return intake


def _wanted(intake: Intake) -> int:
    return sum(len(state.log.missing) for state in intake._decoders.values())


@FEW
@given(frames, st.integers(0, 3))
def test_the_stream_decoder_never_raises_and_every_record_is_a_frame(wire, split):
    decoder = StreamDecoder()
    data = b"".join(wire)
    records = [r for at in range(0, len(data), 7 + split) for r in decoder.feed(
        data[at:at + 7 + split])]  # fmt: skip
    assert decoder.frames == len(records)
    assert len(records) + decoder.bad_crc + decoder.bad_frames <= len(wire)


@FEW
@given(frames)
def test_the_intake_skips_absurd_passings_and_keeps_the_good_ones(absurd):
    intake = _intake()
    stored = []
    wire = [_good(1), *absurd, _good(2), *absurd, _good(3)]
    for now, frame in enumerate(wire):
        batch = intake.receive(StreamDecoder().feed(frame), float(now), WALL)
        stored += batch.passings
        intake.tick(float(now), WALL)
    crossings = {(p.transponder, p.time_us) for p in stored}
    assert {("1001", GOOD_RTC + 60 * S), ("1002", GOOD_RTC + 120 * S),
            ("1003", GOOD_RTC + 180 * S)} <= crossings
    window = TimeWindow.around(EVENT_START, WALL)
    assert all(window.earliest_us <= p.time_us <= window.latest_us for p in stored)
    assert all(p.passing_number is None or p.passing_number < 1 << 32 for p in stored)
    assert _wanted(intake) <= 3 * MAX_JUMP


def test_a_passing_number_of_all_ones_is_refused_not_a_four_billion_gap():
    intake = _intake()
    intake.receive([decode_frame(_good(1))], 0.0, WALL)
    batch = intake.receive([decode_frame(passing_frame(0xFFFF_FFFF, 1001, GOOD_RTC + 90 * S))],
                           1.0, WALL)  # fmt: skip
    assert batch.passings == [] and intake.stats.refused == 1
    assert _wanted(intake) == 0


def test_a_jump_past_the_bound_is_refused_and_one_within_it_wants_its_gap():
    intake = _intake()
    intake.receive([decode_frame(_good(1))], 0.0, WALL)
    far = passing_frame(2 + MAX_JUMP, 1001, GOOD_RTC + 90 * S)
    assert intake.receive([decode_frame(far)], 1.0, WALL).passings == []
    assert intake.stats.refused == 1 and intake.stats.resets == 0
    near = passing_frame(1 + MAX_JUMP, 1001, GOOD_RTC + 90 * S)
    assert len(intake.receive([decode_frame(near)], 2.0, WALL).passings) == 1
    assert _wanted(intake) == MAX_JUMP - 1


def test_a_clock_reading_outside_the_window_is_refused():
    intake = _intake()
    record = decode_frame(clock_frame("13180400", 0xFFFF_FFFF_FFFF_FFFF))
    assert intake.receive([record], 0.0, WALL).clocks == []
    assert intake.stats.refused == 1 and intake.stats.resets == 0


def test_resuming_a_journal_with_a_huge_gap_wants_only_the_bound():
    log = PassingLog([(1, "1001", GOOD_RTC), (4_000_000_000, "1001", GOOD_RTC + S)])
    assert len(log.missing) == MAX_JUMP
    assert log.verdict(4_000_000_001, "1001", GOOD_RTC + 2 * S) is Verdict.NEW


@given(st.sampled_from(ABSURD_TIMES))
def test_every_absurd_time_is_refused_by_name(rtc):
    refusal = passing_refusal(decode_frame(passing_frame(7, 1001, rtc)),
                              TimeWindow.around(EVENT_START, WALL))  # fmt: skip
    assert refusal is not None and refusal.field == "rtc_time"


# --- `passings import --format p3` ---------------------------------------------------------


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(frames)
def test_import_of_absurd_frames_is_one_line_or_clean(trackside, loaded, dump, absurd):
    path = Path(loaded.write("fuzz.p3", hex_capture(_good(1), *absurd, _good(2))))
    before = dump()
    result = trackside("passings", "import", loaded.event_id, str(path), "--format", "p3")
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        listed = trackside("passings", "list", loaded.event_id, "--format", "json")
        assert listed.exit_code == 0 and "Traceback" not in listed.output
        return
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}:"), result.stderr
    assert "field '" in lines[0]
    assert dump() == before


def test_a_refused_record_is_named_by_its_line(trackside, loaded, dump):
    capture = hex_capture(_good(1), _good(2), passing_frame(3, 1001, 0))
    path = loaded.write("zero.p3", capture)
    before = dump()
    result = trackside("passings", "import", loaded.event_id, str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}:3: field 'rtc_time': 0 µs is outside")
    assert dump() == before


def test_a_raw_capture_names_the_frame(trackside, loaded, tmp_path):
    path = tmp_path / "raw.p3"
    status = b"\x8e\x02\x1f\x00\x4d\x7c\x00\x00\x02\x00\x01\x02\x27\x00\x07\x02\x16\x00\x8f"
    path.write_bytes(_good(1) + status + passing_frame(2, 1001, 0xFFFF_FFFF_FFFF_FFFF))
    result = trackside("passings", "import", loaded.event_id, str(path), "--format", "p3")
    assert result.exit_code == 1
    assert f"{path}:" in result.stderr and "field 'rtc_time'" in result.stderr
    assert "frame " in result.stderr

