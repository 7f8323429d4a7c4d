"""The store: migrations, database URLs, and facts read back exactly as imported."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from trackside.core.records import DecisionKind, FlagState, Passing
from trackside.services import add_decision, import_entries, import_event, import_passings
from trackside.services.flags import import_flags
from trackside.store import load_facts, open_engine, read_passings, resolve_db_url
from trackside.store.migrate import MIGRATIONS, current_revision, head_revision
from trackside.store.schema import metadata

TABLES = {"events", "entries", "passings", "flags", "decisions", "alembic_version"}


def newest_migration() -> str:
    """The revision of the migration no other one revises, read from the migration files."""
    revises = {}
    for path in (MIGRATIONS / "versions").glob("[0-9]*.py"):
        text = path.read_text()
        revision = re.search(r'^revision = "([^"]+)"', text, re.M)
        down = re.search(r'^down_revision = "([^"]+)"', text, re.M)
        assert revision, path
        revises[revision.group(1)] = down.group(1) if down else None
    heads = set(revises) - set(revises.values())
    assert len(heads) == 1, f"one head expected, found {sorted(heads)}"
    return heads.pop()


def test_migrations_upgrade_an_empty_database_to_head(db_url):
    engine = open_engine(db_url)
    try:
        assert set(inspect(engine).get_table_names()) >= TABLES
        assert current_revision(engine) == head_revision() == newest_migration()
    finally:
        engine.dispose()


def test_migrations_are_idempotent_and_keep_data(db_url, scenario, dump):
    engine = open_engine(db_url)
    import_event(engine, scenario.event)
    engine.dispose()
    before = dump()
    again = open_engine(db_url)
    try:
        assert current_revision(again) == head_revision()
        assert dump() == before
    finally:
        again.dispose()


def test_migrations_match_the_schema_the_code_uses(engine):
    inspector = inspect(engine)
    for table in metadata.sorted_tables:
        stored = {c["name"] for c in inspector.get_columns(table.name)}
        assert stored == {c.name for c in table.columns}, table.name


def test_opening_without_migrating_leaves_an_empty_database(db_url):
    bare = open_engine(db_url, migrate=False)
    try:
        assert current_revision(bare) is None
        assert not set(inspect(bare).get_table_names()) & TABLES
    finally:
        bare.dispose()


def test_sqlite_settings(tmp_path):
    engine = open_engine(str(tmp_path / "t.db"))
    try:
        with engine.connect() as conn:
            pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("foreign_keys") == 1
            assert pragma("synchronous") == 1  # NORMAL
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("given", "env", "expected"),
    [
        (None, {}, "sqlite:///trackside.db"),
        (None, {"TRACKSIDE_DB": "/data/tt.db"}, "sqlite:////data/tt.db"),
        ("club.db", {"TRACKSIDE_DB": "/data/tt.db"}, "sqlite:///club.db"),
        ("sqlite:///x.db", {}, "sqlite:///x.db"),
        ("postgresql://u:p@host/tt", {}, "postgresql+psycopg://u:p@host/tt"),
        ("postgres://host/tt", {}, "postgresql+psycopg://host/tt"),
        ("postgresql+psycopg://host/tt", {}, "postgresql+psycopg://host/tt"),
    ],
)
def test_database_urls(given, env, expected):
    assert resolve_db_url(given, env) == expected


def test_foreign_keys_are_enforced(engine):
    from sqlalchemy.exc import IntegrityError

    from trackside.store.schema import passings

    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(passings.insert().values(event_id="nope", time_us=1, transponder="1",
                                              source="csv", identity="x"))


def _load(engine, scenario) -> None:
    import_event(engine, scenario.event)
    import_entries(engine, scenario.event_id, scenario.entries)
    import_passings(engine, scenario.event_id, scenario.passings)
    import_flags(engine, scenario.event_id, scenario.flags)


def test_load_facts_reads_back_what_was_imported(engine, scenario):
    _load(engine, scenario)
    add_decision(engine, scenario.event_id, "21", "track-limits", session_id="TA1-A",
                 reason="4 off", author="Sue")
    facts = load_facts(engine, scenario.event_id)
    assert facts.event.id == "img-tt-r3" and facts.event.track.start_finish_loop == "SF"
    assert [s.id for s in facts.event.sessions] == ["TA1-A", "TA1-I"]
    assert [e.number for e in facts.entries] == ["21", "22", "33"]
    assert facts.entries[0].extra["sponsor"] == "Acme"
    assert facts.passings[0] == Passing(1_778_922_060_000_000, "1001", "SF", "D1", 1, "csv")
    times = [p.time_us for p in facts.passings]
    assert times == sorted(times) and len(times) == 7
    assert [(f.session_id, f.state) for f in facts.flags] == [
        ("TA1-A", FlagState.GREEN), ("TA1-A", FlagState.CHECKERED)]
    (decision,) = facts.decisions
    assert (decision.kind, decision.number, decision.author) == (
        DecisionKind.TRACK_LIMITS, "21", "Sue")
    assert read_passings(engine, scenario.event_id) == facts.passings


def test_same_passing_from_two_files_is_stored_once(engine, scenario, tmp_path: Path):
    _load(engine, scenario)
    copy = tmp_path / "copy.csv"
    copy.write_text(scenario.passings.read_text())
    report = import_passings(engine, scenario.event_id, copy)
    assert (report.added, report.duplicates) == (0, 7)
    assert report.unknown_transponders == ("7777",)


def test_progress_is_reported_while_importing(engine, scenario):
    _load(engine, scenario)
    calls: list[tuple[int, int]] = []
    extra = scenario.write("p.csv", "time,transponder\n" + "".join(
        f"2026-05-16T11:00:{i // 100:02d}.{i % 100:02d}0,1001\n" for i in range(2500)))
    import_passings(engine, scenario.event_id, extra, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (2500, 2500) and len(calls) == 3


def test_sqlite_file_is_created_from_a_plain_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    engine = open_engine("plain.db")
    engine.dispose()
    assert (tmp_path / "plain.db").exists()
    probe = create_engine("sqlite:///plain.db")
    assert "passings" in inspect(probe).get_table_names()
    probe.dispose()


def test_a_write_transaction_holds_the_sqlite_write_lock_from_its_start(tmp_path):
    """Two processes writing one SQLite file (the server storing passings, the timing chief
    adding a penalty): a write transaction that read first must not fail because the other
    committed in between. `writing` takes the lock at BEGIN, so the other writer waits."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from trackside.store.database import writing

    url = f"sqlite:///{tmp_path / 'two.db'}"
    first, second = open_engine(url), open_engine(url)
    try:
        with first.begin() as conn:
            conn.execute(text("CREATE TABLE t (x INTEGER)"))
        with writing(first) as conn:
            assert conn.execute(text("SELECT count(*) FROM t")).scalar() == 0
            raw = second.raw_connection()
            try:
                raw.driver_connection.execute("PRAGMA busy_timeout = 50")
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    raw.driver_connection.execute("INSERT INTO t VALUES (2)")
            finally:
                raw.close()
            conn.execute(text("INSERT INTO t VALUES (1)"))
        with second.connect() as conn:
            assert conn.execute(text("SELECT x FROM t")).scalars().all() == [1]
        with pytest.raises(OperationalError), first.connect() as conn:
            conn.execute(text("SELECT count(*) FROM t"))  # a deferred read, then a lost race:
            with second.begin() as other:
                other.execute(text("INSERT INTO t VALUES (3)"))
            conn.execute(text("INSERT INTO t VALUES (4)"))  # plain BEGIN: SQLITE_BUSY_SNAPSHOT
    finally:
        first.dispose(), second.dispose()
