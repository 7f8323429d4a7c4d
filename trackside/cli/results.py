"""`trackside results`, `laps`, `publish` and `demo`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trackside.cli.common import (
    RESULT_FORMATS,
    FormatOption,
    OutOption,
    app,
    check_class,
    choose,
    emit,
    engine_of,
    now_text,
)
from trackside.rules import scored
from trackside.services.checks import require_session
from trackside.store import load_facts

# --- results -----------------------------------------------------------------------------


@app.command("results")
def results(
    ctx: typer.Context,
    event: str,
    session: Annotated[str | None, typer.Option("--session", metavar="ID")] = None,
    car_class: Annotated[str | None, typer.Option("--class", metavar="C")] = None,
    fmt: FormatOption = "text",
    target: OutOption = None,
) -> None:
    """Event results (or one session's with --session)."""
    from trackside.publish import render_event, render_session

    fmt = choose(fmt, RESULT_FORMATS)
    facts = load_facts(engine_of(ctx), event)
    check_class(facts, car_class)
    if session is None:
        result = scored(facts, generated_at=now_text()).event
        emit(render_event(result, fmt, car_class=car_class), target)
    else:
        require_session(facts.event, session, source="option --session")
        emit(
            render_session(scored(facts).sessions[session], fmt, car_class=car_class), target
        )


@app.command("laps")
def laps(
    ctx: typer.Context,
    event: str,
    session: str,
    fmt: FormatOption = "text",
    target: OutOption = None,
) -> None:
    """Every lap of every car in one session (a lap chart)."""
    from trackside.publish import render_lap_chart

    fmt = choose(fmt, RESULT_FORMATS)
    facts = load_facts(engine_of(ctx), event)
    require_session(facts.event, session, source="argument SESSION")
    emit(render_lap_chart(scored(facts).sessions[session], fmt), target)


@app.command("publish")
def publish(
    ctx: typer.Context,
    event: str,
    out_dir: Annotated[Path, typer.Option("--out", metavar="DIR", help="Site directory.")],
) -> None:
    """Write the event's results site (HTML pages with JSON twins) to DIR."""
    from trackside.publish import write_site

    facts = load_facts(engine_of(ctx), event)
    everything = scored(facts, generated_at=now_text())
    event_result, sessions = everything.event, list(everything.sessions.values())
    written = write_site(event_result, sessions, out_dir)
    typer.echo(f"wrote {len(written)} files to {out_dir}")


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
        from trackside.cli.serve import run_live_demo

        run_live_demo(ctx, out_dir, speed=speed, host=host, port=port)
        return
    from trackside.demo import run_demo

    engine = engine_of(ctx)
    if out_dir is None:
        run_demo(engine)
    else:
        run_demo(engine, out_dir)
