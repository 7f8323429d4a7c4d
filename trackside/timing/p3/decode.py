"""One frame from wire bytes to a Record: unstuff, check CRC and length, split the fields."""

from __future__ import annotations

from binascii import crc_hqx

from trackside.timing.p3.crc import DIRECT_PRESET
from trackside.timing.p3.framing import (
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
    crc = crc_hqx(chunk[:4] + _ZERO_CRC + chunk[6:-1], DIRECT_PRESET) ^ (chunk[-1] << 8 | EOR)
    if crc != chunk[4] | chunk[5] << 8:
        raise FrameError("crc", f"computed {crc:04x}, frame says {chunk[5]:02x}{chunk[4]:02x}")
    declared = chunk[2] | chunk[3] << 8
    if declared != size + 1 and declared:
        raise FrameError("length", f"header says {declared} bytes, frame has {size + 1}")
    fields = split_fields(chunk, HEADER_LEN)
    return Record(chunk[8] | chunk[9] << 8, fields, chunk[1], chunk[6] | chunk[7] << 8)


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
