"""The live demo's day: the `make demo` event with one session held back to be replayed live.

Everything before the replayed session is imported as `trackside demo` does; that session's
passings are left to the decoder simulator, its flags to race control, and the decisions made
about it are announced during it (at the red flag's stop, else at the checkered).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Engine

from trackside.core.records import Passing
from trackside.demo.generator import GeneratedEvent, generate_event
from trackside.demo.run import DEMO_SEED, import_demo
from trackside.demo.schedule import SessionPlan
from trackside.errors import InputError
from trackside.live.race_control import Cue, decision_cue, flag_cue
from trackside.store.facts import read_passings

REPLAYED_SESSION = "TA3-A"
"""The day's last session: a red flag, a restart, two decisions, the top class battle."""


@dataclass(frozen=True)
class Replay:
    """What the live demo plays: the held-back passings and race control's cues."""

    event_id: str
    session: SessionPlan
    passings: list[Passing]
    cues: list[Cue]


def split_day(event: GeneratedEvent, session_id: str) -> tuple[GeneratedEvent, Replay]:
    """The day without `session_id`'s facts, and those facts as a replay."""
    plans = {plan.id: plan for plan in event.sessions}
    if session_id not in plans:
        raise InputError(f"no session {session_id!r} in the demo day", source="option --session")
    plan = plans[session_id]
    later = [p.start_us for p in event.sessions if p.start_us > plan.start_us]
    end = min(later, default=None)
    held = [p for p in event.passings if p.time_us >= plan.start_us
            and (end is None or p.time_us < end)]  # fmt: skip
    flags = [f for f in event.flags if f.session_id == session_id]
    decisions = [d for d in event.penalties if d.get("session_id") == session_id]
    decided_at = _decision_time(plan)
    cues = [flag_cue(f) for f in flags] + [decision_cue(decided_at, d) for d in decisions]
    replayed = set(held)
    rest = replace(
        event,
        passings=[p for p in event.passings if p not in replayed],
        flags=[f for f in event.flags if f.session_id != session_id],
        penalties=[d for d in event.penalties if d.get("session_id") != session_id],
    )
    return rest, Replay(event.event_id, plan, held, cues)


def _decision_time(plan: SessionPlan) -> int:
    """Stewards decide during a red-flag stop, else once the checkered is out."""
    if plan.red_us is not None and plan.restart_us is not None:
        return (plan.red_us + plan.restart_us) // 2
    return plan.end_us + 30_000_000


def prepare_live_demo(engine: Engine, out_dir: Path, session_id: str = REPLAYED_SESSION) -> Replay:
    """Import the demo day less the replayed session; the replay. InputError when the database
    already holds that session's passings (use a fresh database)."""
    rest, replay = split_day(generate_event(seed=DEMO_SEED), session_id)
    first, last = replay.passings[0].time_us, replay.passings[-1].time_us
    if any(first <= p.time_us <= last for p in read_passings(engine, replay.event_id)):
        raise InputError(f"this database already holds session {session_id}'s passings; "
                         "run the live demo on a fresh database", source="option --db")
    import_demo(engine, rest, rest.write(Path(out_dir)))
    return replay
