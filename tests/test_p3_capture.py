"""The real P3 capture ``amb.out`` (ambp3client, 2019-03-02): 1,388 frames, 84 passings."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from trackside.core.records import Passing
from trackside.timing.p3 import (
    PassingField,
    Record,
    RecordType,
    StatusField,
    StreamDecoder,
    crc16,
    crc16_reference,
    decode_file,
    decode_frame,
    encode_record,
    passing_to_fact,
    unescape,
)

AMB_OUT = Path(__file__).resolve().parents[2] / "shared" / "data" / "p3" / "amb.out"

pytestmark = pytest.mark.skipif(not AMB_OUT.exists(), reason=f"capture not found: {AMB_OUT}")

FIRST_PASSING_HEX = (  # line 188 of amb.out
    "8e02330053c800000100010451680200030473d75600040888f2fab51e8305000502b20006023400080200"
    "008104131804008f"
)
LAST_PASSING_HEX = (  # line 1386
    "8e023300c922000001000104a468020003042f79340004087802cd05208305000502990006021c00080200"
    "008104131804008f"
)


@pytest.fixture(scope="module")
def frames() -> list[bytes]:
    return [bytes.fromhex(line) for line in AMB_OUT.read_text().split()]


@pytest.fixture(scope="module")
def decoded() -> tuple[list[Record], StreamDecoder]:
    decoder = StreamDecoder()
    return list(decode_file(AMB_OUT, decoder)), decoder


@pytest.fixture(scope="module")
def passings(decoded: tuple[list[Record], StreamDecoder]) -> list[Record]:
    return [r for r in decoded[0] if r.record_type == RecordType.PASSING]


def test_every_frame_decodes_with_a_good_crc(decoded: tuple[list[Record], StreamDecoder]) -> None:
    records, decoder = decoded
    assert len(records) == decoder.frames == 1388
    assert (decoder.bad_crc, decoder.bad_frames, decoder.skipped_bytes, decoder.pending) == (
        0,
        0,
        0,
        0,
    )
    assert Counter(r.name for r in records) == {"STATUS": 1304, "PASSING": 84}


def test_passing_numbers_are_contiguous(passings: list[Record]) -> None:
    numbers = [r.number(PassingField.PASSING_NUMBER) for r in passings]
    assert numbers == list(range(157777, 157861))


def test_three_transponders(passings: list[Record]) -> None:
    seen = Counter(r.number(PassingField.TRANSPONDER) for r in passings)
    assert seen == {3438895: 31, 5691251: 27, 3292480: 26}


def test_first_and_last_passing_times(passings: list[Record]) -> None:
    """2019-03-02 16:06:48.933 and 17:40:43.067 of the decoder's clock."""
    assert passings[0].number(PassingField.RTC_TIME) == 1_551_542_808_933_000
    assert passings[-1].number(PassingField.RTC_TIME) == 1_551_548_443_067_000


def test_first_and_last_passing_read_by_hand_from_the_hex(passings: list[Record]) -> None:
    """Field values are little-endian: the bytes after each id/length pair, reversed."""
    first, last = (
        decode_frame(bytes.fromhex(FIRST_PASSING_HEX)),
        decode_frame(bytes.fromhex(LAST_PASSING_HEX)),
    )
    assert (first, last) == (passings[0], passings[-1])
    # 01 04 51680200 | 03 04 73d75600 | 04 08 88f2fab51e830500
    assert first.number(PassingField.PASSING_NUMBER) == int("00026851", 16)
    assert first.number(PassingField.TRANSPONDER) == int("0056d773", 16) == 5691251
    assert first.number(PassingField.RTC_TIME) == int("0005831eb5faf288", 16)
    # 01 04 a4680200 | 03 04 2f793400 | 04 08 7802cd0520830500
    assert last.number(PassingField.PASSING_NUMBER) == int("000268a4", 16) == 157860
    assert last.number(PassingField.TRANSPONDER) == int("0034792f", 16) == 3438895
    assert last.number(PassingField.RTC_TIME) == int("0005832005cd0278", 16)


def test_passing_fields_by_name(passings: list[Record]) -> None:
    assert passings[0].named() == {
        "PASSING_NUMBER": 157777,
        "TRANSPONDER": 5691251,
        "RTC_TIME": 1551542808933000,
        "STRENGTH": 178,
        "HITS": 52,
        "FLAGS": 0,
        "DECODER_ID": 0x041813,
    }


def test_status_fields_by_name(decoded: tuple[list[Record], StreamDecoder]) -> None:
    status = decoded[0][0]
    assert status.value(StatusField.NOISE) == 39
    assert status.named() == {
        "NOISE": 39,
        "TEMPERATURE": 22,
        "INPUT_VOLTAGE": 118,
        "GPS": 0,
        "DECODER_ID": 0x041813,
    }


def test_passings_as_facts(passings: list[Record]) -> None:
    facts = [passing_to_fact(r) for r in passings]
    assert facts[0] == Passing(
        time_us=1_551_542_808_933_000,
        transponder="5691251",
        loop=None,
        decoder="13180400",
        passing_number=157777,
        source="p3",
    )
    assert facts[-1].transponder == "3438895" and facts[-1].passing_number == 157860
    assert len({f.identity for f in facts}) == 84


def test_reencoding_gives_back_every_frame(
    decoded: tuple[list[Record], StreamDecoder], frames: list[bytes]
) -> None:
    assert [encode_record(r) for r in decoded[0]] == frames


def test_fast_crc_equals_the_decoders_table_algorithm(frames: list[bytes]) -> None:
    for frame in frames:
        plain = unescape(frame)
        zeroed = plain[:4] + b"\x00\x00" + plain[6:]
        stored = int.from_bytes(plain[4:6], "little")
        assert crc16(zeroed) == crc16_reference(zeroed) == stored


def test_escaped_frames_in_the_capture(frames: list[bytes]) -> None:
    """5 frames carry a stuffed 0x8d/0x8e/0x8f; the header length counts unstuffed bytes."""
    stuffed = [f for f in frames if b"\x8d" in f[1:-1]]
    assert len(stuffed) == 5
    for frame in stuffed:
        assert int.from_bytes(unescape(frame)[2:4], "little") == len(unescape(frame))
        assert encode_record(decode_frame(frame)) == frame


def test_raw_binary_capture_decodes_like_the_hex_one(
    tmp_path: Path, frames: list[bytes], decoded: tuple[list[Record], StreamDecoder]
) -> None:
    raw = tmp_path / "amb.bin"
    raw.write_bytes(b"".join(frames))
    assert list(decode_file(raw)) == decoded[0]
