"""The decoder simulator's fault switches, and corrupting a frame."""

from __future__ import annotations

from dataclasses import dataclass

from trackside.timing.p3.framing import unescape, wrap


@dataclass(frozen=True)
class Faults:
    """What goes wrong on the simulated line. Probabilities are per live passing; the random
    choices are seeded, so a run repeats exactly."""

    drop_connection_every: int | None = None
    """Close each connection after it has carried this many frames."""
    drop_passings: float = 0.0
    """Chance that a live passing is not sent (the decoder still has it for RESEND)."""
    duplicate_passings: float = 0.0
    """Chance that a live passing is sent twice."""
    corrupt_every: int | None = None
    """Every N-th frame sent (of any kind, on any connection) has one bit flipped."""
    reset_after: int | None = None
    """After this many passings the decoder is reset: numbers restart at 1, clock goes back."""
    seed: int = 0

    def __post_init__(self) -> None:
        for name in ("drop_connection_every", "corrupt_every", "reset_after"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ValueError(f"{name} must be at least 1, got {value}")
        for name in ("drop_passings", "duplicate_passings"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} is a probability from 0 to 1, got {value}")


def corrupted(frame: bytes) -> bytes:
    """The frame with one bit of its last field byte flipped and the CRC left as it was, so
    the stream stays in step but the frame fails its CRC."""
    inner = bytearray(unescape(frame[1:-1]))
    inner[-1] ^= 0x01
    return wrap(bytes(inner))
