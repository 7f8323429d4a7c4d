"""`trackside grid EVENT SESSION`: the order a session's cars are staged in."""

from __future__ import annotations

import typer

from trackside.cli.common import (
    RESULT_FORMATS,
    FormatOption,
    OutOption,
    app,
    choose,
    emit,
    engine_of,
)


@app.command("grid")
def grid(
    ctx: typer.Context,
    event: str,
    session: str,
    fmt: FormatOption = "text",
    target: OutOption = None,
) -> None:
    """A session's grid: its groups' cars by best time of the earlier sessions, then by number.

    Earlier sessions, scored or not, are those that went green before the session's first
    green (every session gone green so far when it has not started): RMD Event Procedures 2.2,
    SCCA TT VI.2.2.2. Cars with no time follow in car-number order."""
    from trackside.publish import render_grid
    from trackside.services.grid import event_grid

    fmt = choose(fmt, RESULT_FORMATS)
    emit(render_grid(event_grid(engine_of(ctx), event, session), fmt), target)
