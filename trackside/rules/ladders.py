"""The Time Attack escalation ladders the SCCA and RMD rulebooks share, with each rulebook's
own citations (SCCA TT VI.1.1.2-VI.1.1.6; RMD Time Attack 1.2-1.7)."""

from __future__ import annotations

from trackside.core.records import DecisionKind as K
from trackside.rules.escalation import Ladder


def time_attack_ladders(
    track_limits: tuple[str, frozenset[K]],
    cite_track_limits: str,
    cite_interruption: str,
    cite_sportsmanship: str,
    cite_flags: str,
) -> tuple[Ladder, ...]:
    """Track limits (per session), session interruption (per session), sportsmanship and flag
    violations (per event)."""
    name, kinds = track_limits
    return (
        Ladder(
            name,
            kinds,
            {
                2: "disqualification from the session may apply (session-dq)",
                3: "exclusion from the event may apply (event-exclusion)",
            },
            cite_track_limits,
        ),
        Ladder(
            "session interruption",
            frozenset({K.SESSION_INTERRUPTION}),
            {
                1: "one warning",
                2: "exclusion from resuming that session (exclude-from-session --at)",
                3: "exclusion from the event may apply (event-exclusion)",
            },
            cite_interruption,
        ),
        Ladder(
            "sportsmanship",
            frozenset({K.SPORTSMANSHIP}),
            {2: "exclusion from the event (event-exclusion)"},
            cite_sportsmanship,
            per_session=False,
        ),
        Ladder(
            "flag violation",
            frozenset({K.FLAG_VIOLATION}),
            {2: "exclusion from sessions or the event may apply"},
            cite_flags,
            per_session=False,
        ),
    )
