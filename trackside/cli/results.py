"""`trackside results`, `laps` and `publish`."""

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
from trackside.publish.formats import counted
from trackside.services.publishing import publish_site
from trackside.services.results import event_results

# --- results -----------------------------------------------------------------------------


@app.command("results")
def results(
    ctx: typer.Context,
    event: str,
    session: Annotated[str | None, typer.Option("--session", metavar="ID")] = None,
    car_class: Annotated[str | None, typer.Option("--class", metavar="C")] = None,
    part: Annotated[str | None, typer.Option(
        "--part", metavar="PART", help="A race session's part: race (default) or sprint.")
    ] = None,
    fmt: FormatOption = "text",
    target: OutOption = None,
) -> None:
    """Event results (or one session's with --session)."""
    from trackside.publish import render_event, render_session

    fmt = choose(fmt, RESULT_FORMATS)
    if part is not None:
        choose(part, ("race", "sprint"), "--part")
    results = event_results(engine_of(ctx), event, session=session, car_class=car_class,
                            generated_at=now_text())  # fmt: skip
    if session is None:
        if part is not None:
            raise InputError("--part names a part of a race session: give --session R",
                             source="option --part")
        emit(render_event(results.event, fmt, car_class=car_class), target)
    elif part is not None:
        from trackside.publish import render_race
        from trackside.services.race_results import race_session_result

        result = race_session_result(results, session, part)
        emit(render_race(result, fmt, part=part, car_class=car_class), target)
    else:
        emit(render_session(results.sessions[session], fmt, car_class=car_class), target)


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
    results = event_results(engine_of(ctx), event, session=session,
                            session_source="argument SESSION")  # fmt: skip
    emit(render_lap_chart(results.sessions[session], fmt), target)


@app.command("publish")
def publish(
    ctx: typer.Context,
    event: str,
    out_dir: Annotated[Path, typer.Option("--out", metavar="DIR", help="Site directory.")],
) -> None:
    """Write the event's results site (HTML pages with JSON twins) to DIR."""
    written = publish_site(engine_of(ctx), event, out_dir)
    typer.echo(f"wrote {counted(len(written), 'file')} to {out_dir}")
