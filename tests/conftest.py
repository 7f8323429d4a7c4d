"""Shared fixtures: a real database on each backend (SQLite file, throwaway PostgreSQL cluster),
the CLI driven in-process, and a dump of every stored row to prove "nothing changed"."""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner, Result

from tests.pg_cluster import (
    OwnedCluster,
    PostgresCluster,
    install_sigterm_handler,
    missing_binaries_message,
    pg_bin,
    remove_stale_clusters,
)
from trackside.cli import app
from trackside.store import open_engine
from trackside.store.schema import CACHES, metadata

# --- PostgreSQL: a cluster of our own for the run (tests/pg_cluster.py) -------------------------

_owned: OwnedCluster | None = None
"""The cluster this process started: the serial run's, or (under xdist) the controller's."""


def pytest_configure(config: pytest.Config) -> None:
    worker = hasattr(config, "workerinput")
    install_sigterm_handler(forward_to_children=not worker and bool(
        getattr(config.option, "numprocesses", None)))
    if not worker:  # the serial run or the xdist controller
        remove_stale_clusters()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:  # type: ignore[no-untyped-def]
    """xdist controller: start one cluster for the run (in the background, while the workers
    start) and tell every worker where it is."""
    global _owned
    bin_dir = pg_bin()
    if bin_dir is None:
        node.workerinput["trackside_pg"] = json.dumps({"error": missing_binaries_message()})
        return
    if _owned is None:
        _owned = OwnedCluster(bin_dir)
        _owned.start_in_background()
    cluster = _owned.cluster
    node.workerinput["trackside_pg"] = json.dumps({"port": cluster.port,
                                                   "socket_dir": cluster.socket_dir})


def pytest_unconfigure(config: pytest.Config) -> None:
    if _owned is not None:
        _owned.stop()


def _no_postgres(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(f"!!! SKIPPING POSTGRESQL TESTS !!! {message}")


@pytest.fixture(scope="session")
def postgres_cluster(request: pytest.FixtureRequest) -> Iterator[PostgresCluster]:
    """The run's cluster on 127.0.0.1 and a free port: the xdist controller's, or started here
    on first use (and stopped at the end, or on any interruption: tests/pg_cluster.py)."""
    global _owned
    shared = getattr(request.config, "workerinput", {}).get("trackside_pg")
    if shared is not None:
        where = json.loads(shared)
        if "error" in where:
            _no_postgres(where["error"])
        cluster = PostgresCluster(where["port"], where["socket_dir"])
        cluster.wait_ready()
        yield cluster
        return
    bin_dir = pg_bin()
    if bin_dir is None:
        _no_postgres(missing_binaries_message())
    _owned = OwnedCluster(bin_dir)
    try:
        yield _owned.start()
    finally:
        _owned.stop()


_database_numbers = itertools.count(1)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a new database in the PostgreSQL cluster
    (dropped afterwards, so that a run does not fill the disk with them)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'trackside.db'}"
        return
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    name = f"test_{os.getpid()}_{next(_database_numbers)}"
    yield cluster.create_database(name)
    cluster.drop_database(name)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = open_engine(db_url)
    yield engine
    engine.dispose()


# --- the command line ----------------------------------------------------------------------------


@pytest.fixture
def trackside(db_url: str) -> Callable[..., Result]:
    """Run `trackside --db <db_url> ARGS...` in-process; returns the CliRunner result."""
    runner = CliRunner()

    def run(*args: str | Path) -> Result:
        return runner.invoke(app, ["--db", db_url, *map(str, args)])

    return run


# --- every stored row ----------------------------------------------------------------------------


Dump = dict[str, list[tuple]]


def dump_rows(engine: Engine) -> Dump:
    """All rows of every table (and the schema revision), sorted: equal dumps, equal databases.
    The caches are left out: they hold nothing the journal does not (schema.CACHES)."""
    with engine.connect() as conn:
        tables = {
            table.name: sorted(conn.execute(select(table)).all(), key=repr)
            for table in metadata.sorted_tables
            if table not in CACHES
        }
        tables["alembic_version"] = sorted(conn.exec_driver_sql(
            "SELECT version_num FROM alembic_version").all())
    return tables


@pytest.fixture
def dump(db_url: str) -> Iterator[Callable[[], Dump]]:
    """A function returning every row of the test's database."""
    engine = open_engine(db_url)
    yield lambda: dump_rows(engine)
    engine.dispose()


# --- a small event, written the way a timing chief's files look ----------------------------------

EVENT_TOML = """\
[event]
id = "img-tt-r3"
name = "IMG Time Trial Round 3"
date = "2026-05-16"
ruleset = "scca-tt"
min_lap_s = 20.0

[track]
name = "Thunderhill East"
length_m = 4800
start_finish_loop = "SF"

[[session]]
id = "TA1-A"
name = "Time Attack 1, Advanced"
groups = ["Advanced"]
start = "09:00"
duration_min = 20

[[session]]
id = "TA1-I"
name = "Time Attack 1, Intermediate"
groups = ["Intermediate"]
start = "09:30"

[[round]]
name = "TA1"
sessions = ["TA1-A", "TA1-I"]
"""

ENTRIES_CSV = """\
number,first_name,last_name,class,group,transponder,year,make,model,sponsor
21,Ann,Lee,S2,Advanced,1001,2019,Honda,Civic Type R,Acme
22,Bob,Ray,S2,Advanced,1002,2020,Toyota,GR86,
33,Cy,Dee,S4,Intermediate,1003,2008,Mazda,MX-5,
"""

PASSINGS_CSV = """\
time,transponder,loop,decoder,passing_number
2026-05-16T09:01:00.000,1001,SF,D1,1
2026-05-16T09:01:10.000,1002,SF,D1,2
2026-05-16T09:03:02.500,1001,SF,D1,3
2026-05-16T09:03:15.000,1002,SF,D1,4
2026-05-16T09:05:03.000,1001,SF,D1,5
2026-05-16T09:05:20.000,1002,SF,D1,6
2026-05-16T09:05:21.000,7777,SF,D1,7
"""

FLAGS_CSV = """\
session,state,time
TA1-A,green,09:00:00
TA1-A,checkered,2026-05-16T09:20:00.000
"""


@dataclass(frozen=True)
class Scenario:
    """The files of the small event, in a temporary directory; `write` adds more."""

    dir: Path
    event: Path
    entries: Path
    passings: Path
    flags: Path
    event_id: str = "img-tt-r3"

    def write(self, name: str, text: str) -> Path:
        path = self.dir / name
        path.write_text(text, encoding="utf-8")
        return path


@pytest.fixture
def scenario(tmp_path: Path) -> Scenario:
    files = {name: tmp_path / name for name in
             ("event.toml", "entries.csv", "passings.csv", "flags.csv")}
    for (_, path), text in zip(files.items(), (EVENT_TOML, ENTRIES_CSV, PASSINGS_CSV, FLAGS_CSV),
                               strict=True):
        path.write_text(text, encoding="utf-8")
    return Scenario(tmp_path, *files.values())


@pytest.fixture
def loaded(trackside: Callable[..., Result], scenario: Scenario) -> Scenario:
    """The small event imported: definition, entries, passings and flags."""
    for args in (("event", "import", scenario.event),
                 ("entries", "import", scenario.event_id, scenario.entries),
                 ("passings", "import", scenario.event_id, scenario.passings),
                 ("flags", "import", scenario.event_id, scenario.flags)):
        result = trackside(*args)
        assert result.exit_code == 0, result.output
    return scenario
