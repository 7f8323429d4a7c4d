"""Reading an event file: UTF-8 TOML, every key known, checked into an `EventDef`; every error
names the file and, where it can be placed, the line."""

from __future__ import annotations

import codecs
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trackside.core.records import EventDef
from trackside.errors import InputError
from trackside.timing.event_file import normalize_definition, parse_event_definition
from trackside.timing.event_keys import check_keys
from trackside.timing.toml_lines import field_line


@dataclass(frozen=True, slots=True)
class EventFile:
    """The file's definition (as stored: JSON-ready) and the event it defines."""

    definition: dict[str, Any]
    event: EventDef


def read_event_file(path: Path) -> EventFile:
    """The checked event file; InputError naming the file, line and field at fault."""
    source = str(path)
    text = decode_toml(read_bytes(path), source)
    definition = normalize_definition(parse_toml(text, source))
    try:
        check_keys(definition, source)
        event = parse_event_definition(definition, source=source)
    except InputError as err:
        err.line = field_line(text, err.field) if err.field else None
        raise
    return EventFile(definition, event)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror}", source=str(path)) from None


def decode_toml(data: bytes, source: str) -> str:
    """The file's text: UTF-8 (a BOM allowed), as TOML requires; else an InputError."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError("the file is UTF-16 text; save it as UTF-8", source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte 0x{data[err.start]:02x}); save it as UTF-8",
                         source=source, line=line) from None


def parse_toml(text: str, source: str) -> dict[str, Any]:
    """The parsed file; a syntax error names the file and line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"\(at line (\d+)", str(err))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(err))
        line = int(found.group(1)) if found else None
        raise InputError(f"not valid TOML: {message}", source=source, line=line) from None
    except RecursionError:
        raise InputError("not valid TOML: nested too deeply", source=source) from None
