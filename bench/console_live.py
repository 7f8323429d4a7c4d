"""Benchmark: what one live document of an officials' screen costs (docs/console.md, "Live"),
next to the public live board of the same snapshot, on the big Time Trials day of
`score_event.py` (300 cars, about 30,000 passings).

The timing stand's document reads every passing of the event (the newest 25, the unknown
transponders); race control's is the decisions and one session's board. The server makes each
at most every `console_live.EVERY_S` seconds per screen, on the event loop, so this figure
bounds what an open console page takes from live timing.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from measure import QUICK, interleaved, line, median

from trackside.demo import generate_event
from trackside.demo.run import import_demo
from trackside.live.live_event import LiveEvent
from trackside.store import load_facts, open_engine
from trackside.web.console_live import EVERY_S, race_control_doc, timing_doc
from trackside.web.live_feeds import View, view_board

CARS = 100 if QUICK else 300


def main() -> None:
    event = generate_event(cars=CARS, sessions_per_group=4, laps_per_session=25,
                           practice=False, tracksprint=False)  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="trackside-bench-") as tmp:
        folder = Path(tmp)
        files = event.write(folder / "files")
        engine = open_engine(str(folder / "bench.db"))
        import_demo(engine, event, files)
        facts = load_facts(engine, event.event_id)
        engine.dispose()
    snapshot = LiveEvent(event.event_id, facts).snapshot
    session = facts.event.sessions[-1].id
    wall = time.monotonic()
    variants = {
        "timing stand document": lambda: timing_doc(snapshot, wall),
        "race control document": lambda: race_control_doc(snapshot, session, wall),
        "public live board (for comparison)": lambda: view_board(
            snapshot, View(event.event_id, session), wall),
    }
    times = interleaved(variants)
    print(f"console live bench: {CARS} cars, {len(facts.passings)} passings, "
          f"{len(facts.decisions)} decisions")
    for name, timing in times.items():
        print(line(name, timing))
    ms = {name: median(t.cpu) * 1000 for name, t in times.items()}
    share = ms["timing stand document"] / (EVERY_S * 1000)
    print(f"console_live: timing_cpu_ms={ms['timing stand document']:.1f} "
          f"race_control_cpu_ms={ms['race control document']:.1f} "
          f"board_cpu_ms={ms['public live board (for comparison)']:.1f} "
          f"timing_loop_share_at_most={share:.3f}")


if __name__ == "__main__":
    main()
