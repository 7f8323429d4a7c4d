"""Benchmark: decode a long synthetic P3 stream (200,000 PASSING frames) on one core.

The stream is built with the encoder, varied like a real session (passing numbers, a field of
transponders, advancing RTC times, strengths, hits), so some frames carry escaped bytes. It is
fed in 64 KiB reads, as from a socket or file. Prints frames/s against the target (200,000/s),
plus the floor (split + CRC only) and the cost of turning passings into facts. Asserts nothing.
"""

from __future__ import annotations

import random
import statistics
import time
from binascii import crc_hqx
from collections.abc import Callable

from trackside.timing.p3 import (
    PassingField,
    RecordType,
    StreamDecoder,
    encode,
    passing_to_fact,
)

FRAMES = 200_000
READ = 1 << 16
RUNS = 5
TARGET = 200_000
DECODER_ID = b"\x13\x18\x04\x00"


def build_stream(frames: int, seed: int = 7) -> bytes:
    """``frames`` PASSING frames as one byte string."""
    rng = random.Random(seed)
    transponders = [rng.randrange(1_000_000, 9_999_999) for _ in range(60)]
    clock = 1_551_542_808_933_000
    out = []
    for number in range(157_777, 157_777 + frames):
        clock += rng.randrange(200_000, 3_000_000)
        out.append(
            encode(
                RecordType.PASSING,
                {
                    PassingField.PASSING_NUMBER: number,
                    PassingField.TRANSPONDER: rng.choice(transponders),
                    PassingField.RTC_TIME: clock,
                    PassingField.STRENGTH: rng.randrange(60, 200),
                    PassingField.HITS: rng.randrange(20, 60),
                    PassingField.FLAGS: 0,
                    0x81: DECODER_ID,
                },
            )
        )
    return b"".join(out)


def reads(stream: bytes) -> list[bytes]:
    return [stream[at : at + READ] for at in range(0, len(stream), READ)]


def decode_all(pieces: list[bytes]) -> int:
    decoder = StreamDecoder()
    count = sum(len(decoder.feed(piece)) for piece in pieces)
    assert decoder.bad_crc == decoder.bad_frames == 0
    return count


def decode_to_facts(pieces: list[bytes]) -> int:
    decoder = StreamDecoder()
    return sum(len([passing_to_fact(r) for r in decoder.feed(piece)]) for piece in pieces)


def floor(stream: bytes) -> int:
    """Only what cannot be avoided: split on EOR and one crc_hqx per frame."""
    count = 0
    for chunk in stream.split(b"\x8f"):
        crc_hqx(chunk, 0x1D0F)
        count += 1
    return count


def best_of(action: Callable[[], int]) -> tuple[float, int]:
    times, count = [], 0
    for _ in range(RUNS):
        start = time.perf_counter()
        count = action()
        times.append(time.perf_counter() - start)
    return min(times), count


def report(label: str, seconds: float, frames: int, target: int | None = None) -> None:
    rate = frames / seconds
    mark = "" if target is None else "  (target met)" if rate >= target else "  (BELOW TARGET)"
    print(f"{label:<34} {seconds * 1000:8.1f} ms  {rate:>11,.0f} frames/s{mark}")


def main() -> None:
    start = time.perf_counter()
    stream = build_stream(FRAMES)
    built = time.perf_counter() - start
    escaped = sum(1 for f in stream.split(b"\x8f") if b"\x8d" in f)
    print(
        f"stream: {FRAMES:,} PASSING frames, {len(stream):,} bytes, {escaped:,} with escapes; "
        f"built in {built:.2f} s ({FRAMES / built:,.0f} frames/s encode)"
    )
    pieces = reads(stream)
    seconds, frames = best_of(lambda: decode_all(pieces))
    assert frames == FRAMES
    report("decode (StreamDecoder.feed)", seconds, frames, TARGET)
    seconds, frames = best_of(lambda: decode_to_facts(pieces))
    report("decode + passing_to_fact", seconds, frames)
    seconds, _ = best_of(lambda: floor(stream))
    report("floor (split + crc_hqx only)", seconds, FRAMES)
    per = [best_of(lambda: decode_all(pieces))[0] for _ in range(3)]
    print(f"decode spread over 3x{RUNS} runs: median {statistics.median(per) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
