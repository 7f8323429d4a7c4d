"""`trackside event ...` and `trackside entries ...`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from trackside.cli.common import (
    FormatOption,
    choose,
    csv_text,
    emit,
    engine_of,
    entries_app,
    event_app,
    json_text,
    out,
)
from trackside.cli.flag_table import flag_table
from trackside.publish.formats import counted, time_text
from trackside.services import import_entries, import_event, list_entries, list_events
from trackside.services.entry_history import EntryChange, entry_history
from trackside.services.event_document import stored_event_document

ByOption = Annotated[
    str | None,
    typer.Option("--by", metavar="NAME",
                 help="Who is importing (recorded in the history); default your user name."),
]

# --- event -------------------------------------------------------------------------------


@event_app.command("import")
def event_import(ctx: typer.Context, file: Path, by: ByOption = None) -> None:
    """Import (or update) an event definition from a TOML file; a changed definition is a new
    version."""
    event = import_event(engine_of(ctx), file, by=by)
    typer.echo(
        f"event {event.id}: {event.name}, {counted(len(event.sessions), 'session')}, "
        f"{counted(len(event.rounds), 'round')}"
    )


@event_app.command("show")
def event_show(ctx: typer.Context, event: str, fmt: FormatOption = "text") -> None:
    """Show an event's sessions with their flag, rounds, entry count and classes."""
    fmt = choose(fmt, ("text", "json"))
    document = stored_event_document(engine_of(ctx), event)
    if fmt == "json":
        emit(json_text(document))
    else:
        _print_event(document)


def _print_event(doc: dict[str, Any]) -> None:
    """The event document as text: a heading, the definition, sessions and flags tables, the
    rounds."""
    for line in _event_lines(doc):
        out.print(line, highlight=False)
    out.print(_sessions_table(doc["sessions"]))
    flags = [flag for s in doc["sessions"] for flag in s["flags"]]
    if flags:
        out.print(flag_table(flags, title="Flags"))
    for r in doc["rounds"]:
        out.print(f"round {r['name']}: {', '.join(r['sessions'])}", highlight=False)
    out.print(_version_text(doc["definition"]), highlight=False)


def _version_text(change: dict[str, Any]) -> str:
    if not change["versions"]:
        return "definition: no versions recorded"
    return (f"definition version {change['versions']}, last changed "
            f"{change['changed_at'][:19]} by {change['changed_by']}")


def _event_lines(doc: dict[str, Any]) -> list[str]:
    track, days = doc["track"], doc["days"]
    return [
        f"[bold]{doc['id']}[/bold]  {doc['name']}",
        f"date {doc['date']} ({days} day{'s' if days != 1 else ''}), ruleset {doc['ruleset']}, "
        f"scoring {doc['scoring']}, min lap {doc['min_lap_s']} s, "
        f"awards {doc['awards_per_class']} per class",
        f"track {track['name'] or '-'}"
        + (f", {track['length_m']:g} m" if track["length_m"] else "")
        + (f", start/finish loop {track['start_finish_loop']}"
           if track["start_finish_loop"] else ""),
        f"entries {doc['entries']}"
        + (f" in classes {', '.join(doc['classes'])}" if doc["classes"] else "")
        + (", provisional" if doc["provisional"] else ", official"),
    ]  # fmt: skip


def _sessions_table(sessions: list[dict[str, Any]]) -> Table:
    table = Table("session", "name", "format", "scored", "groups", "start", "min", "flag",
                  title="Sessions", title_justify="left")  # fmt: skip
    for s in sessions:
        table.add_row(
            s["id"], s["name"], s["format"], "yes" if s["scored"] else "no",
            ", ".join(s["groups"]), s["start"] or "",
            f"{s['duration_min']:g}" if s["duration_min"] else "",
            f"{s['flag'] or '-'} ({s['phase']})",
        )  # fmt: skip
    return table


@event_app.command("status")
def event_status(ctx: typer.Context, event: str, fmt: FormatOption = "text") -> None:
    """Results provisional or official (who published them, when) and the rulebook's deadlines:
    official results within 7 days, the Participant Report within 14 (SCCA TT App. B 3.1)."""
    from trackside.publish.event_document import publication_document
    from trackside.services.reports import publication_state

    fmt = choose(fmt, ("text", "json"))
    doc = publication_document(publication_state(engine_of(ctx), event))
    if fmt == "json":
        emit(json_text(doc))
        return
    state = (f"official, published by {doc['by']} at {doc['at']}" if doc["official"]
             else "provisional (publish with `trackside finalize EVENT --by NAME`)")
    emit(f"event {event}: results {state}\n"
         f"  last day {doc['last_day']}\n"
         f"  official results due by {doc['official_results_due']} "
         "(SCCA TT Appendix B 3.1.1, 7 days)\n"
         f"  Participant Report due by {doc['participant_report_due']} "
         "(SCCA TT Appendix B 3.1.2, 14 days)")


@event_app.command("list")
def event_list(ctx: typer.Context) -> None:
    """List the events in the database."""
    table = Table("event", "name", "date", "entries", "passings")
    for summary in list_events(engine_of(ctx)):
        table.add_row(
            summary.id, summary.name, summary.date, str(summary.entries), str(summary.passings)
        )
    out.print(table)


# --- entries -----------------------------------------------------------------------------


@entries_app.command("import")
def entries_import(ctx: typer.Context, event: str, file: Path, by: ByOption = None) -> None:
    """Import an entry list (CSV, or a MotorsportReg export); re-import upserts by number, each
    changed entry a new version.

    Entries with enough car data (year, make, model, tire_width; more columns such as trim,
    drive, treadwear, weight sharpen it) are classified, and a declared class that disagrees is
    a warning."""
    report = import_entries(engine_of(ctx), event, file, by=by)
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(
        f"entries: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} already present"
    )


@entries_app.command("list")
def entries_list(ctx: typer.Context, event: str, fmt: FormatOption = "text") -> None:
    """List an event's entries."""
    rows = list_entries(engine_of(ctx), event)
    fmt = choose(fmt, ("text", "csv", "json"))
    if fmt == "json":
        emit(json_text(rows))
    elif fmt == "csv":
        emit(_entries_csv(rows))
    else:
        table = Table("number", "driver", "class", "group", "transponder", "car")
        for row in rows:
            car = " ".join(str(row[k]) for k in ("year", "make", "model", "trim") if row[k])
            table.add_row(
                row["number"],
                f"{row['first_name']} {row['last_name']}",
                row["class"],
                row["group"],
                row["transponder"],
                car,
            )
        out.print(table)


def _entries_csv(rows: list[dict[str, Any]]) -> str:
    extra = sorted({name for row in rows for name in row["extra"]})
    header = [name for name in rows[0] if name != "extra"] if rows else []
    return csv_text(
        header + extra,
        (
            [row[name] for name in header] + [row["extra"].get(name) for name in extra]
            for row in rows
        ),
    )


@entries_app.command("check")
def entries_check(ctx: typer.Context, event: str) -> None:
    """Check the stored entries again (licenses, memberships, minors' forms, groups at once):
    one line per problem, exit 1 when there is one."""
    from trackside.services.entries import check_entries

    problems = check_entries(engine_of(ctx), event)
    for problem in problems:
        typer.echo(problem.message())
    if not problems:
        typer.echo("entries: every check passes")
    raise typer.Exit(1 if problems else 0)


@entries_app.command("history")
def entries_history(
    ctx: typer.Context,
    event: str,
    number: Annotated[str | None, typer.Argument(help="One car's entry only.")] = None,
    fmt: FormatOption = "text",
) -> None:
    """List every version of an event's entries (or car NUMBER's): who, when, what changed."""
    fmt = choose(fmt, ("text", "json"))
    changes = entry_history(engine_of(ctx), event, number)
    if fmt == "json":
        emit(json_text([_change_document(change) for change in changes]))
        return
    table = Table("number", "version", "by", "when", "change")
    for change in changes:
        table.add_row(change.number, str(change.version), change.author,
                      (time_text(change.recorded_us) or "")[:19], change.change)
    out.print(table)


def _change_document(change: EntryChange) -> dict[str, Any]:
    return {
        "number": change.number,
        "version": change.version,
        "author": change.author,
        "recorded": time_text(change.recorded_us),
        "change": change.change,
        "entry": change.entry,
    }
