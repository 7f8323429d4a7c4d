"""`trackside rmonitor import` (a recorded Orbits feed) and `trackside rmonitor connect` (a live
one)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from trackside.cli.common import app, engine_of, err_console
from trackside.cli.interrupt import run_until_interrupted
from trackside.core.records import Passing
from trackside.errors import InputError
from trackside.live.rmonitor_feed_client import DEFAULT_PORT, parse_address
from trackside.live.rmonitor_recorder import RecorderStats, record_feed
from trackside.publish.formats import time_text
from trackside.services.rmonitor_import import import_rmonitor

rmonitor_app = typer.Typer(no_args_is_help=True,
                           help="Orbits RMonitor feeds: replay a recording, follow a live feed.")
app.add_typer(rmonitor_app, name="rmonitor")

DateOption = Annotated[
    str | None,
    typer.Option("--date", metavar="YYYY-MM-DD",
                 help="Day of the feed's times of day (default: the feed's $I/$L date)."),
]
MinLapOption = Annotated[
    float | None,
    typer.Option("--min-lap-s", metavar="S",
                 help="Shorter crossings are duplicate reads (a new event's default: 20)."),
]
FinishLineOption = Annotated[
    list[str] | None,
    typer.Option("--finish-line", metavar="TIMELINE",
                 help="Timeline whose $L crossings make laps (repeat; default: inferred)."),
]


@rmonitor_app.command("import")
def rmonitor_import(
    ctx: typer.Context,
    file: Path,
    event: Annotated[str, typer.Option("--event", metavar="ID", help="Event to import into.")],
    date: DateOption = None,
    min_lap_s: MinLapOption = None,
    finish_line: FinishLineOption = None,
) -> None:
    """Replay a recorded RMonitor feed into an event (created if missing), in one transaction."""
    report = import_rmonitor(engine_of(ctx), file, event, date=date, min_lap_s=min_lap_s,
                             finish_lines=finish_line or None)
    for warning in report.warnings:
        typer.echo(f"warning: {file}: {warning}", err=True)
    made = "created" if report.event_created else "updated" if report.event_changed else "kept"
    typer.echo(
        f"event {report.event_id} {made}: sessions {', '.join(report.sessions)} "
        f"({len(report.sessions_added)} added); entries: {report.entries_added} added; "
        f"flags: {report.flags_added} added; passings: {report.passings_added} added, "
        f"{report.passings_present} already present"
    )


@rmonitor_app.command("connect")
def rmonitor_connect(
    ctx: typer.Context,
    event: str,
    address: Annotated[str, typer.Argument(metavar="HOST[:PORT]",
                                           help=f"Orbits' RMonitor server (port {DEFAULT_PORT}).")],
    date: Annotated[str | None, typer.Option(
        "--date", metavar="YYYY-MM-DD",
        help="Day of the feed's times of day (default: $I date, else the event's, else today)."
    )] = None,
    min_lap_s: MinLapOption = None,
    finish_line: FinishLineOption = None,
) -> None:
    """Follow a live RMonitor feed into an event until interrupted (Ctrl-C)."""
    try:
        host, port = parse_address(address)
    except ValueError as err:
        raise InputError(str(err), source="argument HOST[:PORT]") from None
    engine = engine_of(ctx)

    async def follow(stop: asyncio.Event) -> RecorderStats:
        return await record_feed(engine, event, host, port, stop=stop, date=date,
                                 min_lap_s=min_lap_s, finish_lines=finish_line or None,
                                 on_passing=_print_passing, on_event=_print_event)

    stats = run_until_interrupted(follow)
    typer.echo(f"rmonitor: {stats.lines} lines; stored {stats.passings} passings, "
               f"{stats.flags} flags, {stats.entries} entries; {stats.warnings} warnings")


def _print_passing(passing: Passing) -> None:
    typer.echo(f"passing {time_text(passing.time_us)} {passing.loop or '-'} "
               f"transponder {passing.transponder}")


def _print_event(message: str) -> None:
    err_console.print(message, highlight=False, markup=False, soft_wrap=True)
