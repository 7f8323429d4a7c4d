"""Benchmark: what the pit marshal's screen costs per request (docs/console.md, "Pit lane"):
the IMG SprintDuro demo day (30 cars, a 2-hour race with pit loops, rosters, driver changes;
`demo/enduro.py`) loaded into a live snapshot once, then interleaved, CPU and wall
min/median/max over at least 7 rounds:
- view: the screen's data from the snapshot (`pitlane_pages.pit_lane_view`: the race board's
  rows, each car's roster, stops and stint findings);
- page: that view rendered to HTML (`console/pit_lane.html`);
- records: the officials' pit stops read from the SQLite file (`race_records.record_docs`).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from measure import interleaved, line, median

from trackside.demo.enduro import generate_enduro
from trackside.demo.enduro_run import RACE_SESSION, import_enduro
from trackside.live.live_event import LiveEvent
from trackside.services.accounts import add_user, new_token, token_account
from trackside.services.race_records import PIT_STOP, record_docs
from trackside.store import open_engine
from trackside.store.facts import load_facts
from trackside.web.auth import Caller
from trackside.web.pitlane_pages import pit_lane_view
from trackside.web.rendering import render


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        engine = open_engine(f"sqlite:///{Path(directory) / 'bench.db'}")
        day = generate_enduro()
        import_enduro(engine, day, day.write(Path(directory)))
        snapshot = LiveEvent(day.event_id, load_facts(engine, day.event_id)).snapshot
        add_user(engine, "pitwall", ["pit-marshal"], "paddock-2026")
        account = token_account(engine, new_token(engine, "pitwall"))
        assert account is not None
        caller = Caller(account, None)
        track_us = snapshot.track_us()
        view = pit_lane_view(snapshot, RACE_SESSION, track_us)

        def page() -> str:
            return render("console/pit_lane.html", caller=caller, event=snapshot.facts.event,
                          sessions=[RACE_SESSION], session=RACE_SESSION, view=view, done=None,
                          now="13:00:00", pending={}, here="/", without=lambda n: "/",
                          recorded=[], nav=(), twin="/")  # fmt: skip

        variants = {
            "view (30 cars)": lambda: pit_lane_view(snapshot, RACE_SESSION, track_us),
            "page render": page,
            "pit stops read": lambda: record_docs(engine, day.event_id, PIT_STOP),
        }
        times = interleaved(variants)
        engine.dispose()
    print(f"pit lane bench: {len(view['cars'])} cars, {len(page())} bytes of HTML")
    for name, timing in times.items():
        print(line(name, timing))
    ms = {name: median(t.cpu) * 1000 for name, t in times.items()}
    print(f"pit_lane: view_cpu_ms={ms['view (30 cars)']:.2f} "
          f"render_cpu_ms={ms['page render']:.2f} "
          f"records_cpu_ms={ms['pit stops read']:.2f}")


if __name__ == "__main__":
    main()
