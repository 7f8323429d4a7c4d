"""`trackside flag add|list|revoke` and `trackside flags import`.

`trackside flag EVENT SESSION STATE --at TIME` (interfaces.md, Flags) still records a flag: a
first word that is not a subcommand is read as `flag add` (event ids cannot be `add`, `list` or
`revoke`: `timing/event_file.py`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from trackside.cli.common import (
    FormatOption,
    app,
    choose,
    emit,
    engine_of,
    flags_app,
    journal_of,
    json_text,
)

# Services, Rich and SQLAlchemy are imported by the commands that use them, not here: this
# module is imported (cli/lazy.py) to run any one of its commands, or to show its help.


class AddByDefault(TyperGroup):
    """A group whose first word, when not one of its commands (or --help), means `add`."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["add", *args]
        return super().parse_args(ctx, args)


flag_app = typer.Typer(
    cls=AddByDefault,
    no_args_is_help=True,
    help="Flags: record one (`flag EVENT SESSION STATE --at TIME` is `flag add`), list, revoke.",
)
app.add_typer(flag_app, name="flag")


@flag_app.command("add")
def flag_add(
    ctx: typer.Context,
    event: str,
    session: str,
    state: str,
    at: Annotated[str, typer.Option("--at", help="ISO 8601 or a time of day.", metavar="TIME")],
    by: Annotated[str, typer.Option("--by", help="Who showed or called it.")] = "",
) -> None:
    """Record a flag: STATE is green, yellow, red, black-all or checkered."""
    from trackside.publish.formats import time_text
    from trackside.services.flags import record_flag
    from trackside.services.times import event_time

    engine = journal_of(ctx)
    time_us = event_time(engine, event, at)
    added = record_flag(engine, event, session, state, time_us, by)
    note = "recorded" if added else "already recorded"
    typer.echo(f"flag {state.lower()} in {session} at {time_text(time_us)}: {note}")


@flag_app.command("list")
def flag_list(
    ctx: typer.Context,
    event: str,
    session: Annotated[str | None, typer.Option("--session", metavar="ID")] = None,
    fmt: FormatOption = "text",
) -> None:
    """List every recorded flag with its id, author and times; revoked ones say by what."""
    from trackside.cli.common import out
    from trackside.cli.flag_table import flag_table
    from trackside.publish.flag_rows import flag_row
    from trackside.services.flag_revokes import list_flags

    fmt = choose(fmt, ("text", "json"))
    rows: list[dict[str, Any]] = [flag_row(s) for s in list_flags(engine_of(ctx), event, session)]
    if fmt == "json":
        emit(json_text(rows))
    else:
        out.print(flag_table(rows))


@flag_app.command("revoke")
def flag_revoke(
    ctx: typer.Context,
    event: str,
    flag_id: Annotated[int, typer.Argument(metavar="ID")],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")],
    by: Annotated[str, typer.Option("--by", metavar="NAME")],
) -> None:
    """Revoke a flag shown by mistake (a decision; the flag is never deleted)."""
    from trackside.services.flag_revokes import revoke_flag

    decision = revoke_flag(engine_of(ctx), event, flag_id, reason, by)
    typer.echo(f"decision {decision.id}: revokes flag {flag_id} in {decision.session_id} "
               f"(undo with `trackside penalty revoke {event} {decision.id}`)")


@flags_app.command("import")
def flags_import(ctx: typer.Context, event: str, file: Path) -> None:
    """Import flags from a `session,state,time` CSV file."""
    from trackside.services.flags import import_flags

    report = import_flags(engine_of(ctx), event, file)
    typer.echo(f"flags: {report.added} added, {report.duplicates} already present")
