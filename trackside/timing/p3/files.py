"""P3 captures on disk: raw bytes as read from the decoder, or one hex frame per line."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from trackside.timing.p3.records import Record
from trackside.timing.p3.stream import StreamDecoder

log = logging.getLogger(__name__)

READ_SIZE = 1 << 16
_HEX_TEXT = b"0123456789abcdefABCDEF \t\r\n"


class Location(NamedTuple):
    """Where a record is in a capture: a line (hex-per-line) or a frame's ordinal (raw)."""

    number: int
    kind: str


def is_hex_text(head: bytes) -> bool:
    """True when the bytes are hex digits and white space only (a hex-per-line capture)."""
    return bool(head.strip()) and not head.translate(None, _HEX_TEXT)


def decode_file(path: str | Path, decoder: StreamDecoder | None = None) -> Iterator[Record]:
    """Every record of a capture, raw or hex-per-line (detected). Pass a StreamDecoder to read
    its counters (``bad_crc``, ``skipped_bytes``, ...) afterwards."""
    for _where, record in located_records(path, decoder):
        yield record


def located_records(
    path: str | Path, decoder: StreamDecoder | None = None
) -> Iterator[tuple[Location, Record]]:
    """Every record of a capture with where it is: the line of a hex-per-line capture that
    completed it, else the frame's ordinal in a raw capture."""
    decoder = decoder or StreamDecoder()
    path = Path(path)
    with path.open("rb") as handle:
        hex_text = is_hex_text(handle.read(4096))
    if hex_text:
        for line, chunk in _hex_lines(path, decoder):
            for record in decoder.feed(chunk):
                yield Location(line, "line"), record
    else:
        frame = 0
        for chunk in _raw_chunks(path):
            for record in decoder.feed(chunk):
                frame += 1
                yield Location(frame, "frame"), record
    if decoder.pending:
        log.warning("%s: %d bytes of an unfinished frame at the end", path, decoder.pending)


def _raw_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(READ_SIZE):
            yield chunk


def _hex_lines(path: Path, decoder: StreamDecoder) -> Iterator[tuple[int, bytes]]:
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                yield number, bytes.fromhex(line.decode("ascii"))
            except (UnicodeDecodeError, ValueError):
                decoder.skipped_bytes += len(line)
                log.warning("%s:%d: not a hex frame, skipped", path, number)
