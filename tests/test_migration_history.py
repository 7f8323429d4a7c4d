"""Migration 0004 upgrades a database made at revision 0003: what is stored becomes version 1 of
its event and entries, by "before history"; the next change is version 2."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine

from trackside.store import open_engine
from trackside.store.entries import stored_entries
from trackside.store.entry_versions import entry_versions_of
from trackside.store.event_versions import event_versions_of
from trackside.store.migrate import alembic_config, current_revision, head_revision
from trackside.store.schema import entries, events

DEFINITION = {"event": {"id": "club", "name": "Club TT", "date": "2026-05-16"},
              "track": {"name": "Thunderhill"},
              "session": [{"id": "TA1", "name": "Time Attack 1", "groups": ["A"]}]}
UPDATED_US = 1_779_000_000_000_000

ENTRY = {"number": "21", "transponder": "1001", "first_name": "Ann", "last_name": "Lee",
         "car_class": "S2", "run_group": "A", "member_id": "M1", "license": None, "year": "2019",
         "make": "Honda", "model": "Civic", "trim": None, "email": None, "team": None,
         "extra": {"sponsor": "Acme"}}


def database_at_0003(db_url: str) -> None:
    """A database migrated to 0003 only, holding one event and two entries."""
    engine = open_engine(db_url, migrate=False)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "0003")
            conn.execute(events.insert().values(id="club", name="Club TT", date="2026-05-16",
                                                definition=DEFINITION, updated_us=UPDATED_US))
            conn.execute(entries.insert(), [
                {"event_id": "club", **ENTRY},
                {"event_id": "club", **ENTRY, "number": "7", "transponder": "1007",
                 "extra": {}},
            ])
        assert current_revision(engine) == "0003"
    finally:
        engine.dispose()


def test_existing_events_and_entries_become_version_1_before_history(db_url: str) -> None:
    database_at_0003(db_url)
    engine: Engine = open_engine(db_url)
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            (event,) = event_versions_of(conn, "club")
            seeded = entry_versions_of(conn, "club")
            current = stored_entries(conn, "club")
        assert (event.version, event.author, event.recorded_us, event.definition) == (
            1, "before history", UPDATED_US, DEFINITION)
        assert [(v.number, v.version, v.author) for v in seeded] == [
            ("21", 1, "before history"), ("7", 1, "before history")]
        assert {v.number: v.entry for v in seeded} == current
        assert seeded[0].entry == ENTRY
    finally:
        engine.dispose()


def test_after_the_upgrade_a_change_is_version_2(db_url: str, trackside, tmp_path) -> None:
    database_at_0003(db_url)
    changed = tmp_path / "entries.csv"
    changed.write_text("number,first_name,last_name,class,group,transponder\n"
                       "21,Ann,Lee,S1,A,1001\n", encoding="utf-8")
    result = trackside("entries", "import", "club", changed, "--by", "Sue")
    assert result.exit_code == 0, result.output
    engine = open_engine(db_url)
    try:
        with engine.connect() as conn:
            versions = entry_versions_of(conn, "club", "21")
        assert [(v.version, v.author, v.entry["car_class"]) for v in versions] == [
            (1, "before history", "S2"), (2, "Sue", "S1")]
    finally:
        engine.dispose()
