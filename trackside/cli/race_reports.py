"""`trackside report stints|pit-stops EVENT SESSION`: a race session's reports for officials
(endurance.md, "Drivers and stints", "Pit stops and the mandatory stop")."""

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

report_app = typer.Typer(no_args_is_help=True, help="A race session's stint and pit-stop reports.")
app.add_typer(report_app, name="report")


def _report(ctx: typer.Context, event: str, session: str, report: str, fmt: str,
            target: OutOption) -> None:  # fmt: skip
    from trackside.publish import render_race_report
    from trackside.services.race_results import race_results

    fmt = choose(fmt, RESULT_FORMATS)
    result = race_results(engine_of(ctx), event, session)
    emit(render_race_report(result, report, fmt), target)


@report_app.command("stints")
def stints(ctx: typer.Context, event: str, session: str, fmt: FormatOption = "text",
           target: OutOption = None) -> None:  # fmt: skip
    """Each team's stints: driver, start, end, duration, and the findings for officials."""
    _report(ctx, event, session, "stints", fmt, target)


@report_app.command("pit-stops")
def pit_stops(ctx: typer.Context, event: str, session: str, fmt: FormatOption = "text",
              target: OutOption = None) -> None:  # fmt: skip
    """Every pit stop in time order: in, out, duration, whether it served the mandatory stop."""
    _report(ctx, event, session, "pit-stops", fmt, target)
