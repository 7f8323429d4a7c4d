"""What every `trackside` command shares: the app, the database option, output helpers,
and one-line errors for bad input.

Imported before any command parses its arguments, so it imports only Typer at its top: the
database (SQLAlchemy) when a command opens it, Rich when a command prints a table (`out`)."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from trackside.cli.lazy import LazyGroup
from trackside.cli.usage_errors import NoArgsIsHelpError, UsageError, usage_line
from trackside.errors import InputError

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy import Engine

    from trackside.store.sqlite_file import SqliteFile

PROGRESS_THRESHOLD = 2000
RESULT_FORMATS = ("text", "json", "csv", "html")


class ReportingGroup(LazyGroup):
    """Turns bad input into one line on stderr and exit status 1."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        """The top-level options (`--db`, an unknown `--bogus`) refused in one line too."""
        words = list(args)
        try:
            return super().parse_args(ctx, args)
        except NoArgsIsHelpError:
            raise
        except UsageError as err:
            fail(usage_line(err, words))
            raise

    def invoke(self, ctx: typer.Context) -> Any:
        args = list(ctx.args)
        try:
            return super().invoke(ctx)
        except NoArgsIsHelpError:
            raise
        except UsageError as err:
            fail(usage_line(err, args))
        except InputError as err:
            fail(str(err))
        except Exception as err:
            reason = _operational_error(err)
            if reason is None:
                raise
            fail(f"database: {reason.strip().splitlines()[0]}")


def _operational_error(err: Exception) -> str | None:
    """The driver's message of SQLAlchemy's OperationalError (without importing SQLAlchemy: no
    database opened, none) or of sqlite3's (a `SqliteFile`, `journal_of`); else None."""
    exc = sys.modules.get("sqlalchemy.exc")
    if exc is not None and isinstance(err, exc.OperationalError):
        return str(err.orig)
    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is not None and isinstance(err, sqlite3.OperationalError):
        return str(err)
    return None


def fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


app = typer.Typer(
    cls=ReportingGroup,
    no_args_is_help=True,
    add_completion=False,
    help="Club motorsport Time Trials: transponder timing, laps, penalties, class results.",
)
event_app = typer.Typer(no_args_is_help=True, help="Event definitions (TOML).")
entries_app = typer.Typer(no_args_is_help=True, help="Entry lists (CSV, MotorsportReg export).")
passings_app = typer.Typer(no_args_is_help=True, help="Transponder passings.")
flags_app = typer.Typer(no_args_is_help=True, help="Flags from a file.")
penalty_app = typer.Typer(no_args_is_help=True, help="Officials' decisions.")
app.add_typer(event_app, name="event")
app.add_typer(entries_app, name="entries")
app.add_typer(passings_app, name="passings")
app.add_typer(flags_app, name="flags")
app.add_typer(penalty_app, name="penalty")
ReportingGroup.typer_app = app


def __getattr__(name: str) -> Console:
    """`out` (stdout, 200 columns when not a terminal) and `err_console`: Rich consoles, made
    (and Rich imported) on first use."""
    if name not in ("out", "err_console"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from rich.console import Console

    console = Console(width=None if sys.stdout.isatty() else 200) if name == "out" \
        else Console(stderr=True)
    globals()[name] = console
    return console


FormatOption = Annotated[str, typer.Option("--format", help="Output format.")]
OutOption = Annotated[Path | None, typer.Option("--out", help="Write to FILE, not stdout.")]


@app.callback()
def _options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL or SQLite path (default $TRACKSIDE_DB, "
            "else sqlite:///trackside.db).",
            metavar="URL",
        ),
    ] = None,
) -> None:
    ctx.obj = {"db": db}


def engine_of(ctx: typer.Context) -> Engine:
    """The database of this invocation, opened (and migrated) on first use."""
    root = ctx.find_root()
    if "engine" not in root.obj:
        from trackside.store import open_engine

        engine = open_engine(root.obj["db"])
        root.obj["engine"] = engine
        root.call_on_close(engine.dispose)
    return root.obj["engine"]


def journal_of(ctx: typer.Context) -> Engine | SqliteFile:
    """The database of a command that reads a few rows and appends one fact (`flag`, `penalty
    add`): a SQLite file at the newest revision opened with the standard library, without
    importing SQLAlchemy (`store/sqlite_file.py`), else the engine `engine_of` opens."""
    root = ctx.find_root()
    if "engine" not in root.obj and "journal" not in root.obj:
        from trackside.store.sqlite_file import SqliteFile, open_light

        database = open_light(root.obj["db"])
        if isinstance(database, SqliteFile):
            root.obj["journal"] = database
        else:
            root.obj["engine"] = database
            root.call_on_close(database.dispose)
    return root.obj.get("engine") or root.obj["journal"]


def choose(value: str, allowed: Sequence[str], option: str = "--format") -> str:
    if value not in allowed:
        raise InputError(
            f"expected one of {', '.join(allowed)}; got {value!r}", source=f"option {option}"
        )
    return value


def emit(text: str, target: Path | None = None) -> None:
    """Write rendered output to a file (and say so) or to stdout."""
    if target is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    typer.echo(f"wrote {target}")


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return buffer.getvalue()


def json_text(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False)


def output_width() -> int:
    """Columns for a table: $COLUMNS when set (a pipe has no terminal to ask), else the
    console's width."""
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else __getattr__("out").width


def now_text() -> str:
    return datetime.now().isoformat(timespec="seconds")
