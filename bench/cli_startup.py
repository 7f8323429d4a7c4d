"""Benchmark: how long a timing chief waits for `trackside` (issue "Speed at the floor").

Runs, each in a new interpreter, interleaved round by round (so a busy moment of the machine
hits every case alike): `trackside --help`, `trackside flag --help`, a real `trackside flag
EVENT S green --at ...` and `trackside penalty add ...` on a small SQLite event made with the CLI
in a temporary directory, and the floor nobody can go under: `python -c pass` and
`python -c "import typer"`. Reports min/median/max of wall time and CPU time (user+sys of the
child, from getrusage(RUSAGE_CHILDREN) deltas); CPU is the figure to trust on a shared machine.
Targets (idle machine, wall): --help under 250 ms, flag and penalty add under 400 ms.
Ends with one machine-readable line (minimum wall times, and the --help CPU):
`cli_startup: help_ms=… help_cpu_ms=… flag_ms=… penalty_ms=… floor_ms=…`. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

TRACKSIDE = [sys.executable, "-c", "from trackside.cli import main; main()"]
EVENT_TOML = """\
[event]
id = "bench"
name = "CLI startup bench"
date = "2026-05-16"
ruleset = "scca-tt"
min_lap_s = 20.0

[track]
name = "Thunderhill East"
start_finish_loop = "SF"

[[session]]
id = "TA1"
name = "Time Attack 1"
groups = ["Advanced"]
start = "09:00"
"""
ENTRIES_CSV = """\
number,first_name,last_name,class,group,transponder
21,Ann,Lee,S2,Advanced,1001
22,Bob,Ray,S2,Advanced,1002
"""


def run(command: Sequence[str], cwd: Path, source: str | None = None) -> tuple[float, float]:
    """(wall s, CPU s) of one child process (with `source` first on its PYTHONPATH); fails
    loudly if the command fails."""
    env = {**os.environ, "COLUMNS": "100"}
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join([source, *filter(None, [env.get("PYTHONPATH")])])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stdout}{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def make_event(directory: Path, source: str | None = None) -> str:
    """A small SQLite event, made with the CLI; returns its --db path."""
    directory.mkdir(parents=True, exist_ok=True)
    db = str(directory / "bench.db")
    (directory / "event.toml").write_text(EVENT_TOML, encoding="utf-8")
    (directory / "entries.csv").write_text(ENTRIES_CSV, encoding="utf-8")
    run([*TRACKSIDE, "--db", db, "event", "import", "event.toml"], directory, source)
    run([*TRACKSIDE, "--db", db, "entries", "import", "bench", "entries.csv"], directory, source)
    return db


def commands(db: str, round_no: int) -> dict[str, list[str]]:
    """The trackside commands of one round; the flag's time differs per round (a real insert)."""
    minute, second = divmod(round_no, 60)
    at = f"09:{minute:02d}:{second:02d}"
    return {
        "help": [*TRACKSIDE, "--help"],
        "flag_help": [*TRACKSIDE, "flag", "--help"],
        "flag": [*TRACKSIDE, "--db", db, "flag", "bench", "TA1", "green", "--at", at,
                 "--by", "Race Control"],
        "penalty": [*TRACKSIDE, "--db", db, "penalty", "add", "bench", "21", "track-limits",
                    "--session", "TA1", "--reason", "4 wheels off T5", "--by", "Sue"],
    }  # fmt: skip


FLOOR = {"floor_pass": [sys.executable, "-c", "pass"],
         "floor_typer": [sys.executable, "-c", "import typer"]}  # fmt: skip


def line(name: str, walls: list[float], cpus: list[float]) -> str:
    def ms(values: list[float]) -> str:
        return "/".join(f"{v * 1000:.0f}" for v in (min(values), statistics.median(values),
                                                      max(values)))  # fmt: skip

    return f"  {name:<14} wall {ms(walls):>15} ms   cpu {ms(cpus):>15} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="rounds (at least 7)")
    parser.add_argument("--against", metavar="SRC",
                        help="also time the commands of another source tree of trackside "
                             "(e.g. a checkout of main), interleaved: the `was_` rows")
    args = parser.parse_args()
    rounds = max(7, args.rounds)
    with tempfile.TemporaryDirectory(prefix="trackside-cli-bench-") as tmp:
        directory = Path(tmp)
        db = make_event(directory / "this")
        other = make_event(directory / "against", args.against) if args.against else None
        walls: dict[str, list[float]] = {}
        cpus: dict[str, list[float]] = {}

        def time_case(name: str, command: list[str], source: str | None = None) -> None:
            wall, cpu = run(command, directory, source)
            walls.setdefault(name, []).append(wall)
            cpus.setdefault(name, []).append(cpu)

        for round_no in range(rounds):
            for name, command in FLOOR.items():
                time_case(name, command)
            for name, command in commands(db, round_no).items():
                time_case(name, command)
                if other is not None:
                    time_case(f"was_{name}", commands(other, round_no)[name], args.against)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"trackside CLI startup, {rounds} rounds interleaved, min/median/max "
          f"(load average {load:.1f} on {os.cpu_count()} cores: wall times are noisy, CPU less)")
    for name in walls:
        print(line(name, walls[name], cpus[name]))
    best = {name: min(values) * 1000 for name, values in walls.items()}
    print(f"targets (idle machine, wall): --help < 250 ms ({best['help']:.0f}), "
          f"flag < 400 ms ({best['flag']:.0f}), penalty add < 400 ms ({best['penalty']:.0f})")
    print(f"cli_startup: help_ms={best['help']:.0f} help_cpu_ms={min(cpus['help']) * 1000:.0f} "
          f"flag_ms={best['flag']:.0f} penalty_ms={best['penalty']:.0f} "
          f"floor_ms={best['floor_typer']:.0f}")


if __name__ == "__main__":
    main()
