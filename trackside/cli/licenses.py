"""`trackside satisfactory` and `trackside license status|grant` (officials.md,
"Satisfactory marks", "License upgrades")."""

from __future__ import annotations

from typing import Annotated

import typer

from trackside.cli.common import FormatOption, app, choose, emit, engine_of, json_text

# Services are imported by the commands that use them, not here (cli/lazy.py).

license_app = typer.Typer(no_args_is_help=True,
                          help="Licenses: upgrade status from a driver's events, officials' "
                               "grants (SCCA TT II.4-II.6).")  # fmt: skip
app.add_typer(license_app, name="license")


@app.command("satisfactory")
def satisfactory(
    ctx: typer.Context,
    event: str,
    number: str,
    mark: Annotated[str, typer.Argument(metavar="yes|no")],
    by: Annotated[str, typer.Option("--by", metavar="NAME")],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")] = "",
) -> None:
    """Mark car NUMBER's entry satisfactory or not (a decision; `no` needs --reason)."""
    from trackside.services.marks import mark_satisfactory

    decision = mark_satisfactory(engine_of(ctx), event, number, mark, by, reason)
    typer.echo(f"decision {decision.id}: {decision.kind} for car {number}")


@license_app.command("status")
def license_status(ctx: typer.Context, member_id: str, fmt: FormatOption = "text") -> None:
    """Where MEMBER_ID stands toward the next license, and why each event counts or not."""
    from trackside.publish.license_text import license_status_text
    from trackside.services.licenses import member_license_status

    fmt = choose(fmt, ("text", "json"))
    status = member_license_status(engine_of(ctx), member_id)
    emit(json_text(status.as_json()) if fmt == "json" else license_status_text(status))


@license_app.command("grant")
def license_grant(
    ctx: typer.Context,
    member_id: str,
    grade: Annotated[str, typer.Argument(metavar="GRADE")],
    by: Annotated[str, typer.Option("--by", metavar="NAME")],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")],
) -> None:
    """Grant MEMBER_ID a license GRADE (experience, or Pro: an officials' decision)."""
    from trackside.services.licenses import grant_license

    grant = grant_license(engine_of(ctx), member_id, grade, by, reason)
    typer.echo(f"license grant {grant}: {member_id} now holds {grade}")
