"""FarmTek Polaris console, its own computer/printer output (interface "Normal"; for the JAC
interface modes use `jac-normal` or `jac-chrono`).

The console sends the run time in seconds, right-aligned (`  11.53`), optionally followed by
`(M)` when the operator stopped the clock by hand, and a line `^ RESTART-IGNORE TIME ^` when
the operator pressed restart (the last time is to be ignored). Shift-out/in bytes may frame a
line. Other lines (round name, faults) are shown and otherwise ignored (docs/lights.md)."""

from __future__ import annotations

import re

from trackside.timing.lights.records import Elapsed, Parsed, Report, clean

NAME = "polaris"
MODULUS_US: int | None = None
_TIME = re.compile(r"(?:([0-9]{1,2}):)?([0-9]{1,4})\.([0-9]{1,3})")


def parse(raw: str) -> Parsed:
    text = clean(raw)
    if "RESTART" in text.upper():
        return Report("reset", "restart pressed on the console: the last time is withdrawn")
    manual = text.endswith("(M)")
    body = text[:-3].strip() if manual else text
    match = _TIME.fullmatch(body)
    if match is None:
        return Report("noise", "not a Polaris time line")
    minutes, seconds, fraction = match.groups()
    us = (int(minutes or 0) * 60 + int(seconds)) * 1_000_000 + int(fraction.ljust(6, "0"))
    if manual:
        return Report("manual-stop", f"clock stopped by hand at {us / 1e6:.3f} s: no finish "
                                     "trip (the car's run needs a decision)")
    return Elapsed(us)
