"""Benchmark: the registration desk (issue 15). On a SQLite file with 300 entries linked to
stored drivers and a day of 30,000 passings (1% of them from 20 unknown transponders): reading
the desk's entries with their findings (the entry checks of every car), the unknown
transponders (one grouped pass over the journal), and one entry change (a new version, checked
against every other car). CPU and wall time, interleaved, min/median/max over >= 7 rounds."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from measure import QUICK, interleaved, line, median

from trackside.core.records import Passing
from trackside.services.drivers import import_drivers
from trackside.services.entries import import_entries
from trackside.services.events import import_event
from trackside.services.registration import change_entry, desk_entries, unknown_seen
from trackside.store import open_engine
from trackside.store.database import writing
from trackside.store.journal import append_passings

CARS = 100 if QUICK else 300
PASSINGS = 10_000 if QUICK else 30_000
UNKNOWN = 20
EVENT = """\
[event]
id = "desk"
name = "Bench"
date = "2026-05-16"

[[session]]
id = "TA1"
groups = ["Novice", "Advanced"]
start = "09:00"
duration_min = 20

[[group]]
name = "Advanced"
min_license = "advanced"
"""


def write_files(root: Path) -> None:
    drivers = ["member_id,first_name,last_name,birth_date,membership_expires,license,"
               "license_expires"]
    entries = ["number,first_name,last_name,class,group,transponder,member_id"]
    for n in range(1, CARS + 1):
        grade = "advanced" if n % 3 else "novice"
        drivers.append(f"M{n},First{n},Last{n},19{50 + n % 50:02d}-06-01,2026-12-31,{grade},"
                       "2026-12-31")
        entries.append(f"{n},First{n},Last{n},S{1 + n % 5},"
                       f"{'Advanced' if n % 2 else 'Novice'},{1000 + n},M{n}")
    (root / "drivers.csv").write_text("\n".join(drivers) + "\n")
    (root / "entries.csv").write_text("\n".join(entries) + "\n")
    (root / "event.toml").write_text(EVENT)


def passings() -> list[tuple[Passing, None]]:
    start = 1_779_000_000_000_000
    rows = []
    for i in range(PASSINGS):
        transponder = str(9000 + (i // 100) % UNKNOWN) if i % 100 == 0 else str(1001 + i % CARS)
        rows.append((Passing(start + i * 1_000_000, transponder, "SF"), None))
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_files(root)
        engine = open_engine(f"sqlite:///{root / 'desk.db'}")
        import_event(engine, root / "event.toml", by="bench")
        import_drivers(engine, root / "drivers.csv", by="bench")
        import_entries(engine, "desk", root / "entries.csv", by="bench")
        with writing(engine) as conn:
            append_passings(conn, "desk", passings())
        found = sum(len(r.findings) for r in desk_entries(engine, "desk"))
        print(f"  check: {found} findings, {len(unknown_seen(engine, 'desk'))} unknown "
              "transponders")
        models = itertools.cycle(["Civic", "Civic Si"])
        times = interleaved({
            f"desk entries, {CARS} with findings": lambda: desk_entries(engine, "desk"),
            f"unknown transponders, {PASSINGS}": lambda: unknown_seen(engine, "desk"),
            "one entry change (a version)": lambda: change_entry(
                engine, "desk", "7", {"model": next(models)}, "bench"),
        })
        engine.dispose()
    print(f"registration bench: {CARS} entries, {PASSINGS} passings")
    for name, timing in times.items():
        print(line(name, timing))
    ms = [median(t.cpu) * 1000 for t in times.values()]
    print(f"registration: desk_entries_cpu_ms={ms[0]:.1f} unknown_cpu_ms={ms[1]:.1f} "
          f"change_cpu_ms={ms[2]:.1f}")


if __name__ == "__main__":
    main()
