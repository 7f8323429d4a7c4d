"""Reading many rows without per-row overhead. The rows themselves are fetched as plain
tuples by `plain_sql.rows` (no SQLAlchemy Row per record).

Building tens of thousands of records also sets off the cyclic garbage collector again and
again, scanning every object the process holds; none of these records can form a cycle, so
the collector is paused while they are built (about 40% of the read time).

Pausing alone only moves that scan: the first allocation after the collector is on again
collects the youngest generation, which by then holds everything built while paused (a
recompute's ~25,000 laps: named tuples, which the collector never untracks), about 5% of a
recompute. So, unless the process froze objects of its own (`web/server.py` does, at start),
what was built while paused goes straight to the oldest generation, unscanned (`gc.freeze`
then `gc.unfreeze`): records that are dropped soon are freed by their reference counts, and
those kept are long-lived, where a young collection would have sent them anyway.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (if it was on) while many acyclic records are built;
    then move them to the oldest generation unscanned (module docstring)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
