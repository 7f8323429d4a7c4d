"""TrackSprint facts in the journal (tracksprint.md, "Facts"): raw light lines, trips, releases
and run decisions are stored once, read back in the order the runs need, never changed."""

from __future__ import annotations

from tests.scenario import t
from trackside.core.records import Decision, DecisionKind, LightChannel, Release, Trip
from trackside.services import import_event
from trackside.store import load_facts
from trackside.store.database import writing
from trackside.store.journal import append_decision
from trackside.store.run_facts import (
    append_light_line,
    append_releases,
    append_trips,
    light_lines_in,
)

EVENT = """\
[event]
id = "ts"
name = "TrackSprint"
date = "2026-05-16"

[[session]]
id = "TS1"
format = "time-attack"
"""

START, FINISH = LightChannel.START, LightChannel.FINISH


def test_trips_and_releases_are_stored_once_and_read_in_run_order(engine, tmp_path):
    path = tmp_path / "ts.toml"
    path.write_text(EVENT, encoding="utf-8")
    import_event(engine, path, by="Timing")
    with writing(engine) as conn:
        line = append_light_line(conn, "ts", "TS1", "csv", "lights.csv:2", "09:01:00.000,finish")
        trips = [Trip("TS1", FINISH, t("09:01:00"), line_id=line),
                 Trip("TS1", START, t("09:01:00")), Trip("TS1", START, t("09:00:00"))]
        assert append_trips(conn, "ts", trips) == 3
        assert append_trips(conn, "ts", trips[:1]) == 0  # the same trip again: one fact
        releases = [Release("TS1", "7", t("08:59:50")), Release("TS1", "12", t("08:59:55"))]
        assert append_releases(conn, "ts", releases, "Starter") == 2
        assert append_releases(conn, "ts", releases, "Starter") == 0
        append_decision(conn, "ts", Decision(0, DecisionKind.CONES, "7", "TS1", run=1, count=2))
    facts = load_facts(engine, "ts")
    assert [(x.channel, x.time_us) for x in facts.trips] == [
        (START, t("09:00:00")), (START, t("09:01:00")), (FINISH, t("09:01:00"))]  # start first
    assert facts.trips[2].line_id == line
    assert [(r.number, r.author) for r in facts.releases] == [("7", "Starter"), ("12", "Starter")]
    (cones,) = facts.decisions
    assert (cones.kind, cones.run, cones.count) == (DecisionKind.CONES, 1, 2)
    with engine.connect() as conn:
        assert [row[3] for row in light_lines_in(conn, "ts", "TS1")] == ["09:01:00.000,finish"]
