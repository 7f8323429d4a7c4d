"""Placing a timer's clock on track time (docs/lights.md, "Clocks").

A timer counts from power-on (or a time of day it was set to) and may wrap: JACircuits Chrono
every 1000 s, T-Link at 10^9 ms. A session's offset (track time - device time) is given, or
chosen at the first trip: the time the first trip's line arrived, or the operator's
`--first-trip-at`. After that a reading is unwrapped: with the line's arrival time, the number
of wraps that puts it nearest that time; without, a clock going back by more than half the
modulus has wrapped once more. A clock that lands far from the arrival time (or goes back by
less than half the modulus without one) was reset: the offset is chosen again there, and the
operator told."""

from __future__ import annotations

from dataclasses import dataclass

RESET_TOLERANCE_US = 60 * 1_000_000
"""A reading further than this from its line's arrival time means the timer's clock jumped."""


@dataclass(slots=True)
class DeviceClock:
    modulus_us: int | None
    offset_us: int | None = None
    first_trip_at_us: int | None = None
    wraps: int = 0
    last_unwrapped: int | None = None

    def place(self, device_us: int, received_us: int | None) -> tuple[int | None, str | None]:
        """(track time or None, a note for the operator or None)."""
        if self.offset_us is None:
            anchor = self.first_trip_at_us if self.first_trip_at_us is not None else received_us
            if anchor is None:
                return None, ("no track time for the timer's clock: give --first-trip-at or "
                              "lines with their arrival time")
            self.offset_us = anchor - device_us
            self.last_unwrapped = device_us
            return anchor, None
        note = None
        if received_us is not None:
            unwrapped = self._nearest(device_us, received_us)
            if abs(unwrapped + self.offset_us - received_us) > RESET_TOLERANCE_US:
                note = "the timer's clock jumped (reset or power cycle?): offset chosen again"
                self.offset_us, self.wraps, unwrapped = received_us - device_us, 0, device_us
        else:
            unwrapped = device_us + self.wraps * (self.modulus_us or 0)
            last = self.last_unwrapped if self.last_unwrapped is not None else unwrapped
            if self.modulus_us and unwrapped < last - self.modulus_us // 2:
                self.wraps += 1
                unwrapped += self.modulus_us
            elif unwrapped < last:
                note = ("the timer's clock went back (reset?): offset chosen again at the "
                        "previous trip's time")
                self.offset_us += last - unwrapped
        self.last_unwrapped = unwrapped
        return unwrapped + self.offset_us, note

    def _nearest(self, device_us: int, received_us: int) -> int:
        """The unwrapped reading nearest the arrival time; keeps the wrap count."""
        if not self.modulus_us:
            return device_us
        assert self.offset_us is not None
        base = received_us - self.offset_us - device_us
        self.wraps = max(0, round(base / self.modulus_us))
        return device_us + self.wraps * self.modulus_us
