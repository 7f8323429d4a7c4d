"""Timing-light protocols (docs/lights.md): each module is a pure line parser turning one raw
line from a timer into a `Reading` (a beam trip on the device's clock), an `Elapsed` run time
(timers that send only the run time) or a `Report` for the operator. `clock.py` maps device
clocks to track time; nothing here stores or opens a port."""

from __future__ import annotations

from trackside.timing.lights.records import Elapsed, Parsed, Reading, Report

__all__ = ["Elapsed", "Parsed", "Reading", "Report"]
