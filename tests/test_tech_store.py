"""Tech records and reclassify decisions in the store (docs/tech.md), on SQLite and PostgreSQL:
every change of a car's tech status appended (never overwritten, its history kept), read back
exactly as written; a reclassify decision's class read back by `load_facts` and by the live
watcher's journal read."""

from __future__ import annotations

import pytest

from tests.conftest import ENTRIES_CSV, EVENT_TOML
from trackside.core.records import Decision, DecisionKind
from trackside.core.tech import TechRecord, TechState
from trackside.store import load_facts
from trackside.store.database import writing
from trackside.store.journal import append_decision
from trackside.store.journal_read import as_decision, rows_after
from trackside.store.schema import decisions
from trackside.store.tech_status import append_tech_record, tech_records_of


@pytest.fixture
def loaded_event(engine, tmp_path) -> str:
    """The small event of tests/conftest.py and its entries."""
    from trackside.services import import_entries, import_event

    (tmp_path / "event.toml").write_text(EVENT_TOML, encoding="utf-8")
    (tmp_path / "entries.csv").write_text(ENTRIES_CSV, encoding="utf-8")
    import_event(engine, tmp_path / "event.toml")
    import_entries(engine, "img-tt-r3", tmp_path / "entries.csv")
    return "img-tt-r3"


def test_each_change_is_a_new_row_read_back_in_order(engine, loaded_event):
    changes = [TechRecord(0, "21", TechState.FAILED, "helmet expired", "", "sue"),
               TechRecord(0, "21", TechState.PASSED, "", "new helmet, sticker 88", "sue"),
               TechRecord(0, "22", TechState.PASSED, "", "annual logbook 114", "max")]
    stored = []
    for change in changes:
        with writing(engine) as conn:
            stored.append(append_tech_record(conn, loaded_event, change))
    assert [r.id for r in stored] == sorted({r.id for r in stored})
    assert all(r.recorded_us > 0 for r in stored)
    with engine.connect() as conn:
        assert tech_records_of(conn, loaded_event) == stored
    assert [(r.number, str(r.state), r.reason, r.note, r.author) for r in stored] == [
        ("21", "failed", "helmet expired", "", "sue"),
        ("21", "passed", "", "new helmet, sticker 88", "sue"),
        ("22", "passed", "", "annual logbook 114", "max"),
    ]


def test_a_reclassify_decision_keeps_its_class(engine, loaded_event):
    finding = Decision(0, DecisionKind.RECLASSIFY, "22", car_class="S4",
                       reason="aftermarket seat not declared", author="sue")
    with writing(engine) as conn:
        stored = append_decision(conn, loaded_event, finding)
    (read,) = load_facts(engine, loaded_event).decisions
    assert read == stored
    assert (read.kind, read.number, read.car_class) == (DecisionKind.RECLASSIFY, "22", "S4")
    with engine.connect() as conn:
        watched = [as_decision(row) for row in rows_after(conn, decisions, 0, [])]
    assert [(d.id, d.car_class) for d in watched] == [(stored.id, "S4")]
