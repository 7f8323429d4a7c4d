"""Shared by the P3 fuzz tests: CRC-valid PASSING frames with whatever values a test wants,
and hypothesis strategies for absurd ones (issue "Trust", nothing on the wire or in a file
crashes anything)."""

from __future__ import annotations

from hypothesis import strategies as st

from trackside.timing.p3 import GeneralField, PassingField, RecordType, encode
from trackside.timing.p3.crc import crc16
from trackside.timing.p3.framing import unescape, wrap

DECODER = "13180400"
GOOD_RTC = 1_779_000_000_000_000
"""2026-05-17 (the small test event's date is 2026-05-16): a plausible decoder time."""

ALL_FF_8 = 0xFFFF_FFFF_FFFF_FFFF
ABSURD_TIMES = (0, 1, ALL_FF_8, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000)
ABSURD_NUMBERS = (0xFFFF_FFFF, 0xFFFF_FFFE, 0x8000_0000)


def passing_frame(
    number: int | bytes, transponder: int | bytes, rtc: int | bytes, **extra: bytes
) -> bytes:
    """A CRC-valid PASSING from ``DECODER``; bytes values go on the wire as given (any width),
    ``extra`` adds raw fields by hex id (``x42=b"..."``)."""
    fields: dict[int, int | bytes] = {
        PassingField.PASSING_NUMBER: number,
        PassingField.TRANSPONDER: transponder,
        PassingField.RTC_TIME: rtc,
        GeneralField.DECODER_ID: bytes.fromhex(DECODER),
    }
    fields.update({int(key[1:], 16): value for key, value in extra.items()})
    return encode(RecordType.PASSING, fields)


def hex_capture(*frames: bytes) -> str:
    """A hex-per-line capture file's text."""
    return "".join(frame.hex() + "\n" for frame in frames)


def _wide(values: st.SearchStrategy[int], widths: tuple[int, ...]) -> st.SearchStrategy[bytes]:
    return st.tuples(values, st.sampled_from(widths)).map(
        lambda v: (v[0] % (1 << (8 * v[1]))).to_bytes(v[1], "little"))


absurd_times = st.one_of(
    st.sampled_from(ABSURD_TIMES).map(lambda t: t.to_bytes(8, "little")),
    _wide(st.integers(min_value=0, max_value=(1 << 128) - 1), (1, 2, 8, 9, 16)),
)
"""RTC times no decoder sends: 0, all-FF, 0x7FFF..., and odd widths."""
absurd_numbers = st.one_of(
    st.sampled_from(ABSURD_NUMBERS).map(lambda n: n.to_bytes(4, "little")),
    _wide(st.integers(min_value=0, max_value=(1 << 128) - 1), (0, 1, 8, 9, 16)),
)
huge_values = _wide(st.integers(min_value=0, max_value=(1 << 256) - 1), (2, 8, 32, 64))
unknown_fields = st.dictionaries(
    st.sampled_from([f"x{tof:02x}" for tof in (0x02, 0x07, 0x42, 0x7F, 0x90, 0xFE)]),
    st.binary(max_size=40), max_size=3)


@st.composite
def absurd_passings(draw: st.DrawFn) -> bytes:
    """A CRC-valid PASSING frame with at least one absurd value (or an unknown field)."""
    number = draw(st.one_of(absurd_numbers, st.integers(0, 0xFFFF_FFFF)))
    transponder = draw(st.one_of(st.integers(0, 0xFFFF_FFFF), huge_values))
    rtc = draw(st.one_of(absurd_times, st.just(GOOD_RTC)))
    extra = draw(unknown_fields)
    strength = draw(huge_values)
    return passing_frame(number, transponder, rtc, x05=strength, **extra)


def cut_short(frame: bytes, cut: int) -> bytes:
    """The frame cut after ``cut`` unstuffed bytes (inside its fields), its length and CRC
    fixed up to match: a TLV running past the end."""
    body = unescape(frame[:-1])[:cut] + b"\x8f"
    zeroed = body[:2] + len(body).to_bytes(2, "little") + b"\x00\x00" + body[6:]
    crc = crc16(zeroed).to_bytes(2, "little")
    return wrap(zeroed[1:4] + crc + zeroed[6:-1])


@st.composite
def truncated(draw: st.DrawFn, frames: st.SearchStrategy[bytes]) -> bytes:
    """Frames cut short inside their fields (``cut_short``)."""
    frame = draw(frames)
    return cut_short(frame, draw(st.integers(min_value=11, max_value=len(unescape(frame)) - 2)))
