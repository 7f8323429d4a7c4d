"""`penalty add` on a race session (endurance.md, "Race decisions"): race kinds only there,
each with the options it needs (`time-added --seconds S`, `laps-deducted --laps N`,
`position --places N`, `drive-through`/`stop-and-go [--served-at T]`, `race-dq`)."""

from __future__ import annotations

from trackside.core.records import DecisionKind, EventFacts
from trackside.errors import InputError

RACE_KINDS = frozenset({DecisionKind.TIME_ADDED, DecisionKind.LAPS_DEDUCTED,
                        DecisionKind.DRIVE_THROUGH, DecisionKind.STOP_AND_GO,
                        DecisionKind.POSITION, DecisionKind.RACE_DQ})  # fmt: skip
"""Kinds that act on a race result."""
RACE_SESSION_KINDS = RACE_KINDS | frozenset({DecisionKind.WARNING, DecisionKind.EVENT_EXCLUSION,
                                             DecisionKind.EVENT_DQ})  # fmt: skip
"""Every kind `penalty add` may give in a race session."""
COUNTED = {DecisionKind.LAPS_DEDUCTED: "--laps", DecisionKind.POSITION: "--places"}
"""The kinds that take a count (`Decision.count`) and the option giving it."""
ELSEWHERE = {
    DecisionKind.CONTACT: "record contact with `trackside contact EVENT SESSION NUMBER NUMBER "
                          "--by NAME`",
    DecisionKind.SOLO_EXIT: "confirm a solo driver's exit with `trackside solo-exit EVENT "
                            "SESSION NUMBER --by NAME`",
    DecisionKind.PENALTY_SERVED: "mark a penalty served with `trackside penalty served EVENT "
                                 "DECISION_ID --at TIME --by NAME`",
}  # fmt: skip


def check_race_decision(
    facts: EventFacts, kind: DecisionKind, session_id: str | None, *, lap: int | None,
    run: int | None, counts: dict[str, int | None], seconds: float | None,
    served_us: int | None,
) -> bool:
    """True when the decision is on a race session (checked here); False for any other session
    or none, after refusing race kinds, `--laps`, `--places` and `--served-at` there.
    `counts` maps `--laps` and `--places` to the values given."""
    if kind in ELSEWHERE:
        raise InputError(ELSEWHERE[kind], source="argument KIND")
    session = None if session_id is None else facts.event.session(session_id)
    if session is None or session.race is None:
        if kind in RACE_KINDS:
            where = "no session given" if session is None else \
                f"session {session_id!r} is a {session.format} session"
            raise InputError(f"{kind} acts on a race session ({where}): give --session R",
                             source="option --session")
        if served_us is not None:
            raise InputError("--served-at applies to drive-through and stop-and-go",
                             source="option --served-at")
        for option, value in counts.items():
            if value is not None:
                raise InputError(f"{option} applies to a race session's laps-deducted or "
                                 "position", source=f"option {option}")
        return False
    if kind not in RACE_SESSION_KINDS:
        raise InputError(f"{kind} is not a race decision; session {session_id!r} is a race "
                         f"(race kinds: {', '.join(sorted(RACE_KINDS))})", source="argument KIND")
    for given, option in ((lap, "--lap"), (run, "--run")):
        if given is not None:
            raise InputError(f"{option} does not apply to a race session",
                             source=f"option {option}")
    _check_options(kind, counts, seconds, served_us)
    return True


def race_count(kind: DecisionKind, counts: dict[str, int | None]) -> int | None:
    """The decision's count: laps deducted or places, from the option its kind takes."""
    option = COUNTED.get(kind)
    return None if option is None else counts.get(option)


def _check_options(
    kind: DecisionKind, counts: dict[str, int | None], seconds: float | None,
    served_us: int | None,
) -> None:
    if kind is DecisionKind.TIME_ADDED and (seconds is None or seconds <= 0):
        raise InputError("time-added needs --seconds greater than 0", source="option --seconds")
    if kind is not DecisionKind.TIME_ADDED and seconds is not None:
        raise InputError(f"--seconds applies to time-added, not {kind}", source="option --seconds")
    for option, value in counts.items():
        if COUNTED.get(kind) == option:
            if value is None or value < 1:
                raise InputError(f"{kind} needs {option} N (1 or more)", source=f"option {option}")
        elif value is not None:
            wanted = next(k for k, o in COUNTED.items() if o == option)
            raise InputError(f"{option} applies to {wanted}, not {kind}",
                             source=f"option {option}")
    if served_us is not None and kind not in (DecisionKind.DRIVE_THROUGH,
                                              DecisionKind.STOP_AND_GO):
        raise InputError(f"--served-at applies to drive-through and stop-and-go, not {kind}",
                         source="option --served-at")
