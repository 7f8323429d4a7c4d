"""The live engine over a real database (issue 3, "Live engine"): it follows an event through the
journal, its results always equal a full recompute from the store, and it tells listeners."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import pytest
from sqlalchemy import Engine

from tests.conftest import Scenario
from trackside.core.clock import parse_local_time
from trackside.core.records import Passing
from trackside.errors import InputError
from trackside.live.hub import LiveHub
from trackside.publish.event_document import event_document
from trackside.rules import scored
from trackside.services import (
    add_decision,
    import_entries,
    import_event,
    import_flags,
    record_flag,
)
from trackside.services.flag_revokes import revoke_flag
from trackside.store import load_facts, open_engine
from trackside.store.journal import append_passings


def at(clock: str) -> int:
    return parse_local_time(f"2026-05-16T{clock}")


def store(engine: Engine, event_id: str, *crossings: tuple[str, str]) -> None:
    """Passings (time, transponder) on the timing line, as a decoder client stores them."""
    with engine.begin() as conn:
        append_passings(conn, event_id, [(Passing(at(c), t, "SF"), None) for c, t in crossings])


@pytest.fixture
def event_id(engine: Engine, scenario: Scenario) -> str:
    import_event(engine, scenario.event)
    import_entries(engine, scenario.event_id, scenario.entries)
    import_flags(engine, scenario.event_id, scenario.flags)
    return scenario.event_id


def full_recompute(engine: Engine, event_id: str):
    return scored(load_facts(engine, event_id))


def test_results_follow_the_journal_and_equal_a_full_recompute(engine, event_id):
    hub = LiveHub(engine)
    assert hub.follow(event_id).scored == full_recompute(engine, event_id)
    store(engine, event_id, ("09:01:00", "1001"), ("09:03:02.500", "1001"))
    [snapshot] = hub.poll_once()
    assert snapshot.changed == {"TA1-A"} and not snapshot.full
    row = snapshot.scored.sessions["TA1-A"].entries[0]
    assert (row.number, row.position, row.best_lap.time_us) == ("21", 1, 122_500_000)
    store(engine, event_id, ("09:01:10", "1002"), ("09:02:50", "1002"))
    [snapshot] = hub.poll_once()
    assert [e.number for e in snapshot.scored.sessions["TA1-A"].entries] == ["22", "21"]
    assert snapshot.scored == full_recompute(engine, event_id)
    assert hub.poll_once() == []


def test_a_flag_or_a_decision_rescore_everything(engine, event_id):
    hub = LiveHub(engine)
    hub.follow(event_id)
    store(engine, event_id, ("09:01:00", "1001"), ("09:03:00", "1001"), ("09:05:00", "1001"))
    hub.poll_once()
    record_flag(engine, event_id, "TA1-A", "red", at("09:04:00"))
    [snapshot] = hub.poll_once()
    assert snapshot.full
    laps = snapshot.scored.sessions["TA1-A"].entries[0].laps
    assert [(lap.valid, lap.reason) for lap in laps] == [(True, None), (False, "after red flag")]
    add_decision(engine, event_id, "21", "track-limits", session_id="TA1-A", author="Steward")
    [snapshot] = hub.poll_once()
    assert snapshot.full and snapshot.scored == full_recompute(engine, event_id)
    assert snapshot.scored.sessions["TA1-A"].entries[0].status == "no-time"


def test_a_revoked_flag_stops_counting_live_and_on_the_event_document(engine, event_id):
    """The watcher reads each flag with its journal id, so a `revoke-flag` decision recorded
    later applies live; the event document (GET /api/events/ID) marks it and the session clock
    reads the flags in force."""
    hub = LiveHub(engine)
    hub.follow(event_id)
    store(engine, event_id, ("09:01:00", "1001"), ("09:03:00", "1001"), ("09:05:00", "1001"))
    record_flag(engine, event_id, "TA1-A", "red", at("09:04:00"))
    record_flag(engine, event_id, "TA1-A", "red", at("09:25:00"))
    hub.poll_once()
    red_ids = [f.id for f in hub.follow(event_id).facts.flags if f.state == "red"]
    for red in red_ids:
        revoke_flag(engine, event_id, red, "keyed in by mistake", "Chief Steward")
    [snapshot] = hub.poll_once()
    assert snapshot.full and snapshot.scored == full_recompute(engine, event_id)
    assert all(lap.valid for lap in snapshot.scored.sessions["TA1-A"].entries[0].laps)
    doc = event_document(snapshot.facts, provisional=True, windows=snapshot.windows,
                         track_us=snapshot.track_us())
    session = doc["sessions"][0]
    assert (session["flag"], session["phase"]) == ("checkered", "finished")
    assert [(f["state"], f["revoked"]) for f in session["flags"]] == [
        ("green", False), ("red", True), ("checkered", False), ("red", True)]


def test_an_unknown_event_is_an_input_error(engine):
    with pytest.raises(InputError, match="no event 'nope'"):
        LiveHub(engine).follow("nope")


def test_a_reimported_entry_list_reloads_the_event(engine, event_id, scenario):
    hub = LiveHub(engine, audit_s=0)
    hub.follow(event_id)
    store(engine, event_id, ("09:01:00", "1001"), ("09:03:00", "1001"))
    hub.poll_once()
    moved = scenario.write("entries2.csv", scenario.entries.read_text().replace(
        "21,Ann,Lee,S2", "21,Ann,Lee,S4"))
    import_entries(engine, event_id, moved)
    [snapshot] = hub.poll_once()
    assert snapshot.full
    assert snapshot.scored.sessions["TA1-A"].entries[0].car_class == "S4"


def test_rows_the_engine_missed_are_caught_up_by_the_audit(engine, event_id):
    """Rows read but never applied stand for rows a writer committed past the watcher's grace
    (a PostgreSQL transaction slower than HOLE_GRACE_S): the audit's counts notice them."""
    hub = LiveHub(engine, audit_s=0)
    hub.follow(event_id)
    store(engine, event_id, ("09:01:00", "1001"), ("09:03:00", "1001"))
    hub._watcher.poll()  # read and dropped
    [snapshot] = hub.poll_once()
    assert snapshot.full and snapshot.scored == full_recompute(engine, event_id)
    assert snapshot.scored.sessions["TA1-A"].entries[0].best_lap is not None


def laps_of(snapshot) -> int:  # type: ignore[no-untyped-def]
    return len(snapshot.scored.sessions["TA1-A"].entries[0].laps)


async def _watch_until(hub: LiveHub, event_id: str, done: Callable[[object], bool]) -> list:
    """The snapshots a reader of `hub.snapshots` gets, up to the first one that is `done`."""
    seen = []
    async for snapshot in hub.snapshots(event_id):
        seen.append(snapshot)
        if done(snapshot):
            break
    return seen


async def _until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Poll `condition` on the event loop until it holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the live engine did not get there in time"
        await asyncio.sleep(0.01)


def test_the_running_engine_tells_listeners_and_snapshot_readers(engine, event_id):
    """Each crossing is stored only once the engine has told its listeners about the one
    before, so the listeners see no lap (the first crossing makes no lap, but a snapshot all
    the same: the timing stand shows the passing, docs/live.md), one lap, then two, however
    slow the machine; the reader of `snapshots` may skip some but sees them in order, up to
    two laps."""
    async def scenario() -> tuple[list, list]:
        hub = LiveHub(engine, poll_s=0.01)
        told = []
        hub.add_listener(told.append)
        await asyncio.to_thread(hub.follow, event_id)
        stop = asyncio.Event()
        running = asyncio.create_task(hub.run(stop))
        watching = asyncio.create_task(_watch_until(hub, event_id, lambda s: laps_of(s) == 2))
        for crossing, laps in ((("09:01:00", "1001"), 0), (("09:03:00", "1001"), 1),
                               (("09:05:00", "1001"), 2)):
            await asyncio.to_thread(store, engine, event_id, crossing)
            hub.nudge()
            await _until(lambda laps=laps: len(told) == laps + 1 and laps_of(told[-1]) == laps)
        seen = await asyncio.wait_for(watching, 10)
        stop.set()
        await asyncio.wait_for(running, 10)
        return told, seen

    told, seen = asyncio.run(scenario())
    assert [laps_of(s) for s in told] == [0, 1, 2]
    assert [s.version for s in seen] == sorted({s.version for s in seen})
    assert laps_of(seen[-1]) == 2


def test_the_engine_survives_a_failing_listener(engine, event_id):
    """A listener raising does not stop the engine: a later passing is still applied."""
    async def scenario() -> int:
        hub = LiveHub(engine, poll_s=0.01)

        def broken(_snapshot) -> None:
            raise RuntimeError("listener bug")

        hub.add_listener(broken)
        hub.follow(event_id)
        stop = asyncio.Event()
        running = asyncio.create_task(hub.run(stop))
        await asyncio.to_thread(store, engine, event_id, ("09:01:00", "1001"), ("09:03:00", "1001"))
        await _until(lambda: hub.latest(event_id).version > 1)
        await asyncio.to_thread(store, engine, event_id, ("09:05:00", "1001"))
        await _until(lambda: laps_of(hub.latest(event_id)) == 2)  # still running after it
        assert not running.done()
        stop.set()
        await running
        return laps_of(hub.latest(event_id))

    assert asyncio.run(scenario()) == 2


def test_a_passing_not_yet_committed_is_not_published(engine, event_id):
    """A poll while a writer's transaction is open sees nothing of it; the poll after the
    commit does (each poll is called here, so nothing depends on timing)."""
    hub = LiveHub(engine, audit_s=0)
    hub.follow(event_id)
    store(engine, event_id, ("09:01:00", "1001"), ("09:03:00", "1001"))
    hub.poll_once()
    writer = open_engine(str(engine.url.render_as_string(hide_password=False)), migrate=False)
    try:
        with writer.begin() as conn:
            append_passings(conn, event_id, [(Passing(at("09:05:00"), "1001", "SF"), None)])
            assert hub.poll_once() == [] and hub.poll_once() == []
        [snapshot] = hub.poll_once()
        assert laps_of(snapshot) == 2
    finally:
        writer.dispose()


def test_an_event_nobody_watches_is_no_longer_followed(engine, event_id, scenario):
    other = scenario.write("other.toml", scenario.event.read_text().replace(
        'id = "img-tt-r3"', 'id = "other-event"'))
    import_event(engine, other)
    hub = LiveHub(engine, audit_s=0, idle_s=0)
    hub.follow(event_id)
    hub.follow("other-event")
    hub.hold(event_id)  # a live page is open
    hub.poll_once()
    assert hub.followed() == [event_id]
    hub.release(event_id)
    hub.poll_once()
    assert hub.followed() == []
    assert hub.follow("other-event").scored.event.event_id == "other-event"  # back on demand
