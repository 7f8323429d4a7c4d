"""Records to wire frames: fields packed, header filled, CRC computed, bytes stuffed."""

from __future__ import annotations

from collections.abc import Mapping

from trackside.timing.p3.crc import crc16
from trackside.timing.p3.fields import FieldValue, encode_value
from trackside.timing.p3.framing import (
    CRC_AT,
    DEFAULT_VERSION,
    EOR_BYTE,
    HEADER_LEN,
    SOR,
    wrap,
)
from trackside.timing.p3.records import Record

MAX_FRAME = 0xFFFF


def encode(
    record_type: int,
    fields: Mapping[int, FieldValue],
    *,
    version: int = DEFAULT_VERSION,
    flags: int = 0,
) -> bytes:
    """A complete, stuffed frame with CRC. Values: bytes as given, str as ASCII, int at the
    field's known width (ValueError for an int in a field whose width is unknown)."""
    body = b"".join(_field(record_type, tof, value) for tof, value in fields.items())
    length = HEADER_LEN + len(body) + 1
    if length > MAX_FRAME:
        raise ValueError(f"frame of {length} bytes is longer than {MAX_FRAME}")
    zeroed = (
        bytes((SOR, version))
        + length.to_bytes(2, "little")
        + b"\x00\x00"
        + flags.to_bytes(2, "little")
        + record_type.to_bytes(2, "little")
        + body
        + EOR_BYTE
    )
    crc = crc16(zeroed).to_bytes(2, "little")
    return wrap(zeroed[1:CRC_AT] + crc + zeroed[CRC_AT + 2 : -1])


def encode_record(record: Record) -> bytes:
    """The frame of a decoded record (identical to the frame it came from)."""
    return encode(record.record_type, record.fields, version=record.version, flags=record.flags)


def _field(record_type: int, tof: int, value: FieldValue) -> bytes:
    raw = encode_value(record_type, tof, value)
    if len(raw) > 0xFF:
        raise ValueError(f"field 0x{tof:02x} value of {len(raw)} bytes is longer than 255")
    return bytes((tof, len(raw))) + raw
