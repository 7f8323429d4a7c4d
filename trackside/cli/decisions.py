"""`trackside penalty ...` and `trackside finalize`: officials' decisions."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from trackside.cli.common import (
    FormatOption,
    app,
    choose,
    emit,
    engine_of,
    json_text,
    out,
    penalty_app,
    time_text,
)
from trackside.core.records import EventFacts
from trackside.services import add_decision, revoke_decision
from trackside.services.decisions import DecisionListing, declare_official, listings_of
from trackside.services.times import event_time
from trackside.store import load_facts

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
    fmt = choose(fmt, ("text", "json"))
    facts = load_facts(engine_of(ctx), event)
    prompts = _escalation_prompts(facts)
    rows = [
        _decision_row(item, prompts.get(item.decision.id)) for item in listings_of(facts.decisions)
    ]
    if fmt == "json":
        emit(json_text(rows))
        return
    table = Table(
        "id",
        "kind",
        "car",
        "session",
        "lap",
        "time",
        "s",
        "reason",
        "by",
        "created",
        "revoked by",
        "escalation",
    )
    for row in rows:
        kind = row["kind"] + (f" #{row['revokes']}" if row["revokes"] else "")
        table.add_row(
            *(
                str(v) if v is not None else ""
                for v in (
                    row["id"],
                    kind,
                    row["number"],
                    row["session"],
                    row["lap"],
                    row["at"],
                    row["seconds"],
                    row["reason"],
                    row["author"],
                    row["created"],
                    row["revoked_by"],
                    row["escalation"],
                )
            )
        )
    out.print(table)


def _escalation_prompts(facts: EventFacts) -> dict[int, str]:
    """The rulebook's prompts per decision id (empty while the rules are not available)."""
    try:
        from trackside.rules import escalation_prompts
    except ImportError:
        return {}
    return escalation_prompts(facts)


def _decision_row(item: DecisionListing, escalation: str | None) -> dict[str, Any]:
    d = item.decision
    return {
        "id": d.id,
        "kind": str(d.kind),
        "number": d.number,
        "session": d.session_id,
        "lap": d.lap,
        "at": time_text(d.at_us),
        "seconds": None if d.penalty_us is None else d.penalty_us / 1_000_000,
        "reason": d.reason,
        "author": d.author,
        "created": time_text(d.created_us),
        "revokes": d.revokes,
        "revoked_by": item.revoked_by,
        "escalation": escalation,
    }


@penalty_app.command("revoke")
def penalty_revoke(
    ctx: typer.Context,
    event: str,
    decision_id: Annotated[int, typer.Argument(metavar="ID")],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")],
    by: Annotated[str, typer.Option("--by", metavar="NAME")],
) -> None:
    """Revoke a decision (by recording a new one that revokes it)."""
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
    decision = declare_official(engine_of(ctx), event, reason, by)
    typer.echo(f"decision {decision.id}: results of {event} declared official by {by}")
