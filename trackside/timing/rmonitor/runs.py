"""Cutting a feed into runs: a `$B` with a new unique number, or an `$I` reset, starts one.

Records before the first `$B` belong to the first run (a recording may start mid-session; the
`$B` that follows names it). An `$I` right after another reset, with nothing between them but
settings and heartbeats showing no flag, starts no second run; a run of nothing else is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from trackside.timing.rmonitor.records import Heartbeat, Init, Record, Run, Setting


@dataclass(slots=True)
class RunRecords:
    """The records of one run, in feed order, with its `$B` (latest) and `$I` (if any)."""

    records: list[Record] = field(default_factory=list)
    run: Run | None = None
    init: Init | None = None

    @property
    def has_content(self) -> bool:
        return any(is_content(r) for r in self.records)


def split_runs(records: Iterable[Record]) -> list[RunRecords]:
    """The runs of a feed in order of appearance; empty ones left out."""
    runs = [RunRecords()]
    for record in records:
        current = runs[-1]
        if isinstance(record, Init):
            if current.has_content:
                runs.append(RunRecords(init=record))
            elif current.init is None:
                current.init = record
        elif isinstance(record, Run) and _is_new_run(current, record):
            runs.append(RunRecords([record], run=record))
        else:
            if isinstance(record, Run):
                current.run = record
            current.records.append(record)
    return [run for run in runs if run.has_content]


def is_content(record: Record) -> bool:
    if isinstance(record, Heartbeat):
        return bool(record.flag)
    return not isinstance(record, Init | Setting)


def _is_new_run(current: RunRecords, run: Run) -> bool:
    return current.run is not None and current.run.unique_number != run.unique_number
