"""`make demo`'s short season (championship.md): three generated days with one roster (the
later days' cars take the first day's drivers by car order), one driver changing class on the
last day, and an opening round scored elsewhere, imported from a generated results CSV; then
the standings. Safe to run again: nothing is added twice."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from trackside.demo.files import write_csv
from trackside.demo.generator import GeneratedEvent, generate_event
from trackside.demo.run import import_demo
from trackside.services.results_import import import_results
from trackside.services.series import import_series
from trackside.store.imported_results import imported_events

SEASON_SEED = 2026
DAYS = ("2026-06-13", "2026-07-18", "2026-08-22")
OPENER = ("club-opener-2026", "Season opener (scored elsewhere)", "2026-04-11")
SERIES_ID = "demo-tt-2026"
CARS = 24


@dataclass(frozen=True, slots=True)
class DemoSeason:
    series_id: str
    events: tuple[str, ...]
    changed_class: tuple[str, str, str]
    """(driver, first class, last day's class)."""


def run_season(engine: Engine, out_dir: Path, say=print) -> DemoSeason:  # type: ignore[no-untyped-def]
    """Generate, import and put in a series the demo season; returns what it holds."""
    out_dir.mkdir(parents=True, exist_ok=True)
    days = [generate_event(seed=SEASON_SEED + i, cars=CARS, sessions_per_group=2,
                           practice=False, tracksprint=False, date=date)
            for i, date in enumerate(DAYS)]  # fmt: skip
    changed = _one_roster(days)
    for index, day in enumerate(days, start=1):
        files = day.write(out_dir / f"day-{index}")
        import_demo(engine, day, files)
    opener = _opener_csv(days[0], out_dir / "opener-results.csv")
    with engine.connect() as conn:
        already = OPENER[0] in imported_events(conn, [OPENER[0]])
    if not already:
        import_results(engine, OPENER[0], opener, OPENER[1], OPENER[2], "demo")
    events = (OPENER[0], *(day.event_id for day in days))
    series_file = out_dir / "series.toml"
    series_file.write_text(
        f'[series]\nid = "{SERIES_ID}"\nname = "Demo Time Trial Series 2026"\nscheme = "img"\n'
        'counted = 3\nmin_events = 2\n\n'
        + "".join(f'[[event]]\nid = "{eid}"\n' for eid in events), encoding="utf-8")
    import_series(engine, series_file, "demo")
    say(f"Season {SERIES_ID}: {len(events)} events ({OPENER[0]} imported from "
        f"{opener.name}); {changed[0]} moved from {changed[1]} to {changed[2]} on {DAYS[-1]}")
    return DemoSeason(SERIES_ID, events, changed)


def _one_roster(days: list[GeneratedEvent]) -> tuple[str, str, str]:
    """The later days' cars driven by the first day's drivers in their classes, but for one
    driver who changes class on the last day."""
    base = days[0].entries
    for day in days[1:]:
        for row, first in zip(day.entries, base, strict=False):
            row.update({k: first[k] for k in ("first_name", "last_name", "member_id", "class")
                        if k in first})  # fmt: skip
    classes = sorted({row["class"] for row in base})
    mover = days[-1].entries[0]
    before = mover["class"]
    mover["class"] = next((c for c in classes if c != before), before)
    return f"{mover['first_name']} {mover['last_name']}", before, mover["class"]


def _opener_csv(day: GeneratedEvent, path: Path) -> Path:
    """The opener's class results, as another timing system would export them."""
    rng = random.Random(SEASON_SEED - 1)
    rows = []
    by_class: dict[str, list[dict[str, str]]] = {}
    for row in day.entries:
        by_class.setdefault(row["class"], []).append(row)
    for car_class, entries in sorted(by_class.items()):
        drivers = [e for e in entries if rng.random() > 0.15]  # some skipped the opener
        rng.shuffle(drivers)
        for place, entry in enumerate(drivers, start=1):
            total = 200 + place * 1.5 + rng.random()
            status, position = ("no-time", "") if rng.random() < 0.05 else ("ok", "")
            rows.append([entry["number"], entry["first_name"], entry["last_name"], car_class,
                         status, position, entry.get("member_id", ""),
                         "" if status != "ok" else f"{total:.3f}"])  # fmt: skip
    # class positions run 1, 2, ... over the `ok` rows of each class
    counters: dict[str, int] = {}
    for row in rows:
        if row[4] == "ok":
            counters[row[3]] = counters.get(row[3], 0) + 1
            row[5] = str(counters[row[3]])
    return write_csv(path, ["number", "first_name", "last_name", "class", "status",
                            "class_position", "member_id", "total_s"], rows)  # fmt: skip
