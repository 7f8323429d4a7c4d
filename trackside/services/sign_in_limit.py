"""The sign-in limit (console.md, "Sign-in and sessions"): more than 10 failed sign-ins for one
username or one address within 10 minutes are answered 429 until the window passes.

Kept in the database (`sign_in_failures`), not in a server's memory: a restart remembers it and
every server process on one database shares it. Times are wall-clock microseconds (processes
share no monotonic clock). Recording a failure prunes those whose window has passed.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine

from trackside.store import sign_in_failures as stored
from trackside.store.database import writing
from trackside.store.journal import now_us

LIMIT = 10
WINDOW_US = 600 * 1_000_000


def retry_after_us(engine: Engine, keys: Iterable[str], at_us: int | None = None, *,
                   limit: int = LIMIT, window_us: int = WINDOW_US) -> int | None:  # fmt: skip
    """Microseconds until a sign-in for `keys` is heard again (the longest wait of any key);
    None when it may be tried now: no key has `limit` failures within the window."""
    now = now_us() if at_us is None else at_us
    waits = []
    with engine.connect() as conn:
        for key in keys:
            oldest_counted = stored.nth_newest_failure(conn, key, limit, now - window_us)
            if oldest_counted is not None:
                waits.append(oldest_counted + window_us - now)
    return max(waits) if waits else None


def record_failure(engine: Engine, keys: Iterable[str], at_us: int | None = None, *,
                   window_us: int = WINDOW_US) -> None:  # fmt: skip
    """A failed sign-in for each key, in one transaction that also forgets the failures whose
    window has passed."""
    now = now_us() if at_us is None else at_us
    with writing(engine) as conn:
        stored.prune_failures(conn, now - window_us)
        stored.record_failures(conn, list(keys), now)
