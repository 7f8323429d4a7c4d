"""PASSING records as trackside facts (``trackside.core.records.Passing``)."""

from __future__ import annotations

from functools import partial

from trackside.core.records import Passing
from trackside.timing.p3.fields import GeneralField, PassingField
from trackside.timing.p3.record_types import RecordType
from trackside.timing.p3.records import Record

SOURCE = "p3"

_PASSING = int(RecordType.PASSING)
_NUMBER = int(PassingField.PASSING_NUMBER)
_TRANSPONDER = int(PassingField.TRANSPONDER)
_RTC_TIME = int(PassingField.RTC_TIME)
_UTC_TIME = int(PassingField.UTC_TIME)
_DECODER_ID = int(GeneralField.DECODER_ID)

_passing = partial(tuple.__new__, Passing)
"""A tuple in `Passing` field order as a `Passing`, without NamedTuple's keyword handling."""


def passing_to_fact(record: Record, decoder: str | None = None, loop: str | None = None) -> Passing:
    """The passing a PASSING record reports.

    ``time_us`` is the decoder's RTC time (falling back to its UTC time), taken as local track
    time; the transponder is its decimal number; the decoder is the DECODER_ID field as the hex
    of its bytes in wire order (``13180400``), else the ``decoder`` given.
    """
    record_type, fields = record[0], record[1]
    if record_type != _PASSING:
        raise ValueError(f"{record.name} record is not a passing")
    transponder = fields.get(_TRANSPONDER)
    time = fields.get(_RTC_TIME) or fields.get(_UTC_TIME)
    if not transponder or not time:
        raise ValueError(f"passing without transponder or time: {record.named()}")
    number = fields.get(_NUMBER)
    decoder_id = fields.get(_DECODER_ID)
    return _passing(
        (
            int.from_bytes(time, "little"),  # time_us
            str(int.from_bytes(transponder, "little")),  # transponder
            loop,
            decoder_id.hex().upper() if decoder_id else decoder,  # decoder
            None if number is None else int.from_bytes(number, "little"),  # passing_number
            SOURCE,
        )
    )
