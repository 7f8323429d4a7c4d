"""The live pages' track clock: the latest fact's time, running on at the observed rate."""

from __future__ import annotations

from trackside.live.clock import TrackClock

S = 1_000_000


def test_facts_from_the_store_set_a_clock_that_stands_still():
    clock = TrackClock()
    assert clock.read(0.0).track_us is None
    clock.load(100 * S)
    clock.load(50 * S)
    reading = clock.read(1_000.0)
    assert (reading.track_us, reading.ticking) == (100 * S, False)


def test_a_real_session_ticks_at_one_second_a_second():
    clock = TrackClock()
    for second in range(0, 10):
        clock.observe(1_000 * S + second * S, wall=float(second))
    reading = clock.read(12.0)
    assert reading.ticking and round(reading.rate, 3) == 1.0
    assert reading.track_us == 1_012 * S


def test_a_replay_ticks_at_its_speed_and_settles_after_a_skip():
    clock = TrackClock()
    for second in range(0, 10):
        clock.observe(second * 6 * S, wall=float(second))
    assert round(clock.read(10.0).rate, 3) == 6.0
    clock.observe(600 * S, wall=10.0)  # a skipped quiet stretch: the clock jumps
    for second in range(11, 60):
        clock.observe(600 * S + (second - 10) * 6 * S, wall=float(second))
    assert round(clock.read(60.0).rate, 3) == 6.0


def test_late_or_earlier_facts_never_set_the_clock_back():
    clock = TrackClock()
    clock.observe(100 * S, wall=0.0)
    clock.observe(90 * S, wall=1.0)
    assert clock.read(1.0).track_us == 101 * S
