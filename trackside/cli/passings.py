"""`trackside passings ...`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from trackside.cli.common import (
    PROGRESS_THRESHOLD,
    FormatOption,
    choose,
    csv_text,
    emit,
    engine_of,
    err_console,
    json_text,
    passings_app,
)
from trackside.publish.formats import counted, time_text
from trackside.services import import_passings, list_passings

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
    bar = _Bar()
    try:
        report = import_passings(engine_of(ctx), event, file, fmt=fmt, progress=bar)
    finally:
        bar.close()
    unknown = report.unknown_transponders
    typer.echo(
        f"passings: {report.added} added, {report.duplicates} already present, "
        f"{counted(len(unknown), 'unknown transponder')}{_some(unknown)}"
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

