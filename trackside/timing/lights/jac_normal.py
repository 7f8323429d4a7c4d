"""JACircuits timer, Normal mode (also FarmTek Polaris in "JAC Normal" interface mode).

A record is a lead byte 0x80, six digits and CR (LF may follow). The digits are the run time
in milliseconds, least significant digit first: `654321` is 123.456 s. `000000` is sent when
the operator resets the finish (docs/lights.md, "JACircuits")."""

from __future__ import annotations

from trackside.timing.lights.records import Elapsed, Parsed, Report, clean, digits

NAME = "jac-normal"
MODULUS_US: int | None = None
"""Normal mode sends no clock reading."""


def parse(raw: str) -> Parsed:
    text = clean(raw)
    if text[:1] in ("R", "r"):  # a logger that printed the 0x80 lead byte as `R`
        text = text[1:]
    if text[:1] in ("A", "B", "C", "D", "E"):
        return Report("error", "a Chrono-mode record: is the timer set to Normal mode?")
    if len(text) != 6 or not digits(text):
        return Report("noise", "not a JACircuits Normal record (six digits)")
    if text == "000000":
        return Report("reset", "finish reset on the timer: the last run time is withdrawn")
    return Elapsed(int(text[::-1]) * 1000)
