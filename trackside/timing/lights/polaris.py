"""FarmTek Polaris console, its own computer/printer output (interface "Normal"; for the JAC
interface modes use `jac-normal` or `jac-chrono`).

A record is CR (often two), shift-out and shift-in (0x0E 0x0F), a space, the run time in
seconds (`152.06`, `78.485`; hundredths or thousandths as the console is set) and a space, or
` (M)` when the operator stopped the clock by hand; nothing ends it: the next record's CR does,
or a pause on the line (`reader.PAUSE_ENDS_RECORD`). `^ RESTART-IGNORE TIME ^` is sent when the
operator pressed restart: the last time is to be ignored. A round/faults packet (`Round 1
Faults    0.00`) may follow a time (docs/lights.md: runningman260/Autocross_TimingControl's
capture of a console, `TimingConsoleReader/TimeConsoleTester.py`)."""

from __future__ import annotations

import re

from trackside.timing.lights.records import Elapsed, Parsed, Report, clean

NAME = "polaris"
MODULUS_US: int | None = None
_TIME = re.compile(r"(?:([0-9]{1,2}):)?([0-9]{1,4})\.([0-9]{1,3})")
_RECORD = re.compile(r"(?P<time>[0-9:.]+)\s*(?P<manual>\(M\))?\s*(?P<round>Round\b.*)?",
                     re.IGNORECASE)  # fmt: skip
_ROUND = re.compile(r"Round\s+\S+\s+Faults\s+[0-9.]+", re.IGNORECASE)


def parse(raw: str) -> Parsed:
    text = clean(raw)
    if "RESTART" in text.upper():
        return Report("reset", "restart pressed on the console: the last time is withdrawn")
    if _ROUND.fullmatch(text):
        return Report("info", f"console round and faults: {' '.join(text.split())}")
    record = _RECORD.fullmatch(text)
    match = None if record is None else _TIME.fullmatch(record["time"])
    if record is None or match is None:
        return Report("noise", "not a Polaris time line")
    minutes, seconds, fraction = match.groups()
    us = (int(minutes or 0) * 60 + int(seconds)) * 1_000_000 + int(fraction.ljust(6, "0"))
    if record["manual"]:
        return Report("manual-stop", f"clock stopped by hand at {us / 1e6:.3f} s: no finish "
                                     "trip (the car's run needs a decision)")
    return Elapsed(us)
