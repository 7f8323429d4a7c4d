"""`trackside groups suggest EVENT` (SCCA TT VI.2.2.1, Appendix C 3.2; IMG's groups)."""

from __future__ import annotations

from typing import Annotated

import typer

from trackside.cli.common import FormatOption, app, choose, emit, engine_of, json_text

# Services are imported by the commands that use them, not here (cli/lazy.py).

groups_app = typer.Typer(no_args_is_help=True,
                         help="Run groups: suggest them by license grade and experience.")
app.add_typer(groups_app, name="groups")


@groups_app.command("suggest")
def groups_suggest(ctx: typer.Context, event: str, fmt: FormatOption = "text") -> None:
    """Suggest each entry's group by license and experience, each group in grid order."""
    from trackside.publish.group_text import suggestions_document, suggestions_text
    from trackside.services.groups import group_suggestions

    fmt = choose(fmt, ("text", "json"))
    found = group_suggestions(engine_of(ctx), event)
    emit(json_text(suggestions_document(found)) if fmt == "json" else suggestions_text(found))


@groups_app.command("accept")
def groups_accept(
    ctx: typer.Context,
    event: str,
    by: Annotated[str, typer.Option("--by", metavar="NAME", help="The registrar.")],
    cars: Annotated[list[str] | None, typer.Option("--car", metavar="NUMBER",
                                                   help="Accept only these cars' moves.")] = None,
) -> None:
    """Move entries to their suggested groups (all, or each --car): a new version of each."""
    from trackside.services.groups import accept_groups

    moves = accept_groups(engine_of(ctx), event, by, cars or None)
    for number, was, now in moves:
        typer.echo(f"car {number}: {was} -> {now}")
    typer.echo(f"groups: {len(moves)} moved")
