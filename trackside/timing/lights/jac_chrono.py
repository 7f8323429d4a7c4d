"""JACircuits timer, Chrono mode (also FarmTek Polaris in "JAC Chrono" interface mode).

A record is a code letter, six digits and LF (CR and a 0x80 lead byte are ignored): `A` the
start eye, `B` the finish eye, `C`/`D` split eyes; the digits are the timer's clock in
milliseconds, most significant first, wrapping at 1,000,000 (every 1000 s). Digits with no
code letter are the run time the timer computed (reversed digits, as in Normal mode), shown
but not used: the trips carry the times. `000000` is a finish reset (docs/lights.md)."""

from __future__ import annotations

from trackside.core.records import LightChannel
from trackside.timing.lights.records import Parsed, Reading, Report, clean, digits

NAME = "jac-chrono"
MODULUS_US: int | None = 1_000_000 * 1000
_EYES = {"A": LightChannel.START, "B": LightChannel.FINISH}


def parse(raw: str) -> Parsed:
    if "\xf8" in raw:
        return Report("error", "the timer reports its eyes disconnected (byte 0xF8)")
    text = clean(raw).upper()
    code, value = (text[:1], text[1:]) if text[:1].isalpha() else ("", text)
    if len(value) != 6 or not digits(value):
        return Report("noise", "not a JACircuits Chrono record (A|B|C|D and six digits)")
    if value == "000000":
        return Report("reset", "finish reset on the timer: the last finish is withdrawn")
    if code in _EYES:
        return Reading(_EYES[code], int(value) * 1000)
    if code in ("C", "D"):
        return Report("split", f"split eye {code} at {int(value) / 1000:.3f} (not a trip)")
    if code == "":
        return Report("info", f"timer's run time {int(value[::-1]) / 1000:.3f} s")
    return Report("noise", f"unknown JACircuits Chrono code {code!r}")
