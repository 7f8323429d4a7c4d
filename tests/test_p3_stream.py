"""The streaming decoder: split reads, many frames per read, garbage, bad CRCs, unknown records."""

from __future__ import annotations

import logging

import pytest

from trackside.timing.p3 import (
    PassingField,
    Record,
    RecordType,
    StreamDecoder,
    decode_file,
    encode,
)
from trackside.timing.p3.stream import MAX_PENDING

# Three frames from amb.out: a STATUS, a PASSING, and a PASSING whose CRC and passing number
# both hold a stuffed 0x8f (8d af).
STATUS = bytes.fromhex("8e021f004d7c0000020001022700070216000c01760601008104131804008f")
PASSING = bytes.fromhex(
    "8e02330053c800000100010451680200030473d75600040888f2fab51e8305000502b20006023400080200"
    "008104131804008f"
)
STUFFED = bytes.fromhex(
    "8e0233008dafd40000010001048daf68020003042f7934000408f0e5ad831f83050005029b0006021d0008"
    "0200008104131804008f"
)
STREAM = STATUS + PASSING + STUFFED + STATUS


def decode(*reads: bytes) -> tuple[list[Record], StreamDecoder]:
    decoder = StreamDecoder()
    return [r for data in reads for r in decoder.feed(data)], decoder


def test_several_frames_in_one_read() -> None:
    records, decoder = decode(STREAM)
    assert [r.name for r in records] == ["STATUS", "PASSING", "PASSING", "STATUS"]
    assert records[2].number(PassingField.PASSING_NUMBER) == 0x02688F
    assert decoder.frames == 4 and decoder.pending == 0


def test_a_split_at_every_byte_boundary_decodes_the_same() -> None:
    whole, _ = decode(STREAM)
    for cut in range(len(STREAM) + 1):
        records, decoder = decode(STREAM[:cut], STREAM[cut:])
        assert records == whole, cut
        assert (decoder.bad_crc, decoder.bad_frames, decoder.skipped_bytes) == (0, 0, 0)


def test_byte_by_byte() -> None:
    records, _ = decode(*(STREAM[i : i + 1] for i in range(len(STREAM))))
    assert records == decode(STREAM)[0]


def test_many_frames_concatenated() -> None:
    frames = [
        encode(
            RecordType.PASSING,
            {
                PassingField.PASSING_NUMBER: n,
                PassingField.TRANSPONDER: 1000 + n % 7,
                PassingField.RTC_TIME: 1_700_000_000_000_000 + n,
            },
        )
        for n in range(5000)
    ]
    records, decoder = decode(b"".join(frames))
    assert [r.number(PassingField.PASSING_NUMBER) for r in records] == list(range(5000))
    assert decoder.frames == 5000 and decoder.bad_crc == 0


def test_garbage_between_frames_is_skipped_and_counted() -> None:
    noise = b"\x00\x8f\x01\x02\x8f"  # includes stray EORs
    records, decoder = decode(b"junk" + STATUS + noise + PASSING + b"\x8e\x8e\x11" + STATUS)
    assert [r.name for r in records] == ["STATUS", "PASSING", "STATUS"]
    assert decoder.skipped_bytes == 4 + len(noise) + 3
    assert decoder.bad_crc == 0


def test_a_flipped_byte_fails_the_crc_and_later_frames_still_decode(
    caplog: pytest.LogCaptureFixture,
) -> None:
    broken = bytearray(PASSING)
    broken[20] ^= 0x01  # inside the transponder number
    with caplog.at_level(logging.WARNING):
        records, decoder = decode(STATUS + bytes(broken) + STUFFED + STATUS)
    assert decoder.bad_crc == 1 and decoder.bad_frames == 0
    assert [r.name for r in records] == ["STATUS", "PASSING", "STATUS"]
    assert "crc" in caplog.text


@pytest.mark.parametrize("at", range(1, len(PASSING) - 1))
def test_a_flipped_byte_anywhere_never_raises(at: int) -> None:
    broken = bytearray(PASSING)
    broken[at] ^= 0xFF
    records, decoder = decode(STATUS + bytes(broken) + STATUS)
    assert [r.name for r in records][-1] == "STATUS"
    assert decoder.bad_crc + decoder.bad_frames >= 1 or decoder.skipped_bytes > 0


def test_malformed_frames_are_counted_not_raised() -> None:
    short = b"\x8e\x02\x05\x00\x8f"
    overrun = bytearray(STATUS)
    overrun[11] = 0x30  # first field claims 48 bytes
    bad_escape = b"\x8e\x02\x8d\x8f"
    records, decoder = decode(short + STATUS + bad_escape + STATUS)
    assert len(records) == 2 and decoder.bad_frames == 2
    records, decoder = decode(bytes(overrun) + STATUS)
    assert len(records) == 1 and decoder.bad_frames + decoder.bad_crc == 1


def test_unknown_record_types_and_fields_are_kept_raw() -> None:
    frame = encode(0x0777, {0x42: b"\x01\x02\x03", 0x81: b"\x13\x18\x04\x00"})
    frame += encode(RecordType.PASSING, {PassingField.TRANSPONDER: 7, 0x99: b"\xaa"})
    (odd, passing), _ = decode(frame)
    assert odd.record_type == 0x0777 and odd.name == "0x0777"
    assert odd.fields == {0x42: b"\x01\x02\x03", 0x81: b"\x13\x18\x04\x00"}
    assert odd.named() == {"0x42": b"\x01\x02\x03", "DECODER_ID": 0x041813}
    assert passing.named() == {"TRANSPONDER": 7, "0x99": b"\xaa"}


def test_an_endless_frame_does_not_grow_the_buffer() -> None:
    decoder = StreamDecoder()
    decoder.feed(b"\x8e" + b"\x00" * (MAX_PENDING + 10))
    assert decoder.pending == 0 and decoder.skipped_bytes == MAX_PENDING + 11
    assert [r.name for r in decoder.feed(STATUS)] == ["STATUS"]


def test_hex_capture_with_frames_split_across_lines(tmp_path) -> None:
    text = STREAM.hex()
    path = tmp_path / "split.out"
    path.write_text(f"{text[:50]}\n{text[50:160]}\n\n{text[160:]}\n")
    decoder = StreamDecoder()
    assert [r.name for r in decode_file(path, decoder)] == [
        "STATUS",
        "PASSING",
        "PASSING",
        "STATUS",
    ]
    assert decoder.bad_crc == 0
