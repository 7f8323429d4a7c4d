"""`trackside serve`: live timing and results on the web, with the decoder and RMonitor output."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trackside.cli.common import app, engine_of
from trackside.cli.decoder import ClockOption, clock_mode

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from trackside.demo.replay import Replay
    from trackside.live.hub import LiveHub
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
) -> None:
    """Serve live timing, results pages and their JSON twins until Ctrl-C."""
    from trackside.timing.p3.endpoints import DEFAULT_PORT, parse_address, parse_loops
    from trackside.web.server import ServeOptions

    options = ServeOptions(
        host=host, port=port, event_id=event,
        decoder=parse_address(decoder, DEFAULT_PORT, source="option --decoder")
        if decoder else None,
        loops=parse_loops(loop or []), rmonitor_port=rmonitor_port or None,
        clock=clock_mode(clock).value,
    )  # fmt: skip
    if event is not None:
        _require_event(ctx, event)
    run_server(ctx, options)


def _require_event(ctx: typer.Context, event_id: str) -> None:
    from trackside.errors import InputError
    from trackside.store.events import event_exists

    with engine_of(ctx).connect() as conn:
        if not event_exists(conn, event_id):
            raise InputError(f"no event {event_id!r} (import it with `trackside event import "
                             "FILE.toml`)", source="option --event")


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

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await serve(engine, options, stop, on_ready=ready)

    asyncio.run(main())


# --- the live demo (`trackside demo --live`, `make demo`) ---------------------------------

LIVE_DEMO_DIR = "live"
LIVE_DEMO_DB = "live.db"
DEMO_MAX_GAP_S = 8.0
"""The simulator skips quiet stretches longer than this (the red-flag stop, the cool-down)."""


def run_live_demo(
    ctx: typer.Context, out_dir: Path | None, *, speed: float, host: str, port: int
) -> None:
    """Import the demo day less its last session, then replay that session live: the decoder
    simulator sends its passings, race control records its flags and decisions, and the server
    (with its decoder client following the simulator) shows it on the printed address."""
    from trackside.demo.replay import prepare_live_demo
    from trackside.demo.run import DEFAULT_OUT_DIR

    out = Path(out_dir or DEFAULT_OUT_DIR) / LIVE_DEMO_DIR
    _use_fresh_database(ctx, out / LIVE_DEMO_DB)
    replay = prepare_live_demo(engine_of(ctx), out)
    typer.echo(f"Demo day imported; session {replay.session.id} ({replay.session.name}) "
               f"will be replayed live at {speed:g}x: {len(replay.passings)} passings")
    asyncio.run(_live_demo(engine_of(ctx), replay, speed=speed, host=host, port=port))


def _use_fresh_database(ctx: typer.Context, path: Path) -> None:
    """Unless --db or TRACKSIDE_DB names one, the live demo starts from an empty SQLite file."""
    from trackside.store.database import ENV_VAR

    root = ctx.find_root()
    if root.obj.get("db") or os.environ.get(ENV_VAR):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    root.obj["db"] = str(path)
    typer.echo(f"database: {path}")


async def _live_demo(
    engine: Engine, replay: Replay, *, speed: float, host: str, port: int
) -> None:
    from trackside.live.race_control import run_race_control
    from trackside.timing.p3.simulator import DecoderSimulator
    from trackside.web import links
    from trackside.web.server import Running, ServeOptions, serve

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    simulator = DecoderSimulator(replay.passings, speed=speed, max_gap_s=DEMO_MAX_GAP_S)
    decoder_port = await simulator.start("127.0.0.1", 0)
    loops = {d: name for d, name in simulator.decoder_loops.items() if name is not None}
    options = ServeOptions(host=host, port=port, event_id=replay.event_id,
                           decoder=("127.0.0.1", decoder_port), loops=loops,
                           clock="decoder")  # fmt: skip

    def ready(running: Running) -> None:
        page = links.live_page(replay.event_id, replay.session.id)
        typer.echo(f"decoder simulator on 127.0.0.1:{decoder_port}")
        for note in running.notes:
            typer.echo(note)
        typer.echo(f"\n  Open {running.url.rstrip('/')}{page} to watch the session live.\n")
        typer.echo("Ctrl-C to stop")

    async def race_control(hub: LiveHub, stop: asyncio.Event) -> None:
        await run_race_control(hub.engine, replay.event_id, replay.cues, simulator.rtc_us, stop,
                               on_cue=lambda cue: typer.echo(f"race control: {cue.note}"))
        await simulator.finished.wait()
        typer.echo("The replay is over; the results stay up until Ctrl-C.")

    try:
        await serve(engine, options, stop, extras=[race_control], on_ready=ready)
    finally:
        await simulator.close()
