"""Reading many rows without per-row overhead. The rows themselves are fetched as plain
tuples by `plain_sql.rows` (no SQLAlchemy Row per record).

Building tens of thousands of records also sets off the cyclic garbage collector again and
again, scanning every object the process holds; none of these records can form a cycle, so
the collector is paused while they are built (about 40% of the read time).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (if it was on) while many acyclic records are built."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
