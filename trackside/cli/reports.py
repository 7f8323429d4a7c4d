"""`trackside report ...`: post-event reports (SCCA TT Appendix B 3.1). One function per
report, so that other branches' reports (stints, pit stops) join this group plainly."""

from __future__ import annotations

import typer

from trackside.cli.common import OutOption, app, emit, engine_of

# Services are imported by the commands that use them, not here (cli/lazy.py).

report_app = typer.Typer(no_args_is_help=True, help="Post-event reports (CSV).")
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
