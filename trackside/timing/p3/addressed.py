"""Requests addressed to one decoder of several sharing a connection, and decoder ids as text.

Several decoders can report over one connection (a decoder network behind one controller); each
record names its decoder in the general field DECODER_ID, which ``passing_to_fact`` turns into
the hex of its bytes in wire order (``D0000C01``). A RESEND carrying that field asks only that
decoder; without it (a name that is not 4 bytes of hex), every decoder on the line answers.
"""

from __future__ import annotations

from trackside.timing.p3.encode import encode
from trackside.timing.p3.fields import GeneralField, ResendField
from trackside.timing.p3.record_types import RecordType
from trackside.timing.p3.records import Record

MAX_PASSING_NUMBER = 0xFFFFFFFF


def decoder_bytes(decoder: str) -> bytes | None:
    """The DECODER_ID field value for a decoder named by its hex id; None for other names."""
    try:
        raw = bytes.fromhex(decoder)
    except ValueError:
        return None
    return raw if len(raw) == 4 else None


def decoder_of(record: Record) -> str | None:
    """The hex decoder id a record carries, if any."""
    raw = record.fields.get(GeneralField.DECODER_ID)
    return raw.hex().upper() if raw else None


def resend(decoder: str, first: int, last: int) -> bytes:
    """Ask ``decoder`` to send its passings ``first``..``last`` (passing numbers) again; both
    are held to the 4 bytes a passing number has."""
    fields: dict[int, int | bytes] = {
        ResendField.FROM: min(max(first, 0), MAX_PASSING_NUMBER),
        ResendField.UNTIL: min(max(last, 0), MAX_PASSING_NUMBER),
    }
    address = decoder_bytes(decoder)
    if address is not None:
        fields[GeneralField.DECODER_ID] = address
    return encode(RecordType.RESEND, fields)
