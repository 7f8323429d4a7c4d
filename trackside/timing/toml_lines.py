"""Finding the line of a field in a TOML file, so errors found after parsing can name it.

Fields are named as `parse_event_definition` names them: `event.date`, `session[2].format`,
`round[1].sessions`, or a top-level key. Best effort: the line of the key, else of its table's
header, else None.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
_FIELD = re.compile(r"^([A-Za-z0-9_-]+)(?:\[(\d+)\])?(?:\.([A-Za-z0-9_-]+))?$")


def field_line(text: str, field: str) -> int | None:
    """1-based line of `field` in the TOML `text`, or None when it cannot be placed."""
    match = _FIELD.match(field)
    if match is None:
        return None
    table, index, key = match.group(1), int(match.group(2) or 1), match.group(3)
    if key is None and match.group(2) is None:
        top = _top_level_key(text, table)
        if top is not None:
            return top
    table_line: int | None = None
    count = 0
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            if table_line is not None:
                break  # the wanted table ended without the key
            if header.group(2) == table:
                count += 1
                table_line = number if count == index else None
            continue
        found = _KEY.match(line)
        if table_line is not None and key and found and found.group(1) == key:
            return number
    return table_line


def _top_level_key(text: str, key: str) -> int | None:
    """The line of `key = ...` before the first table header, or None."""
    for number, line in enumerate(text.splitlines(), start=1):
        if _HEADER.match(line):
            return None
        found = _KEY.match(line)
        if found and found.group(1) == key:
            return number
    return None
