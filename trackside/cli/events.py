"""`trackside event ...` and `trackside entries ...`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
from trackside.services import (
    event_overview,
    import_entries,
    import_event,
    list_entries,
    list_events,
)

# --- event -------------------------------------------------------------------------------


@event_app.command("import")
def event_import(ctx: typer.Context, file: Path) -> None:
    """Import (or update) an event definition from a TOML file."""
    event = import_event(engine_of(ctx), file)
    typer.echo(
        f"event {event.id}: {event.name}, {len(event.sessions)} sessions, "
        f"{len(event.rounds)} rounds"
    )


@event_app.command("show")
def event_show(ctx: typer.Context, event: str, fmt: FormatOption = "text") -> None:
    """Show an event's sessions, rounds and entry count."""
    overview = event_overview(engine_of(ctx), event)
    if choose(fmt, ("text", "json")) == "json":
        emit(json_text(_event_document(overview.event, overview.entries)))
        return
    _print_event(overview.event, overview.entries)


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
def entries_import(ctx: typer.Context, event: str, file: Path) -> None:
    """Import an entry list (CSV, or a MotorsportReg export); re-import upserts by number.

    Entries with enough car data (year, make, model, tire_width; more columns such as trim,
    drive, treadwear, weight sharpen it) are classified, and a declared class that disagrees is
    a warning."""
    report = import_entries(engine_of(ctx), event, file)
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
