"""The known name an unknown one was probably meant to be (a misspelt key or column)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(name: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known name closest to `name` (difflib's ratio at least `cutoff`), or None."""
    found = difflib.get_close_matches(name, list(known), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(name: str, known: Iterable[str], what: str = "keys") -> str:
    """`; did you mean 'x'?` for the nearest known name, else the known names listed."""
    names = sorted(known)
    match = nearest(name, names)
    if match is not None:
        return f"; did you mean {match!r}?"
    return f"; known {what}: {', '.join(names)}"
