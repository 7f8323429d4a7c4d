"""The audit (console.md, "Audit"): every decision, recorded flag, entry version, passing
inserted by hand, and pit stop and driver change recorded by an official (and their revokes) of
an event, with author, time, reason and what it changed, filtered by
person, entry (car number) and session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from trackside.core.flags_in_force import flag_standings
from trackside.publish.audit_rows import (
    changed_text,
    decision_audit_row,
    entry_audit_row,
    flag_audit_row,
    passing_audit_row,
    race_record_audit_rows,
    tech_audit_row,
)
from trackside.services.checks import require_event
from trackside.services.decisions import listings_of
from trackside.services.entry_history import entry_history
from trackside.store.facts import definitions_in
from trackside.store.manual_passings import manual_passings_of
from trackside.store.passing_identities import passings_by_identity
from trackside.store.race_facts import DRIVER_CHANGE, PIT_STOP, race_records
from trackside.store.tech_status import tech_records_of

Doc = dict[str, Any]


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Empty fields match everything; `person` matches the author whatever the letter case."""

    person: str | None = None
    entry: str | None = None
    session: str | None = None

    def keeps(self, row: Doc) -> bool:
        return ((not self.person or (row["author"] or "").lower() == self.person.lower())
                and (not self.entry or row["number"] == self.entry)
                and (not self.session or row["session"] == self.session))  # fmt: skip


def audit_rows(engine: Engine, event_id: str, only: AuditFilter = AuditFilter()) -> list[Doc]:
    """The event's audit rows in the order they were recorded (InputError: unknown event)."""
    with engine.connect() as conn:
        require_event(conn, event_id)
        facts = definitions_in(conn, event_id)
        manual = manual_passings_of(conn, event_id)
        inserted = passings_by_identity(conn, event_id, [m.identity for m in manual])
        race = [item for record in (PIT_STOP, DRIVER_CHANGE)
                for item in race_records(conn, event_id, record)]  # fmt: skip
        tech = tech_records_of(conn, event_id)
    decisions = {d.id: d for d in facts.decisions}
    flags = {f.id: f for f in facts.flags if f.id is not None}
    rows = [decision_audit_row(item.decision, item.revoked_by,
                               changed_text(item.decision, decisions, flags))
            for item in listings_of(facts.decisions)]  # fmt: skip
    rows += [flag_audit_row(standing) for standing in flag_standings(facts)]
    rows += [entry_audit_row(c.number, c.version, c.author, c.recorded_us, c.change)
             for c in entry_history(engine, event_id)]  # fmt: skip
    rows += [passing_audit_row(m.id, m.number, inserted.get(m.identity), m.author, m.reason,
                               m.recorded_us) for m in manual]  # fmt: skip
    rows += [row for item in race for row in
             race_record_audit_rows(item.record, item.values, item.revoked)]  # fmt: skip
    rows += [tech_audit_row(record) for record in tech]
    rows.sort(key=lambda row: (row["time"] or "", row["type"], row["id"]))
    return [{"event": event_id, **row} for row in rows if only.keeps(row)]
