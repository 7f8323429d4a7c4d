"""One decoder's passing numbers in one reset epoch, as a client has stored them.

A decoder numbers its passings 1, 2, 3, ... in the order it detects them, so numbers and RTC
times rise together. The log knows every number stored, the numbers it still wants (gaps below
the highest, and a look-back window below the lowest), and judges each arriving passing: new,
a duplicate, older than the event (from the decoder's memory of an earlier day), or proof that
the decoder was reset (a known number with other content, or a time that does not fit).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from enum import Enum
from typing import NamedTuple

REORDER_TOLERANCE_US = 2_000_000
"""How far a passing's time may run against the order of passing numbers (two cars in the loop
at once) before the numbers are taken to have restarted."""
MAX_JUMP = 10_000
"""How far past the highest number stored a passing may come. A decoder numbers its passings
one by one, so a bigger jump means more passings unseen than a club day's whole field makes on
one loop: the record is bad (a CRC-valid frame with a garbled number). If it is real, the
catch-up RESEND brings the numbers below it in order, and then it is no jump. It also bounds
the numbers wanted at once, so one frame cannot make the client allocate a huge gap."""


class Verdict(Enum):
    NEW = "new"
    DUPLICATE = "duplicate"
    OLD = "old"
    """From before the client first read this decoder's clock for the event: not ours."""
    RESET = "reset"
    JUMP = "jump"
    """Further past the highest number than a decoder can go (``MAX_JUMP``): not stored."""


class Seen(NamedTuple):
    transponder: str
    time_us: int


class PassingLog:
    """Numbers stored for one decoder epoch.

    ``origin`` is the first number an empty log expects (1 after a reset or when back-filling;
    None: whatever comes first). ``floor_us`` is when the event starts: passings the decoder
    kept from before then (an earlier day) are not the event's.
    """

    def __init__(
        self,
        stored: Iterable[tuple[int, str, int]] = (),
        *,
        origin: int | None = None,
        floor_us: int | None = None,
    ) -> None:
        self._seen = {number: Seen(transponder, time) for number, transponder, time in stored}
        self._numbers = sorted(self._seen)
        self._old: dict[int, Seen] = {}
        self._asked: dict[int, tuple[int, float]] = {}
        self._given_up: set[int] = set()
        self.origin = origin
        self.floor_us = floor_us
        self.missing: set[int] = set()
        if self._numbers:
            low = self._numbers[0] if origin is None else min(origin, self._numbers[0])
            previous = low - 1
            for number in self._numbers:
                self.missing.update(_wanted_between(previous, number))
                previous = number

    def __len__(self) -> int:
        return len(self._numbers)

    @property
    def lowest(self) -> int | None:
        return self._numbers[0] if self._numbers else None

    @property
    def highest(self) -> int | None:
        return self._numbers[-1] if self._numbers else None

    @property
    def highest_time(self) -> int | None:
        return self._seen[self._numbers[-1]].time_us if self._numbers else None

    def verdict(self, number: int, transponder: str, time_us: int) -> Verdict:
        """What a passing arriving now is to this log."""
        known = self._seen.get(number)
        if known is not None:
            return Verdict.DUPLICATE if known == (transponder, time_us) else Verdict.RESET
        old = self._old.get(number)
        if old is not None:
            return Verdict.OLD if old == (transponder, time_us) else Verdict.RESET
        if self._too_far(number):
            return Verdict.JUMP
        if not self._numbers:
            fits = self.origin is None or number >= self.origin
            return Verdict.NEW if fits else Verdict.RESET
        wanted = number in self.missing or number in self._given_up
        if number < self._numbers[-1] and not wanted:
            return Verdict.RESET
        if number < self._numbers[0] and self._before_floor(time_us):
            return Verdict.OLD
        return Verdict.NEW if self._in_order(number, time_us) else Verdict.RESET

    def clock_went_back(self, rtc_us: int) -> bool:
        """True when the decoder's clock reads earlier than the last passing stored."""
        last = self.highest_time
        return last is not None and rtc_us < last - REORDER_TOLERANCE_US

    def add(self, number: int, transponder: str, time_us: int) -> None:
        """Record a stored passing; numbers skipped on the way up become gaps."""
        if self.origin is None:
            self.origin = number
        start = self._numbers[-1] + 1 if self._numbers else self.origin
        if number > start:
            self.missing.update(_wanted_between(start - 1, number))
        self._resolve(number)
        self._seen[number] = Seen(transponder, time_us)
        if self._numbers and number < self._numbers[-1]:
            insort(self._numbers, number)
        else:
            self._numbers.append(number)

    def add_old(self, number: int, transponder: str, time_us: int) -> None:
        """Remember a passing from before the event (to recognise it, and a reset, later)."""
        self._resolve(number)
        self._old[number] = Seen(transponder, time_us)

    def look_back(self, count: int) -> bool:
        """Want the ``count`` numbers below the lowest stored: the decoder's memory of the event
        before the first passing arrived. Not while earlier wanted numbers are outstanding, nor
        once the number just below the lowest is known to be older than the event."""
        lowest = self.lowest
        if lowest is None or lowest <= 1 or self.floor_us is None or lowest - 1 in self._old:
            return False
        if any(n < lowest for n in self.missing) or any(n < lowest for n in self._given_up):
            return False
        self.missing.update(range(max(1, lowest - count), lowest))
        return True

    def due(
        self, now: float, retry_s: float, max_attempts: int
    ) -> tuple[list[tuple[int, int]], int]:
        """Ranges of wanted numbers to ask for now (not asked within ``retry_s``), and how many
        were given up on after ``max_attempts`` requests."""
        wanted: list[int] = []
        abandoned = 0
        for number in sorted(self.missing):
            attempts, last = self._asked.get(number, (0, float("-inf")))
            if now - last < retry_s:
                continue
            if attempts >= max_attempts:
                self.missing.discard(number)
                self._given_up.add(number)
                abandoned += 1
                continue
            self._asked[number] = (attempts + 1, now)
            wanted.append(number)
        return ranges(wanted), abandoned

    def abandon(self) -> int:
        """Give up every wanted number (the decoder was reset and no longer has them)."""
        count = len(self.missing)
        self.missing.clear()
        self._asked.clear()
        return count

    def _resolve(self, number: int) -> None:
        self.missing.discard(number)
        self._given_up.discard(number)
        self._asked.pop(number, None)

    def _too_far(self, number: int) -> bool:
        """Past the highest number (or an empty log's origin) by more than ``MAX_JUMP``."""
        reference = self._numbers[-1] if self._numbers else self.origin
        return reference is not None and number > reference + MAX_JUMP

    def _before_floor(self, time_us: int) -> bool:
        return self.floor_us is not None and time_us < self.floor_us

    def _in_order(self, number: int, time_us: int) -> bool:
        """Does ``time_us`` fit between the times of the stored numbers either side?"""
        at = bisect_left(self._numbers, number)
        if at > 0 and time_us < self._seen[self._numbers[at - 1]].time_us - REORDER_TOLERANCE_US:
            return False
        return not (
            at < len(self._numbers)
            and time_us > self._seen[self._numbers[at]].time_us + REORDER_TOLERANCE_US
        )


def _wanted_between(below: int, number: int) -> range:
    """The numbers strictly between two stored ones, at most ``MAX_JUMP`` of them (those just
    under ``number``; the catch-up RESEND covers a wider gap)."""
    return range(max(below + 1, number - MAX_JUMP), number)


def ranges(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted numbers as inclusive runs: ``[1, 2, 3, 7]`` -> ``[(1, 3), (7, 7)]``."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs
