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
    time_text,
)
from trackside.core.clock import format_local_time
from trackside.services import (
    event_overview,
    import_entries,
    import_event,
    list_entries,
    list_events,
)
from trackside.services.entry_history import EntryChange, entry_history
from trackside.store.event_versions import EventVersion

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
        f"event {event.id}: {event.name}, {len(event.sessions)} sessions, "
        f"{len(event.rounds)} rounds"
    )


@event_app.command("show")
def event_show(ctx: typer.Context, event: str, fmt: FormatOption = "text") -> None:
    """Show an event's sessions, rounds, entry count and the definition's last change."""
    overview = event_overview(engine_of(ctx), event)
    if choose(fmt, ("text", "json")) == "json":
        document = _event_document(overview.event, overview.entries)
        emit(json_text({**document, "definition": _version_document(overview.last_change)}))
        return
    _print_event(overview.event, overview.entries)
    out.print(_version_text(overview.last_change), highlight=False)


def _version_document(last: EventVersion | None) -> dict[str, Any]:
    """How many versions the definition has, and who stored the newest one when."""
    return {
        "versions": last.version if last else 0,
        "changed_by": last.author if last else None,
        "changed_at": time_text(last.recorded_us) if last else None,
    }


def _version_text(last: EventVersion | None) -> str:
    if last is None:
        return "definition: no versions recorded"
    return (f"definition version {last.version}, last changed {_when(last.recorded_us)} "
            f"by {last.author}")


def _when(recorded_us: int) -> str:
    """A recording time to the second, for tables and summaries."""
    return format_local_time(recorded_us)[:19]


def _event_document(event: Any, entry_count: int) -> dict[str, Any]:
    return {
        "id": event.id,
        "name": event.name,
        "date": event.date,
        "days": event.days,
        "ruleset": event.ruleset,
        "scoring": str(event.scoring),
        "min_lap_s": event.min_lap_s,
        "awards_per_class": event.awards_per_class,
        "track": {
            "name": event.track.name,
            "length_m": event.track.length_m,
            "start_finish_loop": event.track.start_finish_loop,
        },
        "sessions": [
            {
                "id": s.id,
                "name": s.name,
                "format": str(s.format),
                "scored": s.scored,
                "groups": list(s.groups),
                "start": s.start,
                "duration_min": s.duration_min,
            }
            for s in event.sessions
        ],
        "rounds": [{"name": r.name, "sessions": list(r.sessions)} for r in event.rounds],
        "entries": entry_count,
    }


def _print_event(event: Any, entry_count: int) -> None:
    track = event.track
    out.print(f"[bold]{event.id}[/bold]  {event.name}", highlight=False)
    out.print(
        f"date {event.date} ({event.days} day{'s' if event.days != 1 else ''}), "
        f"ruleset {event.ruleset}, scoring {event.scoring}, min lap {event.min_lap_s} s, "
        f"awards {event.awards_per_class} per class",
        highlight=False,
    )
    out.print(
        f"track {track.name or '-'}"
        + (f", {track.length_m:g} m" if track.length_m else "")
        + (f", start/finish loop {track.start_finish_loop}" if track.start_finish_loop else ""),
        highlight=False,
    )
    out.print(f"entries {entry_count}", highlight=False)
    table = Table(
        "session",
        "name",
        "format",
        "scored",
        "groups",
        "start",
        "min",
        title="Sessions",
        title_justify="left",
    )
    for s in event.sessions:
        table.add_row(
            s.id,
            s.name,
            str(s.format),
            "yes" if s.scored else "no",
            ", ".join(s.groups),
            s.start or "",
            f"{s.duration_min:g}" if s.duration_min else "",
        )
    out.print(table)
    for r in event.rounds:
        out.print(f"round {r.name}: {', '.join(r.sessions)}", highlight=False)


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
                      _when(change.recorded_us), change.change)
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
