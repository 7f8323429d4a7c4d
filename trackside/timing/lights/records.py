"""What a timing-light line says, before it is placed on the track clock."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from trackside.core.records import LightChannel

ReportKind = Literal["noise", "battery", "error", "reset", "manual-stop", "split", "info"]


@dataclass(frozen=True, slots=True)
class Reading:
    """A beam broken on `channel` at `device_us` on the timer's own clock (microseconds since
    power-on or of day, possibly wrapping at the protocol's modulus)."""

    channel: LightChannel
    device_us: int


@dataclass(frozen=True, slots=True)
class Elapsed:
    """A run time the timer computed itself (start to finish), with no clock reading: the
    finish is when the line arrived, the start that much earlier."""

    elapsed_us: int


@dataclass(frozen=True, slots=True)
class Report:
    """A line that is no trip: shown to the operator with the raw line, never fatal."""

    kind: ReportKind
    message: str


Parsed = Reading | Elapsed | Report


def digits(text: str) -> bool:
    """ASCII digits only (str.isdigit accepts other scripts' digits)."""
    return bool(text) and all("0" <= c <= "9" for c in text)


def clean(raw: str) -> str:
    """The line without its framing: JAC's 0x80 lead byte (or the U+FFFD a UTF-8 decoder
    leaves of it, or the euro sign a Windows-1252 decoder makes of it: `lights import` reads
    a file that is not UTF-8 as Windows-1252), FarmTek's shift-out/in bytes, NULs, line ends
    and spaces at either end."""
    return raw.strip("\x80\ufffd\u20ac\x0e\x0f\x00\r\n ").replace("\x0e", "").replace(
        "\x0f", "")
