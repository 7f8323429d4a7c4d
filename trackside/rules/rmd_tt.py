"""Rocky Mountain Division Time Trials Competition Rules, Time Attack 1.2-1.7."""

from __future__ import annotations

from trackside.core.records import DecisionKind as K
from trackside.rules.event_ranking import time_trials_rules
from trackside.rules.ladders import time_attack_ladders

NAME = "rmd-tt"
TITLE = "RMD Time Trials Competition Rules"

LADDERS = time_attack_ladders(
    # RMD 1.2 "Track Limits" stands alone; 1.3 (loss of control) sends the driver to the coach.
    ("track-limits", frozenset({K.TRACK_LIMITS})),
    cite_track_limits="RMD Time Attack 1.2",
    cite_interruption="RMD Time Attack 1.4",
    cite_sportsmanship="RMD Time Attack 1.5",
    cite_flags="RMD Time Attack 1.7.2",
)

EVENT_RULES = time_trials_rules(
    "RMD Time Trials Competition Rules, Scoring (cumulative time of fastest laps or runs)"
)
