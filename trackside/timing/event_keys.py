"""The keys each table of the event file may hold; any other key is a mistake to report.

`min_lap = 60` or `start_finish = "SF"` would otherwise be ignored while the event kept its
default. Keys that later formats will read (tracksprint.md, endurance.md, officials.md) are
known already: accepted, type-checked and stored with the definition, not yet used.
"""

from __future__ import annotations

from typing import Any

from trackside.errors import InputError
from trackside.timing.near_names import did_you_mean

NUMBER = (int, float)

EVENT_KEYS: dict[str, Any] = {
    "id": str, "name": str, "date": str, "days": int, "ruleset": str, "scoring": str,
    "min_lap_s": NUMBER, "awards_per_class": int, "lunch_end": str,
    "entry_checks": str,
}
TRACK_KEYS: dict[str, Any] = {"name": str, "length_m": NUMBER, "start_finish_loop": str}
SESSION_KEYS: dict[str, Any] = {
    "id": str, "name": str, "format": str, "scored": bool, "groups": list, "start": str,
    "duration_min": NUMBER, "rmonitor_run": int,
}
LATER_SESSION_KEYS: dict[str, Any] = {
    # tracksprint.md, hillclimb
    "timing": str, "start_loop": str, "finish_loop": str, "cone_penalty_s": NUMBER,
    "max_runs": int, "duplicate_read_s": NUMBER,
    # endurance.md, race
    "sprint_min": NUMBER, "mandatory_stops": int, "min_stop_s": NUMBER, "missed_stop": str,
    "pit_in_loop": str, "pit_out_loop": str, "max_stint_min": NUMBER, "min_rest_min": NUMBER,
    "min_classified_pct": NUMBER, "unserved_penalty_s": NUMBER,
}  # fmt: skip
ROUND_KEYS: dict[str, Any] = {"name": str, "sessions": list}
GROUP_KEYS: dict[str, Any] = {"name": str, "passing": int, "min_license": str}
"""Run groups (officials.md): the passing rules and the least license the group admits."""

OFFICIAL_KEYS: dict[str, Any] = {"name": str, "role": str}
"""Event officials (SCCA TT Appendix C 1.1): who may waive or answer a compliance query."""

TABLES: dict[str, dict[str, Any]] = {
    "event": EVENT_KEYS,
    "track": TRACK_KEYS,
    "session": {**SESSION_KEYS, **LATER_SESSION_KEYS},
    "round": ROUND_KEYS,
    "group": GROUP_KEYS,
    "official": OFFICIAL_KEYS,
}
"""Top-level tables: `[event]`, `[track]`, and arrays of tables `[[session]]`, `[[round]]`,
`[[group]]`, `[[official]]`."""


def check_keys(data: dict[str, Any], source: str | None = None) -> None:
    """InputError naming the first unknown table or key and the nearest known one."""
    for name, value in data.items():
        if name not in TABLES:
            kind = "table" if isinstance(value, dict | list) else "key outside any table"
            raise InputError(f"unknown {kind}{did_you_mean(name, TABLES, 'tables')}",
                             source=source, field=name)
        for prefix, table in _tables(name, value):
            _check_table(table, prefix, TABLES[name], source)


def _tables(name: str, value: Any) -> list[tuple[str, dict[str, Any]]]:
    """(field prefix, table) of a top-level entry; a wrong shape is left to the parser."""
    if isinstance(value, dict):
        return [(name, value)]
    if isinstance(value, list):
        return [(f"{name}[{i}]", t) for i, t in enumerate(value, 1) if isinstance(t, dict)]
    return []


def _check_table(table: dict[str, Any], prefix: str, known: dict[str, Any], source: str | None):
    for key in table:
        if key not in known:
            raise InputError(f"unknown key{did_you_mean(key, known)}", source=source,
                             field=f"{prefix}.{key}")
