"""Benchmark: a race session's results as the commands take them from the store (issue 12).

The 4-hour, 60-car endurance race of `bench/race.py` (about 12,000 passings on the SF and pit
loops, driver transponders, declared driver changes) is stored in a SQLite file through the
store's own writers, then, interleaved, CPU and wall min/median/max over at least 7 rounds:
- cold: `results --session R1` with the results cache emptied (the race scored from the
  journal: facts read, race classified, the row stored);
- after a pit stop: one official stop recorded, then the results (only the race is rescored:
  its key holds its official stops);
- warm: the results with nothing changed (the race decoded from its cache row);
- JSON and HTML: the Race JSON and the race page rendered from the result.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from measure import interleaved, line, median
from race import CARS, DATE, HOURS, G, S, facts

from trackside.core.race_results import RaceSessionResult
from trackside.core.records import DriverChange
from trackside.publish import render_race
from trackside.services import import_entries, import_event
from trackside.services.race import import_roster, record_pit_stop
from trackside.services.results import event_results
from trackside.store import open_engine
from trackside.store.database import writing
from trackside.store.journal import append_flags, append_passings
from trackside.store.race_facts import append_driver_change
from trackside.store.results_cache import clear_cache

EVENT_TOML = f"""\
[event]
id = "enduro"
name = "Enduro bench"
date = "{DATE}"

[track]
name = "Ring"
start_finish_loop = "SF"

[[session]]
id = "R1"
name = "Enduro"
format = "race"
groups = ["All"]
duration_min = {HOURS * 60}
mandatory_stops = 1
min_stop_s = 60
pit_in_loop = "PIT-IN"
pit_out_loop = "PIT-OUT"
"""


def stored_day(folder: Path):  # type: ignore[no-untyped-def]
    """The bench race in a new SQLite database; its engine."""
    day = facts()
    engine = open_engine(f"sqlite:///{folder / 'race.db'}")
    (folder / "event.toml").write_text(EVENT_TOML, encoding="utf-8")
    import_event(engine, folder / "event.toml")
    rows = ["number,first_name,last_name,class,group,transponder,team"]
    rows += [f"{e.number},{e.first_name},{e.last_name},{e.car_class},{e.group},{e.transponder},"
             f"{e.extra['team']}" for e in day.entries]  # fmt: skip
    (folder / "entries.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    import_entries(engine, "enduro", folder / "entries.csv")
    roster = ["number,first_name,last_name,driver_transponder"]
    roster += [f"{d.number},{d.first_name},{d.last_name},{d.driver_transponder or ''}"
               for d in day.roster]  # fmt: skip
    (folder / "roster.csv").write_text("\n".join(roster) + "\n", encoding="utf-8")
    import_roster(engine, "enduro", folder / "roster.csv")
    with writing(engine) as conn:
        append_passings(conn, "enduro", [(p, None) for p in day.passings])
        append_flags(conn, "enduro", day.flags, "bench")
        for change in day.driver_changes:
            append_driver_change(conn, "enduro", DriverChange("R1", change.number, change.driver,
                                                              change.at_us), "bench")
    return engine, len(day.passings)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine, passings = stored_day(Path(folder))
        stops = iter(range(1, 10_000))

        def race() -> RaceSessionResult:
            return event_results(engine, "enduro").sessions["R1"]

        def cold() -> object:
            clear_cache(engine, "enduro")
            return race()

        def after_stop() -> object:
            k = next(stops)
            record_pit_stop(engine, "enduro", "R1", "1", G + k * S, G + k * S + 500_000)
            return race()

        result = race()
        print(f"  check: {passings:,} passings stored, winner {result.race.entries[0].number} "
              f"with {result.race.entries[0].laps} laps")
        times = interleaved({
            "results, cache cleared": cold,
            "results after an official stop": after_stop,
            "results, nothing changed": race,
            "Race JSON render": lambda: render_race(result, "json"),
            "race HTML render": lambda: render_race(result, "html"),
        })  # fmt: skip
        engine.dispose()
    print(f"race_io bench: {CARS} cars, {HOURS} h, {passings:,} passings, SQLite")
    for name, timing in times.items():
        print(line(name, timing))
    ms = {name: median(t.cpu) * 1000 for name, t in times.items()}
    print(f"race_io: cold_cpu_ms={ms['results, cache cleared']:.1f} "
          f"after_stop_cpu_ms={ms['results after an official stop']:.1f} "
          f"warm_cpu_ms={ms['results, nothing changed']:.1f} "
          f"json_cpu_ms={ms['Race JSON render']:.1f} html_cpu_ms={ms['race HTML render']:.1f}")


if __name__ == "__main__":
    main()
