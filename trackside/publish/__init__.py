"""Publishing: pure renderers from result records to text, JSON, CSV and HTML, and the site.

The names below are imported from their module on first use (PEP 562): `publish.formats` (time
and gap text) is wanted without the HTML templates (Jinja2) by commands that print a time."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trackside.publish.render import (
        render_event,
        render_grid,
        render_lap_chart,
        render_race,
        render_race_report,
        render_runs,
        render_session,
    )
    from trackside.publish.site import write_site

_MODULES = {
    "render_event": "render",
    "render_grid": "render",
    "render_lap_chart": "render",
    "render_session": "render",
    "render_runs": "render",
    "render_race": "render",
    "render_race_report": "render",
    "write_site": "site",
}
"""Name -> the module of this package defining it."""

__all__ = ["render_event", "render_grid", "render_lap_chart", "render_race",
           "render_race_report", "render_runs", "render_session", "write_site"]


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
    globals()[name] = value
    return value
