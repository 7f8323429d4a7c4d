"""Passings from a P3 decoder capture file (raw bytes or one hex frame per line)."""

from __future__ import annotations

import logging
from pathlib import Path

from trackside.errors import InputError
from trackside.timing.csv_passings import PassingRow
from trackside.timing.p3 import RecordType, StreamDecoder, decode_file, passing_to_fact

log = logging.getLogger(__name__)


def read_passings_p3(path: Path) -> list[PassingRow]:
    """Every PASSING record of the capture, numbered by its frame. Frames with a bad CRC are
    counted and logged by the decoder and skipped; a capture with no passing is an error."""
    decoder = StreamDecoder()
    rows = []
    for frame, record in enumerate(decode_file(path, decoder), start=1):
        if record.record_type != RecordType.PASSING:
            continue
        try:
            rows.append(PassingRow(frame, passing_to_fact(record), None))
        except ValueError as err:
            log.warning("%s: frame %d: %s", path, frame, err)
    if decoder.bad_crc or decoder.bad_frames:
        log.warning("%s: %d frames with a bad CRC, %d malformed, skipped",
                    path, decoder.bad_crc, decoder.bad_frames)
    if not rows:
        raise InputError("no P3 PASSING record in the file", source=str(path))
    return rows
