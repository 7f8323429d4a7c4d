"""Field ids ("tof", type of field) of each record type, their widths, and value conversions.

Ids follow the decoder captures and the community reverse-engineering in ambp3client
(``AmbP3/records.py``); see ``docs/p3.md`` for sources and what is confirmed by ``amb.out``.
A field id means something only within its record type (0x01 is PASSING_NUMBER in a PASSING and
NOISE in a STATUS); the general fields 0x81/0x83/0x85 may appear in any record.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from trackside.timing.p3.record_types import RecordType

FieldValue = int | str | bytes


class GeneralField(IntEnum):
    DECODER_ID = 0x81
    CONTROLLER_ID = 0x83
    REQUEST_ID = 0x85


class PassingField(IntEnum):
    PASSING_NUMBER = 0x01
    TRANSPONDER = 0x03
    RTC_TIME = 0x04
    STRENGTH = 0x05
    HITS = 0x06
    FLAGS = 0x08
    TRAN_CODE = 0x0A
    USER_FLAG = 0x0E
    DRIVER_ID = 0x0F
    UTC_TIME = 0x10
    RTC_ID = 0x13
    SPORT = 0x14
    VOLTAGE = 0x30
    TEMPERATURE = 0x31


class StatusField(IntEnum):
    NOISE = 0x01
    GPS = 0x06
    TEMPERATURE = 0x07
    SATINUSE = 0x0A
    LOOP_TRIGGERS = 0x0B
    INPUT_VOLTAGE = 0x0C


class VersionField(IntEnum):
    DECODER_TYPE = 0x01
    DESCRIPTION = 0x02
    VERSION = 0x03
    RELEASE = 0x04
    REGISTRATION = 0x08
    BUILD_NUMBER = 0x0A
    OPTIONS = 0x0C


class ResendField(IntEnum):
    FROM = 0x01
    UNTIL = 0x02


class GetTimeField(IntEnum):
    RTC_TIME = 0x01
    FLAGS = 0x04
    UTC_TIME = 0x05


class ErrorField(IntEnum):
    CODE = 0x01
    DESCRIPTION = 0x02


FIELD_IDS: dict[int, type[IntEnum]] = {
    RecordType.PASSING: PassingField,
    RecordType.STATUS: StatusField,
    RecordType.VERSION: VersionField,
    RecordType.RESEND: ResendField,
    RecordType.GET_TIME: GetTimeField,
    RecordType.ERROR: ErrorField,
}

_GENERAL_WIDTHS = {
    GeneralField.DECODER_ID: 4,
    GeneralField.CONTROLLER_ID: 4,
    GeneralField.REQUEST_ID: 8,
}
WIDTHS: dict[int, dict[int, int]] = {
    RecordType.PASSING: {
        PassingField.PASSING_NUMBER: 4,
        PassingField.TRANSPONDER: 4,
        PassingField.RTC_TIME: 8,
        PassingField.STRENGTH: 2,
        PassingField.HITS: 2,
        PassingField.FLAGS: 2,
        PassingField.UTC_TIME: 8,
    },
    RecordType.STATUS: {
        StatusField.NOISE: 2,
        StatusField.GPS: 1,
        StatusField.TEMPERATURE: 2,
        StatusField.SATINUSE: 1,
        StatusField.INPUT_VOLTAGE: 1,
    },
    RecordType.RESEND: {ResendField.FROM: 4, ResendField.UNTIL: 4},
    RecordType.GET_TIME: {
        GetTimeField.RTC_TIME: 8,
        GetTimeField.FLAGS: 2,
        GetTimeField.UTC_TIME: 8,
    },
    RecordType.ERROR: {ErrorField.CODE: 2},
}
"""Bytes an int value is sent in (observed in amb.out or documented); others need bytes."""

TEXT: dict[int, frozenset[int]] = {
    RecordType.PASSING: frozenset({PassingField.TRAN_CODE}),
    RecordType.VERSION: frozenset({VersionField.DESCRIPTION, VersionField.VERSION}),
    RecordType.ERROR: frozenset({ErrorField.DESCRIPTION}),
}
"""Fields holding ASCII text."""

SIGNED: dict[int, frozenset[int]] = {
    RecordType.PASSING: frozenset({PassingField.TEMPERATURE}),
    RecordType.STATUS: frozenset({StatusField.TEMPERATURE}),
}

_NO_FIELDS: frozenset[int] = frozenset()


_MEMBERS: dict[int, dict[int, IntEnum]] = {
    record_type: {member.value: member for member in ids} for record_type, ids in FIELD_IDS.items()
}
_GENERAL: dict[int, IntEnum] = {member.value: member for member in GeneralField}


def _text(raw: bytes) -> FieldValue:
    return raw.rstrip(b"\x00").decode("ascii", errors="replace")


def _unsigned(raw: bytes) -> FieldValue:
    return int.from_bytes(raw, "little") if raw else raw


def _signed(raw: bytes) -> FieldValue:
    return int.from_bytes(raw, "little", signed=True) if raw else raw


def _raw(raw: bytes) -> FieldValue:
    return raw


Interpreter = tuple[str, Callable[[bytes], FieldValue]]
"""A field's name and the function turning its raw bytes into its value."""


def _interpreters(
    members: dict[int, IntEnum], text: frozenset[int], signed: frozenset[int]
) -> tuple[Interpreter, ...]:
    """(name, interpret) for every field id 0..255; unknown ids are named ``0x42``, kept raw."""
    table = []
    for tof in range(256):
        known = members.get(tof)
        if known is None:
            table.append((f"0x{tof:02x}", _raw))
        else:
            interpret = _text if tof in text else _signed if tof in signed else _unsigned
            table.append((known.name, interpret))
    return tuple(table)


_INTERPRETERS: dict[int, tuple[Interpreter, ...]] = {
    record_type: _interpreters(
        {**_GENERAL, **members},
        TEXT.get(record_type, _NO_FIELDS),
        SIGNED.get(record_type, _NO_FIELDS),
    )
    for record_type, members in _MEMBERS.items()
}
_GENERAL_INTERPRETERS = _interpreters(_GENERAL, _NO_FIELDS, _NO_FIELDS)


def interpreters(record_type: int) -> tuple[Interpreter, ...]:
    """Indexed by field id: the field's name and how its value is read, for one record type."""
    return _INTERPRETERS.get(record_type, _GENERAL_INTERPRETERS)


def field_id(record_type: int, tof: int) -> IntEnum | None:
    """The named id of a field, or None when the field is unknown for this record type."""
    return _MEMBERS.get(record_type, _GENERAL).get(tof) or _GENERAL.get(tof)


def field_name(record_type: int, tof: int) -> str:
    """Name of a field (``TRANSPONDER``) or its hex id (``0x42``) when unknown."""
    return interpreters(record_type)[tof][0] if 0 <= tof <= 0xFF else f"0x{tof:02x}"


def width(record_type: int, tof: int) -> int | None:
    """Bytes an int value of this field is sent in, when known."""
    if tof in _GENERAL_WIDTHS:
        return _GENERAL_WIDTHS[tof]
    return WIDTHS.get(record_type, {}).get(tof)


def is_known(record_type: int, tof: int) -> bool:
    return field_id(record_type, tof) is not None


def decode_value(record_type: int, tof: int, raw: bytes) -> FieldValue:
    """Text for text fields, an int for other known fields, the raw bytes for unknown ones."""
    return interpreters(record_type)[tof][1](raw) if 0 <= tof <= 0xFF else raw


def encode_value(record_type: int, tof: int, value: FieldValue) -> bytes:
    """Wire bytes of one field value: bytes as given, text as ASCII, ints at the field's width."""
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("ascii")
    size = width(record_type, tof)
    if size is None:
        name = field_name(record_type, tof)
        raise ValueError(
            f"field {name} of record 0x{record_type:04x} has no known width; "
            "give its value as bytes"
        )
    signed = tof in SIGNED.get(record_type, _NO_FIELDS)
    return int(value).to_bytes(size, "little", signed=signed)
