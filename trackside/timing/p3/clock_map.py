"""Decoder RTC to track time (issue 3, "Clock"): one offset pinned per decoder epoch.

A P3 passing carries the decoder's real-time clock. Tracks set their decoders to track time, but
a decoder whose clock was never set, was set in another zone, or was set back by a reset would
put its passings in the wrong session. On connecting, the client reads each decoder's clock
(GET_TIME) against the timing computer's clock and journals the reading. The first reading of a
decoder epoch pins that epoch's offset, for good: every passing of the epoch is stored at
``rtc + offset``, so lap times (differences of passings of one decoder) are exactly the
decoder's, and only where the laps fall against flags and sessions moves. A later reading (a
reconnect, a restarted client) is journalled but does not move the pin.

An offset under ``TOLERANCE_US`` is the decoder already set to track time up to the round trip:
its passings are stored exactly as the decoder reported them (the same times a capture of that
decoder imports with). ``ClockMode.DECODER`` trusts the decoders' clocks outright (a replay of a
recorded day, the simulator on its own day).

Passings of an epoch whose clock has not been read yet wait (they are not acknowledged, so a
crash loses nothing: the decoder resends them) until its reading arrives or ``wait_s`` passes;
then they are stored unmapped and a warning says so.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from trackside.core.records import Passing
from trackside.timing.p3.clock_reading import DecoderClock

log = logging.getLogger("trackside.timing.p3.clock")

TOLERANCE_US = 1_000_000
"""A decoder within a second of track time is taken as set to track time."""


class ClockMode(StrEnum):
    LOCAL = "local"
    """Map each decoder to this computer's clock (track time) when it is a second or more off."""
    DECODER = "decoder"
    """The decoders' clocks are track time: store passings as reported."""


Placed = tuple[Passing, int]
"""A passing at track time, and the decoder RTC it was reported at."""


@dataclass
class ClockMap:
    mode: ClockMode = ClockMode.LOCAL
    wait_s: float = 10.0
    pinned: dict[str, int] = field(default_factory=dict)
    """Decoder (epoch-qualified) name -> the offset applied to its passings."""
    waiting: list[tuple[float, Passing]] = field(default_factory=list)

    @classmethod
    def resume(cls, readings: Iterable[DecoderClock], **options: object) -> ClockMap:
        """Pins from the journal: the first reading of each decoder epoch."""
        clock_map = cls(**options)  # type: ignore[arg-type]
        for reading in readings:
            clock_map.read(reading)
        return clock_map

    def read(self, reading: DecoderClock) -> None:
        """A clock reading; the first of its decoder epoch pins the offset."""
        if reading.decoder in self.pinned:
            return
        offset = reading.offset_us if abs(reading.offset_us) >= TOLERANCE_US else 0
        self.pinned[reading.decoder] = offset
        if offset and self.mode is ClockMode.LOCAL:
            log.warning("decoder %s is %+.3f s off track time: its passings are mapped to "
                        "track time (lap times unchanged)", reading.decoder, offset / 1e6)

    def place(self, passings: Iterable[Passing], now: float) -> list[Placed]:
        """The passings that can be stored now (at track time); the rest wait for a clock."""
        ready: list[Placed] = []
        for passing in passings:
            offset = self.offset(passing.decoder)
            if offset is None:
                self.waiting.append((now, passing))
            else:
                ready.append(_shifted(passing, offset))
        return ready

    def release(self, now: float) -> list[Placed]:
        """Waiting passings whose clock has been read since, and those that waited too long
        (stored as reported)."""
        ready: list[Placed] = []
        still: list[tuple[float, Passing]] = []
        for since, passing in self.waiting:
            offset = self.offset(passing.decoder)
            if offset is None and now - since >= self.wait_s:
                log.warning("decoder %s never answered GET_TIME: passing %s stored at its own "
                            "clock", passing.decoder, passing.passing_number)
                offset = 0
            if offset is None:
                still.append((since, passing))
            else:
                ready.append(_shifted(passing, offset))
        self.waiting = still
        return ready

    def offset(self, decoder: str | None) -> int | None:
        """The offset for a decoder's passings, None while its clock is unread."""
        if self.mode is ClockMode.DECODER or decoder is None:
            return 0
        return self.pinned.get(decoder)


def _shifted(passing: Passing, offset_us: int) -> Placed:
    return passing._replace(time_us=passing.time_us + offset_us), passing.time_us
