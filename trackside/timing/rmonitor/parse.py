"""From feed lines to RMonitor records. A malformed line becomes a warning and is skipped.

Each line is decoded as cp1252 (when given as bytes) and split by the csv module, so quoted
fields may hold commas. `parse_lines` never raises on bad input: it reports each bad line with
its number and what is wrong, logs it, and goes on.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from trackside.timing.rmonitor import fields as f
from trackside.timing.rmonitor.layouts import SPECS, RecordSpec
from trackside.timing.rmonitor.records import Record, TrackDescription, TrackSection

log = logging.getLogger(__name__)
ENCODING = "cp1252"


@dataclass(frozen=True, slots=True)
class FeedWarning:
    """What a timing chief should know: a line skipped or read in part, or a doubt about the
    feed as a whole, and why."""

    line: int | None
    """The line at fault, or None for the feed as a whole."""
    message: str

    def __str__(self) -> str:
        return self.message if self.line is None else f"line {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    records: tuple[Record, ...]
    warnings: tuple[FeedWarning, ...]


class RecordError(ValueError):
    """A line that is not a well-formed RMonitor record."""


def split_fields(text: str) -> list[str]:
    """The comma-separated fields of one line; RecordError for bad quoting."""
    try:
        rows = list(csv.reader([text], strict=True))
    except csv.Error as err:
        raise RecordError(f"bad quoting: {err}") from None
    if len(rows) != 1:
        raise RecordError("bad quoting: a quoted field runs past the end of the line")
    return rows[0]


def parse_record(values: list[str], line: int) -> tuple[Record, str | None]:
    """One record from its fields, and a note when extra fields were ignored."""
    command = values[0].strip()
    if command == "$T":
        return _track_description(values, line), None
    spec = SPECS.get(command)
    if spec is None:
        raise RecordError(_unknown(command))
    given = len(values) - 1
    if given < spec.required:
        raise RecordError(f"{command}: expected {_count(spec)} fields, got {given}")
    converted = [
        _convert(command, spec.fields[i], values[i + 1])
        for i in range(min(given, len(spec.fields)))
    ]
    record = spec.build(line, *converted)
    extra = None
    if given > len(spec.fields):
        extra = f"{command}: {given} fields, expected {_count(spec)}: the extra ones are ignored"
    return record, extra


def _unknown(command: str) -> str:
    if not command.startswith("$"):
        return f"not an RMonitor record (expected a line starting with '$'), got {command!r}"
    return f"unknown record {command!r}"


def _count(spec: RecordSpec) -> str:
    if spec.optional:
        return f"{spec.required} to {len(spec.fields)}"
    return str(len(spec.fields))


def _convert(command: str, field: tuple[str, f.Converter], value: str) -> object:
    name, convert = field
    try:
        return convert(value)
    except ValueError as err:
        raise RecordError(f"{command} field '{name}': {err}") from None


def _track_description(values: list[str], line: int) -> TrackDescription:
    """`$T,name,short name,distance,section count,` then name/start/end/distance per section."""
    if len(values) < 5:
        raise RecordError(f"$T: expected at least 4 fields, got {len(values) - 1}")
    count = _convert("$T", ("section_count", f.integer), values[4])
    rest = values[5:]
    if len(rest) != 4 * count:
        raise RecordError(f"$T: {count} sections need {4 * count} more fields, got {len(rest)}")
    sections = tuple(
        TrackSection(
            rest[i].strip(),
            rest[i + 1].strip(),
            rest[i + 2].strip(),
            _convert("$T", ("section_distance", f.integer), rest[i + 3]),
        )
        for i in range(0, len(rest), 4)
    )
    return TrackDescription(line, values[1].strip(), values[2].strip(), values[3].strip(), sections)


def decode(raw: bytes | str) -> str:
    """One line as text; RecordError naming the first byte that is not cp1252."""
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode(ENCODING)
    except UnicodeDecodeError as err:
        byte = raw[err.start]
        raise RecordError(
            f"byte 0x{byte:02X} at column {err.start + 1} is not cp1252 text"
        ) from None


def parse_line(raw: bytes | str, number: int) -> tuple[Record | None, str | None]:
    """One line of a recorded or live feed: its record (None when blank or skipped) and what
    is wrong with it, if anything (not logged: `parse_lines` reports it)."""
    try:
        text = decode(raw).strip("\r\n\x00 ")
        if not text:
            return None, None
        return parse_record(split_fields(text), number)
    except RecordError as err:
        return None, f"{err}; line skipped"


def parse_lines(lines: Iterable[bytes | str]) -> ParsedFeed:
    """Every well-formed record of the feed, and a warning for each line skipped (extra
    fields: one warning per record type)."""
    records: list[Record] = []
    warnings: list[FeedWarning] = []
    noted: set[str] = set()
    for number, raw in enumerate(lines, start=1):
        record, problem = parse_line(raw, number)
        if record is not None:
            records.append(record)
        if problem is None or problem in noted:
            continue
        if record is not None:
            noted.add(problem)
        warnings.append(warn(number, problem))
    return ParsedFeed(tuple(records), tuple(warnings))


def warn(line: int | None, message: str) -> FeedWarning:
    """A warning, logged as it is made."""
    warning = FeedWarning(line, message)
    log.warning("RMonitor %s", warning)
    return warning
