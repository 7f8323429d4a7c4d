"""console.md, "What each role may do": the role table as data (`core/roles.py`), pinned row by
row as the spec writes it, and `allowed` as the union of an account's roles."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trackside.core.records import DecisionKind
from trackside.core.roles import (
    ROLES_FOR,
    Action,
    Role,
    allowed,
    decision_action,
    revoke_action,
    roles_allowed,
)

SPEC_TABLE = [  # console.md's rows: the actions of the row, the roles allowed them
    (["flags", "passing-insert", "transponder-assign", "finalize"],
     ["event-lead", "timing-chief"]),
    (["penalty", "penalty-revoke", "rerun", "contact", "satisfactory"],
     ["event-lead", "competition-director"]),
    (["entries", "transponders", "groups", "drivers", "licenses"],
     ["event-lead", "registrar"]),
    (["tech-status", "reclassification"], ["event-lead", "tech"]),
    (["pit-stop", "driver-change", "solo-exit"],
     ["event-lead", "competition-director", "pit-marshal"]),
    (["compliance-fee-waiver", "compliance-answer"], ["event-lead", "competition-director"]),
    (["accounts"], ["event-lead"]),
]  # fmt: skip


@pytest.mark.parametrize(("actions", "roles"), SPEC_TABLE)
def test_the_role_table_of_console_md(actions, roles):
    for action in actions:
        assert roles_allowed(Action(action)) == roles


def test_every_action_is_in_one_row_and_the_roles_are_console_mds():
    assert sorted(a for actions, _ in SPEC_TABLE for a in actions) == sorted(Action)
    assert [r.value for r in Role] == ["event-lead", "competition-director", "timing-chief",
                                       "registrar", "tech", "driver-coach", "pit-marshal"]


def test_the_driver_coach_may_change_nothing():
    assert [a for a in Action if allowed(["driver-coach"], a)] == []


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # a shared machine
@given(st.sets(st.sampled_from(list(Role))), st.sampled_from(list(Action)))
def test_an_account_may_what_any_of_its_roles_may(roles, action):
    assert allowed(roles, action) == any(allowed([role], action) for role in roles)
    assert allowed(roles, action) == bool(set(roles) & ROLES_FOR[action])


KIND_ACTIONS = [  # decision kind, the action recording it, the action revoking it
    ("time-penalty", "penalty", "penalty-revoke"),
    ("track-limits", "penalty", "penalty-revoke"),
    ("delete-run", "penalty", "penalty-revoke"),
    ("drive-through", "penalty", "penalty-revoke"),
    ("rerun", "rerun", "rerun"),
    ("contact", "contact", "contact"),
    ("solo-exit", "solo-exit", "solo-exit"),
    ("results-official", "finalize", "finalize"),
    ("revoke-flag", "flags", "flags"),
    ("run-dnf", "flags", "flags"),
    ("reclassify", "reclassification", "reclassification"),
]


@pytest.mark.parametrize(("kind", "records", "revokes"), KIND_ACTIONS)
def test_who_records_and_revokes_each_kind(kind, records, revokes):
    assert decision_action(DecisionKind(kind)) == records
    assert revoke_action(DecisionKind(kind)) == revokes
