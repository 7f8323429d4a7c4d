"""`make demo`: generate the demo day, import it, score it, print the class results and write
the results site. Safe to run again on the same database: nothing is added twice."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.rule import Rule
from rich.text import Text
from sqlalchemy import Engine

from trackside.core.results import EventResult, SessionResult
from trackside.demo.files import EventFiles
from trackside.demo.generator import GeneratedEvent, generate_event
from trackside.publish import render_event, write_site
from trackside.rules import scored
from trackside.services import (
    add_decision,
    import_entries,
    import_event,
    import_flags,
    import_passings,
    list_decisions,
)
from trackside.store import collector_paused, load_facts

DEMO_SEED = 2026
DEFAULT_OUT_DIR = Path("build/demo")


def run_demo(
    engine: Engine, out_dir: Path = DEFAULT_OUT_DIR, *, console: Console | None = None
) -> None:
    """Generate, import, score and publish the demo Time Trials day into `out_dir`."""
    console = console or Console()
    out_dir = Path(out_dir)
    event = generate_event(seed=DEMO_SEED)
    files = event.write(out_dir)
    console.print(f"Demo day written to {out_dir}: {len(event.entries)} cars, "
                  f"{len(event.passings)} passings, {len(event.sessions)} sessions")
    import_demo(engine, event, files)
    result, sessions = score_demo(engine, event.event_id)
    console.print(Rule(result.event_name))
    console.print(Text(render_event(result, "text")), soft_wrap=True)
    site = out_dir / "site"
    write_site(result, sessions, site)
    console.print(f"Results page: {(site / 'results.html').resolve()}")


def import_demo(engine: Engine, event: GeneratedEvent, files: EventFiles) -> int:
    """Import the written files through the services; add the penalties unless the event
    already has decisions. Returns how many decisions were added."""
    import_event(engine, files.event)
    import_entries(engine, event.event_id, files.entries)
    import_passings(engine, event.event_id, files.passings, fmt="csv")
    import_flags(engine, event.event_id, files.flags)
    if list_decisions(engine, event.event_id):
        return 0
    for penalty in event.penalties:
        add_decision(engine, event.event_id, **penalty)  # type: ignore[arg-type]
    return len(event.penalties)


def score_demo(engine: Engine, event_id: str) -> tuple[EventResult, list[SessionResult]]:
    """Event results and every session's results, from the stored facts."""
    generated_at = datetime.now().isoformat(timespec="seconds")
    with collector_paused():  # see store/fast_read.py: scoring builds only acyclic tuples
        results = scored(load_facts(engine, event_id), generated_at=generated_at)
    return results.event, list(results.sessions.values())
