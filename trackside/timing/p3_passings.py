"""Passings from a P3 decoder capture file (raw bytes or one hex frame per line)."""

from __future__ import annotations

import logging
from pathlib import Path

from trackside.errors import InputError
from trackside.timing.csv_passings import PassingRow
from trackside.timing.p3 import RecordType, StreamDecoder, encode_record, passing_to_fact
from trackside.timing.p3.files import Location, located_records
from trackside.timing.p3.plausible import TimeWindow, passing_refusal
from trackside.timing.p3.records import Record

log = logging.getLogger(__name__)


def read_passings_p3(path: Path, window: TimeWindow | None = None) -> list[PassingRow]:
    """Every PASSING record of the capture, numbered by its line (hex) or frame (raw). Frames
    with a bad CRC are counted and logged by the decoder and skipped. A passing that cannot be
    stored (a time outside ``window``, by default 2000 to a week past today; a number too
    wide: ``plausible.py``) is an InputError naming it, and so is a capture with no passing."""
    window = window or TimeWindow.around_today()
    decoder = StreamDecoder()
    rows = []
    for where, record in located_records(path, decoder):
        if record.record_type != RecordType.PASSING:
            continue
        _check(path, where, record, window)
        try:
            rows.append(PassingRow(where.number, passing_to_fact(record), None))
        except ValueError as err:
            log.warning("%s: %s %d: %s", path, where.kind, where.number, err)
    if decoder.bad_crc or decoder.bad_frames:
        log.warning("%s: %d frames with a bad CRC, %d malformed, skipped",
                    path, decoder.bad_crc, decoder.bad_frames)
    if not rows:
        raise InputError("no P3 PASSING record in the file", source=str(path))
    return rows


def _check(path: Path, where: Location, record: Record, window: TimeWindow) -> None:
    refusal = passing_refusal(record, window)
    if refusal is None:
        return
    frame = encode_record(record).hex()
    shown = frame if len(frame) <= 120 else frame[:117] + "..."
    raise InputError(f"{refusal.reason} ({where.kind} {where.number}: {shown}); "
                     "nothing imported", source=str(path), line=where.number,
                     field=refusal.field)  # fmt: skip
