"""`trackside groups suggest EVENT` (SCCA TT VI.2.2.1, Appendix C 3.2; IMG's groups)."""

from __future__ import annotations

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
