"""Failed sign-ins (console.md, "Sign-in and sessions"): every query of `sign_in_failures`.

The limit's arithmetic is `services/sign_in_limit.py`; here are the rows: recorded, read by key
within a window, and pruned once the window has passed.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from trackside.store.schema import sign_in_failures

_f = sign_in_failures.c


def record_failures(conn: Connection, keys: Iterable[str], at_us: int) -> None:
    """One failure at `at_us` for each key."""
    conn.execute(sign_in_failures.insert(), [{"key": k, "failed_us": at_us} for k in keys])


def nth_newest_failure(conn: Connection, key: str, n: int, after_us: int) -> int | None:
    """The time of the key's `n`-th newest failure later than `after_us` (None: fewer than n)."""
    return conn.execute(
        select(_f.failed_us).where(_f.key == key, _f.failed_us > after_us)
        .order_by(_f.failed_us.desc()).limit(1).offset(n - 1)
    ).scalar()  # fmt: skip


def prune_failures(conn: Connection, up_to_us: int) -> int:
    """Forget every failure at or before `up_to_us`; how many were forgotten."""
    return conn.execute(sign_in_failures.delete().where(_f.failed_us <= up_to_us)).rowcount
