"""Season standings on SQLite (championship.md; issue 13): 12 generated events of 300 entries
and 4 sessions each in one series. Variants, interleaved round by round:

- `full`: the standings from the journal, both caches emptied first (every event scored);
- `one changed`: a time penalty added to one event, then the standings (that event scored
  again through the per-session cache, the other eleven taken from the season's cache);
- `unchanged`: nothing changed since the last read.

Targets (CPU): full under 1 s, one changed under 250 ms. Ends with a `season:` line.
"""

from __future__ import annotations

import itertools
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.measure import QUICK, interleaved, line, median  # noqa: E402
from trackside.demo.generator import generate_event  # noqa: E402
from trackside.demo.run import import_demo  # noqa: E402
from trackside.services import add_decision  # noqa: E402
from trackside.services.series import import_series  # noqa: E402
from trackside.services.standings import season_standings  # noqa: E402
from trackside.store import open_engine  # noqa: E402
from trackside.store.results_cache import clear_cache  # noqa: E402

EVENTS = 3 if QUICK else 12
CARS = 60 if QUICK else 300


def build(directory: Path) -> tuple[object, str, list[tuple[str, str]]]:
    engine = open_engine(f"sqlite:///{directory / 'season.db'}")
    ids = []
    for index in range(EVENTS):
        day = generate_event(seed=100 + index, cars=CARS, sessions_per_group=1, practice=True,
                             tracksprint=False, date=_date(index))
        files = day.write(directory / f"day-{index}")
        import_demo(engine, day, files)
        ids.append((day.event_id, day.entries[0]["number"]))
    series = directory / "series.toml"
    series.write_text('[series]\nid = "bench"\nname = "Bench"\nscheme = "img"\ncounted = 8\n\n'
                      + "".join(f'[[event]]\nid = "{eid}"\n' for eid, _ in ids),
                      encoding="utf-8")
    import_series(engine, series, "bench")
    return engine, "bench", ids


def _date(index: int) -> str:
    return f"2026-{3 + index // 2:02d}-{1 + 14 * (index % 2):02d}"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine, series_id, ids = build(Path(tmp))
        numbers = itertools.count()
        from sqlalchemy import delete

        from trackside.store.schema import class_results_cache

        def full() -> object:
            clear_cache(engine)
            with engine.begin() as conn:
                conn.execute(delete(class_results_cache))
            return season_standings(engine, series_id)

        def one_changed() -> object:
            n = next(numbers)
            event_id, number = ids[n % len(ids)]
            add_decision(engine, event_id, number, "time-penalty", seconds=1.0,
                         reason="bench", author="bench")
            return season_standings(engine, series_id)

        def unchanged() -> object:
            return season_standings(engine, series_id)

        times = interleaved({"full": full, "one changed": one_changed, "unchanged": unchanged})
        print(f"{EVENTS} events x {CARS} entries, SQLite")
        for name, measured in times.items():
            print(line(name, measured))
        print("season: " + " ".join(
            f"{name.replace(' ', '_')}_cpu_ms={median(t.cpu) * 1000:.1f}"
            for name, t in times.items()))
        engine.dispose()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
