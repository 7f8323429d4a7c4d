"""One frame from wire bytes to a Record: unstuff, check CRC and length, split the fields.

This is the hot path of every decoder connection and capture import (docs/p3.md, "Speed"):
stuffing is undone only when an escape byte is present, the header is one precompiled
``Struct``, the CRC one ``crc_hqx`` call over the frame after its CRC field (the CRC state after
the first six header bytes, CRC zeroed, is remembered per distinct SOR-version-length prefix),
and records are built as tuples without keyword handling.
"""

from __future__ import annotations

from binascii import crc_hqx
from functools import partial
from struct import Struct

from trackside.timing.p3.crc import DIRECT_PRESET
from trackside.timing.p3.framing import (
    CRC_AT,
    EOR,
    EOR_BYTE,
    ESC_BYTE,
    HEADER_LEN,
    SOR_BYTE,
    FrameError,
    unescape,
)
from trackside.timing.p3.records import Record

_ZERO_CRC = b"\x00\x00"
_HEADER = Struct("<xBHHHH")
"""After SOR: version (u8), length, CRC, flags, record type (u16 LE each)."""

_record = partial(tuple.__new__, Record)
"""(record_type, fields, version, flags) as a Record, without NamedTuple's keyword handling."""

_PREFIX_CRCS: dict[bytes, int] = {}
"""CRC state after SOR, version, length and the zeroed CRC field, per distinct first 4 bytes."""
_PREFIX_CRCS_MAX = 4096
"""A real decoder sends a handful of frame sizes; beyond this many prefixes nothing is kept."""


def decode_frame(frame: bytes) -> Record:
    """Decode one wire frame (SOR..EOR, stuffed); FrameError when it is not a valid frame."""
    if frame[:1] != SOR_BYTE or frame[-1:] != EOR_BYTE:
        raise FrameError("short", "a frame starts with 0x8e and ends with 0x8f")
    return decode_chunk(frame[:-1])


def decode_chunk(chunk: bytes) -> Record:
    """Decode a stuffed frame without its EOR, as splitting a stream on EOR leaves it."""
    if ESC_BYTE in chunk:
        chunk = unescape(chunk)
    size = len(chunk)
    if size < HEADER_LEN:
        raise FrameError("short", f"{size + 1} bytes is shorter than a header")
    version, declared, carried, flags, record_type = _HEADER.unpack_from(chunk)
    crc = crc_hqx(chunk[CRC_AT + 2 : -1], _prefix_crc(chunk[:CRC_AT])) ^ (chunk[-1] << 8 | EOR)
    if crc != carried:
        raise FrameError("crc", f"computed {crc:04x}, frame says {carried:04x}")
    if declared != size + 1 and declared:
        raise FrameError("length", f"header says {declared} bytes, frame has {size + 1}")
    return _record((record_type, split_fields(chunk, HEADER_LEN), version, flags))


def _prefix_crc(prefix: bytes) -> int:
    """The CRC state after ``prefix`` (SOR, version, length) and a zeroed CRC field."""
    state = _PREFIX_CRCS.get(prefix)
    if state is None:
        state = crc_hqx(prefix + _ZERO_CRC, DIRECT_PRESET)
        if len(_PREFIX_CRCS) < _PREFIX_CRCS_MAX:
            _PREFIX_CRCS[prefix] = state
    return state


def split_fields(chunk: bytes, start: int) -> dict[int, bytes]:
    """TLV fields from ``start`` to the end: 1-byte id, 1-byte length, value."""
    fields = {}
    end = len(chunk)
    at = start
    try:
        while at < end:
            stop = at + 2 + chunk[at + 1]
            fields[chunk[at]] = chunk[at + 2 : stop]
            at = stop
    except IndexError:
        raise FrameError("fields", f"field 0x{chunk[at]:02x} has no length byte") from None
    if at != end:
        raise FrameError("fields", "the last field runs past the end of the frame")
    return fields
