"""Race decisions and the missed-stop penalty as adjustments to one car's classification
(endurance.md, "Race decisions", "Pit stops and the mandatory stop").

- `time-added`: `penalty_us` added to the race time; `laps-deducted`: `count` laps taken off.
- `drive-through`, `stop-and-go`: served at `served_us`, or by a later `penalty-served`
  decision naming it (`serves`). Once the checkered is out (C known), one not served by the
  car's finish (its checkered crossing; any time for a car that did not take it) adds the
  session's `unserved_penalty_us`.
- `position`: `count` places back after classification; `race-dq`: disqualified.
- A missed mandatory stop (once C is known): `last-in-class`, `laps:N` or `time:S`.
Revoked decisions never get here (`core/decisions.py`, `active_decisions`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from trackside.core.clock import format_local_time
from trackside.core.records import Decision, DecisionKind, RaceSettings
from trackside.core.results import format_lap

MISSED_STOP = "missed-stop"
SERVED_KINDS = frozenset({DecisionKind.DRIVE_THROUGH, DecisionKind.STOP_AND_GO})
RACE_KINDS = SERVED_KINDS | {DecisionKind.TIME_ADDED, DecisionKind.LAPS_DEDUCTED,
                             DecisionKind.POSITION, DecisionKind.RACE_DQ}  # fmt: skip


class Adjustment(NamedTuple):
    """What one penalty does to a car's place in the classification."""

    decision_id: int | None
    kind: str
    detail: str
    laps: int = 0
    """Laps taken off."""
    time_us: int = 0
    """Time added."""
    places: int = 0
    """Places back after classification."""
    last_in_class: bool = False
    dq: bool = False

    @property
    def acts(self) -> bool:
        return bool(self.laps or self.time_us or self.places or self.last_in_class or self.dq)


class MissedStop(NamedTuple):
    """A session's `missed_stop` setting, read."""

    last_in_class: bool
    laps: int = 0
    time_us: int = 0


def parse_missed_stop(text: str) -> MissedStop:
    """`last-in-class`, `laps:N` (N >= 1 laps) or `time:S` (S > 0 seconds); ValueError else."""
    if text == "last-in-class":
        return MissedStop(True)
    kind, _, value = text.partition(":")
    try:
        if kind == "laps" and int(value) >= 1:
            return MissedStop(False, laps=int(value))
        if kind == "time" and float(value) > 0:
            return MissedStop(False, time_us=round(float(value) * 1_000_000))
    except ValueError:
        pass
    raise ValueError(f"missed_stop {text!r}: expected last-in-class, laps:N or time:S")


def served_at(decisions: Iterable[Decision]) -> dict[int, int]:
    """Decision id -> when a `penalty-served` decision says it was served (the earliest)."""
    served: dict[int, int] = {}
    for d in decisions:
        if d.kind is DecisionKind.PENALTY_SERVED and d.serves is not None:
            when = d.served_us if d.served_us is not None else d.at_us
            if when is not None and (d.serves not in served or when < served[d.serves]):
                served[d.serves] = when
    return served


def _seconds(time_us: int) -> str:
    return f"+{format_lap(time_us)} s" if time_us < 60_000_000 else f"+{format_lap(time_us)}"


def _served(decision: Decision, served: Mapping[int, int], finish_us: int | None,
            decided: bool, unserved_us: int) -> Adjustment:  # fmt: skip
    when = decision.served_us if decision.served_us is not None else served.get(decision.id)
    kind = str(decision.kind)
    if when is not None and (finish_us is None or when <= finish_us):
        return Adjustment(decision.id, kind, f"served {format_local_time(when)[11:]}")
    if not decided:
        return Adjustment(decision.id, kind, "not served yet")
    return Adjustment(decision.id, kind, f"unserved: {_seconds(unserved_us)}",
                      time_us=unserved_us)  # fmt: skip


def decision_adjustment(
    decision: Decision, served: Mapping[int, int], finish_us: int | None, decided: bool,
    settings: RaceSettings,
) -> Adjustment | None:  # fmt: skip
    """One race decision's adjustment; None for a decision of another kind."""
    kind = decision.kind
    if kind in SERVED_KINDS:
        return _served(decision, served, finish_us, decided, settings.unserved_penalty_us)
    if kind is DecisionKind.TIME_ADDED:
        added = decision.penalty_us or 0
        return Adjustment(decision.id, str(kind), _seconds(added), time_us=added)
    if kind is DecisionKind.LAPS_DEDUCTED:
        laps = decision.count or 0
        return Adjustment(decision.id, str(kind), f"-{laps} laps", laps=laps)
    if kind is DecisionKind.POSITION:
        places = decision.count or 0
        return Adjustment(decision.id, str(kind), f"{places} places", places=places)
    if kind is DecisionKind.RACE_DQ:
        return Adjustment(decision.id, str(kind), "disqualified", dq=True)
    return None


def missed_stop_adjustment(rule: MissedStop, served: int, required: int) -> Adjustment:
    """The penalty for serving `served` of `required` mandatory stops."""
    what = f"mandatory stop not served ({served} of {required})"
    if rule.last_in_class:
        return Adjustment(None, MISSED_STOP, f"{what}: last in class", last_in_class=True)
    if rule.laps:
        return Adjustment(None, MISSED_STOP, f"{what}: -{rule.laps} laps", laps=rule.laps)
    return Adjustment(None, MISSED_STOP, f"{what}: {_seconds(rule.time_us)}",
                      time_us=rule.time_us)  # fmt: skip


def car_adjustments(
    decisions: Iterable[Decision], served: Mapping[int, int], finish_us: int | None,
    decided: bool, settings: RaceSettings, missed: Adjustment | None,
) -> tuple[Adjustment, ...]:  # fmt: skip
    """A car's penalties in decision order, the missed-stop penalty last."""
    found = [a for d in sorted(decisions, key=lambda d: d.id)
             if (a := decision_adjustment(d, served, finish_us, decided, settings))]  # fmt: skip
    return tuple(found + ([missed] if missed is not None else []))
