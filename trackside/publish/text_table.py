"""Plain-text tables aligned for a terminal or a fixed-width printout."""

from __future__ import annotations

from collections.abc import Collection, Sequence

GUTTER = "  "


def text_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: Collection[int] = ()
) -> list[str]:
    """Lines of an aligned table; columns whose index is in `right` are right-aligned."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = [_line(headers, widths, right), _line(["-" * w for w in widths], widths, right)]
    lines.extend(_line(row, widths, right) for row in rows)
    return lines


def _line(cells: Sequence[str], widths: Sequence[int], right: Collection[int]) -> str:
    padded = (
        cell.rjust(width) if index in right else cell.ljust(width)
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
    )
    return GUTTER.join(padded).rstrip()
