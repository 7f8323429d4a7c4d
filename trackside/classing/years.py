"""Model-year ranges as the SCCA Time Trials listings print them.

The listings (Sport Category 10.1-10.8, Tuner Category 10.1-10.7) write years as "2016-2022",
"2020-23", "2023+", "2016 +", "2021-Current", "2004 & 2008", "2018", "All" or leave the cell
empty (the whole model). `parse_years` reads every one of those forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from trackside.errors import InputError

_SPAN = re.compile(
    r"^(?P<first>\d{4})\s*(?:(?P<plus>\+)|-\s*(?P<last>\d{4}|\d{2}|current|present))?$"
)
_OPEN_WORDS = {"", "all"}


@dataclass(frozen=True)
class YearSpan:
    """Inclusive model years; None on either side means open-ended."""

    first: int | None
    last: int | None

    def __contains__(self, year: object) -> bool:
        if not isinstance(year, int):
            return False
        return (self.first is None or year >= self.first) and (
            self.last is None or year <= self.last
        )


@dataclass(frozen=True)
class YearRange:
    """One or more spans of model years, kept with the text they were read from."""

    spans: tuple[YearSpan, ...]
    text: str

    def __contains__(self, year: object) -> bool:
        return any(year in span for span in self.spans)

    @property
    def is_all(self) -> bool:
        return self.spans == (YearSpan(None, None),)

    def describe(self) -> str:
        return "all years" if self.is_all else self.text


def parse_years(text: str) -> YearRange:
    """Parse a listing's Years cell; raise InputError naming the text when it is not a range."""
    cleaned = " ".join(text.replace("\u00a0", " ").split())
    if cleaned.lower() in _OPEN_WORDS:
        return YearRange((YearSpan(None, None),), cleaned or "All")
    parts = [p.strip() for p in re.split(r"\s*(?:&|,|\band\b)\s*", cleaned)]
    return YearRange(tuple(_parse_span(part, cleaned) for part in parts), cleaned)


def _parse_span(part: str, whole: str) -> YearSpan:
    match = _SPAN.match(part.lower())
    if not match:
        raise InputError(
            f"years '{whole}' is not a model-year range (expected e.g. 2016-2022, 2023+, All)",
            field="years",
        )
    first = int(match["first"])
    if match["plus"]:
        return YearSpan(first, None)
    last = match["last"]
    if last is None:
        return YearSpan(first, first)
    if last in ("current", "present"):
        return YearSpan(first, None)
    return YearSpan(first, _expand_two_digit(first, int(last)) if len(last) == 2 else int(last))


def _expand_two_digit(first: int, last: int) -> int:
    """'2020-23' means 2020-2023: take the first year's century, rolling over if needed."""
    year = first - first % 100 + last
    return year if year >= first else year + 100
