"""The `trackside` command (interfaces.md): parse arguments, call a service, print.

Bad input of any kind prints one line, `error: <file:line: field 'x': message>`, to stderr and
exits 1; the services guarantee the database is then exactly as it was.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from typer.core import TyperGroup

from trackside.core import scoring
from trackside.core.clock import format_local_time
from trackside.core.records import EventFacts
from trackside.errors import InputError
from trackside.services import (
    add_decision,
    event_overview,
    import_entries,
    import_event,
    import_flags,
    import_passings,
    list_entries,
    list_events,
    list_passings,
    record_flag,
    revoke_decision,
)
from trackside.services.checks import require_session
from trackside.services.decisions import DecisionListing, declare_official, listings_of
from trackside.services.times import event_time
from trackside.store import load_facts, open_engine

PROGRESS_THRESHOLD = 2000
RESULT_FORMATS = ("text", "json", "csv", "html")


class ReportingGroup(TyperGroup):
    """Turns bad input into one line on stderr and exit status 1."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as err:
            _fail(str(err))
        except OperationalError as err:
            _fail(f"database: {str(err.orig).strip().splitlines()[0]}")


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


app = typer.Typer(
    cls=ReportingGroup,
    no_args_is_help=True,
    add_completion=False,
    help="Club motorsport Time Trials: transponder timing, laps, penalties, class results.",
)
event_app = typer.Typer(no_args_is_help=True, help="Event definitions (TOML).")
entries_app = typer.Typer(no_args_is_help=True, help="Entry lists (CSV, MotorsportReg export).")
passings_app = typer.Typer(no_args_is_help=True, help="Transponder passings.")
flags_app = typer.Typer(no_args_is_help=True, help="Flags from a file.")
penalty_app = typer.Typer(no_args_is_help=True, help="Officials' decisions.")
app.add_typer(event_app, name="event")
app.add_typer(entries_app, name="entries")
app.add_typer(passings_app, name="passings")
app.add_typer(flags_app, name="flags")
app.add_typer(penalty_app, name="penalty")

out = Console(width=None if sys.stdout.isatty() else 200)
err_console = Console(stderr=True)

FormatOption = Annotated[str, typer.Option("--format", help="Output format.")]
OutOption = Annotated[Path | None, typer.Option("--out", help="Write to FILE, not stdout.")]


@app.callback()
def _options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database URL or SQLite path (default $TRACKSIDE_DB, "
                                  "else sqlite:///trackside.db).", metavar="URL"),
    ] = None,
) -> None:
    ctx.obj = {"db": db}


def _engine(ctx: typer.Context) -> Engine:
    """The database of this invocation, opened (and migrated) on first use."""
    root = ctx.find_root()
    if "engine" not in root.obj:
        engine = open_engine(root.obj["db"])
        root.obj["engine"] = engine
        root.call_on_close(engine.dispose)
    return root.obj["engine"]


def _choose(value: str, allowed: Sequence[str], option: str = "--format") -> str:
    if value not in allowed:
        raise InputError(f"expected one of {', '.join(allowed)}; got {value!r}",
                         source=f"option {option}")
    return value


def _emit(text: str, target: Path | None = None) -> None:
    """Write rendered output to a file (and say so) or to stdout."""
    if target is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    typer.echo(f"wrote {target}")


def _csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return buffer.getvalue()


def _json_text(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False)


def _time(time_us: int | None) -> str | None:
    if time_us is None:
        return None
    return format_local_time(time_us, digits=3 if time_us % 1000 == 0 else 6)


# --- event -------------------------------------------------------------------------------


@event_app.command("import")
def event_import(ctx: typer.Context, file: Path) -> None:
    """Import (or update) an event definition from a TOML file."""
    event = import_event(_engine(ctx), file)
    typer.echo(f"event {event.id}: {event.name}, {len(event.sessions)} sessions, "
               f"{len(event.rounds)} rounds")


@event_app.command("show")
def event_show(ctx: typer.Context, event: str, fmt: FormatOption = "text") -> None:
    """Show an event's sessions, rounds and entry count."""
    overview = event_overview(_engine(ctx), event)
    if _choose(fmt, ("text", "json")) == "json":
        _emit(_json_text(_event_document(overview.event, overview.entries)))
        return
    _print_event(overview.event, overview.entries)


def _event_document(event: Any, entry_count: int) -> dict[str, Any]:
    return {
        "id": event.id, "name": event.name, "date": event.date, "days": event.days,
        "ruleset": event.ruleset, "scoring": str(event.scoring), "min_lap_s": event.min_lap_s,
        "awards_per_class": event.awards_per_class,
        "track": {"name": event.track.name, "length_m": event.track.length_m,
                  "start_finish_loop": event.track.start_finish_loop},
        "sessions": [
            {"id": s.id, "name": s.name, "format": str(s.format), "scored": s.scored,
             "groups": list(s.groups), "start": s.start, "duration_min": s.duration_min}
            for s in event.sessions
        ],
        "rounds": [{"name": r.name, "sessions": list(r.sessions)} for r in event.rounds],
        "entries": entry_count,
    }


def _print_event(event: Any, entry_count: int) -> None:
    track = event.track
    out.print(f"[bold]{event.id}[/bold]  {event.name}", highlight=False)
    out.print(f"date {event.date} ({event.days} day{'s' if event.days != 1 else ''}), "
              f"ruleset {event.ruleset}, scoring {event.scoring}, min lap {event.min_lap_s} s, "
              f"awards {event.awards_per_class} per class", highlight=False)
    out.print(f"track {track.name or '-'}"
              + (f", {track.length_m:g} m" if track.length_m else "")
              + (f", start/finish loop {track.start_finish_loop}"
                 if track.start_finish_loop else ""), highlight=False)
    out.print(f"entries {entry_count}", highlight=False)
    table = Table("session", "name", "format", "scored", "groups", "start", "min",
                  title="Sessions", title_justify="left")
    for s in event.sessions:
        table.add_row(s.id, s.name, str(s.format), "yes" if s.scored else "no",
                      ", ".join(s.groups), s.start or "",
                      f"{s.duration_min:g}" if s.duration_min else "")
    out.print(table)
    for r in event.rounds:
        out.print(f"round {r.name}: {', '.join(r.sessions)}", highlight=False)


@event_app.command("list")
def event_list(ctx: typer.Context) -> None:
    """List the events in the database."""
    table = Table("event", "name", "date", "entries", "passings")
    for summary in list_events(_engine(ctx)):
        table.add_row(summary.id, summary.name, summary.date, str(summary.entries),
                      str(summary.passings))
    out.print(table)


# --- entries -----------------------------------------------------------------------------


@entries_app.command("import")
def entries_import(ctx: typer.Context, event: str, file: Path) -> None:
    """Import an entry list (CSV, or a MotorsportReg export); re-import upserts by number."""
    report = import_entries(_engine(ctx), event, file)
    typer.echo(f"entries: {report.added} added, {report.updated} updated, "
               f"{report.unchanged} already present")


@entries_app.command("list")
def entries_list(ctx: typer.Context, event: str, fmt: FormatOption = "text") -> None:
    """List an event's entries."""
    rows = list_entries(_engine(ctx), event)
    fmt = _choose(fmt, ("text", "csv", "json"))
    if fmt == "json":
        _emit(_json_text(rows))
    elif fmt == "csv":
        _emit(_entries_csv(rows))
    else:
        table = Table("number", "driver", "class", "group", "transponder", "car")
        for row in rows:
            car = " ".join(str(row[k]) for k in ("year", "make", "model", "trim") if row[k])
            table.add_row(row["number"], f"{row['first_name']} {row['last_name']}",
                          row["class"], row["group"], row["transponder"], car)
        out.print(table)


def _entries_csv(rows: list[dict[str, Any]]) -> str:
    extra = sorted({name for row in rows for name in row["extra"]})
    header = [name for name in rows[0] if name != "extra"] if rows else []
    return _csv_text(header + extra, (
        [row[name] for name in header] + [row["extra"].get(name) for name in extra]
        for row in rows
    ))


# --- passings ----------------------------------------------------------------------------


class _Bar:
    """A Rich progress bar on stderr, shown only for files of more than ~2,000 passings."""

    def __init__(self) -> None:
        self.progress: Progress | None = None
        self.task = 0

    def __call__(self, done: int, total: int) -> None:
        if total <= PROGRESS_THRESHOLD:
            return
        if self.progress is None:
            self.progress = Progress(console=err_console, transient=True)
            self.progress.start()
            self.task = self.progress.add_task("importing passings", total=total)
        self.progress.update(self.task, completed=done)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@passings_app.command("import")
def passings_import(
    ctx: typer.Context,
    event: str,
    file: Path,
    fmt: Annotated[str | None, typer.Option("--format", help="csv, p3 or rmonitor "
                                                             "(detected when not given).")] = None,
) -> None:
    """Import passings; passings already stored are not added again."""
    bar = _Bar()
    try:
        report = import_passings(_engine(ctx), event, file, fmt=fmt, progress=bar)
    finally:
        bar.close()
    unknown = report.unknown_transponders
    typer.echo(f"passings: {report.added} added, {report.duplicates} already present, "
               f"{len(unknown)} unknown transponders{_some(unknown)}")


def _some(names: Sequence[str], limit: int = 10) -> str:
    """` (a, b, c)` with at most `limit` names shown; empty for no names."""
    if not names:
        return ""
    more = ", ..." if len(names) > limit else ""
    return f" ({', '.join(names[:limit])}{more})"


@passings_app.command("list")
def passings_list(ctx: typer.Context, event: str, fmt: FormatOption = "csv") -> None:
    """List every stored passing with the entry number its transponder maps to."""
    fmt = _choose(fmt, ("csv", "json"))
    rows = [
        {"time": _time(p.time_us), "transponder": p.transponder, "loop": p.loop,
         "decoder": p.decoder, "passing_number": p.passing_number, "source": p.source,
         "number": p.number}
        for p in list_passings(_engine(ctx), event)
    ]
    if fmt == "json":
        _emit(_json_text(rows))
    else:
        header = ("time", "transponder", "loop", "decoder", "passing_number", "source", "number")
        _emit(_csv_text(header, ([row[h] for h in header] for row in rows)))


# --- flags -------------------------------------------------------------------------------


@app.command("flag")
def flag(
    ctx: typer.Context,
    event: str,
    session: str,
    state: str,
    at: Annotated[str, typer.Option("--at", help="ISO 8601 or a time of day.", metavar="TIME")],
    by: Annotated[str, typer.Option("--by", help="Who showed or called it.")] = "",
) -> None:
    """Record a flag: STATE is green, yellow, red, black-all or checkered."""
    engine = _engine(ctx)
    time_us = event_time(engine, event, at)
    added = record_flag(engine, event, session, state, time_us, by)
    note = "recorded" if added else "already recorded"
    typer.echo(f"flag {state.lower()} in {session} at {_time(time_us)}: {note}")


@flags_app.command("import")
def flags_import(ctx: typer.Context, event: str, file: Path) -> None:
    """Import flags from a `session,state,time` CSV file."""
    report = import_flags(_engine(ctx), event, file)
    typer.echo(f"flags: {report.added} added, {report.duplicates} already present")


# --- penalties ---------------------------------------------------------------------------


@penalty_app.command("add")
def penalty_add(
    ctx: typer.Context,
    event: str,
    number: str,
    kind: str,
    session: Annotated[str | None, typer.Option("--session", metavar="ID")] = None,
    lap: Annotated[int | None, typer.Option("--lap", metavar="N")] = None,
    at: Annotated[str | None, typer.Option("--at", metavar="TIME")] = None,
    seconds: Annotated[float | None, typer.Option("--seconds", metavar="S")] = None,
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")] = "",
    by: Annotated[str, typer.Option("--by", metavar="NAME")] = "",
) -> None:
    """Record an official's decision on car NUMBER (kinds: see docs/cli.md)."""
    engine = _engine(ctx)
    at_us = event_time(engine, event, at) if at is not None else None
    decision = add_decision(engine, event, number, kind, session_id=session, lap=lap,
                            at_us=at_us, seconds=seconds, reason=reason, author=by)
    where = f" in {decision.session_id}" if decision.session_id else ""
    lap_text = f" lap {decision.lap}" if decision.lap is not None else ""
    typer.echo(f"decision {decision.id}: {decision.kind} for car {number}{where}{lap_text}")


@penalty_app.command("list")
def penalty_list(ctx: typer.Context, event: str, fmt: FormatOption = "text") -> None:
    """List every decision with its id, author and time, and the rulebook's escalation."""
    fmt = _choose(fmt, ("text", "json"))
    facts = load_facts(_engine(ctx), event)
    prompts = _escalation_prompts(facts)
    rows = [_decision_row(item, prompts.get(item.decision.id))
            for item in listings_of(facts.decisions)]
    if fmt == "json":
        _emit(_json_text(rows))
        return
    table = Table("id", "kind", "car", "session", "lap", "time", "s", "reason", "by",
                  "created", "revoked by", "escalation")
    for row in rows:
        kind = row["kind"] + (f" #{row['revokes']}" if row["revokes"] else "")
        table.add_row(*(str(v) if v is not None else "" for v in (
            row["id"], kind, row["number"], row["session"], row["lap"], row["at"],
            row["seconds"], row["reason"], row["author"], row["created"], row["revoked_by"],
            row["escalation"])))
    out.print(table)


def _escalation_prompts(facts: EventFacts) -> dict[int, str]:
    """The rulebook's prompts per decision id (empty while the rules are not available)."""
    try:
        from trackside.rules import escalation_prompts
    except ImportError:
        return {}
    return escalation_prompts(facts)


def _decision_row(item: DecisionListing, escalation: str | None) -> dict[str, Any]:
    d = item.decision
    return {
        "id": d.id, "kind": str(d.kind), "number": d.number, "session": d.session_id,
        "lap": d.lap, "at": _time(d.at_us), "seconds": d.seconds, "reason": d.reason,
        "author": d.author, "created": _time(d.created_us), "revokes": d.revokes,
        "revoked_by": item.revoked_by, "escalation": escalation,
    }


@penalty_app.command("revoke")
def penalty_revoke(
    ctx: typer.Context,
    event: str,
    decision_id: Annotated[int, typer.Argument(metavar="ID")],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")],
    by: Annotated[str, typer.Option("--by", metavar="NAME")],
) -> None:
    """Revoke a decision (by recording a new one that revokes it)."""
    revocation = revoke_decision(_engine(ctx), event, decision_id, reason, by)
    typer.echo(f"decision {revocation.id}: revokes decision {decision_id}")


@app.command("finalize")
def finalize(
    ctx: typer.Context,
    event: str,
    by: Annotated[str, typer.Option("--by", metavar="NAME")],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")] = "",
) -> None:
    """Declare the event's results official (undo with `penalty revoke EVENT ID`)."""
    decision = declare_official(_engine(ctx), event, reason, by)
    typer.echo(f"decision {decision.id}: results of {event} declared official by {by}")


# --- results -----------------------------------------------------------------------------


@app.command("results")
def results(
    ctx: typer.Context,
    event: str,
    session: Annotated[str | None, typer.Option("--session", metavar="ID")] = None,
    car_class: Annotated[str | None, typer.Option("--class", metavar="C")] = None,
    fmt: FormatOption = "text",
    target: OutOption = None,
) -> None:
    """Event results (or one session's with --session)."""
    from trackside.publish import render_event, render_session

    fmt = _choose(fmt, RESULT_FORMATS)
    facts = load_facts(_engine(ctx), event)
    _check_class(facts, car_class)
    if session is None:
        result = scoring.score_event(facts, generated_at=_now())
        _emit(render_event(result, fmt, car_class=car_class), target)
    else:
        require_session(facts.event, session, source="option --session")
        _emit(render_session(scoring.score_session(facts, session), fmt, car_class=car_class),
              target)


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _check_class(facts: EventFacts, car_class: str | None) -> None:
    classes = sorted({entry.car_class for entry in facts.entries})
    if car_class is not None and car_class not in classes:
        raise InputError(f"no entries in class {car_class!r} (classes: "
                         f"{', '.join(classes) or 'none'})", source="option --class")


@app.command("laps")
def laps(
    ctx: typer.Context, event: str, session: str, fmt: FormatOption = "text",
    target: OutOption = None,
) -> None:
    """Every lap of every car in one session (a lap chart)."""
    from trackside.publish import render_lap_chart

    fmt = _choose(fmt, RESULT_FORMATS)
    facts = load_facts(_engine(ctx), event)
    require_session(facts.event, session, source="argument SESSION")
    _emit(render_lap_chart(scoring.score_session(facts, session), fmt), target)


@app.command("publish")
def publish(
    ctx: typer.Context,
    event: str,
    out_dir: Annotated[Path, typer.Option("--out", metavar="DIR", help="Site directory.")],
) -> None:
    """Write the event's results site (HTML pages with JSON twins) to DIR."""
    from trackside.publish import write_site

    facts = load_facts(_engine(ctx), event)
    event_result = scoring.score_event(facts, generated_at=_now())
    sessions = [scoring.score_session(facts, s.id) for s in facts.event.sessions]
    written = write_site(event_result, sessions, out_dir)
    typer.echo(f"wrote {len(written)} files to {out_dir}")


@app.command("demo")
def demo(
    ctx: typer.Context,
    out_dir: Annotated[
        Path | None, typer.Option("--out", metavar="DIR", help="Where the demo's files go.")
    ] = None,
) -> None:
    """Generate a realistic event, import it, score it and publish its site."""
    from trackside.demo import run_demo

    engine = _engine(ctx)
    if out_dir is None:
        run_demo(engine)
    else:
        run_demo(engine, out_dir)


def main() -> None:
    """Entry point of the `trackside` command."""
    app()
