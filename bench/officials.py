"""Benchmark: the officials' checks (issue 14). An entries import of 300 cars with every car
linked to a stored driver (the entry checks: drivers, forms, groups at once) against the same
import with no driver stored; and `license status` of a driver with a 12-event season (each
event's marks from the results cache). SQLite file, CPU and wall time, interleaved,
min/median/max over at least 7 rounds."""

from __future__ import annotations

import tempfile
from pathlib import Path

from measure import QUICK, interleaved, line, median

from trackside.services.drivers import import_drivers
from trackside.services.entries import import_entries
from trackside.services.events import import_event
from trackside.services.licenses import member_license_status
from trackside.store import open_engine

CARS = 100 if QUICK else 300
EVENTS = 12
EVENT = """\
[event]
id = "{id}"
name = "Bench"
date = "{date}"

[[session]]
id = "TA1"
groups = ["Novice", "Advanced"]
start = "09:00"
duration_min = 20

[[group]]
name = "Novice"
passing = 1
min_license = "novice"

[[group]]
name = "Advanced"
passing = 4
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
        entries.append(f"{n},First{n},Last{n},S{n % 5},{'Advanced' if n % 2 else 'Novice'},"
                       f"{1000 + n},M{n}")
    (root / "drivers.csv").write_text("\n".join(drivers) + "\n")
    (root / "entries.csv").write_text("\n".join(entries) + "\n")
    for e in range(EVENTS):
        (root / f"e{e}.toml").write_text(EVENT.format(id=f"e{e}", date=f"2026-{3 + e // 2:02d}-"
                                                      f"{1 + 14 * (e % 2):02d}"))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_files(root)
        linked = open_engine(f"sqlite:///{root / 'linked.db'}")
        bare = open_engine(f"sqlite:///{root / 'bare.db'}")
        for engine in (linked, bare):
            for e in range(EVENTS):
                import_event(engine, root / f"e{e}.toml", by="bench")
        import_drivers(linked, root / "drivers.csv", by="bench")
        for e in range(EVENTS):
            import_entries(linked, f"e{e}", root / "entries.csv", by="bench")
        status = member_license_status(linked, "M3")
        print(f"  check: {len(status.events)} events in M3's history, "
              f"{len(import_entries(linked, 'e0', root / 'entries.csv').warnings)} warnings")
        times = interleaved({
            f"entries import, {CARS} linked": lambda: import_entries(
                linked, "e0", root / "entries.csv", by="bench"),
            f"entries import, {CARS} no drivers": lambda: import_entries(
                bare, "e0", root / "entries.csv", by="bench"),
            f"license status, {EVENTS} events": lambda: member_license_status(linked, "M3"),
        })
        linked.dispose()
        bare.dispose()
    print(f"officials bench: {CARS} entries, {EVENTS} events")
    for name, timing in times.items():
        print(line(name, timing))
    ms = {name: median(t.cpu) * 1000 for name, t in times.items()}
    names = list(ms)
    print(f"officials: import_linked_cpu_ms={ms[names[0]]:.1f} "
          f"import_bare_cpu_ms={ms[names[1]]:.1f} license_status_cpu_ms={ms[names[2]]:.1f}")


if __name__ == "__main__":
    main()
