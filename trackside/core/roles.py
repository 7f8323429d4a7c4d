"""Officials' roles and what each may change (console.md, "What each role may do").

The table is data: each row names the actions it covers and the roles allowed them; `allowed`
is the one check every write endpoint makes. Roles are the SCCA Appendix C officials.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from trackside.core.records import DecisionKind


class Role(StrEnum):
    EVENT_LEAD = "event-lead"
    COMPETITION_DIRECTOR = "competition-director"
    TIMING_CHIEF = "timing-chief"
    REGISTRAR = "registrar"
    TECH = "tech"
    DRIVER_COACH = "driver-coach"
    PIT_MARSHAL = "pit-marshal"


class Action(StrEnum):
    """What an official may do through the console (one per item of the table's rows)."""

    FLAGS = "flags"
    PASSING_INSERT = "passing-insert"
    TRANSPONDER_ASSIGN = "transponder-assign"
    FINALIZE = "finalize"
    PENALTY = "penalty"
    PENALTY_REVOKE = "penalty-revoke"
    RERUN = "rerun"
    CONTACT = "contact"
    SATISFACTORY = "satisfactory"
    ENTRIES = "entries"
    TRANSPONDERS = "transponders"
    GROUPS = "groups"
    DRIVERS = "drivers"
    LICENSES = "licenses"
    TECH_STATUS = "tech-status"
    RECLASSIFICATION = "reclassification"
    PIT_STOP = "pit-stop"
    DRIVER_CHANGE = "driver-change"
    SOLO_EXIT = "solo-exit"
    COMPLIANCE_FEE_WAIVER = "compliance-fee-waiver"
    COMPLIANCE_ANSWER = "compliance-answer"
    ACCOUNTS = "accounts"


R = Role
TABLE: tuple[tuple[frozenset[Action], frozenset[Role]], ...] = (
    (frozenset({Action.FLAGS, Action.PASSING_INSERT, Action.TRANSPONDER_ASSIGN,
                Action.FINALIZE}),
     frozenset({R.TIMING_CHIEF, R.EVENT_LEAD})),
    (frozenset({Action.PENALTY, Action.PENALTY_REVOKE, Action.RERUN, Action.CONTACT,
                Action.SATISFACTORY}),
     frozenset({R.COMPETITION_DIRECTOR, R.EVENT_LEAD})),
    (frozenset({Action.ENTRIES, Action.TRANSPONDERS, Action.GROUPS, Action.DRIVERS,
                Action.LICENSES}),
     frozenset({R.REGISTRAR, R.EVENT_LEAD})),
    (frozenset({Action.TECH_STATUS, Action.RECLASSIFICATION}),
     frozenset({R.TECH, R.EVENT_LEAD})),
    (frozenset({Action.PIT_STOP, Action.DRIVER_CHANGE, Action.SOLO_EXIT}),
     frozenset({R.PIT_MARSHAL, R.COMPETITION_DIRECTOR, R.EVENT_LEAD})),
    (frozenset({Action.COMPLIANCE_FEE_WAIVER, Action.COMPLIANCE_ANSWER}),
     frozenset({R.COMPETITION_DIRECTOR, R.EVENT_LEAD})),
    (frozenset({Action.ACCOUNTS}), frozenset({R.EVENT_LEAD})),
)  # fmt: skip
"""console.md's table, row by row: the actions of a row -> the roles allowed them."""

ROLES_FOR: dict[Action, frozenset[Role]] = {
    action: roles for actions, roles in TABLE for action in actions
}
"""Action -> the roles that may take it."""


def allowed(roles: Iterable[str], action: Action) -> bool:
    """True when any of `roles` may take `action`."""
    return not ROLES_FOR[action].isdisjoint(roles)


def roles_allowed(action: Action) -> list[str]:
    """The roles that may take `action`, in the order console.md lists roles."""
    return [role.value for role in Role if role in ROLES_FOR[action]]


def parse_role(text: str) -> Role:
    """The role named `text`; ValueError listing the roles otherwise."""
    try:
        return Role(text.strip().lower())
    except ValueError:
        known = ", ".join(role.value for role in Role)
        raise ValueError(f"unknown role {text!r}; expected one of {known}") from None


_KIND_ACTIONS: dict[DecisionKind, Action] = {
    DecisionKind.RESULTS_OFFICIAL: Action.FINALIZE,
    DecisionKind.REVOKE_FLAG: Action.FLAGS,
    DecisionKind.RUN_DNF: Action.FLAGS,
    DecisionKind.RERUN: Action.RERUN,
    DecisionKind.CONTACT: Action.CONTACT,
    DecisionKind.SOLO_EXIT: Action.SOLO_EXIT,
    DecisionKind.RECLASSIFY: Action.RECLASSIFICATION,
}
"""Decision kinds that are not penalties: the action recording one is. A car leaving the
course (`run-dnf`) is the timing stand's, as a flag is."""


def decision_action(kind: DecisionKind) -> Action:
    """The action that records a decision of `kind` (a penalty unless listed otherwise)."""
    return _KIND_ACTIONS.get(kind, Action.PENALTY)


def revoke_action(kind: DecisionKind) -> Action:
    """The action that revokes a decision of `kind`: a penalty's revoke is the competition
    director's; finalize, a flag's revoke and the rest go to whoever records them."""
    action = decision_action(kind)
    return Action.PENALTY_REVOKE if action is Action.PENALTY else action
