"""A reading of a decoder's clock against track time: the fact the clock map pins offsets from."""

from __future__ import annotations

from typing import NamedTuple


class DecoderClock(NamedTuple):
    """One reading of a decoder's clock: ``track_us = rtc_us + offset_us``."""

    decoder: str
    rtc_us: int
    track_us: int
    offset_us: int
    recorded_us: int
