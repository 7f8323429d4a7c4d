"""Benchmark: P3 decoding on one core, the real capture and a synthetic stream (`make bench`).

Real: the frames of ``amb.out`` (ambp3client's capture, 1,304 STATUS and 84 PASSING frames, in
``shared/data/p3/`` next to the repository, as ``tests/test_p3_capture.py`` finds it), hex lines
turned into bytes and repeated to at least 200,000 frames. Synthetic: 200,000 PASSING frames
built with the encoder, varied like a session (passing numbers, transponders, advancing RTC
times, strengths, hits), so some carry stuffed bytes. Both are fed to `StreamDecoder.feed` in
64 KiB reads, as from a socket or file.

Variants, interleaved round by round: decode with CRC (`feed`); decode with every field
interpreted (`Record.named()` on every record -- transponder, RTC time, strength, hits, noise,
temperature... -- and `passing_to_fact` on every PASSING); the synthetic stream; and the floor
(split on EOR and one `crc_hqx` per frame). Frames/s are computed from CPU time. Targets (CPU):
real capture >= 250,000 frames/s with CRC, >= 120,000 with every field interpreted.
"""

from __future__ import annotations

import random
from binascii import crc_hqx
from pathlib import Path

from measure import QUICK, ROUNDS, Times, interleaved, line, median

from trackside.timing.p3 import (
    PassingField,
    RecordType,
    StreamDecoder,
    encode,
    passing_to_fact,
)

AMB_OUT = Path(__file__).resolve().parents[2] / "shared" / "data" / "p3" / "amb.out"
FRAMES = 30_000 if QUICK else 200_000
READ = 1 << 16
TARGET_CRC = 250_000
TARGET_FIELDS = 120_000
DECODER_ID = b"\x13\x18\x04\x00"
_PASSING = int(RecordType.PASSING)


def real_stream(frames: int) -> tuple[bytes, int]:
    """The capture's frames repeated to at least ``frames``; (bytes, frame count)."""
    capture = [bytes.fromhex(text) for text in AMB_OUT.read_text().split()]
    copies = -(-frames // len(capture))
    return b"".join(capture) * copies, len(capture) * copies


def synthetic_stream(frames: int, seed: int = 7) -> bytes:
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


def decode_interpreted(pieces: list[bytes]) -> int:
    """Decode and interpret every field of every record; PASSING records become facts too."""
    decoder = StreamDecoder()
    count = 0
    for piece in pieces:
        for record in decoder.feed(piece):
            record.named()
            if record.record_type == _PASSING:
                passing_to_fact(record)
            count += 1
    return count


def floor(stream: bytes) -> int:
    """Only what cannot be avoided: split on EOR and one crc_hqx per frame."""
    count = 0
    for chunk in stream.split(b"\x8f"):
        crc_hqx(chunk, 0x1D0F)
        count += 1
    return count


def fps(frames: int, times: list[float]) -> float:
    return frames / median(times)


def main() -> None:
    real, real_frames = real_stream(FRAMES)
    synthetic = synthetic_stream(FRAMES)
    escaped = sum(1 for f in synthetic.split(b"\x8f") if b"\x8d" in f)
    real_pieces, synthetic_pieces = reads(real), reads(synthetic)
    assert decode_all(real_pieces) == real_frames
    assert decode_all(synthetic_pieces) == FRAMES
    print(f"real: {AMB_OUT.name} x {real_frames // 1388}, {real_frames:,} frames, "
          f"{len(real):,} bytes; synthetic: {FRAMES:,} PASSING frames, {len(synthetic):,} bytes, "
          f"{escaped:,} with stuffed bytes; {ROUNDS} rounds, interleaved")
    variants = {
        "real: decode with CRC": lambda: decode_all(real_pieces),
        "real: every field interpreted": lambda: decode_interpreted(real_pieces),
        "synthetic: decode with CRC": lambda: decode_all(synthetic_pieces),
        "synthetic: every field interpreted": lambda: decode_interpreted(synthetic_pieces),
        "real: floor (split + crc_hqx)": lambda: floor(real),
    }
    times = interleaved(variants)
    frames = {name: real_frames if name.startswith("real") else FRAMES for name in variants}
    for name, timing in times.items():
        print(line(name, timing))
        print(f"  {'':<34} {_rates(frames[name], timing)}")
    real_crc = fps(real_frames, times["real: decode with CRC"].cpu)
    real_fields = fps(real_frames, times["real: every field interpreted"].cpu)
    synthetic_fps = fps(FRAMES, times["synthetic: decode with CRC"].cpu)
    print(f"  targets (CPU, median): with CRC {real_crc:,.0f} >= {TARGET_CRC:,} "
          f"{'met' if real_crc >= TARGET_CRC else 'MISSED'}; every field {real_fields:,.0f} >= "
          f"{TARGET_FIELDS:,} {'met' if real_fields >= TARGET_FIELDS else 'MISSED'}")
    print(f"p3_decode: real_crc_fps={real_crc:.0f} real_fields_fps={real_fields:.0f} "
          f"synthetic_fps={synthetic_fps:.0f}")


def _rates(frames: int, timing: Times) -> str:
    cpu = sorted(frames / t for t in timing.cpu)
    return (f"frames/s by CPU time: min {cpu[0]:,.0f}  median {median(cpu):,.0f}  "
            f"max {cpu[-1]:,.0f}")


if __name__ == "__main__":
    main()
