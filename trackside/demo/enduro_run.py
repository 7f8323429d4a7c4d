"""`make demo`'s IMG SprintDuro (issue 12): the generated race day (`demo/enduro.py`) imported
through the services — event, entries, rosters, passings with pit loops, flags, the qualifying
contact, the pit marshal's driver changes and solo exits — then the race grid, the Sprint
result and the race result printed. Safe to run again: nothing is added twice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from trackside.core.race_results import RaceSessionResult
from trackside.core.records import DecisionKind
from trackside.demo.enduro import EnduroFiles, GeneratedEnduro, generate_enduro
from trackside.publish import render_grid, render_race
from trackside.rules import scored
from trackside.services import (
    import_entries,
    import_event,
    import_flags,
    import_passings,
    list_decisions,
)
from trackside.services.grid import event_grid
from trackside.services.race import (
    import_roster,
    record_contact,
    record_driver_change,
    record_solo_exit,
)
from trackside.store import collector_paused, load_facts

RACE_SESSION = "R1"


def run_enduro_demo(
    engine: Engine, out_dir: Path, say: Callable[[str, str], None], seed: int = 2026
) -> RaceSessionResult:
    """Generate, import and score the SprintDuro day; `say(title, text)` each printout."""
    day = generate_enduro(seed=seed)
    files = day.write(out_dir)
    import_enduro(engine, day, files)
    say(f"IMG SprintDuro ({day.event_id}): grid for {RACE_SESSION}",
        render_grid(event_grid(engine, day.event_id, RACE_SESSION), "text"))
    with collector_paused():  # see store/fast_read.py
        result = scored(load_facts(engine, day.event_id)).sessions[RACE_SESSION]
    assert isinstance(result, RaceSessionResult)
    say("SprintDuro: the Sprint (first 30 minutes)", render_race(result, "text", part="sprint"))
    say("SprintDuro: the race", render_race(result, "text"))
    return result


def import_enduro(engine: Engine, day: GeneratedEnduro, files: EnduroFiles) -> None:
    """The day's files, then the officials' records unless the event already has them."""
    import_event(engine, files.event)
    import_entries(engine, day.event_id, files.entries)
    import_roster(engine, day.event_id, files.roster)
    import_passings(engine, day.event_id, files.passings, fmt="csv")
    import_flags(engine, day.event_id, files.flags)
    if any(item.decision.kind is DecisionKind.CONTACT
           for item in list_decisions(engine, day.event_id)):
        return
    first, second = day.contact.numbers
    record_contact(engine, day.event_id, day.contact.session_id, first, second,
                   day.contact.author, "body contact at turn 7")
    for swap in day.swaps:
        record_driver_change(engine, day.event_id, swap.session_id, swap.number, swap.driver,
                             swap.at_us, swap.author)
    for solo in day.solo_exits:
        record_solo_exit(engine, day.event_id, solo.session_id, solo.number, solo.author)
