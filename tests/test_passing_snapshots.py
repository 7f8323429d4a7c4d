"""`load_facts` reads an event's passings from its snapshot and the rows after it
(`store/passing_snapshots.py`): whatever was appended between reads, in whatever time order,
the passings it gives are exactly the rows, in time order then id, and the read times it
carries (`core/read_times.py`) exactly theirs, on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from trackside.core.read_times import read_times, read_times_of
from trackside.core.records import Passing
from trackside.store import load_facts, open_engine
from trackside.store import passing_snapshots as snapshots
from trackside.store.database import writing
from trackside.store.journal import append_passings

DAY_US = 1_778_918_400_000_000  # 2026-05-16 00:00 local
EVENT = """[event]
id = "{id}"
name = "Snapshots"
date = "2026-05-16"
min_lap_s = 20.0

[track]
name = "Thunderhill East"
start_finish_loop = "SF"

[[session]]
id = "TA1"
name = "Time Attack 1"
groups = ["A"]
"""


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
           ) -> Iterator[dict[str, Engine]]:  # fmt: skip
    """A SQLite file and a PostgreSQL database, each used by many events (one per example)."""
    engines = {"sqlite": open_engine(str(tmp_path_factory.mktemp("snap") / "t.db"))}
    cluster = request.getfixturevalue("postgres_cluster")
    name = f"snapshots_{id(engines)}"
    engines["postgresql"] = open_engine(cluster.create_database(name))
    yield engines
    for engine in engines.values():
        engine.dispose()
    cluster.drop_database(name)


_events = itertools.count(1)


def new_event(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> str:
    from trackside.services.events import import_event

    event_id = f"snap{next(_events)}"
    path = tmp_path_factory.mktemp("event") / "event.toml"
    path.write_text(EVENT.format(id=event_id), encoding="utf-8")
    import_event(engine, path, by="test")
    return event_id


def rows_of(engine: Engine, event_id: str) -> tuple[Passing, ...]:
    """The passing rows themselves, in time order then id (what the snapshot must equal)."""
    with engine.connect() as conn:
        found = conn.execute(text(f"SELECT {snapshots.PASSING_COLUMNS} FROM passings WHERE "
                                  "event_id = :e ORDER BY time_us, id"), {"e": event_id})
        return tuple(Passing(*row) for row in found)


PASSING = st.builds(
    Passing,
    time_us=st.integers(DAY_US + 9 * 3600 * 10**6, DAY_US + 10 * 3600 * 10**6),
    transponder=st.sampled_from(["1001", "1002", "1003"]),
    loop=st.sampled_from(["SF", "PIT", None]),
    decoder=st.sampled_from(["D1", None]),
    passing_number=st.integers(1, 10**6) | st.none(),
    source=st.sampled_from(["csv", "p3"]),
)
BATCHES = st.lists(st.lists(PASSING, max_size=6), min_size=1, max_size=5)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(batches=BATCHES)
def test_the_passings_read_are_the_rows_whatever_was_appended_between_reads(
    stores, tmp_path_factory, monkeypatch, backend: str, batches: list[list[Passing]]
):
    monkeypatch.setattr(snapshots, "REFRESH_ROWS", 2)  # a new snapshot after most reads
    engine = stores[backend]
    event_id = new_event(engine, tmp_path_factory)
    for batch in batches:
        with writing(engine) as conn:
            append_passings(conn, event_id, [(p, None) for p in batch])
        passings, rows = load_facts(engine, event_id).passings, rows_of(engine, event_id)
        assert read_times(passings) == read_times_of(rows)  # carried, before any is decoded
        assert len(passings) == len(rows)
        assert passings == rows


def test_a_snapshot_in_another_format_is_not_used(stores, tmp_path_factory, monkeypatch):
    monkeypatch.setattr(snapshots, "REFRESH_ROWS", 1)
    engine = stores["sqlite"]
    event_id = new_event(engine, tmp_path_factory)
    passings = [Passing(DAY_US + 9 * 3600 * 10**6 + i * 10**8, "1001", "SF") for i in range(3)]
    with writing(engine) as conn:
        append_passings(conn, event_id, [(p, None) for p in passings])
    assert load_facts(engine, event_id).passings == tuple(passings)  # writes the snapshot
    with engine.begin() as conn:
        conn.execute(text("UPDATE passing_snapshots SET format = 'other', payload = :junk "
                          "WHERE event_id = :e"), {"junk": b"\x00junk", "e": event_id})
    assert load_facts(engine, event_id).passings == tuple(passings)


def test_a_row_committed_later_with_a_lower_id_is_not_missed_on_postgresql(
    stores, tmp_path_factory, monkeypatch
):
    """On PostgreSQL a transaction that took an id first can commit after a snapshot was
    written: the rows up to the snapshot's last id are counted, and it is not used."""
    monkeypatch.setattr(snapshots, "REFRESH_ROWS", 1)
    engine = stores["postgresql"]
    event_id = new_event(engine, tmp_path_factory)
    first = [Passing(DAY_US + 9 * 3600 * 10**6 + i * 10**8, "1001", "SF") for i in (1, 3)]
    with writing(engine) as conn:
        append_passings(conn, event_id, [(p, None) for p in first])
        low = conn.execute(text("SELECT min(id) FROM passings WHERE event_id = :e"),
                           {"e": event_id}).scalar_one()  # fmt: skip
        conn.execute(text("DELETE FROM passings WHERE id = :i"), {"i": low})  # frees the id
    load_facts(engine, event_id)  # the snapshot: one passing, last id above `low`
    late = Passing(DAY_US + 9 * 3600 * 10**6 + 2 * 10**8, "1002", "SF", None, None, "csv")
    with engine.begin() as conn:  # the slow transaction's row, with the id it took first
        conn.execute(text("INSERT INTO passings (id, event_id, time_us, transponder, loop, "
                          "source, identity) VALUES (:i, :e, :t, '1002', 'SF', 'csv', 'late')"),
                     {"i": low, "e": event_id, "t": late.time_us})  # fmt: skip
    assert load_facts(engine, event_id).passings == (late, first[1])


def test_a_snapshot_that_cannot_be_written_is_only_logged(stores, tmp_path_factory, monkeypatch,
                                                         caplog):  # fmt: skip
    def locked(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database is locked")

    monkeypatch.setattr(snapshots, "REFRESH_ROWS", 1)
    monkeypatch.setattr(snapshots, "store_snapshot", locked)
    engine = stores["sqlite"]
    event_id = new_event(engine, tmp_path_factory)
    passing = Passing(DAY_US + 9 * 3600 * 10**6, "1001", "SF")
    with writing(engine) as conn:
        append_passings(conn, event_id, [(passing, None)])
    assert load_facts(engine, event_id).passings == (passing,)
    assert "passing snapshot of" in caplog.text
