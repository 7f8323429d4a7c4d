"""A flag in words, as the pages name it (never by colour alone)."""

from __future__ import annotations

from trackside.core.records import FlagState

FLAG_LABELS = {
    FlagState.GREEN: "Green flag",
    FlagState.YELLOW: "Yellow flag",
    FlagState.RED: "Red flag",
    FlagState.BLACK_ALL: "Black flag all",
    FlagState.CHECKERED: "Checkered flag",
}
NO_FLAG = "Not started"


def flag_label(flag: FlagState | None) -> str:
    """The flag's name; `Not started` before a session's first flag."""
    return NO_FLAG if flag is None else FLAG_LABELS[flag]
