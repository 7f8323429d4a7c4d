"""The officials' decisions of a demo day, as keyword arguments for `services.add_decision`.

Each follows a rulebook offense (RMD Time Attack rules 1.2 track limits, 1.3 loss of control,
1.4 session interruption, 1.5 sportsmanship, 1.7 flag violations) and is given to a car that
actually drove the session named, so every decision changes a result.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from trackside.core.records import FlagState

from .fates import DayFates
from .schedule import SessionPlan

STEWARD = "Dana Whitfield"
TIMING_CHIEF = "Marcus Ortega"
DIRECTOR = "Renee Castellanos"

SessionLaps = dict[str, dict[str, list[int]]]
"""session id -> car number -> its start/finish crossings (µs) in that session, in order."""

Penalty = dict[str, object]


def choose_penalties(
    rng: random.Random, plans: list[SessionPlan], laps: SessionLaps, fates: DayFates
) -> list[Penalty]:
    """Track limits (twice for one car), flag violation, delete-lap, session DQ, exclusion."""
    picker = _Picker(rng, plans, laps)
    picker.used.update(n for n in (fates.red_causer, fates.black_causer) if n)
    out = _stoppage_decisions(plans, fates)
    for choose in (_track_limits_twice, _track_limits, _flag_violation, _deleted_lap,
                   _session_dq, _event_exclusion):
        out += choose(picker)
    return out


class _Picker:
    """Draws cars and sessions for decisions, never the same car twice."""

    def __init__(self, rng: random.Random, plans: list[SessionPlan], laps: SessionLaps) -> None:
        self.rng = rng
        self.plans = [p for p in plans if p.scored]
        self.laps = laps
        self.used: set[str] = set()

    def pick(
        self, session_ok: Callable[[SessionPlan], bool], min_laps: int
    ) -> tuple[SessionPlan, str] | None:
        """A session passing `session_ok` and an unused car with at least `min_laps` laps."""
        sessions = [p for p in self.plans if session_ok(p)]
        self.rng.shuffle(sessions)
        for plan in sessions:
            cars = [n for n, times in self.laps[plan.id].items()
                    if n not in self.used and len(laps_before(times, plan.end_us)) >= min_laps]
            if cars:
                number = self.rng.choice(sorted(cars, key=int))
                self.used.add(number)
                return plan, number
        return None

    def other_car(self, plan: SessionPlan, number: str) -> str:
        """Another car of the same session (the one held up, passed, ...)."""
        others = sorted((n for n in self.laps[plan.id] if n != number), key=int)
        return self.rng.choice(others) if others else number


def laps_before(times: list[int], end_us: int) -> list[tuple[int, int]]:
    """(start, end) of each lap that starts before the session's closing flag."""
    return [(a, b) for a, b in zip(times, times[1:], strict=False) if a < end_us]


def _decision(number: str, kind: str, plan: SessionPlan | None, reason: str, author: str,
              **extra: object) -> Penalty:
    decision: Penalty = {"number": number, "kind": kind}
    if plan is not None:
        decision["session_id"] = plan.id
    return {**decision, **extra, "reason": reason, "author": author}


def _stoppage_decisions(plans: list[SessionPlan], fates: DayFates) -> list[Penalty]:
    red = next((p for p in plans if p.red_us is not None), None)
    black = next((p for p in plans if p.ended_by is FlagState.BLACK_ALL), None)
    out = []
    if red and fates.red_causer:
        out.append(_decision(
            fates.red_causer, "warning", red,
            "Caused the red flag: spun and stalled in the Turn 2 gravel, car recovered by "
            "wrecker. First session-interruption offense, warning (RMD Time Attack 1.4)",
            STEWARD))
    if black and fates.black_causer:
        out.append(_decision(
            fates.black_causer, "loss-of-control", black,
            "Loss of control at Turn 10, car stranded in the runoff; black flag all shown "
            "and session ended (RMD Time Attack 1.3)", STEWARD))
    return out


def _track_limits_twice(picker: _Picker) -> list[Penalty]:
    chosen = picker.pick(lambda p: p.clean, min_laps=4)
    if chosen is None:
        return []
    plan, number = chosen
    return [
        _decision(number, "track-limits", plan,
                  "Four wheels off at Turn 5 exit, reported by Station 5 (RMD Time Attack 1.2)",
                  STEWARD),
        _decision(number, "track-limits", plan,
                  "Second track-limits offense: four wheels off at Turn 9, confirmed on in-car "
                  "video. Session DQ considered; fastest lap removed instead", STEWARD),
    ]


def _track_limits(picker: _Picker) -> list[Penalty]:
    chosen = picker.pick(lambda p: p.group != "Novice", min_laps=3)
    if chosen is None:
        return []
    plan, number = chosen
    return [_decision(number, "track-limits", plan,
                      "All four wheels over the Turn 14 exit curbing, reported by Station 7",
                      STEWARD)]


def _flag_violation(picker: _Picker) -> list[Penalty]:
    chosen = picker.pick(lambda p: p.red_us is not None, min_laps=2)
    chosen = chosen or picker.pick(lambda p: True, min_laps=2)
    if chosen is None:
        return []
    plan, number = chosen
    passed = picker.other_car(plan, number)
    flag = "red flag" if plan.red_us is not None else "waving yellow"
    return [_decision(number, "flag-violation", plan,
                      f"Did not slow for the {flag} at Turn 3 and passed car #{passed} "
                      "(Station 3 report, RMD Time Attack 1.7)", DIRECTOR)]


def _deleted_lap(picker: _Picker) -> list[Penalty]:
    chosen = picker.pick(lambda p: p.clean, min_laps=3)
    if chosen is None:
        return []
    plan, number = chosen
    laps = laps_before(picker.laps[plan.id][number], plan.end_us)
    fastest = min(range(len(laps)), key=lambda i: laps[i][1] - laps[i][0]) + 1
    return [_decision(number, "delete-lap", plan,
                      "Short-cut through the Turn 6 runoff; lap time not representative "
                      "(in-car video review)", TIMING_CHIEF, lap=fastest)]


def _session_dq(picker: _Picker) -> list[Penalty]:
    chosen = picker.pick(lambda p: p.clean, min_laps=3)
    if chosen is None:
        return []
    plan, number = chosen
    held_up = picker.other_car(plan, number)
    return [_decision(number, "session-dq", plan,
                      f"Held up car #{held_up} for three laps despite point-bys: interference, "
                      "disqualified from the session (RMD Time Attack 1.5)", STEWARD)]


def _event_exclusion(picker: _Picker) -> list[Penalty]:
    chosen = picker.pick(lambda p: p.group != "Advanced", min_laps=2)
    if chosen is None:
        return []
    _, number = chosen
    return [_decision(number, "event-exclusion", None,
                      "Ignored the black flag for three laps and entered pit lane at speed; "
                      "excluded from the event (RMD Time Attack 1.5, 1.7)", DIRECTOR)]
