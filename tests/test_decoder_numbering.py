"""Passing numbers of one decoder epoch: gaps, duplicates, look-back and reset detection
(`trackside/timing/p3/numbering.py`, `epochs.py`)."""

from __future__ import annotations

from trackside.timing.p3.epochs import qualified, split_qualified
from trackside.timing.p3.numbering import PassingLog, Verdict, ranges

S = 1_000_000
NINE = 1778922000 * S  # 2026-05-16 09:00 track time
MIDNIGHT = NINE - 9 * 3600 * S


def _log(*numbers: int, **options) -> PassingLog:
    """A log holding passings ``numbers``, transponder ``T<n>``, one a minute from 09:00."""
    return PassingLog([(n, f"T{n}", NINE + n * 60 * S) for n in numbers], **options)


def _verdict(log: PassingLog, number: int, minute: float | None = None, tag: str = "") -> Verdict:
    minute = number if minute is None else minute
    return log.verdict(number, f"T{number}{tag}", NINE + round(minute * 60 * S))


def test_epoch_names() -> None:
    assert qualified("D0000C01", 0) == "D0000C01"
    assert qualified("D0000C01", 2) == "D0000C01#2"
    assert split_qualified("D0000C01#2") == ("D0000C01", 2)
    assert split_qualified("D0000C01") == ("D0000C01", 0)
    assert split_qualified("odd#name") == ("odd#name", 0)


def test_ranges_of_numbers() -> None:
    assert ranges([1, 2, 3, 7, 9, 10]) == [(1, 3), (7, 7), (9, 10)]
    assert ranges([]) == []


def test_numbers_skipped_on_the_way_up_are_gaps() -> None:
    log = _log(1, 2)
    log.add(5, "T5", NINE + 5 * 60 * S)
    assert log.missing == {3, 4}
    assert _verdict(log, 4) is Verdict.NEW
    log.add(4, "T4", NINE + 4 * 60 * S)
    assert log.missing == {3}


def test_same_passing_again_is_a_duplicate() -> None:
    assert _verdict(_log(1, 2, 3), 2) is Verdict.DUPLICATE


def test_known_number_with_other_content_is_a_reset() -> None:
    assert _verdict(_log(1, 2, 3), 1, tag="x") is Verdict.RESET


def test_number_below_everything_and_never_asked_for_is_a_reset() -> None:
    assert _verdict(_log(5, 6, 7), 2) is Verdict.RESET


def test_next_number_with_a_time_far_in_the_past_is_a_reset() -> None:
    """The decoder clock went back (and the numbers overtook ours while we were away)."""
    log = _log(1, 2, 3)
    assert _verdict(log, 4, minute=-60) is Verdict.RESET
    assert _verdict(log, 4, minute=3) is Verdict.NEW


def test_gap_filled_by_a_passing_that_does_not_fit_its_neighbours_is_a_reset() -> None:
    log = _log(1, 2, 5)
    assert _verdict(log, 3, minute=10) is Verdict.RESET
    assert _verdict(log, 3, minute=3) is Verdict.NEW


def test_two_cars_in_the_loop_may_be_numbered_out_of_time_order() -> None:
    log = _log(1, 2)
    assert log.verdict(3, "T3", NINE + 2 * 60 * S - S) is Verdict.NEW


def test_resumed_log_knows_its_gaps() -> None:
    log = _log(3, 4, 7, 9)
    assert (log.lowest, log.highest, log.missing) == (3, 9, {5, 6, 8})


def test_after_a_reset_the_new_epoch_wants_everything_from_1() -> None:
    log = PassingLog(origin=1)
    assert _verdict(log, 4) is Verdict.NEW
    log.add(4, "T4", NINE + 4 * 60 * S)
    assert log.missing == {1, 2, 3}


def test_gaps_are_asked_again_after_retry_and_given_up_after_max_attempts() -> None:
    log = _log(1, 4, 5, 8)
    assert log.due(now=0.0, retry_s=1.0, max_attempts=2) == ([(2, 3), (6, 7)], 0)
    assert log.due(now=0.5, retry_s=1.0, max_attempts=2) == ([], 0)
    assert log.due(now=1.0, retry_s=1.0, max_attempts=2) == ([(2, 3), (6, 7)], 0)
    assert log.due(now=2.0, retry_s=1.0, max_attempts=2) == ([], 4)
    assert log.missing == set()
    assert _verdict(log, 2) is Verdict.NEW, "a number given up on is still welcome"


def test_look_back_below_the_first_passing_stops_at_the_event_start() -> None:
    """Passings lost before the first one arrived are fetched; the decoder's memory of an
    earlier day is not the event's."""
    log = _log(40, 41, floor_us=MIDNIGHT)
    assert log.look_back(10)
    assert log.missing == set(range(30, 40))
    assert not log.look_back(10), "not while the window is outstanding"
    assert _verdict(log, 39) is Verdict.NEW
    log.add(39, "T39", NINE + 39 * 60 * S)
    yesterday = NINE - 24 * 3600 * S
    assert log.verdict(38, "T38", yesterday) is Verdict.OLD
    log.add_old(38, "T38", yesterday)
    assert log.verdict(38, "T38", yesterday) is Verdict.OLD
    assert log.verdict(38, "other", yesterday) is Verdict.RESET
    log.abandon()
    assert not log.look_back(10), "the number just below the lowest is from an earlier day"


def test_no_look_back_below_number_1_or_without_an_event_start() -> None:
    assert not _log(1, 2, floor_us=MIDNIGHT).look_back(10)
    assert not _log(5, 6).look_back(10)


def test_clock_went_back() -> None:
    log = _log(1, 2)
    assert log.clock_went_back(NINE)
    assert not log.clock_went_back(NINE + 2 * 60 * S)
    assert not PassingLog().clock_went_back(0)
