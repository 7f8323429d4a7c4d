"""Pit stops and driver changes as the console shows them (console.md, "Race decisions"): each
recorded one as a document, the same fields `pit list` and `driver list` print, with who
recorded it, when, and its revocation."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from trackside.publish.formats import time_text
from trackside.services.race import list_race_records
from trackside.store.events import event_summaries
from trackside.store.facts import event_in
from trackside.store.race_facts import DRIVER_CHANGE, PIT_STOP, RecordListing

Doc = dict[str, Any]
__all__ = ["DRIVER_CHANGE", "PIT_STOP", "race_events", "record_doc", "record_docs",
           "stored_record"]


def record_doc(item: RecordListing) -> Doc:
    """One pit stop (`in`, `out`, `duration_s`) or driver change (`driver`, `at`)."""
    v = item.values
    doc: Doc = {"id": v["id"], "record": item.record, "session": v["session_id"],
                "number": v["number"]}  # fmt: skip
    if item.record == PIT_STOP:
        doc |= {"in": time_text(v["in_us"]), "out": time_text(v["out_us"]),
                "duration_s": (v["out_us"] - v["in_us"]) // 1000 / 1000}  # fmt: skip
    else:
        doc |= {"driver": v["driver"], "at": time_text(v["at_us"])}
    revoked = item.revoked
    doc |= {"author": v["author"], "recorded": time_text(v["recorded_us"]),
            "revoked": None if revoked is None else {
                "id": revoked["id"], "reason": revoked["reason"], "author": revoked["author"],
                "recorded": time_text(revoked["recorded_us"])}}  # fmt: skip
    return doc


def record_docs(engine: Engine, event_id: str, record: str) -> list[Doc]:
    """Every pit stop (or driver change) of the event in the order recorded, revoked ones too."""
    return [record_doc(item) for item in list_race_records(engine, event_id, record)]


def stored_record(engine: Engine, event_id: str, record: str, record_id: int) -> Doc:
    """The stored pit stop (or driver change) `record_id`, as recorded."""
    return next(doc for doc in record_docs(engine, event_id, record) if doc["id"] == record_id)


def race_events(engine: Engine) -> set[str]:
    """The events with a race session (the console lists their pit lane screen)."""
    with engine.connect() as conn:
        return {summary.id for summary in event_summaries(conn)
                if any(s.race is not None
                       for s in event_in(conn, summary.id).sessions)}  # fmt: skip
