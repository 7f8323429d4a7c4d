"""What a P3 record must hold to be stored: times in a plausible window, numbers that fit.

A CRC-valid frame can still carry values no decoder sends (an erased memory reads all 0xFF; a
firmware bug; a fuzzer). Such a record is refused, not stored: a time before 2000 or more than
``AHEAD_US`` past the latest of the event's date and the track clock, a passing number of all
ones or wider than its 4 bytes, a transponder wider than 8 bytes. See ``docs/decoder.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from trackside.core.clock import format_local_time, parse_local_time
from trackside.timing.p3.fields import GetTimeField, PassingField
from trackside.timing.p3.records import Record

EARLIEST_US = parse_local_time("2000-01-01T00:00")
"""No decoder clock a track runs on reads earlier (and no P3 decoder is that old)."""
AHEAD_US = 7 * 86_400_000_000
"""How far past the event's date or the track clock a decoder clock may run."""
MAX_PASSING_NUMBER = 0xFFFF_FFFE
"""Passing numbers are 4 bytes; all ones is what erased memory reads, not a number."""
MAX_TRANSPONDER_BYTES = 8

_NUMBER = int(PassingField.PASSING_NUMBER)
_TRANSPONDER = int(PassingField.TRANSPONDER)
_RTC = int(PassingField.RTC_TIME)
_UTC = int(PassingField.UTC_TIME)


class Refusal(NamedTuple):
    """Why a record is not stored: the field at fault and what is wrong with it."""

    field: str
    reason: str


@dataclass(frozen=True)
class TimeWindow:
    """Decoder times accepted: ``earliest_us <= t <= latest_us``."""

    earliest_us: int
    latest_us: int

    @classmethod
    def around(cls, *references_us: int | None) -> TimeWindow:
        """From 2000 to ``AHEAD_US`` past the latest reference (event date, track clock)."""
        known = [r for r in references_us if r is not None]
        return cls(EARLIEST_US, max(known, default=EARLIEST_US) + AHEAD_US)

    @classmethod
    def around_today(cls, *references_us: int | None) -> TimeWindow:
        """The window around the references and this computer's clock (a file's import)."""
        return cls.around(*references_us, parse_local_time(datetime.now().isoformat()))

    def refusal(self, name: str, time_us: int) -> Refusal | None:
        if self.earliest_us <= time_us <= self.latest_us:
            return None
        return Refusal(name, f"{time_us} µs is outside the plausible decoder times "
                             f"{self._day(self.earliest_us)} to {self._day(self.latest_us)}")

    @staticmethod
    def _day(time_us: int) -> str:
        return format_local_time(time_us)[:10]


def passing_refusal(record: Record, window: TimeWindow) -> Refusal | None:
    """Why a PASSING record cannot be stored, or None when it can."""
    fields = record.fields
    tof, name = (_RTC, "rtc_time") if fields.get(_RTC) else (_UTC, "utc_time")
    time = fields.get(tof)
    if time:
        refused = window.refusal(name, int.from_bytes(time, "little"))
        if refused is not None:
            return refused
    number = record.number(_NUMBER)
    if number is not None and number > MAX_PASSING_NUMBER:
        return Refusal("passing_number", f"{number} is not a passing number "
                                         f"(at most {MAX_PASSING_NUMBER})")
    transponder = fields.get(_TRANSPONDER)
    if transponder is not None and len(transponder) > MAX_TRANSPONDER_BYTES:
        return Refusal("transponder", f"{len(transponder)} bytes is wider than a transponder "
                                      f"number ({MAX_TRANSPONDER_BYTES} bytes at most)")
    return None


def clock_refusal(record: Record, window: TimeWindow) -> Refusal | None:
    """Why a GET_TIME answer's clock cannot be used, or None when it can."""
    rtc_us = record.number(GetTimeField.RTC_TIME)
    return None if rtc_us is None else window.refusal("rtc_time", rtc_us)
