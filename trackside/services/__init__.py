"""Use cases: each import or record is one transaction; on any error nothing is written.

The names below are imported from their module on first use (PEP 562), so a command that needs
one use case (`trackside flag`) does not import them all (the RMonitor and classing ones)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trackside.services.decisions import add_decision, list_decisions, revoke_decision
    from trackside.services.entries import import_entries, list_entries
    from trackside.services.events import import_event, list_events
    from trackside.services.flags import import_flags, record_flag
    from trackside.services.passings import import_passings, list_passings

_MODULES = {
    "add_decision": "decisions",
    "list_decisions": "decisions",
    "revoke_decision": "decisions",
    "import_entries": "entries",
    "list_entries": "entries",
    "import_event": "events",
    "list_events": "events",
    "import_flags": "flags",
    "record_flag": "flags",
    "import_passings": "passings",
    "list_passings": "passings",
}
"""Name -> the module of this package defining it."""

__all__ = [
    "add_decision",
    "import_entries",
    "import_event",
    "import_flags",
    "import_passings",
    "list_decisions",
    "list_entries",
    "list_events",
    "list_passings",
    "record_flag",
    "revoke_decision",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
    globals()[name] = value
    return value
