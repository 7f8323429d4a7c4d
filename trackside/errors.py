"""Bad input is reported as one line naming where it came from and what was expected."""

from __future__ import annotations

import re

SHOWN_CHARS = 100
"""At most this many characters of a bad value are echoed in an error."""

_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x1c-\x1e\x85]")


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """`repr(value)`, cut to about `limit` characters with `…` when longer."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def one_line(text: str) -> str:
    """`text` with line breaks escaped, so it prints as a single line."""
    return _LINE_BREAKS.sub(lambda match: repr(match.group())[1:-1], text)


class InputError(Exception):
    """Bad input a timing chief can act on: which file (or argument), line, field, what's wrong."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = self.source or ""
        if self.line is not None:
            where += f":{self.line}" if where else f"line {self.line}"
        field = self.field
        if field is not None and len(field) > SHOWN_CHARS:
            field = field[:SHOWN_CHARS] + "…"
        parts = [p for p in (where, f"field '{field}'" if field else None) if p]
        return one_line(": ".join([*parts, self.message]))
