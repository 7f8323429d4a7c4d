"""The run order of a demo day: one practice and N Time Attack sessions per group, with flags.

Groups alternate through the day (Novice, Intermediate, Advanced, then the next round), with a
gap between sessions and a lunch break after the first Time Attack round. One session is
stopped by a red flag and restarted, one is ended early by a black flag all, and one has a
full-course yellow (RMD Competition Rules 1.1, 1.4, 1.6; SCCA TT Rules VI.1.1.5).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from trackside.core.clock import at_time_of_day, format_local_time
from trackside.core.records import Flag, FlagState

from .roster import GROUPS

MINUTE_US = 60_000_000
PACE_LAP_US = 150_000_000
"""From the first car leaving pit lane to the green flag at the end of the pace lap."""
COOL_DOWN_US = 5 * MINUTE_US
"""Checkered to the last car back in the paddock."""
DAY_START = "08:30"
LUNCH_US = 60 * MINUTE_US
RED_STOP_US = (9 * MINUTE_US, 14 * MINUTE_US)
"""How long a red flag stops a session before the restart (car recovery)."""


@dataclass(frozen=True, slots=True)
class SessionPlan:
    """One session of the day, its flags already decided."""

    id: str
    name: str
    group: str
    round: str | None
    """Time Attack round (TA1, ...) or None for the unscored practice."""
    start_us: int
    """First car released from pit lane (the schedule's `start`)."""
    duration_min: int
    green_us: int
    end_us: int
    """Checkered flag, or the black flag all that ended the session early."""
    ended_by: FlagState = FlagState.CHECKERED
    red_us: int | None = None
    restart_us: int | None = None
    yellow_us: int | None = None
    yellow_clear_us: int | None = None

    @property
    def scored(self) -> bool:
        return self.round is not None

    @property
    def clean(self) -> bool:
        """Neither stopped nor ended early: every car ran to the checkered."""
        return self.red_us is None and self.ended_by is FlagState.CHECKERED

    def flags(self) -> list[Flag]:
        """The flags timing and scoring recorded for this session, in time order."""
        shown = [(FlagState.GREEN, self.green_us)]
        if self.yellow_us is not None and self.yellow_clear_us is not None:
            shown += [(FlagState.YELLOW, self.yellow_us), (FlagState.GREEN, self.yellow_clear_us)]
        if self.red_us is not None and self.restart_us is not None:
            shown += [(FlagState.RED, self.red_us), (FlagState.GREEN, self.restart_us)]
        shown.append((self.ended_by, self.end_us))
        return [Flag(self.id, state, time_us) for state, time_us in shown]

    def schedule_start(self) -> str:
        return format_local_time(self.start_us)[11:16]


@dataclass(frozen=True, slots=True)
class _Slot:
    round: str | None
    group: str


def plan_day(
    rng: random.Random, date: str, scored_per_group: int, practice: bool, session_min: int
) -> list[SessionPlan]:
    """Every session of the day in running order, each group in turn, with incidents placed."""
    slots = _running_order(scored_per_group, practice)
    red, black, yellow = _incident_slots(rng, slots)
    plans: list[SessionPlan] = []
    start = at_time_of_day(date, DAY_START)
    for index, slot in enumerate(slots):
        plan = _session(rng, slot, start, session_min, index == red, index == black)
        if index == yellow:
            plan = _with_yellow(rng, plan)
        plans.append(plan)
        start = next_start(plan, lunch=slot.round == "TA1" and slot.group == GROUPS[-1])
    return plans


def _running_order(scored_per_group: int, practice: bool) -> list[_Slot]:
    rounds: list[str | None] = [None] if practice else []
    rounds += [f"TA{n}" for n in range(1, scored_per_group + 1)]
    return [_Slot(r, group) for r in rounds for group in GROUPS]


def _incident_slots(rng: random.Random, slots: list[_Slot]) -> tuple[int, int, int]:
    """Which scored sessions get the red flag, the black flag all and the full-course yellow."""
    scored = [i for i, slot in enumerate(slots) if slot.round is not None]
    picks = rng.sample(scored, 3) if len(scored) >= 3 else (scored * 3)[:3]
    return picks[0], picks[1], picks[2]


def _session(
    rng: random.Random, slot: _Slot, start: int, minutes: int, red: bool, black: bool
) -> SessionPlan:
    green = start + PACE_LAP_US + _jitter_us(rng, 20)
    running = minutes * MINUTE_US
    red_us = restart_us = None
    if red:
        red_us = green + _share_us(rng, running, 0.35, 0.6)
        restart_us = red_us + rng.randint(*RED_STOP_US) // 1000 * 1000
        running += restart_us - red_us
    end = green + running + _jitter_us(rng, 15)
    ended_by = FlagState.CHECKERED
    if black:
        end = green + _share_us(rng, running, 0.6, 0.8)
        ended_by = FlagState.BLACK_ALL
    return SessionPlan(
        id=_session_id(slot), name=_session_name(slot), group=slot.group, round=slot.round,
        start_us=start, duration_min=minutes, green_us=green, end_us=end, ended_by=ended_by,
        red_us=red_us, restart_us=restart_us,
    )


def _with_yellow(rng: random.Random, plan: SessionPlan) -> SessionPlan:
    yellow = plan.green_us + _share_us(rng, plan.end_us - plan.green_us, 0.2, 0.4)
    clear = yellow + rng.randint(60_000, 150_000) * 1000
    return replace(plan, yellow_us=yellow, yellow_clear_us=clear)


def next_start(plan: SessionPlan, *, lunch: bool) -> int:
    """Next session's release: after cool-down and a gap, on a five-minute mark."""
    earliest = plan.end_us + COOL_DOWN_US + 5 * MINUTE_US + (LUNCH_US if lunch else 0)
    five = 5 * MINUTE_US
    return -(-earliest // five) * five


def _session_id(slot: _Slot) -> str:
    return f"{slot.round or 'PR'}-{slot.group[0]}"


def _session_name(slot: _Slot) -> str:
    if slot.round is None:
        return f"Practice, {slot.group}"
    return f"Time Attack {slot.round[2:]}, {slot.group}"


def _jitter_us(rng: random.Random, seconds: int) -> int:
    """A whole number of milliseconds within ±`seconds`."""
    return rng.randint(-seconds * 1000, seconds * 1000) * 1000


def _share_us(rng: random.Random, span_us: int, low: float, high: float) -> int:
    """A random share of a span, in whole milliseconds."""
    return round(span_us * rng.uniform(low, high) / 1000) * 1000
