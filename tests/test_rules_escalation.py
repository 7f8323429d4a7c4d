"""The rulebooks' escalation is shown as a prompt, never applied (time-attack.md; SCCA TT
VI.1.1.2.C and VI.1.1.3; RMD Time Attack 1.2)."""

from dataclasses import replace

from tests.scenario import decision, event, facts
from trackside.rules import escalation_prompts, scored

LAPS = "time car\n09:01:00 21\n09:03:00 21\n09:05:01 21\n09:07:03 21"
FLAGS = "time session state\n09:00:00 TA1 green\n09:20:00 TA1 checkered"


def scenario(*decisions, ruleset="scca-tt"):
    ev = replace(event(), ruleset=ruleset)
    return facts(ev, "car class group\n21 S2 A\n22 S2 A", LAPS, FLAGS, tuple(decisions))


def test_second_track_limits_offense_in_a_session_prompts_session_dq_but_does_not_apply_it():
    f = scenario(decision(1, "track-limits", "21", "TA1"), decision(2, "track-limits", "21", "TA1"))
    prompts = escalation_prompts(f)
    assert 1 not in prompts
    assert prompts[2] == (
        "second track-limits/loss-of-control offense: disqualification from the session may apply"
        " (session-dq) (SCCA TT VI.1.1.2.C)"
    )
    (row,) = [r for r in scored(f).sessions["TA1"].entries if r.number == "21"]
    assert row.status == "ok"  # two laps lost, one still valid: never escalated on its own
    assert sum(lap.valid for lap in row.laps) == 1


def test_third_offense_prompts_exclusion_and_loss_of_control_counts_with_track_limits():
    f = scenario(
        decision(1, "track-limits", "21", "TA1"),
        decision(2, "loss-of-control", "21", "TA1"),
        decision(3, "track-limits", "21", "TA1"),
    )
    assert "exclusion from the event may apply" in escalation_prompts(f)[3]


def test_offenses_count_per_car_and_per_session():
    f = scenario(
        decision(1, "track-limits", "21", "TA1"),
        decision(2, "track-limits", "22", "TA1"),
        decision(3, "track-limits", "21", "TA2"),
    )
    assert escalation_prompts(f) == {}


def test_a_revoked_offense_does_not_count():
    f = scenario(
        decision(1, "track-limits", "21", "TA1"),
        decision(2, "revoke", revokes=1),
        decision(3, "track-limits", "21", "TA1"),
    )
    assert escalation_prompts(f) == {}


def test_rmd_ruleset_cites_the_rmd_rulebook():
    f = scenario(
        decision(1, "track-limits", "21", "TA1"),
        decision(2, "track-limits", "21", "TA1"),
        ruleset="rmd-tt",
    )
    assert escalation_prompts(f)[2].endswith("(RMD Time Attack 1.2)")


def test_session_interruption_first_offense_is_a_warning_second_excludes_from_the_session():
    f = scenario(
        decision(1, "session-interruption", "21", "TA1"),
        decision(2, "session-interruption", "21", "TA1"),
    )
    prompts = escalation_prompts(f)
    assert "one warning" in prompts[1]
    assert "exclusion from resuming that session" in prompts[2]
