"""`trackside results`, `laps` and `publish`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

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


class ResultsGroup(TyperGroup):
    """`results EVENT ...` shows an event's results (the hidden `show`); `results import EVENT
    FILE` imports a results-only event (championship.md)."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["show", *args]
        return super().resolve_command(ctx, args)


results_app = typer.Typer(cls=ResultsGroup, no_args_is_help=True,
                          help="Event results (or one session's with --session).")
app.add_typer(results_app, name="results")


@results_app.command("show", hidden=True)
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


@results_app.command("import")
def results_import(
    ctx: typer.Context,
    event: str,
    file: Path,
    name: Annotated[str, typer.Option("--name", metavar="N", help="The event's name.")],
    date: Annotated[str, typer.Option("--date", metavar="D", help="YYYY-MM-DD.")],
    by: Annotated[str, typer.Option("--by", metavar="NAME")] = "",
) -> None:
    """Create (or replace the results of) a results-only event from a CSV of class results."""
    from trackside.services.results_import import import_results

    report = import_results(engine_of(ctx), event, file, name, date, by)
    verb = "replaced the results of" if report.replaced else "created"
    typer.echo(f"{verb} results-only event {report.event_id}: {counted(report.rows, 'row')}")


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
