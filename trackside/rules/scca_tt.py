"""SCCA Time Trials Rules, section VI.1.1 (Time Attack penalties and their escalation)."""

from __future__ import annotations

from trackside.core.records import DecisionKind as K
from trackside.rules.escalation import Ladder

NAME = "scca-tt"
TITLE = "SCCA Time Trials Rules"

LADDERS = (
    Ladder(
        "track-limits/loss-of-control",
        frozenset({K.TRACK_LIMITS, K.LOSS_OF_CONTROL}),
        {
            2: "disqualification from the session may apply (session-dq)",
            3: "exclusion from the event may apply (event-exclusion)",
        },
        "SCCA TT VI.1.1.2.C",
    ),
    Ladder(
        "session interruption",
        frozenset({K.SESSION_INTERRUPTION}),
        {
            1: "one warning",
            2: "exclusion from resuming that session (exclude-from-session --at)",
            3: "exclusion from the event may apply (event-exclusion)",
        },
        "SCCA TT VI.1.1.3",
    ),
    Ladder(
        "sportsmanship",
        frozenset({K.SPORTSMANSHIP}),
        {2: "exclusion from the event (event-exclusion)"},
        "SCCA TT VI.1.1.4",
        per_session=False,
    ),
    Ladder(
        "flag violation",
        frozenset({K.FLAG_VIOLATION}),
        {2: "exclusion from sessions or the event may apply"},
        "SCCA TT VI.1.1.6.B",
        per_session=False,
    ),
)
