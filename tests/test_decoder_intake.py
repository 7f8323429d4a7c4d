"""The decoder client's decisions, record by record, without a network
(`trackside/timing/p3/intake.py`): what is stored, what is asked for again, how a reset and the
clock are handled."""

from __future__ import annotations

from trackside.core.records import Passing
from trackside.timing.p3 import RecordType, StreamDecoder, decode_frame, encode
from trackside.timing.p3.decoder_frames import clock_frame, passing_frame, status_frame
from trackside.timing.p3.fields import GeneralField, PassingField, ResendField
from trackside.timing.p3.intake import Batch, Intake, IntakeSettings
from trackside.timing.p3.sim_plan import WirePassing

S = 1_000_000
NINE = 1778922000 * S  # 2026-05-16 09:00 track time
MIDNIGHT = NINE - 9 * 3600 * S
SF = "D0000C01"
PIT = "D0000C02"
WALL = 1790000000 * S


def _passing(number: int, decoder: str = SF, minute: float | None = None, epoch: int = 0):
    minute = number if minute is None else minute
    time_us = NINE + round(minute * 60 * S)
    return decode_frame(passing_frame(WirePassing(decoder, epoch, number, 1000 + number,
                                                  time_us, time_us)))


def _intake(stored=None, clock: bool = True, **settings) -> Intake:
    """Connected, and (with ``clock``) both decoders' clocks read; idle probes off."""
    options = {"loops": {SF: "SF", PIT: "PIT"}, "event_start_us": MIDNIGHT,
               "idle_probe_s": 1e9, **settings}
    intake = Intake(stored or {}, IntakeSettings(**options))
    intake.connected(now=0.0, wall_us=WALL)
    if clock:
        intake.receive([decode_frame(clock_frame(d, NINE)) for d in (SF, PIT)], 0.0, WALL)
    return intake


def _requests(frames: list[bytes]) -> list[tuple[str, ...]]:
    """Requests as readable tuples: ("RESEND", decoder, first, last) or ("GET_TIME",)."""
    readable = []
    for record in StreamDecoder().feed(b"".join(frames)):
        if record.record_type == RecordType.RESEND:
            decoder = record.fields.get(GeneralField.DECODER_ID, b"").hex().upper()
            readable.append(("RESEND", decoder, record.number(ResendField.FROM),
                             record.number(ResendField.UNTIL)))
        else:
            readable.append((record.name,))
    return readable


def _numbers(batch: Batch) -> list[tuple[str | None, int | None]]:
    return [(p.decoder, p.passing_number) for p in batch.passings]


def test_passings_are_stored_with_the_loop_of_their_decoder() -> None:
    intake = _intake()
    batch = intake.receive([_passing(1), _passing(1, PIT), _passing(2)], 0.1, WALL)
    assert _numbers(batch) == [(SF, 1), (PIT, 1), (SF, 2)]
    assert [p.loop for p in batch.passings] == ["SF", "PIT", "SF"]
    assert batch.passings[0] == Passing(NINE + 60 * S, "1001", "SF", SF, 1, "p3")


def test_unmapped_decoder_gets_no_loop_and_a_record_without_id_the_fallback_name() -> None:
    intake = _intake(loops={}, fallback_decoder="10.0.0.5:5403")
    bare = encode(RecordType.PASSING, {PassingField.PASSING_NUMBER: 1,
                                       PassingField.TRANSPONDER: 7,
                                       PassingField.RTC_TIME: NINE})
    batch = intake.receive([_passing(1), decode_frame(bare)], 0.1, WALL)
    assert [(p.decoder, p.loop) for p in batch.passings] == [(SF, None), ("10.0.0.5:5403", None)]


def test_a_gap_is_asked_for_with_a_resend_addressed_to_its_decoder() -> None:
    intake = _intake()
    intake.receive([_passing(1), _passing(4)], 0.1, WALL)
    assert _requests(intake.tick(0.2, WALL)) == [("RESEND", SF, 2, 3)]
    assert _requests(intake.tick(0.3, WALL)) == [], "not again before retry_s"
    assert _requests(intake.tick(2.3, WALL)) == [("RESEND", SF, 2, 3)]
    batch = intake.receive([_passing(2), _passing(3), _passing(3)], 2.4, WALL)
    assert _numbers(batch) == [(SF, 2), (SF, 3)]
    assert intake.stats.duplicates == 1


def test_reconnecting_asks_for_gaps_then_catches_up_from_the_highest() -> None:
    stored = {SF: [(1, "1001", NINE), (2, "1002", NINE + S), (5, "1005", NINE + 5 * S)]}
    intake = _intake(stored, clock=False)
    batch = intake.receive([decode_frame(status_frame(SF))], 0.1, WALL)
    assert _requests(batch.requests) == [("RESEND", SF, 3, 4), ("RESEND", SF, 5, 100_005)]


def test_a_lost_first_passing_is_fetched_by_looking_back() -> None:
    intake = _intake()
    intake.receive([_passing(3)], 0.1, WALL)
    assert _requests(intake.tick(0.2, WALL)) == [("RESEND", SF, 1, 2)]
    assert _numbers(intake.receive([_passing(1), _passing(2)], 0.3, WALL)) == [(SF, 1), (SF, 2)]


def test_a_decoder_memory_of_an_earlier_day_is_not_taken() -> None:
    intake = _intake()
    intake.receive([_passing(500)], 0.1, WALL)
    assert _requests(intake.tick(0.2, WALL)) == [("RESEND", SF, 400, 499)]
    yesterday = [_passing(n, minute=-24 * 60 + n) for n in range(400, 498)]
    batch = intake.receive([*yesterday, _passing(498), _passing(499)], 0.3, WALL)
    assert _numbers(batch) == [(SF, 498), (SF, 499)]
    assert intake.stats.older == 98
    assert _requests(intake.tick(0.4, WALL)) == []


def test_backfill_takes_the_whole_memory() -> None:
    intake = _intake(backfill=True, clock=False)
    batch = intake.receive([decode_frame(status_frame(SF))], 0.1, WALL)
    assert _requests(batch.requests) == [("RESEND", SF, 1, 100_001)]
    yesterday = _passing(1, minute=-24 * 60)
    assert _numbers(intake.receive([yesterday], 0.2, WALL)) == [(SF, 1)]


def test_clock_reading_maps_the_decoder_rtc_to_track_time() -> None:
    intake = Intake({}, IntakeSettings(event_start_us=MIDNIGHT))
    intake.connected(now=0.0, wall_us=WALL)
    batch = intake.receive([decode_frame(clock_frame(SF, NINE))], 0.01, WALL + 10_000)
    (reading,) = batch.clocks
    assert reading.decoder == SF
    assert reading.rtc_us == NINE
    assert reading.track_us == WALL + 5_000, "the middle of the request's round trip"
    assert reading.offset_us == WALL + 5_000 - NINE
    assert reading.recorded_us == WALL + 10_000


def test_unanswered_get_time_is_asked_again() -> None:
    intake = _intake(clock=False)
    intake.receive([decode_frame(status_frame(SF))], 0.1, WALL)
    assert _requests(intake.tick(0.5, WALL)) == []
    assert _requests(intake.tick(2.1, WALL)) == [("GET_TIME",)]
    intake.receive([decode_frame(clock_frame(SF, NINE))], 2.2, WALL)
    assert _requests(intake.tick(9.0, WALL)) == []


def test_numbers_restarting_open_a_new_epoch() -> None:
    """A decoder reset: passing 1 again with other content. Later passings go under
    D0000C01#1; the decoder is asked for its clock and for its new numbers from 1."""
    intake = _intake()
    intake.receive([_passing(n) for n in (1, 2, 3)], 0.1, WALL)
    again = _passing(1, minute=-60, epoch=1)
    batch = intake.receive([again, _passing(2, minute=-59, epoch=1)], 0.2, WALL)
    assert _numbers(batch) == [(SF + "#1", 1), (SF + "#1", 2)]
    assert _requests(batch.requests) == [("GET_TIME",), ("RESEND", SF, 1, 100_001)]
    assert intake.stats.resets == 1
    assert intake.decoder_names() == {SF: SF + "#1", PIT: PIT}


def test_a_clock_read_earlier_than_the_last_passing_opens_a_new_epoch() -> None:
    stored = {SF: [(1, "1001", NINE), (2, "1002", NINE + 60 * S)]}
    intake = _intake(stored, clock=False)
    batch = intake.receive([decode_frame(clock_frame(SF, NINE - 3600 * S))], 0.1, WALL)
    assert batch.clocks[0].decoder == SF + "#1"
    assert intake.stats.resets == 1


def test_resuming_continues_in_the_latest_epoch_and_wants_its_numbers_from_1() -> None:
    stored = {SF: [(7, "1007", NINE)], SF + "#1": [(3, "1003", NINE - 3000 * S)]}
    intake = _intake(stored, clock=False)
    assert intake.decoder_names() == {SF: SF + "#1"}
    batch = intake.receive([decode_frame(status_frame(SF))], 0.1, WALL)
    assert _requests(batch.requests) == [("RESEND", SF, 1, 2), ("RESEND", SF, 3, 100_003)]


def test_a_crossing_already_stored_under_the_old_epoch_is_not_stored_again() -> None:
    """Filed under the old epoch just before the reset was noticed: not doubled after it."""
    intake = _intake()
    intake.receive([_passing(1), _passing(3)], 0.1, WALL)
    early = _passing(2, minute=2.5, epoch=1)  # the new epoch's #2 fits the old gap
    assert _numbers(intake.receive([early], 0.2, WALL)) == [(SF, 2)]
    renumbered = decode_frame(passing_frame(WirePassing(SF, 1, 2, 1002, NINE + 150 * S, 0)))
    batch = intake.receive([_passing(1, minute=-60, epoch=1), renumbered], 0.3, WALL)
    assert _numbers(batch) == [(SF + "#1", 1)]
    assert intake.stats.duplicates == 1
