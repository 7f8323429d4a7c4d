"""Recorded flags as a table (`trackside flag list`, `trackside event show`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.table import Table

COLUMNS = {"id": "id", "session": "session", "state": "state", "time": "time", "by": "author",
           "recorded": "recorded", "revoked": "revoked_by"}  # fmt: skip
"""Column heading -> the flag row's field (`publish/flag_rows.py`)."""


def flag_table(rows: Iterable[dict[str, Any]], title: str | None = None) -> Table:
    """One line per flag; `revoked` names the decision that revoked it."""
    table = Table(*COLUMNS, title=title, title_justify="left")
    for row in rows:
        shown = {**row, "revoked_by": f"by decision {row['revoked_by']}" if row["revoked"] else ""}
        table.add_row(*("" if shown[f] is None else str(shown[f]) for f in COLUMNS.values()))
    return table
