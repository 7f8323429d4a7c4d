"""The journal watcher (issue 3, "Live engine"): new passings, flags and decisions read by journal
position, on SQLite and PostgreSQL, whichever connection or process wrote them."""

from __future__ import annotations

from sqlalchemy import Engine, text

from tests.conftest import Scenario
from trackside.core.clock import parse_local_time
from trackside.core.records import Decision, DecisionKind, Flag, FlagState, Passing
from trackside.live.positions import JournalPosition
from trackside.live.watcher import JournalWatcher
from trackside.services import import_entries, import_event
from trackside.store.journal import append_decision, append_flags, append_passings


def at(clock: str) -> int:
    return parse_local_time(f"2026-05-16T{clock}")


def passing(clock: str, transponder: str = "1001", number: int | None = None) -> Passing:
    return Passing(at(clock), transponder, "SF", "D1" if number else None, number)


def store(engine: Engine, event_id: str, *passings: Passing) -> int:
    with engine.begin() as conn:
        return append_passings(conn, event_id, [(p, None) for p in passings])


def load_event(engine: Engine, scenario: Scenario) -> str:
    import_event(engine, scenario.event)
    import_entries(engine, scenario.event_id, scenario.entries)
    return scenario.event_id


def test_the_watcher_starts_at_the_end_of_the_journal(engine, scenario):
    event_id = load_event(engine, scenario)
    store(engine, event_id, passing("09:01:00"))
    watcher = JournalWatcher(engine)
    assert watcher.poll() == {}
    store(engine, event_id, passing("09:03:00"))
    assert watcher.poll()[event_id].passings == [passing("09:03:00")]


def test_each_row_is_read_once_in_journal_order(engine, scenario):
    event_id = load_event(engine, scenario)
    watcher = JournalWatcher(engine)
    store(engine, event_id, passing("09:05:00", number=2), passing("09:01:00", number=1))
    with engine.begin() as conn:
        green = Flag("TA1-A", FlagState.GREEN, at("09:00:00"))
        append_flags(conn, event_id, [green], "Race control")
        stored = append_decision(conn, event_id, Decision(0, DecisionKind.WARNING, "21", "TA1-A",
                                                          author="Steward"))
    rows = watcher.poll()[event_id]
    assert [p.time_us for p in rows.passings] == [at("09:05:00"), at("09:01:00")]  # arrival order
    assert rows.flags == [Flag("TA1-A", FlagState.GREEN, at("09:00:00"))]
    assert rows.decisions == [stored]
    assert watcher.poll() == {}
    assert watcher.positions["passings"] >= 2


def test_a_passing_already_stored_is_not_read_again(engine, scenario):
    event_id = load_event(engine, scenario)
    watcher = JournalWatcher(engine)
    assert store(engine, event_id, passing("09:01:00", number=7)) == 1
    assert len(watcher.poll()[event_id].passings) == 1
    assert store(engine, event_id, passing("09:01:00", number=7)) == 0  # RESEND of the same one
    assert watcher.poll() == {}


def test_rows_are_grouped_by_event(engine, scenario, tmp_path):
    event_id = load_event(engine, scenario)
    other = scenario.write("other.toml", scenario.event.read_text().replace(
        'id = "img-tt-r3"', 'id = "other-event"'))
    import_event(engine, other)
    watcher = JournalWatcher(engine)
    store(engine, event_id, passing("09:01:00"))
    store(engine, "other-event", passing("09:02:00", "555"))
    rows = watcher.poll()
    assert {e: [p.transponder for p in r.passings] for e, r in rows.items()} == {
        event_id: ["1001"], "other-event": ["555"]}


def test_a_row_committed_late_below_the_position_is_still_read(engine, scenario):
    """PostgreSQL hands out ids before commit: id N+1 may commit before id N. On SQLite the
    second writer waits, so both orders give the same rows."""
    event_id = load_event(engine, scenario)
    watcher = JournalWatcher(engine)
    if engine.dialect.name != "postgresql":
        store(engine, event_id, passing("09:01:00"))
        store(engine, event_id, passing("09:03:00"))
        assert len(watcher.poll()[event_id].passings) == 2
        return
    slow = engine.connect()
    slow_tx = slow.begin()
    append_passings(slow, event_id, [(passing("09:01:00"), None)])  # takes the lower id
    store(engine, event_id, passing("09:03:00"))                   # takes the next, commits first
    assert [p.time_us for p in watcher.poll()[event_id].passings] == [at("09:03:00")]
    slow_tx.commit()
    slow.close()
    assert [p.time_us for p in watcher.poll()[event_id].passings] == [at("09:01:00")]
    assert watcher.poll() == {}


def test_sqlite_readers_see_commits_of_another_connection(tmp_path, scenario):
    """WAL mode: the watcher reads while another connection (another process) writes."""
    from trackside.store import open_engine

    url = f"sqlite:///{tmp_path / 'journal.db'}"
    writer, reader = open_engine(url), open_engine(url, migrate=False)
    event_id = load_event(writer, scenario)
    watcher = JournalWatcher(reader)
    with writer.begin() as conn:
        append_passings(conn, event_id, [(passing("09:01:00"), None)])
        assert watcher.poll() == {}  # not committed yet: nothing is published
    assert len(watcher.poll()[event_id].passings) == 1
    with reader.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    writer.dispose()
    reader.dispose()


def test_positions_keep_holes_until_they_fill_or_expire():
    position = JournalPosition(10)
    assert position.advance([13], now=0.0) == [13]
    assert position.holes == [11, 12]
    assert position.advance([12, 13], now=1.0) == [12]
    assert position.holes == [11]
    position.expire(now=31.0, grace=30.0)
    assert position.holes == []
    assert position.advance([11], now=32.0) == []
