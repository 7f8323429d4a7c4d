"""Frames a (simulated) decoder sends: PASSING, STATUS heartbeats and GET_TIME answers."""

from __future__ import annotations

from trackside.timing.p3.addressed import decoder_bytes
from trackside.timing.p3.encode import encode
from trackside.timing.p3.fields import GeneralField, GetTimeField, PassingField, StatusField
from trackside.timing.p3.record_types import RecordType
from trackside.timing.p3.sim_plan import WirePassing


def _address(decoder: str) -> bytes:
    raw = decoder_bytes(decoder)
    if raw is None:
        raise ValueError(f"decoder id {decoder!r} is not 4 bytes of hex")
    return raw


def passing_frame(passing: WirePassing) -> bytes:
    return encode(
        RecordType.PASSING,
        {
            PassingField.PASSING_NUMBER: passing.number,
            PassingField.TRANSPONDER: passing.transponder,
            PassingField.RTC_TIME: passing.rtc_us,
            PassingField.STRENGTH: 100 + passing.number % 60,
            PassingField.HITS: 20 + passing.number % 40,
            PassingField.FLAGS: 0,
            GeneralField.DECODER_ID: _address(passing.decoder),
        },
    )


def status_frame(decoder: str) -> bytes:
    """A heartbeat with the values seen in ``amb.out``."""
    return encode(
        RecordType.STATUS,
        {
            StatusField.NOISE: 39,
            StatusField.GPS: 0,
            StatusField.TEMPERATURE: 22,
            StatusField.INPUT_VOLTAGE: 118,
            GeneralField.DECODER_ID: _address(decoder),
        },
    )


def clock_frame(decoder: str, rtc_us: int) -> bytes:
    """The answer to GET_TIME: the decoder's clock, microseconds since 1970."""
    return encode(
        RecordType.GET_TIME,
        {GetTimeField.RTC_TIME: rtc_us, GeneralField.DECODER_ID: _address(decoder)},
    )
