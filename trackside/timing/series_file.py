"""The series file (championship.md, "Series file") checked into a `SeriesDef`: every key
known, the scheme and tie-breaks registered (`rules/points.py`), the table a list of whole
numbers; each error names the file, line and field. The stored definition is decoded with the
same checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trackside.core.series_records import EventPart, ScoresBy, SeriesDef
from trackside.errors import InputError, shown
from trackside.rules.points import SCHEMES, TIE_BREAKS
from trackside.timing.event_file import EVENT_ID
from trackside.timing.event_toml import decode_toml, parse_toml, read_bytes
from trackside.timing.toml_lines import field_line

SERIES_KEYS = frozenset({"id", "name", "scheme", "scores", "counted", "min_events", "table",
                         "tie_breaks"})  # fmt: skip
EVENT_KEYS = frozenset({"id", "part"})


@dataclass(frozen=True, slots=True)
class SeriesFile:
    definition: dict[str, Any]
    series: SeriesDef


def read_series_file(path: Path) -> SeriesFile:
    """The checked series file; InputError naming the file, line and field at fault."""
    source = str(path)
    text = decode_toml(read_bytes(path), source)
    definition = parse_toml(text, source)
    try:
        series = parse_series_definition(definition, source=source)
    except InputError as err:
        err.line = field_line(text, err.field) if err.field else None
        raise
    return SeriesFile(definition, series)


def parse_series_definition(data: dict[str, Any], *, source: str | None = None) -> SeriesDef:
    def error(message: str, field: str) -> InputError:
        return InputError(message, source=source, field=field)

    unknown = sorted(set(data) - {"series", "event"})
    if unknown:
        raise error("unknown table (expected [series] and [[event]])", unknown[0])
    table = data.get("series")
    if not isinstance(table, dict):
        raise error("missing [series] table", "series")
    for key in sorted(set(table) - SERIES_KEYS):
        raise error(f"unknown key (expected one of {', '.join(sorted(SERIES_KEYS))})",
                    f"series.{key}")
    series_id = _text(table, "id", error, required=True)
    if not EVENT_ID.match(series_id):
        raise error(f"expected letters, digits, '.', '_' or '-' (at most 64), got "
                    f"{shown(series_id)}", "series.id")  # fmt: skip
    scheme = _text(table, "scheme", error) or "img"
    if scheme not in SCHEMES:
        raise error(f"unknown points scheme {shown(scheme)}; known: "
                    f"{', '.join(sorted(SCHEMES))}", "series.scheme")  # fmt: skip
    scores = _text(table, "scores", error) or "driver"
    if scores not in {s.value for s in ScoresBy}:
        raise error(f"expected driver or team, got {shown(scores)}", "series.scores")
    numbers = _table(table.get("table", []), error)
    if SCHEMES[scheme].needs_table and not numbers:
        raise error(f"the {scheme} scheme needs a table of points", "series.table")
    events, parts = _events(data.get("event", []), error)
    return SeriesDef(
        id=series_id,
        name=_text(table, "name", error, required=True),
        scheme=scheme,
        scores=ScoresBy(scores),
        counted=_count(table, "counted", error),
        min_events=_count(table, "min_events", error),
        table=numbers,
        tie_breaks=_tie_breaks(table, error),
        events=events,
        parts=parts,
    )


def _text(table: dict[str, Any], key: str, error: Any, *, required: bool = False) -> str:
    value = table.get(key)
    if value is None:
        if required:
            raise error("missing required key", f"series.{key}")
        return ""
    if not isinstance(value, str) or not value.strip():
        raise error(f"expected text, got {shown(value)}", f"series.{key}")
    return value.strip()


def _count(table: dict[str, Any], key: str, error: Any) -> int:
    value = table.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise error(f"expected a whole number >= 0, got {shown(value)}", f"series.{key}")
    return value


def _table(value: Any, error: Any) -> tuple[int, ...]:
    if not isinstance(value, list):
        raise error(f"expected a list of numbers, got {shown(value)}", "series.table")
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int) or item < 0:
            raise error(f"expected a list of whole numbers >= 0, got {shown(item)} in it",
                        "series.table")  # fmt: skip
    return tuple(value)


def _tie_breaks(table: dict[str, Any], error: Any) -> tuple[str, ...]:
    value = table.get("tie_breaks", ["wins", "places", "last-event", "events"])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise error(f"expected a list of rule names, got {shown(value)}", "series.tie_breaks")
    for name in value:
        if name not in TIE_BREAKS:
            raise error(f"unknown tie-break {shown(name)}; known: {', '.join(TIE_BREAKS)}",
                        "series.tie_breaks")  # fmt: skip
    if len(set(value)) != len(value):
        raise error("a tie-break is named twice", "series.tie_breaks")
    return tuple(value)


def _events(
    value: Any, error: Any
) -> tuple[tuple[str, ...], tuple[tuple[str, EventPart], ...]]:
    if not isinstance(value, list) or not value:
        raise error("expected at least one [[event]] with an id", "event")
    ids: list[str] = []
    parts: list[tuple[str, EventPart]] = []
    for index, item in enumerate(value, start=1):
        field = f"event[{index}].id"
        if not isinstance(item, dict):
            raise error("expected a table", f"event[{index}]")
        for key in sorted(set(item) - EVENT_KEYS):
            raise error("unknown key (expected id, part)", f"event[{index}].{key}")
        event_id = item.get("id")
        if not isinstance(event_id, str) or not event_id.strip():
            raise error(f"expected an event id, got {shown(event_id)}", field)
        if event_id in ids:
            raise error(f"event {event_id!r} is listed twice", field)
        ids.append(event_id)
        part = item.get("part", "race")
        if part not in {p.value for p in EventPart}:
            raise error(f"expected race or sprint, got {shown(part)}", f"event[{index}].part")
        if part != EventPart.RACE:
            parts.append((event_id, EventPart(part)))
    return tuple(ids), tuple(parts)
