"""Two different passings under one identity (decoder + passing number) are an error, never
one silently dropped: twice in a file, or a file's against the one stored."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from trackside.core.clock import format_local_time
from trackside.core.records import Passing
from trackside.errors import InputError
from trackside.timing.csv_passings import PassingRow


def numbered(rows: Iterable[PassingRow]) -> list[PassingRow]:
    """The rows whose passing is identified by decoder and passing number."""
    return [r for r in rows if r.passing.decoder is not None
            and r.passing.passing_number is not None]


def same_passing(a: Passing, b: Passing) -> bool:
    """Whether two passings of one identity are the same car at the same time."""
    return a.transponder == b.transponder and a.time_us == b.time_us


def describe(passing: Passing) -> str:
    return f"transponder {passing.transponder!r} at {format_local_time(passing.time_us)}"


def _identity_text(passing: Passing) -> str:
    return f"decoder {passing.decoder!r} passing number {passing.passing_number}"


def check_file(source: str, rows: Iterable[PassingRow]) -> None:
    """InputError naming both lines when one identity is two different passings."""
    first: dict[str, PassingRow] = {}
    for row in numbered(rows):
        seen = first.setdefault(row.passing.identity, row)
        if not same_passing(seen.passing, row.passing):
            raise InputError(
                f"{_identity_text(row.passing)} is {describe(seen.passing)} on line "
                f"{seen.line} but {describe(row.passing)} on line {row.line}",
                source=source, line=row.line, field="passing_number",
            )


def check_stored(source: str, rows: Iterable[PassingRow], stored: Mapping[str, Passing]) -> None:
    """InputError naming the line whose passing differs from the stored one of its identity."""
    for row in numbered(rows):
        known = stored.get(row.passing.identity)
        if known is not None and not same_passing(known, row.passing):
            raise InputError(
                f"{_identity_text(row.passing)} is {describe(row.passing)} here but "
                f"{describe(known)} is stored (source {known.source})",
                source=source, line=row.line, field="passing_number",
            )
