"""Which kind of passings file this is: CSV, a P3 capture, or an RMonitor recording."""

from __future__ import annotations

from pathlib import Path

from trackside.errors import InputError
from trackside.timing.p3.files import is_hex_text
from trackside.timing.p3.framing import SOR_BYTE

FORMATS = ("csv", "p3", "rmonitor")


def detect_format(path: Path) -> str:
    """`p3` for raw P3 bytes or hex frames, `rmonitor` for `$`-records, else `csv`."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror}", source=str(path)) from None
    if head.startswith(SOR_BYTE) or is_hex_text(head):
        return "p3"
    if head.lstrip().startswith(b"$"):
        return "rmonitor"
    return "csv"
