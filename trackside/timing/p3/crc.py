"""The P3 CRC: CRC-16, polynomial 0x1021, register preset 0xFFFF, in the "augmented" form.

The decoder computes it table-driven as ``crc = T[crc >> 8] ^ ((crc << 8) & 0xFFFF) ^ byte``
over the unescaped frame (SOR to EOR) with the CRC field zeroed, and stores it little-endian.
Feeding each byte in *after* the shift means the last two bytes are never divided; that equals the
common CRC-CCITT over all but the last two bytes with the equivalent preset 0x1D0F, XORed with
those two bytes read big-endian -- which ``binascii.crc_hqx`` computes at C speed.
"""

from __future__ import annotations

from binascii import crc_hqx

from trackside.timing.p3.framing import CRC_AT

POLY = 0x1021
PRESET = 0xFFFF
DIRECT_PRESET = 0x1D0F
"""The preset of the direct (crc_hqx) form that matches PRESET in the augmented form."""


def crc16(zeroed: bytes) -> int:
    """CRC of a whole unescaped frame (SOR..EOR, at least 2 bytes) whose CRC field is zero."""
    return crc_hqx(zeroed[:-2], DIRECT_PRESET) ^ ((zeroed[-2] << 8) | zeroed[-1])


def frame_crc(frame: bytes) -> int:
    """CRC a frame should carry, whatever its CRC field holds now."""
    return crc16(frame[:CRC_AT] + b"\x00\x00" + frame[CRC_AT + 2 :])


def _table() -> tuple[int, ...]:
    table = []
    for top in range(256):
        crc = top << 8
        for _ in range(8):
            crc = ((crc << 1) ^ POLY) if crc & 0x8000 else crc << 1
        table.append(crc & 0xFFFF)
    return tuple(table)


_TABLE = _table()


def crc16_reference(zeroed: bytes) -> int:
    """The decoder's own table-driven algorithm, byte by byte (slow; for tests and docs)."""
    crc = PRESET
    for byte in zeroed:
        crc = _TABLE[crc >> 8] ^ ((crc << 8) & 0xFFFF) ^ byte
    return crc
