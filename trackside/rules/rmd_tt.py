"""Rocky Mountain Division Time Trials Competition Rules, Time Attack 1.2-1.7."""

from __future__ import annotations

from trackside.core.records import DecisionKind as K
from trackside.rules.escalation import Ladder

NAME = "rmd-tt"
TITLE = "RMD Time Trials Competition Rules"

LADDERS = (
    Ladder(
        "track-limits",
        frozenset({K.TRACK_LIMITS}),
        {
            2: "disqualification from the session may apply (session-dq)",
            3: "exclusion from the event may apply (event-exclusion)",
        },
        "RMD Time Attack 1.2",
    ),
    Ladder(
        "session interruption",
        frozenset({K.SESSION_INTERRUPTION}),
        {
            1: "one warning",
            2: "exclusion from resuming that session (exclude-from-session --at)",
            3: "exclusion from the event may apply (event-exclusion)",
        },
        "RMD Time Attack 1.4",
    ),
    Ladder(
        "sportsmanship",
        frozenset({K.SPORTSMANSHIP}),
        {2: "exclusion from the event (event-exclusion)"},
        "RMD Time Attack 1.5",
        per_session=False,
    ),
    Ladder(
        "flag violation",
        frozenset({K.FLAG_VIOLATION}),
        {2: "exclusion from sessions or the event may apply"},
        "RMD Time Attack 1.7.2",
        per_session=False,
    ),
)
