"""`trackside serve`: live timing and results on the web, with the decoder and RMonitor output."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trackside.cli.common import app, engine_of
from trackside.cli.decoder import ClockOption, clock_mode
from trackside.cli.interrupt import run_until_interrupted

if TYPE_CHECKING:
    from trackside.web.server import ServeOptions

DecoderOption = Annotated[
    str | None,
    typer.Option("--decoder", metavar="HOST[:PORT]",
                 help="Follow this P3 decoder (default port 5403) and store its passings."),
]  # fmt: skip
LoopOption = Annotated[
    list[str] | None,
    typer.Option("--loop", metavar="DECODER=LOOP",
                 help="Loop name of a decoder id (repeat per decoder)."),
]  # fmt: skip


@app.command("serve")
def serve_command(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on "
                                      "(0.0.0.0: every phone on the paddock network).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Web port (0: any free port).")] = 8000,
    event: Annotated[str | None, typer.Option("--event", metavar="ID",
                                              help="The event running now.")] = None,
    decoder: DecoderOption = None,
    loop: LoopOption = None,
    rmonitor_port: Annotated[int, typer.Option("--rmonitor-port",
                                               help="RMonitor output port (0: off).")] = 50000,
    clock: ClockOption = "local",
    publish_dir: Annotated[Path | None, typer.Option(
        "--publish-dir", metavar="DIR",
        help="Where the console's Publish writes each event's site (DIR/EVENT).")] = None,
) -> None:
    """Serve live timing, results pages and their JSON twins until Ctrl-C."""
    from trackside.timing.p3.endpoints import DEFAULT_PORT, parse_address, parse_loops
    from trackside.web.server import ServeOptions

    options = ServeOptions(
        host=host, port=port, event_id=event,
        decoder=parse_address(decoder, DEFAULT_PORT, source="option --decoder")
        if decoder else None,
        loops=parse_loops(loop or []), rmonitor_port=rmonitor_port or None,
        clock=clock_mode(clock).value, publish_dir=publish_dir,
    )  # fmt: skip
    if event is not None:
        _require_event(ctx, event)
    run_server(ctx, options)


def _require_event(ctx: typer.Context, event_id: str) -> None:
    from trackside.services.event_reads import require_stored_event

    require_stored_event(engine_of(ctx), event_id, source="option --event")


def run_server(ctx: typer.Context, options: ServeOptions) -> None:
    """Run `trackside.web.server.serve` until Ctrl-C or SIGTERM, printing where it listens."""
    from trackside.web.server import Running, serve

    engine = engine_of(ctx)

    def ready(running: Running) -> None:
        typer.echo(f"trackside is serving {running.url}")
        typer.echo(f"live timing: {running.live_url}")
        for note in running.notes:
            typer.echo(note)
        typer.echo("Ctrl-C to stop")

    run_until_interrupted(lambda stop: serve(engine, options, stop, on_ready=ready))
