"""RaceAmerica T-Link wireless sensors (T-Link 2/3.0, the 4520 USB unit or an ID Z T-Link).

Every record is ten characters and CR: an ID letter and nine characters. `A<9 digits>` is the
start sensor's timestamp, `B<9 digits>` the finish's (C-G are further sensors: splits);
`ZB...` battery levels, `ZW...` RF integrity, `<id>E<code>0000000` an error, `<id>R<rev>00000`
the firmware revision. The timestamp's unit is not stated in the manual; it is read as
milliseconds of a free-running clock wrapping at 10^9 (unconfirmed, docs/lights.md)."""

from __future__ import annotations

from trackside.core.records import LightChannel
from trackside.timing.lights.records import Parsed, Reading, Report, clean, digits

NAME = "tlink"
MODULUS_US: int | None = 1_000_000_000 * 1000
_SENSORS = {"A": LightChannel.START, "B": LightChannel.FINISH}
ERRORS = {
    "1": "bad trigger data from a remote T-Link",
    "2": "more than 10 s since good data from a remote T-Link",
    "3": "nothing received from T-Link A at the last request",
    "4": "more than 10 s since good data from T-Link A",
    "5": "math overflow in a remote T-Link's calculation",
}


def parse(raw: str) -> Parsed:
    text = clean(raw).upper()
    if len(text) != 10:
        return Report("noise", "not a T-Link record (ID letter and nine characters)")
    ident, body = text[0], text[1:]
    if text.startswith("ZB") and digits(text[2:]):
        return Report("battery", "battery levels (0-9 tenths, per T-Link): " + text[2:])
    if text.startswith("ZW") and digits(text[2:]):
        return Report("info", "RF integrity (0-9 tenths, per T-Link): " + text[2:])
    if body[0] == "E" and digits(body[1:]):
        meaning = ERRORS.get(body[1], "unknown error code")
        return Report("error", f"T-Link {ident} error E{body[1]}: {meaning}")
    if body[0] == "R" and digits(body[1:]):
        return Report("info", f"T-Link {ident} firmware revision {body[1:4]}")
    if not digits(body) or not "A" <= ident <= "G":
        return Report("noise", "not a T-Link record")
    if ident in _SENSORS:
        return Reading(_SENSORS[ident], int(body) * 1000)
    return Report("split", f"T-Link {ident} timestamp {body} (a split sensor, not a trip)")
