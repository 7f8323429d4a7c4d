"""`trackside tech pass|fail|pending|list` and `trackside reclassify` (docs/tech.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from trackside.cli.common import FormatOption, app, choose, emit, engine_of, json_text

# Services are imported by the commands that use them, not here (cli/lazy.py).

tech_app = typer.Typer(no_args_is_help=True,
                       help="Tech inspection: each car's status (pending, passed, failed), "
                            "who and when.")  # fmt: skip
app.add_typer(tech_app, name="tech")

Reason = Annotated[str, typer.Option("--reason", metavar="TEXT")]
Note = Annotated[str, typer.Option("--note", metavar="TEXT",
                                   help="E.g. annual inspection, logbook number.")]
By = Annotated[str | None, typer.Option("--by", metavar="NAME",
                                        help="Who inspected (default: the OS user).")]


def _record(ctx: typer.Context, event: str, number: str, state: str, reason: str, note: str,
            by: str | None) -> None:  # fmt: skip
    from trackside.services.author import author_or_user
    from trackside.services.tech import set_tech_status

    record = set_tech_status(engine_of(ctx), event, number, state, reason=reason, note=note,
                             author=author_or_user(by))  # fmt: skip
    typer.echo(f"tech {record.id}: car {number} {record.state} (by {record.author})")


@tech_app.command("pass")
def tech_pass(ctx: typer.Context, event: str, number: str, reason: Reason = "",
              note: Note = "", by: By = None) -> None:  # fmt: skip
    """Car NUMBER passed tech (it and its drivers' gear, SCCA TT Rules 5)."""
    _record(ctx, event, number, "passed", reason, note, by)


@tech_app.command("fail")
def tech_fail(ctx: typer.Context, event: str, number: str, reason: Reason = "",
              note: Note = "", by: By = None) -> None:  # fmt: skip
    """Car NUMBER failed tech (--reason says what was found)."""
    _record(ctx, event, number, "failed", reason, note, by)


@tech_app.command("pending")
def tech_pending(ctx: typer.Context, event: str, number: str, reason: Reason = "",
                 note: Note = "", by: By = None) -> None:  # fmt: skip
    """Car NUMBER is to be inspected (again: e.g. after a change to its safety gear)."""
    _record(ctx, event, number, "pending", reason, note, by)


@tech_app.command("list")
def tech_list(ctx: typer.Context, event: str, fmt: FormatOption = "text") -> None:
    """Each car's tech status, who set it and when; the cars still pending."""
    from trackside.publish.tech_text import tech_document, tech_text
    from trackside.services.tech import event_tech

    fmt = choose(fmt, ("text", "json"))
    cars = event_tech(engine_of(ctx), event)
    emit(json_text(tech_document(event, cars)) if fmt == "json" else tech_text(event, cars))


@app.command("reclassify")
def reclassify(
    ctx: typer.Context,
    event: str,
    number: str,
    car_class: Annotated[str, typer.Argument(metavar="CLASS")],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")] = "",
    by: By = None,
) -> None:
    """Move car NUMBER to CLASS for the whole event (a decision; `penalty revoke` undoes it)."""
    from trackside.services.author import author_or_user
    from trackside.services.tech import reclassify as record

    decision = record(engine_of(ctx), event, number, car_class, reason, author_or_user(by))
    typer.echo(f"decision {decision.id}: car {number} reclassified to {decision.car_class}")
