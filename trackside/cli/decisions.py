"""`trackside penalty ...` and `trackside finalize`: officials' decisions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

from trackside.cli.common import (
    FormatOption,
    app,
    choose,
    emit,
    engine_of,
    journal_of,
    json_text,
    penalty_app,
)

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
    run: Annotated[int | None, typer.Option("--run", metavar="N",
                                            help="The run (tracksprint, hillclimb).")] = None,
    count: Annotated[int | None, typer.Option("--count", metavar="K",
                                              help="Cones (kind cones).")] = None,
    laps: Annotated[int | None, typer.Option("--laps", metavar="N",
                                             help="Laps deducted (laps-deducted).")] = None,
    places: Annotated[int | None, typer.Option("--places", metavar="N",
                                               help="Places back (position).")] = None,
    served_at: Annotated[str | None, typer.Option(
        "--served-at", metavar="TIME", help="When a drive-through or stop-and-go was served.",
    )] = None,
    at: Annotated[str | None, typer.Option("--at", metavar="TIME")] = None,
    seconds: Annotated[float | None, typer.Option("--seconds", metavar="S")] = None,
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")] = "",
    by: Annotated[str, typer.Option("--by", metavar="NAME")] = "",
    query: Annotated[int | None, typer.Option("--query", metavar="ID",
                                              help="The compliance query it answers.")] = None,
) -> None:
    """Record an official's decision on car NUMBER (kinds: see docs/cli.md)."""
    from trackside.services.decisions import add_decision
    from trackside.services.times import event_time

    engine = journal_of(ctx)
    at_us = event_time(engine, event, at) if at is not None else None
    served_us = None if served_at is None else event_time(engine, event, served_at,
                                                          "--served-at")
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
        run=run,
        count=count,
        laps=laps,
        places=places,
        served_us=served_us,
        query_id=query,
    )
    where = f" in {decision.session_id}" if decision.session_id else ""
    lap_text = f" lap {decision.lap}" if decision.lap is not None else ""
    if decision.run is not None:
        lap_text = f" run {decision.run}"
    if decision.count is not None:
        unit = {"laps-deducted": "lap", "position": "place"}.get(decision.kind, "cone")
        lap_text += f" ({decision.count} {unit}{'s' if decision.count != 1 else ''})"
    cites = f" (query {decision.query_id})" if decision.query_id is not None else ""
    typer.echo(f"decision {decision.id}: {decision.kind} for car {number}{where}{lap_text}"
               f"{cites}")


@penalty_app.command("list")
def penalty_list(ctx: typer.Context, event: str, fmt: FormatOption = "text") -> None:
    """List every decision with its id, author and time, and the rulebook's escalation."""

    fmt = choose(fmt, ("text", "json"))
    from trackside.cli.common import out, output_width
    from trackside.services.decision_report import decision_report

    rows = decision_report(engine_of(ctx), event)
    if fmt == "json":
        emit(json_text(rows))
        return
    width = output_width()
    out.print(_decision_table(rows, width), width=width)


@dataclass(frozen=True, slots=True)
class _Column:
    heading: str
    field: str
    widest: int | None = None
    """At most this many characters wide (longer text wraps, at spaces where it can); None for
    the reason and the escalation prompt, which share the width the others leave."""
    right: bool = False


DECISION_COLUMNS = (
    _Column("id", "id", 5, right=True), _Column("car", "number", 5),
    _Column("kind", "kind", 20), _Column("session", "session", 8),
    _Column("lap", "lap", 4, right=True), _Column("at", "at", 12),
    _Column("s", "seconds", 6, right=True), _Column("reason", "reason"),
    _Column("by", "author", 10), _Column("created", "created", 10),
    _Column("revoked by", "revoked_by", 7), _Column("escalation", "escalation"),
)  # fmt: skip
"""The penalty list's columns: heading, the report row's field, how wide at most."""


def _decision_table(rows: list[dict[str, Any]], width: int) -> Table:
    """Every decision in columns that fit `width`: the short fields as wide as their text (up to
    their limit, never narrower than a word of their heading), the reason and the escalation
    prompt wrapping in what is left. Times read `2026-05-16 09:04:00.000`, wrapping at the
    space; nothing is cut short with an ellipsis."""
    cells = [_cells(row) for row in rows]
    texts = [[row[i] for row in cells] for i in range(len(DECISION_COLUMNS))]
    widths = [_width(column, column_texts)
              for column, column_texts in zip(DECISION_COLUMNS, texts, strict=True)]  # fmt: skip
    flexible = [i for i, fixed in enumerate(widths) if fixed is None]
    left = width - sum(w for w in widths if w is not None) - (len(widths) - 1)
    shares = _share(left, [_longest(texts[i], DECISION_COLUMNS[i].heading) for i in flexible],
                    [_heading_width(DECISION_COLUMNS[i].heading) for i in flexible])  # fmt: skip
    for i, share in zip(flexible, shares, strict=True):
        widths[i] = share
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=0)
    for column, fixed in zip(DECISION_COLUMNS, widths, strict=True):
        table.add_column(column.heading, width=fixed, overflow="fold",
                         justify="right" if column.right else "left")  # fmt: skip
    for row in cells:
        table.add_row(*row)
    return table


def _cells(row: dict[str, Any]) -> list[str]:
    shown = {**row, "kind": _with_run(row, _kind_text(row)),
             "at": _readable(row["at"]), "created": _readable(row["created"], seconds=True)}
    return ["" if shown[c.field] is None else str(shown[c.field]) for c in DECISION_COLUMNS]


def _with_run(row: dict[str, Any], kind: str) -> str:
    """A run decision's kind with its run and cones (tracksprint.md): `cones run 1 x2`."""
    run = "" if row.get("run") is None else f" run {row['run']}"
    cones = "" if row.get("count") is None or row["kind"] != "cones" else f" x{row['count']}"
    return f"{kind}{run}{cones}"


def _readable(iso: str | None, seconds: bool = False) -> str | None:
    """`2026-05-16T09:04:00.000` as `2026-05-16 09:04:00.000` (to the second when asked)."""
    if iso is None:
        return None
    from trackside.publish.formats import readable_time

    text = readable_time(iso)
    return text[:19] if seconds else text


def _width(column: _Column, texts: list[str]) -> int | None:
    """A short column's width: its longest text or word of heading, up to its limit."""
    if column.widest is None:
        return None
    return max(_heading_width(column.heading), min(_longest(texts, ""), column.widest))


def _longest(texts: list[str], heading: str) -> int:
    return max((len(text) for text in [*texts, heading]), default=0)


def _heading_width(heading: str) -> int:
    return max(len(word) for word in heading.split())


def _share(room: int, wanted: list[int], least: list[int]) -> list[int]:
    """`room` columns shared by columns that want `wanted` each: all they want when it fits,
    else each at least `least`, the rest in proportion to what each wants beyond that."""
    if sum(wanted) <= room:
        return wanted
    spare = max(room - sum(least), 0)
    beyond = [w - m for w, m in zip(wanted, least, strict=True)]
    extra = [spare * b // max(sum(beyond), 1) for b in beyond]
    return [m + e for m, e in zip(least, extra, strict=True)]


def _kind_text(row: dict[str, Any]) -> str:
    """The kind with what it names: `revoke #7` (a decision), `revoke-flag flag 3`, `contact
    with 12`, `reclassify to S4`, `penalty-served #5`, `laps-deducted 2`, `drive-through served
    12:07:00.000`."""
    kind = row["kind"]
    if row["revokes"]:
        return f"{kind} #{row['revokes']}"
    if row["flag_id"]:
        return f"{kind} flag {row['flag_id']}"
    if row.get("other_number"):
        return f"{kind} with {row['other_number']}"
    if row.get("class"):
        return f"{kind} to {row['class']}"
    if row.get("serves"):
        return f"{kind} #{row['serves']}"
    if row.get("count") is not None and kind in ("laps-deducted", "position"):
        return f"{kind} {row['count']}"
    if row.get("served_at") and kind in ("drive-through", "stop-and-go"):
        return f"{kind} served {row['served_at'][11:]}"
    return kind


@penalty_app.command("served")
def penalty_served(
    ctx: typer.Context,
    event: str,
    decision_id: Annotated[int, typer.Argument(metavar="DECISION_ID")],
    at: Annotated[str, typer.Option("--at", metavar="TIME", help="When it was served.")],
    by: Annotated[str, typer.Option("--by", metavar="NAME")],
) -> None:
    """Mark drive-through or stop-and-go DECISION_ID served at --at TIME (endurance.md)."""
    from trackside.services.race import serve_penalty
    from trackside.services.times import event_time

    engine = engine_of(ctx)
    decision = serve_penalty(engine, event, decision_id, event_time(engine, event, at), by)
    typer.echo(f"decision {decision.id}: decision {decision_id} served by car {decision.number}")


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
