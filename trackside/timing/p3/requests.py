"""Frames a timing client sends to a decoder."""

from __future__ import annotations

from trackside.timing.p3.encode import encode
from trackside.timing.p3.fields import GetTimeField, ResendField
from trackside.timing.p3.record_types import RecordType


def resend_request(first: int, last: int) -> bytes:
    """Ask the decoder to send its stored passings ``first``..``last`` (passing numbers) again."""
    return encode(RecordType.RESEND, {ResendField.FROM: first, ResendField.UNTIL: last})


def get_time_request() -> bytes:
    """Ask the decoder for its clock: empty RTC_TIME, FLAGS and UTC_TIME fields, as
    ambp3client's time server does; the decoder answers with a GET_TIME record."""
    empty = b""
    return encode(
        RecordType.GET_TIME,
        {GetTimeField.RTC_TIME: empty, GetTimeField.FLAGS: empty, GetTimeField.UTC_TIME: empty},
    )
