"""`trackside report ...`: post-event reports (SCCA TT Appendix B 3.1: the Participant Report,
the compliance queries) and a race session's reports for officials (endurance.md, "Drivers and
stints", "Pit stops and the mandatory stop"). One function per report."""

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

REPORT_HELP = "Reports: participants and queries (CSV), a race's stints and pit stops."

# Services are imported by the commands that use them, not here (cli/lazy.py).

report_app = typer.Typer(no_args_is_help=True, help=REPORT_HELP)
app.add_typer(report_app, name="report")


@report_app.command("participants")
def report_participants(ctx: typer.Context, event: str, target: OutOption = None) -> None:
    """The Participant Report CSV (SCCA TT Appendix B 3.1.2 B), one row per entry."""
    from trackside.services.reports import participant_report

    emit(participant_report(engine_of(ctx), event), target)


@report_app.command("queries")
def report_queries(ctx: typer.Context, event: str, target: OutOption = None) -> None:
    """Every compliance query: question, filer, fee, waiver, answer, fee due (CSV)."""
    from trackside.services.reports import queries_report

    emit(queries_report(engine_of(ctx), event), target)


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
