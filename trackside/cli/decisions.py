"""`trackside penalty ...` and `trackside finalize`: officials' decisions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from trackside.cli.common import FormatOption, app, choose, emit, engine_of, json_text, penalty_app

if TYPE_CHECKING:
    from rich.table import Table

# Services, Rich and SQLAlchemy are imported by the commands that use them, not here: this
# module is imported (cli/lazy.py) to run any one of its commands, or to show its help.

# --- penalties ---------------------------------------------------------------------------


@penalty_app.command("add")
def penalty_add(
    ctx: typer.Context,
    event: str,
    number: str,
    kind: str,
    session: Annotated[str | None, typer.Option("--session", metavar="ID")] = None,
    lap: Annotated[int | None, typer.Option("--lap", metavar="N")] = None,
    at: Annotated[str | None, typer.Option("--at", metavar="TIME")] = None,
    seconds: Annotated[float | None, typer.Option("--seconds", metavar="S")] = None,
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")] = "",
    by: Annotated[str, typer.Option("--by", metavar="NAME")] = "",
) -> None:
    """Record an official's decision on car NUMBER (kinds: see docs/cli.md)."""
    from trackside.services.decisions import add_decision
    from trackside.services.times import event_time

    engine = engine_of(ctx)
    at_us = event_time(engine, event, at) if at is not None else None
    decision = add_decision(
        engine,
        event,
        number,
        kind,
        session_id=session,
        lap=lap,
        at_us=at_us,
        seconds=seconds,
        reason=reason,
        author=by,
    )
    where = f" in {decision.session_id}" if decision.session_id else ""
    lap_text = f" lap {decision.lap}" if decision.lap is not None else ""
    typer.echo(f"decision {decision.id}: {decision.kind} for car {number}{where}{lap_text}")


@penalty_app.command("list")
def penalty_list(ctx: typer.Context, event: str, fmt: FormatOption = "text") -> None:
    """List every decision with its id, author and time, and the rulebook's escalation."""
    from trackside.cli.common import out
    from trackside.services.decision_report import decision_report

    fmt = choose(fmt, ("text", "json"))
    rows = decision_report(engine_of(ctx), event)
    if fmt == "json":
        emit(json_text(rows))
        return
    out.print(_decision_table(rows))


DECISION_COLUMNS = {"id": "id", "kind": "kind", "car": "number", "session": "session",
                    "lap": "lap", "time": "at", "s": "seconds", "reason": "reason",
                    "by": "author", "created": "created", "revoked by": "revoked_by",
                    "escalation": "escalation"}  # fmt: skip
"""Column heading -> the report row's field."""


def _decision_table(rows: list[dict[str, Any]]) -> Table:
    from rich.table import Table

    table = Table(*DECISION_COLUMNS)
    for row in rows:
        shown = {**row, "kind": row["kind"] + (f" #{row['revokes']}" if row["revokes"] else "")}
        table.add_row(*("" if shown[f] is None else str(shown[f])
                        for f in DECISION_COLUMNS.values()))  # fmt: skip
    return table


@penalty_app.command("revoke")
def penalty_revoke(
    ctx: typer.Context,
    event: str,
    decision_id: Annotated[int, typer.Argument(metavar="ID")],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")],
    by: Annotated[str, typer.Option("--by", metavar="NAME")],
) -> None:
    """Revoke a decision (by recording a new one that revokes it)."""
    from trackside.services.decisions import revoke_decision

    revocation = revoke_decision(engine_of(ctx), event, decision_id, reason, by)
    typer.echo(f"decision {revocation.id}: revokes decision {decision_id}")


@app.command("finalize")
def finalize(
    ctx: typer.Context,
    event: str,
    by: Annotated[str, typer.Option("--by", metavar="NAME")],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")] = "",
) -> None:
    """Declare the event's results official (undo with `penalty revoke EVENT ID`)."""
    from trackside.services.decisions import declare_official

    decision = declare_official(engine_of(ctx), event, reason, by)
    typer.echo(f"decision {decision.id}: results of {event} declared official by {by}")
