"""`trackside demo` (`make demo`): the generated day, scored and published; with --live, its last
session replayed from a simulated decoder into a running server (set-up: `demo/live_demo.py`)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trackside.cli.common import app, engine_of
from trackside.cli.interrupt import run_until_interrupted

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from trackside.demo.live_demo import LiveDemo
    from trackside.demo.replay import Replay
    from trackside.live.hub import LiveHub
    from trackside.web.server import Running


@app.command("demo")
def demo(
    ctx: typer.Context,
    out_dir: Annotated[
        Path | None, typer.Option("--out", metavar="DIR", help="Where the demo's files go.")
    ] = None,
    live: Annotated[
        bool, typer.Option("--live", help="Replay the day's last session live and serve it.")
    ] = False,
    speed: Annotated[float, typer.Option("--speed", help="Live replay speed-up.")] = 6.0,
    host: Annotated[str, typer.Option("--host", help="Live: address to listen on.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Live: web port (0: any free).")] = 8000,
) -> None:
    """Generate a realistic event, import it, score it and publish its site.

    With --live: replay its last session from a simulated decoder and serve it live."""
    if live:
        _live_demo(ctx, out_dir, speed=speed, host=host, port=port)
        return
    from trackside.demo import run_demo

    engine = engine_of(ctx)
    if out_dir is None:
        run_demo(engine)
    else:
        run_demo(engine, out_dir)


def _live_demo(ctx: typer.Context, out_dir: Path | None, *, speed: float, host: str,
               port: int) -> None:  # fmt: skip
    """Import the demo day less its last session, then serve that session's replay."""
    from trackside.demo.live_demo import fresh_database, live_demo_dir
    from trackside.demo.replay import prepare_live_demo

    out = live_demo_dir(out_dir)
    if not _database_given(ctx):
        path = fresh_database(out)
        ctx.find_root().obj["db"] = str(path)
        typer.echo(f"database: {path}")
    replay = prepare_live_demo(engine_of(ctx), out)
    typer.echo(f"Demo day imported; session {replay.session.id} ({replay.session.name}) "
               f"will be replayed live at {speed:g}x: {len(replay.passings)} passings")
    engine = engine_of(ctx)
    run_until_interrupted(
        lambda stop: _serve_replay(engine, replay, stop, speed=speed, host=host, port=port)
    )


def _database_given(ctx: typer.Context) -> bool:
    """--db or TRACKSIDE_DB names the database; else the live demo starts from an empty one."""
    from trackside.store.database import ENV_VAR

    return bool(ctx.find_root().obj.get("db") or os.environ.get(ENV_VAR))


async def _serve_replay(
    engine: Engine, replay: Replay, stop: asyncio.Event, *, speed: float, host: str, port: int
) -> None:
    from trackside.demo.live_demo import simulated_session
    from trackside.web.server import ServeOptions, serve

    async with simulated_session(replay, speed=speed) as live:
        options = ServeOptions(host=host, port=port, event_id=replay.event_id,
                               decoder=live.decoder, loops=live.loops, clock="decoder")  # fmt: skip
        await serve(engine, options, stop, extras=[_race_control(live)],
                    on_ready=lambda running: _announce(live, running))  # fmt: skip


def _race_control(live: LiveDemo) -> Callable[[LiveHub, asyncio.Event], Awaitable[None]]:
    """The server part running race control, then saying the replay is over."""

    async def part(hub: LiveHub, stop: asyncio.Event) -> None:
        await live.race_control(hub.engine, stop,
                                on_cue=lambda cue: typer.echo(f"race control: {cue.note}"))
        typer.echo("The replay is over; the results stay up until Ctrl-C.")

    return part


def _announce(live: LiveDemo, running: Running) -> None:
    from trackside.web import links

    page = links.live_page(live.replay.event_id, live.replay.session.id)
    host, port = live.decoder
    typer.echo(f"decoder simulator on {host}:{port}")
    for note in running.notes:
        typer.echo(note)
    typer.echo(f"\n  Open {running.url.rstrip('/')}{page} to watch the session live.\n")
    typer.echo("Ctrl-C to stop")
