"""Use cases: each import or record is one transaction; on any error nothing is written."""

from trackside.services.decisions import add_decision, list_decisions, revoke_decision
from trackside.services.entries import import_entries, list_entries
from trackside.services.events import import_event, list_events
from trackside.services.flags import import_flags, record_flag
from trackside.services.passings import import_passings, list_passings

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
