"""`trackside run release|dnf`, `trackside rerun grant` and `trackside runs`: TrackSprint and
HillClimb sessions (tracksprint.md, Commands)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trackside.cli.common import (
    RESULT_FORMATS,
    FormatOption,
    OutOption,
    app,
    choose,
    emit,
    engine_of,
    now_text,
)
from trackside.errors import InputError

# Services are imported by the commands that use them, not here (cli/lazy.py).

run_app = typer.Typer(no_args_is_help=True,
                      help="TrackSprint and HillClimb runs: the starter's releases, a car "
                           "leaving the course.")  # fmt: skip
rerun_app = typer.Typer(no_args_is_help=True, help="Re-runs (SCCA VI.1.2.7, RMD 2.7).")
app.add_typer(run_app, name="run")
app.add_typer(rerun_app, name="rerun")

TimeOption = Annotated[str | None, typer.Option("--at", help="ISO 8601 or a time of day.",
                                                metavar="TIME")]  # fmt: skip


@run_app.command("release")
def run_release(
    ctx: typer.Context,
    event: str,
    session: str,
    number: Annotated[str | None, typer.Argument(metavar="[NUMBER]")] = None,
    at: TimeOption = None,
    file: Annotated[Path | None, typer.Option("--file", metavar="FILE",
                                              help="A `time,number` CSV file.")] = None,
    by: Annotated[str, typer.Option("--by", metavar="NAME", help="The starter.")] = "",
) -> None:
    """Record the starter releasing car NUMBER at --at TIME, or every release of --file."""
    from trackside.services.runs import import_releases, record_releases
    from trackside.services.times import event_time

    engine = engine_of(ctx)
    if file is not None:
        if number is not None or at is not None:
            raise InputError("give NUMBER --at TIME or --file FILE, not both",
                             source="option --file")
        report = import_releases(engine, event, session, file, by)
    else:
        if number is None or at is None:
            raise InputError("give NUMBER --at TIME (or --file FILE)", source="option --at")
        report = record_releases(engine, event, session, [(number, event_time(engine, event, at))],
                                 by)  # fmt: skip
    typer.echo(f"releases in {session}: {report.added} added, {report.duplicates} already "
               "recorded")  # fmt: skip


@run_app.command("dnf")
def run_dnf(
    ctx: typer.Context,
    event: str,
    session: str,
    number: str,
    at: Annotated[str, typer.Option("--at", help="ISO 8601 or a time of day.", metavar="TIME")],
    by: Annotated[str, typer.Option("--by", metavar="NAME")] = "",
) -> None:
    """Car NUMBER left the course at --at TIME: its run has no finish (a decision)."""
    from trackside.services.runs import record_run_dnf
    from trackside.services.times import event_time

    engine = engine_of(ctx)
    decision = record_run_dnf(engine, event, session, number, event_time(engine, event, at), by)
    typer.echo(f"decision {decision.id}: run-dnf for car {number} in {session}")


@rerun_app.command("grant")
def rerun_grant(
    ctx: typer.Context,
    event: str,
    number: str,
    session: Annotated[str, typer.Option("--session", metavar="ID")],
    run: Annotated[int, typer.Option("--run", metavar="N")],
    reason: Annotated[str, typer.Option("--reason", metavar="R",
                                        help="timing-failure, object-on-course, red-flag, "
                                             "yellow-flag, caught-car-ahead or "
                                             "official-discretion.")],
    by: Annotated[str, typer.Option("--by", metavar="NAME")],
) -> None:
    """Grant car NUMBER a re-run of run N: N no longer counts, nor toward max_runs."""
    from trackside.services.runs import grant_rerun

    decision = grant_rerun(engine_of(ctx), event, number, session, run, reason, by)
    typer.echo(f"decision {decision.id}: re-run granted to car {number} for run {run} in "
               f"{session} ({reason})")  # fmt: skip


@app.command("runs")
def runs(
    ctx: typer.Context,
    event: str,
    session: str,
    fmt: FormatOption = "text",
    target: OutOption = None,
) -> None:
    """Every run of every car in a TrackSprint or HillClimb session."""
    from trackside.publish import render_runs
    from trackside.services.runs import session_runs

    fmt = choose(fmt, RESULT_FORMATS)
    result = session_runs(engine_of(ctx), event, session, generated_at=now_text())
    emit(render_runs(result, fmt), target)
