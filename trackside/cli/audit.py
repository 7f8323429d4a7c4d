"""`trackside audit EVENT`: every decision, flag, entry version and passing inserted by hand,
with author, time, reason and what it changed (console.md, "Audit"; the web's `/audit` shows
the same rows)."""

from __future__ import annotations

from typing import Annotated

import typer

from trackside.cli.common import FormatOption, app, choose, emit, engine_of, json_text

AUDIT_COLUMNS = (("time", "recorded"), ("author", "by"), ("kind", "kind"), ("number", "car"),
                 ("session", "session"), ("changed", "what it changed"), ("reason", "reason"),
                 ("revoked_by", "revoked by"))  # fmt: skip


@app.command("audit")
def audit(
    ctx: typer.Context,
    event: str,
    person: Annotated[str | None, typer.Option("--person", metavar="NAME",
                                               help="Only what NAME did.")] = None,
    entry: Annotated[str | None, typer.Option("--entry", metavar="NUMBER",
                                              help="Only decisions on car NUMBER.")] = None,
    session: Annotated[str | None, typer.Option("--session", metavar="ID")] = None,
    fmt: FormatOption = "text",
) -> None:
    """Every change (decisions, flags, entries, passings by hand): who, when, why and what."""
    from trackside.services.audit import AuditFilter, audit_rows

    fmt = choose(fmt, ("text", "json"))
    rows = audit_rows(engine_of(ctx), event, AuditFilter(person, entry, session))
    if fmt == "json":
        emit(json_text(rows))
        return
    from rich import box
    from rich.table import Table

    from trackside.cli.common import out, output_width

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0))
    for _, heading in AUDIT_COLUMNS:
        table.add_column(heading, overflow="fold")
    for row in rows:
        cells = {**row, "time": (row["time"] or "").replace("T", " ")[:19]}
        table.add_row(*["" if cells[f] is None else str(cells[f]) for f, _ in AUDIT_COLUMNS])
    width = output_width()
    out.print(table, width=width)
