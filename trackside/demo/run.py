"""`make demo`: generate the demo day, import it, score it, print the class results and write
the results site. Safe to run again on the same database: nothing is added twice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.rule import Rule
from rich.text import Text
from sqlalchemy import Engine

from trackside.core.results import EventResult, SessionResult
from trackside.core.run_results import RunSessionResult
from trackside.demo.enduro_run import run_enduro_demo
from trackside.demo.files import EventFiles
from trackside.demo.generator import GeneratedEvent, generate_event
from trackside.errors import InputError
from trackside.publish import render_event, render_runs, render_session, write_site
from trackside.rules import scored
from trackside.services import (
    add_decision,
    import_entries,
    import_event,
    import_flags,
    import_passings,
    list_decisions,
)
from trackside.services.lights import import_lights
from trackside.services.runs import grant_rerun, import_releases
from trackside.store import collector_paused, load_facts
from trackside.store.run_facts import light_lines_in

DEMO_SEED = 2026
DEFAULT_OUT_DIR = Path("build/demo")
STARTER = "Jordan Pike, Starter"


def run_demo(
    engine: Engine, out_dir: Path = DEFAULT_OUT_DIR, *, console: Console | None = None
) -> None:
    """Generate, import, score and publish the demo Time Trials day into `out_dir`, then the
    IMG SprintDuro day (`demo/enduro_run.py`) into `out_dir/sprintduro`."""
    console = console or Console()
    out_dir = Path(out_dir)
    event = generate_event(seed=DEMO_SEED)
    files = event.write(out_dir)
    count = len(event.sessions) + (event.sprint is not None) + (event.hillclimb is not None)
    console.print(f"Demo day written to {out_dir}: {len(event.entries)} cars, "
                  f"{len(event.passings)} passings, {count} sessions")
    import_demo(engine, event, files, say=lambda line: console.print(Text(line), soft_wrap=True))
    result, sessions = score_demo(engine, event.event_id)
    console.print(Rule(result.event_name))
    console.print(Text(render_event(result, "text")), soft_wrap=True)
    for session in sessions:
        if not isinstance(session, RunSessionResult):
            continue
        if session.format == "hillclimb":  # in no round: its own results, then every run
            console.print(Rule(f"{session.session_name} ({session.session_id}): results"))
            console.print(Text(render_session(session, "text")), soft_wrap=True)
        else:
            console.print(Rule(f"{session.session_name} ({session.session_id}): every run"))
            console.print(Text(render_runs(session, "text")), soft_wrap=True)
    site = out_dir / "site"
    write_site(result, sessions, site)
    console.print(f"Results page: {(site / 'results.html').resolve()}")
    run_enduro_demo(engine, out_dir / "sprintduro", say=lambda title, text: _section(
        console, title, text))
    _season(engine, out_dir, console)


def _section(console: Console, title: str, text: str) -> None:
    console.print(Rule(title))
    console.print(Text(text), soft_wrap=True)


def _season(engine: Engine, out_dir: Path, console: Console) -> None:
    """The short season (`demo/season.py`) and its standings."""
    from trackside.demo.season import run_season
    from trackside.publish.standings_text import standings_text
    from trackside.services.standings import season_standings

    season = run_season(engine, out_dir / "season",
                        say=lambda line: console.print(Text(line), soft_wrap=True))
    standings = season_standings(engine, season.series_id,
                                 generated_at=datetime.now().isoformat(timespec="seconds"))
    console.print(Rule(standings.series.name))
    console.print(Text(standings_text(standings)), soft_wrap=True)


def import_demo(
    engine: Engine, event: GeneratedEvent, files: EventFiles,
    say: Callable[[str], None] = lambda line: None,
) -> int:
    """Import the written files through the services; add the penalties (and the TrackSprint
    session's cone and granted re-run, the HillClimb's cones and off-course) unless the event
    already has decisions; ask for the re-run the rule refuses and `say` the refusal. Returns
    how many decisions were added."""
    import_event(engine, files.event)
    import_entries(engine, event.event_id, files.entries)
    import_passings(engine, event.event_id, files.passings, fmt="csv")
    import_flags(engine, event.event_id, files.flags)
    _import_sprint(engine, event, files)
    if files.hillclimb is not None:  # the hill's decoder: its passings add nothing twice
        import_passings(engine, event.event_id, files.hillclimb, fmt="csv")
    added = 0
    if not list_decisions(engine, event.event_id):
        for penalty in event.penalties:
            add_decision(engine, event.event_id, **penalty)  # type: ignore[arg-type]
        added = len(event.penalties)
        if event.sprint is not None:
            add_decision(engine, event.event_id, **event.sprint.cones)  # type: ignore[arg-type]
            grant_rerun(engine, event.event_id, **event.sprint.rerun)  # type: ignore[arg-type]
            added += 2
        if event.hillclimb is not None:
            for decision in event.hillclimb.decisions():
                add_decision(engine, event.event_id, **decision)  # type: ignore[arg-type]
            added += len(event.hillclimb.decisions())
    if event.sprint is not None:
        say(_refused_rerun(engine, event))
    return added


def _import_sprint(engine: Engine, event: GeneratedEvent, files: EventFiles) -> None:
    """The starter's releases and the timing lights' file. The lights file is imported once:
    its trips would add nothing again, but its raw lines would be journaled twice."""
    sprint = event.sprint
    if sprint is None or files.releases is None or files.lights is None:
        return
    import_releases(engine, event.event_id, sprint.session_id, files.releases, STARTER)
    with engine.connect() as conn:
        journaled = light_lines_in(conn, event.event_id, sprint.session_id)
    if not journaled:
        import_lights(engine, event.event_id, sprint.session_id, files.lights, "csv")


def _refused_rerun(engine: Engine, event: GeneratedEvent) -> str:
    """Ask for the mechanical-failure re-run as the timing chief would; the refusal line."""
    assert event.sprint is not None
    asked = event.sprint.refused_rerun
    command = (f"trackside rerun grant {event.event_id} {asked['number']} --session "
               f"{asked['session_id']} --run {asked['run']} --reason {asked['reason']}")
    try:
        grant_rerun(engine, event.event_id, **asked)  # type: ignore[arg-type]
    except InputError as refusal:
        return f"{command}: {refusal.message} (nothing stored)"
    raise AssertionError(f"the rule did not refuse {command}")


def score_demo(engine: Engine, event_id: str) -> tuple[EventResult, list[SessionResult]]:
    """Event results and every session's results, from the stored facts."""
    generated_at = datetime.now().isoformat(timespec="seconds")
    with collector_paused():  # see store/fast_read.py: scoring builds only acyclic tuples
        results = scored(load_facts(engine, event_id), generated_at=generated_at)
    return results.event, list(results.sessions.values())
