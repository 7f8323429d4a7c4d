"""`trackside passings ...`, `trackside flag` and `trackside flags import`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trackside.cli.common import (
    PROGRESS_THRESHOLD,
    FormatOption,
    app,
    choose,
    csv_text,
    emit,
    engine_of,
    flags_app,
    json_text,
    passings_app,
)

if TYPE_CHECKING:
    from rich.progress import Progress

# Services, Rich and SQLAlchemy are imported by the commands that use them, not here: this
# module is imported (cli/lazy.py) to run any one of its commands, or to show its help.

# --- passings ----------------------------------------------------------------------------


class _Bar:
    """A Rich progress bar on stderr, shown only for files of more than ~2,000 passings."""

    def __init__(self) -> None:
        self.progress: Progress | None = None
        self.task = 0

    def __call__(self, done: int, total: int) -> None:
        if total <= PROGRESS_THRESHOLD:
            return
        if self.progress is None:
            from rich.progress import Progress

            from trackside.cli.common import err_console

            self.progress = Progress(console=err_console, transient=True)
            self.progress.start()
            self.task = self.progress.add_task("importing passings", total=total)
        self.progress.update(self.task, completed=done)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@passings_app.command("import")
def passings_import(
    ctx: typer.Context,
    event: str,
    file: Path,
    fmt: Annotated[
        str | None, typer.Option("--format", help="csv, p3 or rmonitor (detected when not given).")
    ] = None,
) -> None:
    """Import passings; passings already stored are not added again."""
    from trackside.services.passings import import_passings

    bar = _Bar()
    try:
        report = import_passings(engine_of(ctx), event, file, fmt=fmt, progress=bar)
    finally:
        bar.close()
    unknown = report.unknown_transponders
    typer.echo(
        f"passings: {report.added} added, {report.duplicates} already present, "
        f"{len(unknown)} unknown transponders{_some(unknown)}"
    )


def _some(names: Sequence[str], limit: int = 10) -> str:
    """` (a, b, c)` with at most `limit` names shown; empty for no names."""
    if not names:
        return ""
    more = ", ..." if len(names) > limit else ""
    return f" ({', '.join(names[:limit])}{more})"


@passings_app.command("list")
def passings_list(ctx: typer.Context, event: str, fmt: FormatOption = "csv") -> None:
    """List every stored passing with the entry number its transponder maps to."""
    from trackside.publish.formats import time_text
    from trackside.services.passings import list_passings

    fmt = choose(fmt, ("csv", "json"))
    rows = [
        {
            "time": time_text(p.time_us),
            "transponder": p.transponder,
            "loop": p.loop,
            "decoder": p.decoder,
            "passing_number": p.passing_number,
            "source": p.source,
            "number": p.number,
        }
        for p in list_passings(engine_of(ctx), event)
    ]
    if fmt == "json":
        emit(json_text(rows))
    else:
        header = ("time", "transponder", "loop", "decoder", "passing_number", "source", "number")
        emit(csv_text(header, ([row[h] for h in header] for row in rows)))


# --- flags -------------------------------------------------------------------------------


@app.command("flag")
def flag(
    ctx: typer.Context,
    event: str,
    session: str,
    state: str,
    at: Annotated[str, typer.Option("--at", help="ISO 8601 or a time of day.", metavar="TIME")],
    by: Annotated[str, typer.Option("--by", help="Who showed or called it.")] = "",
) -> None:
    """Record a flag: STATE is green, yellow, red, black-all or checkered."""
    from trackside.publish.formats import time_text
    from trackside.services.flags import record_flag
    from trackside.services.times import event_time

    engine = engine_of(ctx)
    time_us = event_time(engine, event, at)
    added = record_flag(engine, event, session, state, time_us, by)
    note = "recorded" if added else "already recorded"
    typer.echo(f"flag {state.lower()} in {session} at {time_text(time_us)}: {note}")


@flags_app.command("import")
def flags_import(ctx: typer.Context, event: str, file: Path) -> None:
    """Import flags from a `session,state,time` CSV file."""
    from trackside.services.flags import import_flags

    report = import_flags(engine_of(ctx), event, file)
    typer.echo(f"flags: {report.added} added, {report.duplicates} already present")
