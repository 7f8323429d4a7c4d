"""`trackside lights import` (a recorded file), `lights connect` (a serial timer) and
`lights replay` (a session read again from its journaled raw lines)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from trackside.cli.common import app, engine_of, err_console

lights_app = typer.Typer(no_args_is_help=True,
                         help="Timing lights: import a recorded file, follow a serial timer.")
app.add_typer(lights_app, name="lights")

PROTOCOL_NAMES = "csv, jac-normal, jac-chrono, tlink, polaris"
ProtocolOption = Annotated[str, typer.Option(
    "--protocol", metavar="NAME", help=f"The timer's protocol: {PROTOCOL_NAMES}.")]
FirstTripOption = Annotated[str | None, typer.Option(
    "--first-trip-at", metavar="TIME",
    help="Track time of the first trip (a timer clocking from power-on), e.g. 09:00:01.250.")]


def _first_trip(engine, event: str, session: str, text: str | None) -> int | None:  # type: ignore[no-untyped-def]
    if text is None:
        return None
    from trackside.errors import InputError
    from trackside.services.lights import session_date
    from trackside.timing.time_text import EXPECTED, parse_time

    date = session_date(engine, event, session, "argument SESSION")
    try:
        return parse_time(text, date)
    except ValueError:
        raise InputError(f"expected {EXPECTED}, got {text!r}",
                         source="option --first-trip-at") from None


def _print_reports(reports: list[str]) -> None:
    for text in reports:
        err_console.print(f"warning: {text}", highlight=False, markup=False, soft_wrap=True)


@lights_app.command("import")
def lights_import(
    ctx: typer.Context, event: str, session: str, file: Path, protocol: ProtocolOption,
    first_trip_at: FirstTripOption = None,
) -> None:
    """Journal every line of a recorded file and store its trips, in one transaction."""
    from trackside.services.lights import check_protocol, import_lights

    check_protocol(protocol)
    engine = engine_of(ctx)
    report = import_lights(engine, event, session, file, protocol,
                           _first_trip(engine, event, session, first_trip_at))
    _print_reports(report.reports)
    typer.echo(f"lights {session}: {report.lines} lines journaled; trips: {report.trips_added}"
               f" added, {report.trips - report.trips_added} already present; "
               f"{len(report.reports)} reports")


@lights_app.command("replay")
def lights_replay(
    ctx: typer.Context, event: str, session: str, protocol: ProtocolOption,
    first_trip_at: FirstTripOption = None,
) -> None:
    """Read a session's journaled raw lines again (after a mapping fix): store the trips
    that differ from those stored."""
    from trackside.services.lights import check_protocol, replay_lights

    check_protocol(protocol)
    engine = engine_of(ctx)
    report = replay_lights(engine, event, session, protocol,
                           _first_trip(engine, event, session, first_trip_at))
    _print_reports(report.reports)
    typer.echo(f"lights {session}: {report.lines} lines read again; trips: "
               f"{report.trips_added} added, {report.trips - report.trips_added} already "
               f"present; {len(report.reports)} reports")


@lights_app.command("connect")
def lights_connect(
    ctx: typer.Context, event: str, session: str,
    port: Annotated[str, typer.Argument(help="Serial port (/dev/ttyUSB0, COM3) or a pyserial "
                                             "URL (rfc2217://HOST:PORT, socket://HOST:PORT).")],
    protocol: ProtocolOption,
    baud: Annotated[int | None, typer.Option("--baud", help="Serial speed (default: the "
                                                            "timer's).")] = None,
    first_trip_at: FirstTripOption = None,
) -> None:
    """Follow a serial timer into a session until interrupted (Ctrl-C)."""
    from trackside.cli.interrupt import run_until_interrupted
    from trackside.live.lights_recorder import LightsStats, record_lights
    from trackside.publish.formats import time_text
    from trackside.services.lights import check_protocol

    check_protocol(protocol)
    engine = engine_of(ctx)
    first = _first_trip(engine, event, session, first_trip_at)

    def trip(channel: str, time_us: int) -> None:
        typer.echo(f"trip {time_text(time_us)} {channel}")

    def note(message: str) -> None:
        err_console.print(message, highlight=False, markup=False, soft_wrap=True)

    async def follow(stop: asyncio.Event) -> LightsStats:
        return await record_lights(engine, event, session, port, protocol, stop=stop,
                                   baudrate=baud, first_trip_at_us=first, on_trip=trip,
                                   on_event=note)

    stats = run_until_interrupted(follow)
    typer.echo(f"lights: {stats.lines} lines journaled; {stats.trips} trips stored; "
               f"{stats.reports} reports; {stats.disconnects} disconnects")
