"""`trackside flag` and `penalty add` on a SQLite file at the newest schema run without
SQLAlchemy and Pydantic (issue 10, "the CLI starts fast": `store/sqlite_file.py`,
`cli/plain_params.py`), and do exactly what they did: the same rows, the same refusals."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer._coercion import build_runtime_param, resolve_type_descriptor
from typer.models import OptionInfo

from trackside.cli.plain_params import PlainRuntimeParam
from trackside.core.records import Flag, FlagState
from trackside.store import open_engine
from trackside.store.facts import flags_in
from trackside.store.migrate import shipped_head
from trackside.store.official_facts import append_flags
from trackside.store.sqlite_file import SqliteFile, at_head, open_light, sqlite_path

EVENT_TOML = """\
[event]
id = "one"
name = "One fact"
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
ENTRIES_CSV = "number,first_name,last_name,class,group,transponder\n21,Ann,Lee,S2,Advanced,1001\n"
HEAVY = ("sqlalchemy", "alembic", "pydantic", "pydantic_core", "rich")
RUN = ("import atexit, sys\n"
       "wanted = set(sys.argv[1].split(','))\n"  # read before sys.argv becomes the command's
       "def heavy():\n"
       "    found = sorted({m.split('.')[0] for m in sys.modules} & wanted)\n"
       "    print('imported:', ','.join(found), file=sys.stderr)\n"
       "atexit.register(heavy)\n"
       "sys.argv = ['trackside', *sys.argv[2:]]\n"
       "from trackside.cli import main\n"
       "main()\n")  # fmt: skip


def trackside(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`trackside ARGS` in a new interpreter; its stderr ends with the heavy packages imported."""
    return subprocess.run([sys.executable, "-c", RUN, ",".join(HEAVY), *args], cwd=cwd,
                          capture_output=True, text=True)  # fmt: skip


def imported(done: subprocess.CompletedProcess[str]) -> str:
    return done.stderr.strip().splitlines()[-1]


@pytest.fixture
def event_db(tmp_path: Path) -> Path:
    (tmp_path / "event.toml").write_text(EVENT_TOML, encoding="utf-8")
    (tmp_path / "entries.csv").write_text(ENTRIES_CSV, encoding="utf-8")
    db = tmp_path / "t.db"
    for args in (("event", "import", "event.toml"), ("entries", "import", "one", "entries.csv")):
        assert trackside(tmp_path, "--db", str(db), *args).returncode == 0
    return db


def test_flag_and_penalty_add_import_neither_sqlalchemy_nor_pydantic(event_db: Path):
    cwd = event_db.parent
    flag = trackside(cwd, "--db", str(event_db), "flag", "one", "TA1", "green", "--at", "09:00",
                     "--by", "Race Control")  # fmt: skip
    assert flag.stdout == "flag green in TA1 at 2026-05-16T09:00:00.000: recorded\n"
    assert imported(flag) == "imported:"
    penalty = trackside(cwd, "--db", str(event_db), "penalty", "add", "one", "21", "track-limits",
                        "--session", "TA1", "--at", "09:05", "--reason", "4 off T5", "--by", "Sue")
    assert penalty.stdout == "decision 1: track-limits for car 21 in TA1\n"
    assert imported(penalty) == "imported:"
    with sqlite3.connect(event_db) as conn:
        assert conn.execute("SELECT session_id, state, time_us, author FROM flags").fetchall() \
            == [("TA1", "green", 1778922000000000, "Race Control")]
        assert conn.execute("SELECT number, kind, session_id, lap, at_us, seconds, reason, "
                            "author FROM decisions").fetchall() == [
            ("21", "track-limits", "TA1", None, 1778922300000000, None, "4 off T5", "Sue")]


def test_a_refusal_is_the_same_one_line_and_stores_nothing(event_db: Path):
    cwd = event_db.parent
    done = trackside(cwd, "--db", str(event_db), "flag", "one", "TA9", "green", "--at", "09:00")
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == ("error: argument SESSION: no session 'TA9' in event "
                                           "'one' (sessions: TA1)")
    lap = trackside(cwd, "--db", str(event_db), "penalty", "add", "one", "21", "delete-lap",
                    "--session", "TA1", "--lap", "two")
    assert lap.stderr.splitlines()[0].startswith("error: ")
    assert "--lap" in lap.stderr.splitlines()[0]
    with sqlite3.connect(event_db) as conn:
        assert conn.execute("SELECT count(*) FROM flags").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM decisions").fetchone() == (0,)


def test_a_database_not_at_the_head_gets_the_migrating_engine(tmp_path: Path):
    new = tmp_path / "new.db"
    opened = open_light(str(new))
    assert not isinstance(opened, SqliteFile)  # a new file: created and migrated
    opened.dispose()  # type: ignore[union-attr]
    assert at_head(str(new))
    assert isinstance(open_light(str(new)), SqliteFile)
    with sqlite3.connect(new) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'older'")
    assert not at_head(str(new))
    assert not at_head(str(tmp_path / "missing.db"))
    assert shipped_head() is not None


@pytest.mark.parametrize(("url", "path"), [
    ("sqlite:///t.db", "t.db"), ("sqlite:////abs/t.db", "/abs/t.db"), ("sqlite://", None),
    ("sqlite:///:memory:", None), ("sqlite:///t.db?mode=ro", None),
    ("postgresql+psycopg://u@h/db", None),
])  # fmt: skip
def test_only_a_plain_sqlite_file_url_is_opened_without_sqlalchemy(url: str, path: str | None):
    assert sqlite_path(url) == path


def test_a_failed_write_on_a_sqlite_file_leaves_nothing(event_db: Path):
    database = SqliteFile(str(event_db))
    flag = Flag("TA1", FlagState.GREEN, 1778922000000000)
    with pytest.raises(RuntimeError), database.writing() as conn:
        assert append_flags(conn, "one", [flag], "RC") == 1
        raise RuntimeError("after the insert")
    with database.writing() as conn:
        assert flags_in(conn, "one") == ()
        assert append_flags(conn, "one", [flag], "RC") == 1
        assert append_flags(conn, "one", [flag], "RC") == 0  # the same flag again adds nothing
    engine = open_engine(str(event_db))
    with engine.connect() as conn:  # what the standard library wrote, read through SQLAlchemy
        assert [(f.session_id, f.state, f.time_us, f.author) for f in flags_in(conn, "one")] \
            == [("TA1", FlagState.GREEN, 1778922000000000, "RC")]
    engine.dispose()


class _Param:
    """What a coercion reads of the Click parameter it checks (name, for error messages)."""

    name = "value"
    human_readable_name = "VALUE"
    multiple = False
    nargs = 1

    def get_error_hint(self, ctx: object) -> str:
        return "'--value'"


def _coerced(coercion: object, text: str) -> tuple[str, object]:
    try:
        value = coercion._coerce_value(text, param=_Param(), ctx=None)  # type: ignore[attr-defined]
        return "value", repr(value)  # repr: nan is nan
    except Exception as err:  # the same kind of refusal with the same words
        return type(err).__name__, str(err)


WORDS = st.one_of(st.text(max_size=12),
                  st.from_regex(r"[+-]?\d{1,6}(\.\d{1,4})?", fullmatch=True),
                  st.sampled_from(["1e3", " 7", "7 ", "1_000", "0x10", "٣", "nan", "-0", "+5"]))


@cache
def _both(annotation: type) -> tuple[object, object]:
    """The plain coercion of an option of this type, and Typer's own (Pydantic)."""
    descriptor = resolve_type_descriptor(annotation, OptionInfo())
    plain = PlainRuntimeParam(descriptor.parameter_info, annotation, descriptor)
    return plain, build_runtime_param(descriptor)


@pytest.mark.parametrize("annotation", [str, int, float])
@settings(deadline=None)
@given(text=WORDS)
def test_a_plain_value_is_what_typers_own_coercion_gives(annotation: type, text: str):
    plain, typers = _both(annotation)
    assert _coerced(plain, text) == _coerced(typers, text)
