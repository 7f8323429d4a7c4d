"""What happens to each car in each session: its pace, whether it runs, joins late or leaves
early, which car's off brings out the red flag or the black flag all, and the car that ran one
session on a borrowed transponder nobody entered (RMD Event Procedures 2.3, late starts and
early exits)."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from trackside.core.records import FlagState

from .roster import GROUPS, Entrant
from .schedule import SessionPlan

ROUND_GRIP = {None: 1.012, "TA1": 1.0, "TA2": 0.996, "TA3": 1.004}
"""Track conditions by round: a green morning track, rubber by mid-day, afternoon heat."""

LEARNING = {"Novice": 0.005, "Intermediate": 0.0025, "Advanced": 0.001}
"""Pace a driver finds per session through the day."""


@dataclass(frozen=True, slots=True)
class Fate:
    """One car's session, decided before it is driven."""

    pace_s: float
    skips: bool = False
    joins_late_us: int | None = None
    """Leaves pit lane at this time instead of with the grid."""
    leaves_after: int | None = None
    """Flying laps before the car leaves the track early."""
    pulls_off: bool = False
    """Leaves early by stopping on track (no in-lap) instead of driving into the pits."""
    stops_us: int | None = None
    """Goes off and stays off at this time (the car that caused a red flag or black flag all)."""
    rejoins_after_red: bool = True
    transponder: str | None = None
    """A borrowed transponder read instead of the entered one."""


@dataclass(frozen=True, slots=True)
class DayFates:
    by_session: dict[str, dict[str, Fate]]
    """session id -> car number -> fate, for the cars of that session's group."""
    red_causer: str | None
    black_causer: str | None
    borrowed: tuple[str, str, str] | None
    """(session id, car number, borrowed transponder)."""


def decide_fates(
    rng: random.Random, roster: list[Entrant], plans: list[SessionPlan], borrowed: str
) -> DayFates:
    """Fates for every car in every session of its group, with the day's incidents placed."""
    retired: set[str] = set()
    by_session: dict[str, dict[str, Fate]] = {}
    red_causer = black_causer = None
    for index, plan in enumerate(plans):
        cars = [car for car in roster if car.group == plan.group]
        fates = {car.number: _fate(rng, car, plan, index, car.number in retired) for car in cars}
        if plan.red_us is not None:
            red_causer = _cause_stop(rng, fates, plan.red_us)
        if plan.ended_by is FlagState.BLACK_ALL:
            black_causer = _cause_stop(rng, fates, plan.end_us)
            if black_causer is not None:
                retired.add(black_causer)
        retired.update(n for n, f in fates.items() if f.pulls_off and rng.random() < 0.5)
        by_session[plan.id] = fates
    swap = _borrow_transponder(rng, plans, by_session, borrowed)
    return DayFates(by_session, red_causer, black_causer, swap)


def _fate(rng: random.Random, car: Entrant, plan: SessionPlan, index: int, retired: bool) -> Fate:
    learned = LEARNING[car.group] * (index // len(GROUPS))
    pace = car.pace_s * ROUND_GRIP.get(plan.round, 1.0) * (1 - learned)
    fate = Fate(pace_s=pace * rng.gauss(1.0, 0.003))
    roll = rng.random()
    if retired or roll < (0.10 if plan.round is None else 0.05):
        return replace(fate, skips=True)
    if roll < 0.10 and plan.red_us is None:
        return replace(fate, joins_late_us=plan.green_us + rng.randint(120_000, 420_000) * 1000)
    if roll < 0.17:
        return replace(fate, leaves_after=rng.randint(1, 5), pulls_off=rng.random() < 0.3)
    return replace(fate, rejoins_after_red=rng.random() < 0.9)


def _is_plain(fate: Fate) -> bool:
    """Runs the whole session from the grid."""
    return not (fate.skips or fate.joins_late_us or fate.leaves_after or fate.transponder)


def _cause_stop(rng: random.Random, fates: dict[str, Fate], flag_us: int) -> str | None:
    """One car on track goes off just before the flag and stays off."""
    candidates = [number for number, fate in fates.items() if _is_plain(fate)]
    if not candidates:
        return None
    number = rng.choice(candidates)
    fates[number] = replace(fates[number], stops_us=flag_us - rng.randint(10_000, 45_000) * 1000)
    return number


def _borrow_transponder(
    rng: random.Random,
    plans: list[SessionPlan],
    by_session: dict[str, dict[str, Fate]],
    transponder: str,
) -> tuple[str, str, str] | None:
    """A car whose own transponder died runs one clean scored session on a loaner."""
    for plan in plans:
        if not (plan.scored and plan.clean):
            continue
        fates = by_session[plan.id]
        candidates = [n for n, fate in fates.items() if _is_plain(fate) and not fate.stops_us]
        if candidates:
            number = rng.choice(candidates)
            fates[number] = replace(fates[number], transponder=transponder)
            return plan.id, number, transponder
    return None

