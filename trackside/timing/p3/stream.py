"""A streaming decoder: bytes in as they arrive from a socket or file, records out.

Frames may be split across reads, several may come in one read, and there may be garbage between
them. SOR and EOR never occur inside a frame, so a stream splits on EOR and each piece's frame
starts at its last SOR. Frames that fail their CRC or are malformed are counted, logged and
skipped; ``feed`` never raises on bad input.
"""

from __future__ import annotations

import logging

from trackside.timing.p3.decode import decode_chunk
from trackside.timing.p3.framing import EOR_BYTE, SOR_BYTE, FrameError
from trackside.timing.p3.records import Record

log = logging.getLogger(__name__)

MAX_PENDING = 1 << 16
"""Bytes kept while waiting for an EOR; a real frame is far shorter."""


class StreamDecoder:
    """Feed it bytes, get back the records completed so far.

    Counters: ``frames`` decoded, ``bad_crc`` frames whose CRC did not match, ``bad_frames``
    other malformed frames (too short, wrong length, bad escape, fields past the end), and
    ``skipped_bytes`` of garbage outside any frame.
    """

    def __init__(self) -> None:
        self._pending = b""
        self.frames = 0
        self.bad_crc = 0
        self.bad_frames = 0
        self.skipped_bytes = 0

    @property
    def pending(self) -> int:
        """Bytes held back as the start of a frame not yet complete."""
        return len(self._pending)

    def feed(self, data: bytes) -> list[Record]:
        """Records of every frame completed by ``data``, in order."""
        buffer = self._pending + data if self._pending else bytes(data)
        end = buffer.rfind(EOR_BYTE)
        if end < 0:
            self._pending = self._bounded(buffer)
            return []
        self._pending = self._bounded(buffer[end + 1 :])
        records = []
        append = records.append
        for chunk in buffer[:end].split(EOR_BYTE):
            start = chunk.rfind(SOR_BYTE)
            if start:
                if start < 0:
                    self.skipped_bytes += len(chunk) + 1
                    continue
                self.skipped_bytes += start
                chunk = chunk[start:]
            try:
                append(decode_chunk(chunk))
            except FrameError as error:
                self._reject(chunk, error)
        self.frames += len(records)
        return records

    def _reject(self, chunk: bytes, error: FrameError) -> None:
        if error.kind == "crc":
            self.bad_crc += 1
        else:
            self.bad_frames += 1
        log.warning("P3 frame skipped (%s): %s8f", error, chunk.hex())

    def _bounded(self, pending: bytes) -> bytes:
        """Drop garbage that cannot start a frame, and anything beyond MAX_PENDING."""
        start = pending.rfind(SOR_BYTE)
        if start < 0 or len(pending) - start > MAX_PENDING:
            self.skipped_bytes += len(pending)
            return b""
        self.skipped_bytes += start
        return pending[start:] if start else pending
