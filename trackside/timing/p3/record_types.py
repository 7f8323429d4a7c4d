"""Record types ("TOR", type of record) of the P3 protocol."""

from __future__ import annotations

from enum import IntEnum


class RecordType(IntEnum):
    """TOR values as sent in the header (little-endian u16)."""

    RESET = 0x0000
    PASSING = 0x0001
    STATUS = 0x0002
    VERSION = 0x0003
    RESEND = 0x0004
    CLEAR_PASSING = 0x0005
    SERVER_SETTINGS = 0x0013
    SESSION = 0x0015
    NETWORK_SETTINGS = 0x0016
    WATCHDOG = 0x0018
    PING = 0x0020
    GET_TIME = 0x0024
    GENERAL_SETTINGS = 0x0028
    SIGNALS = 0x002D
    LOOP_TRIGGER = 0x002F
    GPS_INFO = 0x0030
    FIRST_CONTACT = 0x0045
    TIMELINE = 0x004A
    ERROR = 0xFFFF


_NAMES = {member.value: member.name for member in RecordType}


def record_type_name(record_type: int) -> str:
    """``PASSING`` for a known type, ``0x1234`` for an unknown one."""
    known = _NAMES.get(record_type)
    return known if known is not None else f"0x{record_type:04x}"
