"""P3 frame layout and byte stuffing.

A frame on the wire is ``SOR version length crc flags tor fields... EOR``. SOR (0x8E) and EOR
(0x8F) never occur inside a frame: any 0x8D, 0x8E or 0x8F between them is sent as the escape
byte 0x8D followed by the value plus 0x20. ``length`` counts the unescaped frame, SOR to EOR.
All multi-byte numbers are little-endian.
"""

from __future__ import annotations

SOR = 0x8E
EOR = 0x8F
ESC = 0x8D
ESCAPE_OFFSET = 0x20

SOR_BYTE = b"\x8e"
EOR_BYTE = b"\x8f"
ESC_BYTE = b"\x8d"

HEADER_LEN = 10
"""SOR(1) version(1) length(2) crc(2) flags(2) record type(2)."""
CRC_AT = 4
DEFAULT_VERSION = 2

_ESCAPED = ((b"\x8d", b"\x8d\xad"), (b"\x8e", b"\x8d\xae"), (b"\x8f", b"\x8d\xaf"))


class FrameError(ValueError):
    """A frame that cannot be read; ``kind`` says why (crc, length, escape, fields, short)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind


def escape(inner: bytes) -> bytes:
    """Stuff 0x8D, 0x8E and 0x8F of the bytes between SOR and EOR (0x8D first)."""
    if not (ESC_BYTE in inner or SOR_BYTE in inner or EOR_BYTE in inner):
        return inner
    for raw, stuffed in _ESCAPED:
        inner = inner.replace(raw, stuffed)
    return inner


def unescape(stuffed: bytes) -> bytes:
    """Undo byte stuffing: each 0x8D and the byte after it become that byte minus 0x20."""
    if ESC_BYTE not in stuffed:
        return stuffed
    head, *rest = stuffed.split(ESC_BYTE)
    try:
        return head + b"".join(bytes((part[0] - ESCAPE_OFFSET,)) + part[1:] for part in rest)
    except (IndexError, ValueError):
        raise FrameError("escape", f"bad escape sequence in {stuffed.hex()}") from None


def wrap(inner: bytes) -> bytes:
    """SOR + stuffed inner bytes + EOR: a frame ready for the wire."""
    return SOR_BYTE + escape(inner) + EOR_BYTE
