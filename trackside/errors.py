"""Bad input is reported as one line naming where it came from and what was expected."""

from __future__ import annotations


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
        parts = [p for p in (where, f"field '{self.field}'" if self.field else None) if p]
        return ": ".join([*parts, self.message])
