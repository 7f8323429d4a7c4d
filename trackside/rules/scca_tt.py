"""SCCA Time Trials Rules, section VI.1.1 (Time Attack penalties and their escalation)."""

from __future__ import annotations

from trackside.core.records import DecisionKind as K
from trackside.rules.event_ranking import time_trials_rules
from trackside.rules.ladders import time_attack_ladders

NAME = "scca-tt"
TITLE = "SCCA Time Trials Rules"

LADDERS = time_attack_ladders(
    # VI.1.1.2 "Track Limits/Loss of Control": one ladder for both offenses.
    ("track-limits/loss-of-control", frozenset({K.TRACK_LIMITS, K.LOSS_OF_CONTROL})),
    cite_track_limits="SCCA TT VI.1.1.2.C",
    cite_interruption="SCCA TT VI.1.1.3",
    cite_sportsmanship="SCCA TT VI.1.1.4",
    cite_flags="SCCA TT VI.1.1.6.B",
)

EVENT_RULES = time_trials_rules("SCCA TT VI.2.5")
