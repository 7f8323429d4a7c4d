"""Encoding: header, CRC, byte stuffing, requests, and decode(encode(x)) == x."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trackside.timing.p3 import (
    GetTimeField,
    PassingField,
    RecordType,
    ResendField,
    decode_frame,
    encode,
    escape,
    get_time_request,
    resend_request,
    unescape,
)
from trackside.timing.p3.fields import WIDTHS


def test_header_layout() -> None:
    frame = encode(RecordType.RESEND, {ResendField.FROM: 1, ResendField.UNTIL: 2}, flags=0x0102)
    assert frame[0] == 0x8E and frame[-1] == 0x8F and frame[1] == 2
    assert int.from_bytes(frame[2:4], "little") == len(frame) == 10 + 6 + 6 + 1
    assert frame[6:8] == b"\x02\x01" and frame[8:10] == b"\x04\x00"
    assert frame[10:] == bytes.fromhex("0104 01000000 0204 02000000 8f".replace(" ", ""))


@pytest.mark.parametrize("value", [0x8D, 0x8E, 0x8F])
def test_control_bytes_inside_values_are_stuffed(value: int) -> None:
    raw = bytes([value, 0x00, value, value])
    frame = encode(RecordType.PASSING, {PassingField.TRANSPONDER: raw})
    inner = frame[1:-1]
    assert b"\x8e" not in inner and b"\x8f" not in inner
    assert inner.count(b"\x8d") == 3 and bytes([0x8D, value + 0x20]) in inner
    assert decode_frame(frame).fields[PassingField.TRANSPONDER] == raw
    assert int.from_bytes(frame[2:4], "little") == len(unescape(frame))


def test_stuffing_is_reversible_for_tricky_sequences() -> None:
    for raw in (b"\x8d\xad", b"\x8d\xae\x8f", b"\x8d\x8d\x8d", b"\xad\xae\xaf\x8d"):
        assert unescape(escape(raw)) == raw


def test_resend_request() -> None:
    record = decode_frame(resend_request(157777, 157860))
    assert record.record_type == RecordType.RESEND
    assert record.named() == {"FROM": 157777, "UNTIL": 157860}


def test_get_time_request_matches_the_form_ambp3client_sends() -> None:
    """ambp3client sends 8E0000005BEB000024000100040005008F (version and length 0); ours has
    version 2 and the real length, and the same three empty fields."""
    theirs = decode_frame(bytes.fromhex("8E0000005BEB000024000100040005008F"))
    ours = decode_frame(get_time_request())
    assert theirs.record_type == ours.record_type == RecordType.GET_TIME
    assert (
        theirs.fields
        == ours.fields
        == {GetTimeField.RTC_TIME: b"", GetTimeField.FLAGS: b"", GetTimeField.UTC_TIME: b""}
    )


def test_an_int_needs_a_known_width() -> None:
    with pytest.raises(ValueError, match="no known width"):
        encode(RecordType.PASSING, {0x77: 5})
    with pytest.raises(ValueError, match="longer than 255"):
        encode(RecordType.PASSING, {0x77: bytes(256)})


def test_text_fields() -> None:
    frame = encode(RecordType.PASSING, {PassingField.TRAN_CODE: "PV-38463"})
    assert decode_frame(frame).value(PassingField.TRAN_CODE) == "PV-38463"


_PASSING_WIDTHS = WIDTHS[RecordType.PASSING]
passing_values = st.fixed_dictionaries(
    {tof: st.integers(0, 256**size - 1) for tof, size in _PASSING_WIDTHS.items()}
)
raw_fields = st.dictionaries(st.integers(0, 255), st.binary(max_size=40), max_size=12)


@given(passing_values, st.integers(0, 0xFFFF))
def test_passing_values_survive_a_round_trip(values: dict[int, int], flags: int) -> None:
    record = decode_frame(encode(RecordType.PASSING, values, flags=flags))
    assert record.flags == flags
    assert {tof: record.value(tof) for tof in values} == values


@given(st.integers(0, 0xFFFF), raw_fields, st.integers(0, 255))
def test_any_record_survives_a_round_trip(
    record_type: int, fields: dict[int, bytes], version: int
) -> None:
    frame = encode(record_type, fields, version=version)
    record = decode_frame(frame)
    assert (record.record_type, record.fields, record.version) == (record_type, fields, version)
    assert list(record.fields) == list(fields)
