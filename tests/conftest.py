"""Shared fixtures: a real database on each backend (SQLite file, throwaway PostgreSQL cluster),
the CLI driven in-process, and a dump of every stored row to prove "nothing changed"."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner, Result

from trackside.cli import app
from trackside.store import open_engine
from trackside.store.schema import CACHES, metadata

# --- PostgreSQL: a cluster of our own for the session ------------------------------------------


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class PostgresCluster:
    port: int
    socket_dir: str

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the `postgres` user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """initdb + pg_ctl start on 127.0.0.1 and a free port; stopped and removed at the end."""
    bin_dir = _pg_bin()
    if bin_dir is None:
        message = ("PostgreSQL server binaries (initdb, pg_ctl) not found: "
                   "run `make system-deps`; PostgreSQL tests cannot run")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(f"!!! SKIPPING POSTGRESQL TESTS !!! {message}")
    root = tempfile.mkdtemp(prefix="trackside-pg-")
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data = os.path.join(root, "data")
    port = _free_port()
    subprocess.run(
        _as_postgres([str(bin_dir / "initdb"), "-D", data, "-U", "postgres", "--auth=trust",
                      "-E", "UTF8", "--no-sync"]),
        check=True, capture_output=True,
    )
    options = (f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off")
    pg_ctl = str(bin_dir / "pg_ctl")
    subprocess.run(
        _as_postgres([pg_ctl, "-D", data, "-l", os.path.join(root, "log"), "-w", "-o", options,
                      "start"]),
        check=True, capture_output=True,
    )
    try:
        yield PostgresCluster(port, root)
    finally:
        subprocess.run(_as_postgres([pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"]),
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


_database_numbers = itertools.count(1)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: a SQLite file, or a new database in the PostgreSQL cluster."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'trackside.db'}"
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    return cluster.create_database(f"test_{os.getpid()}_{next(_database_numbers)}")


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
