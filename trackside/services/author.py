"""Who an import is recorded as: the name given, else the user running trackside."""

from __future__ import annotations

import getpass

UNKNOWN = "unknown"


def author_or_user(by: str | None) -> str:
    """`by` (trimmed) when it names someone, else the OS user name, else "unknown"."""
    if by is not None and by.strip():
        return by.strip()
    try:
        return getpass.getuser() or UNKNOWN
    except (OSError, KeyError):
        return UNKNOWN
