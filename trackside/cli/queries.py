"""`trackside query file|waive|answer|list` and `trackside impound release` (officials.md,
"Compliance queries"; SCCA TT Rules Compliance Query)."""

from __future__ import annotations

from typing import Annotated

import typer

from trackside.cli.common import FormatOption, app, choose, emit, engine_of, json_text

# Services are imported by the commands that use them, not here (cli/lazy.py).

query_app = typer.Typer(no_args_is_help=True,
                        help="Compliance queries: file (with the rulebook's fee), waive, "
                             "answer, list.")  # fmt: skip
impound_app = typer.Typer(no_args_is_help=True, help="Impound: record a car's release.")
app.add_typer(query_app, name="query")
app.add_typer(impound_app, name="impound")

ByOption = Annotated[str, typer.Option("--by", metavar="NAME")]
AtOption = Annotated[str, typer.Option("--at", metavar="TIME",
                                       help="ISO 8601 or a time of day on the event's date.")]


@query_app.command("file")
def query_file(
    ctx: typer.Context,
    event: str,
    subject: Annotated[str, typer.Option("--subject", metavar="NUMBER")],
    question: Annotated[str, typer.Option("--question", metavar="TEXT")],
    by: ByOption,
    at: AtOption,
    official: Annotated[bool, typer.Option("--official",
                                           help="Filed by an event official (no fee).")] = False,
) -> None:
    """File a compliance query about car --subject; prints its id and the fee due."""
    from trackside.services.queries import file_query
    from trackside.services.times import event_time

    engine = engine_of(ctx)
    query = file_query(engine, event, subject, question, by, event_time(engine, event, at),
                       official=official)
    typer.echo(f"query {query.id}: about car {query.subject}, fee ${query.fee}")


@query_app.command("waive")
def query_waive(ctx: typer.Context, event: str, query_id: Annotated[int, typer.Argument(
        metavar="ID")], by: ByOption) -> None:
    """Waive query ID's fee (the event lead or competition director, rule 3.E)."""
    from trackside.services.queries import waive_query

    query = waive_query(engine_of(ctx), event, query_id, by)
    typer.echo(f"query {query.id}: fee waived by {by.strip()}, ${query.fee_due} due")


@query_app.command("answer")
def query_answer(
    ctx: typer.Context,
    event: str,
    query_id: Annotated[int, typer.Argument(metavar="ID")],
    outcome: Annotated[str, typer.Option("--outcome", metavar="reasonable|unreasonable")],
    answer: Annotated[str, typer.Option("--answer", metavar="TEXT")],
    by: ByOption,
) -> None:
    """Answer query ID; a reasonable query's fee is returned (rule 3.F)."""
    from trackside.services.queries import answer_query

    query = answer_query(engine_of(ctx), event, query_id, outcome, answer, by)
    typer.echo(f"query {query.id}: answered {query.outcome}, ${query.fee_due} due")


@query_app.command("list")
def query_list(ctx: typer.Context, event: str, fmt: FormatOption = "text") -> None:
    """Every query: id, subject, filer, time, fee, status, outcome, fee due."""
    from trackside.publish.query_rows import queries_text, query_document
    from trackside.services.queries import list_queries

    fmt = choose(fmt, ("text", "json"))
    queries = list_queries(engine_of(ctx), event)
    emit(json_text([query_document(q) for q in queries]) if fmt == "json"
         else queries_text(queries))


@impound_app.command("release")
def impound_release(ctx: typer.Context, event: str, number: str, at: AtOption,
                    by: Annotated[str, typer.Option("--by", metavar="NAME")] = "") -> None:
    """Record car NUMBER's release from impound at --at (a decision; bounds rule 3.G)."""
    from trackside.services.queries import release_from_impound
    from trackside.services.times import event_time

    engine = engine_of(ctx)
    decision = release_from_impound(engine, event, number, event_time(engine, event, at), by)
    typer.echo(f"decision {decision.id}: impound-release for car {number}")
