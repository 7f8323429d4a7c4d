"""Track time as the live pages show it: the latest fact's time, moving on between facts.

Track time is whatever the decoder and the officials record (local time of day). Between two
facts the clock runs on at the rate observed over the last `WINDOW_S` seconds of facts arriving
live, so a replay at 6x speed ticks six seconds a second and a real session one. Facts loaded
from the store do not move it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

MIN_SPAN_S = 3.0
"""Wall-clock seconds of live facts needed before an observed rate is trusted."""
WINDOW_S = 20.0
"""The rate is measured over this much recent wall-clock time (a replay that skips a quiet
stretch runs fast for a moment, then settles)."""
RATE_LIMITS = (0.25, 100.0)


@dataclass(frozen=True, slots=True)
class ClockReading:
    """Track time at a moment, and how fast it moves in track seconds per wall second."""

    track_us: int | None
    rate: float
    ticking: bool


class TrackClock:
    """The track time of one event, from the facts it has seen."""

    def __init__(self) -> None:
        self._latest_us: int | None = None
        self._latest_wall = 0.0
        self._recent: deque[tuple[int, float]] = deque()
        self._rate = 1.0

    def load(self, time_us: int | None) -> None:
        """Facts from the store: the clock shows their latest time and stands still."""
        if time_us is not None and (self._latest_us is None or time_us > self._latest_us):
            self._latest_us = time_us

    def observe(self, time_us: int, wall: float) -> None:
        """A fact that arrived live at wall-clock time `wall` (monotonic seconds)."""
        if self._latest_us is not None and time_us <= self._latest_us:
            return
        self._recent.append((time_us, wall))
        while len(self._recent) > 2 and wall - self._recent[1][1] >= WINDOW_S:
            self._recent.popleft()
        first_us, first_wall = self._recent[0]
        if wall - first_wall >= MIN_SPAN_S:
            rate = (time_us - first_us) / 1e6 / (wall - first_wall)
            self._rate = min(max(rate, RATE_LIMITS[0]), RATE_LIMITS[1])
        self._latest_us, self._latest_wall = time_us, wall

    def read(self, wall: float) -> ClockReading:
        """The track time at `wall`."""
        if self._latest_us is None or not self._recent:
            return ClockReading(self._latest_us, self._rate, False)
        moved = round((wall - self._latest_wall) * self._rate * 1e6)
        return ClockReading(self._latest_us + max(moved, 0), self._rate, True)
