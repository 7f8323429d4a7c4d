"""Each timer protocol's records, from the examples in public sources (docs/lights.md), and
the device clock: offset at the first trip, wrap-around, a reset mid-session."""

from __future__ import annotations

import pytest

from tests.scenario import t
from trackside.core.records import LightChannel
from trackside.timing.lights import jac_chrono, jac_normal, polaris, tlink
from trackside.timing.lights.clock import DeviceClock
from trackside.timing.lights.reader import LightsReader
from trackside.timing.lights.records import Elapsed, Reading, Report

START, FINISH = LightChannel.START, LightChannel.FINISH
DATE = "2026-05-16"


@pytest.mark.parametrize(("raw", "expected"), [
    ("\x80654321\r", Elapsed(123_456_000)),        # coner-timer: 654321 is 123.456 s
    ("\ufffd654320", Elapsed(23_456_000)),          # the lead byte decoded as U+FFFD
    ("\u20ac654320", Elapsed(23_456_000)),          # ... as Windows-1252 (a file import)
    ("654321", Elapsed(123_456_000)),
    ("R001702", Elapsed(207_100_000)),              # FarmTek in JAC Normal mode, logged as R
    ("\x80000000\r\n", "reset"),
    ("A012345", "error"),                           # a Chrono record: wrong mode
    ("50", "noise"),
    ("12345x", "noise"),
])  # fmt: skip
def test_jac_normal(raw, expected):
    _check(jac_normal.parse(raw), expected)


@pytest.mark.parametrize(("raw", "expected"), [
    ("A123456\r\n", Reading(START, 123_456_000)),   # AXti.me: A start eye, ms, not reversed
    ("\x80B999999\n", Reading(FINISH, 999_999_000)),
    ("C000500", "split"),
    ("D000500", "split"),
    ("B000000", "reset"),                           # finish reset
    ("654321", "info"),                             # the timer's own run time
    ("\xf8", "error"),                              # eyes disconnected
    ("A12", "noise"),
    ("Q123456", "noise"),
])  # fmt: skip
def test_jac_chrono(raw, expected):
    _check(jac_chrono.parse(raw), expected)


@pytest.mark.parametrize(("raw", "expected"), [
    ("A000123456\r", Reading(START, 123_456_000)),  # <id><9-digit timestamp> cr
    ("B000223456", Reading(FINISH, 223_456_000)),
    ("C000173456", "split"),
    ("ZB99900009", "battery"),                      # ZB <batA><batB>... cr
    ("ZW00999000", "info"),                         # RF integrity
    ("AE30000000", "error"),                        # AE3000000: nothing from ID A
    ("BR10200000", "info"),                         # revision
    ("HELLO", "noise"),
    ("X000000001", "noise"),
])  # fmt: skip
def test_tlink(raw, expected):
    _check(tlink.parse(raw), expected)


@pytest.mark.parametrize(("raw", "expected"), [
    # a console's records as runningman260/Autocross_TimingControl captured them
    # (TimingConsoleReader/TimeConsoleTester.py): CR SO SI space time space, the CR leading
    ("\x0e\x0f 152.06 ", Elapsed(152_060_000)),
    ("\x0e\x0f 78.485 ", Elapsed(78_485_000)),
    ("\x0e\x0f 127.042 (M)", "manual-stop"),
    ("^ RESTART-IGNORE TIME ^ ", "reset"),
    # the Polaris normal-mode notes: a time of 4 + 3 characters and its flag, a round packet
    ("  11.53 (M)", "manual-stop"),
    (" Round 1 Faults    0.00", "info"),
    ("  11.53    Round 1 Faults    0.00", Elapsed(11_530_000)),  # both packets in one pause
    ("  11.53", Elapsed(11_530_000)),
    ("\x0e  45.678\x0f\r", Elapsed(45_678_000)),
    ("1:02.5", Elapsed(62_500_000)),
    ("  11.53(M)", "manual-stop"),                  # stopped by hand: no finish trip
    ("^ RESTART-IGNORE TIME ^", "reset"),
    ("Round 1  Faults 0", "info"),
    ("11.53 Faults", "noise"),
    ("1:2:3.4", "noise"),
])  # fmt: skip
def test_polaris(raw, expected):
    _check(polaris.parse(raw), expected)


def _check(parsed, expected):
    if isinstance(expected, str):
        assert isinstance(parsed, Report) and parsed.kind == expected, parsed
        assert parsed.message
    else:
        assert parsed == expected


def test_a_clock_wraps_and_a_reset_is_noticed_from_arrival_times():
    clock = DeviceClock(modulus_us=1_000_000_000)  # 1000 s, as JACircuits Chrono
    assert clock.place(990_000_000, t("09:00:00")) == (t("09:00:00"), None)
    assert clock.place(5_000_000, t("09:00:15")) == (t("09:00:15"), None)  # wrapped
    assert clock.place(20_000_000, t("09:00:30")) == (t("09:00:30"), None)
    placed, note = clock.place(1_000_000, t("09:10:00"))  # timer reset: clock from 1 s
    assert placed == t("09:10:00") and note and "reset" in note
    assert clock.place(2_500_000, t("09:10:01.5")) == (t("09:10:01.5"), None)


def test_a_clock_without_arrival_times_is_given_its_first_trip():
    clock = DeviceClock(modulus_us=1_000_000_000, first_trip_at_us=t("09:00:00"))
    assert clock.place(999_000_000, None) == (t("09:00:00"), None)
    assert clock.place(1_000_000, None) == (t("09:00:02"), None)  # wrapped once
    placed, note = clock.place(500_000, None)  # went back a little: a reset
    assert placed == t("09:00:02") and "reset" in note
    assert DeviceClock(modulus_us=None).place(5, None)[0] is None


def test_the_reader_places_run_times_and_reports_a_finish_with_no_car_on_course():
    reader = LightsReader("jac-normal", DATE)
    line = reader.read("\x80654321\r", t("09:02:03.456"))
    assert line.trips == ((START, t("09:00:00")), (FINISH, t("09:02:03.456")))
    chrono = LightsReader("jac-chrono", DATE)
    finish = chrono.read("B000100", t("09:00:00"))
    assert finish.trips == ((FINISH, t("09:00:00")),)
    assert "no car on course" in finish.reports[0].message
    captured = LightsReader("jac-normal", DATE).read("09:02:03.456\t\x80654321")
    assert captured.trips[1] == (FINISH, t("09:02:03.456"))


def test_trips_are_to_the_millisecond_whatever_the_arrival_clock_says():
    """tracksprint.md, Facts: a trip's time is to the millisecond; a live line's arrival time
    has microseconds (the recorder's track clock), which are dropped before placing it."""
    normal = LightsReader("jac-normal", DATE).read("\x80654321\r", t("09:02:03.456789"))
    assert normal.trips == ((START, t("09:00:00")), (FINISH, t("09:02:03.456")))
    tlink_reader = LightsReader("tlink", DATE)
    first = tlink_reader.read("A000100000", t("09:00:00.000999"))
    second = tlink_reader.read("B000155500", t("09:00:55.500123"))
    assert (first.trips, second.trips) == (((START, t("09:00:00")),),
                                           ((FINISH, t("09:00:55.500")),))
