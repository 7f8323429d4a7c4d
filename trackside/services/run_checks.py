"""`penalty add` on a run session (tracksprint.md, "Decisions on runs"): the kind must fit the
session's format, `--run N` must be a run the car has there, `cones` needs `--count K`."""

from __future__ import annotations

from trackside.core.records import RUN_FORMATS, DecisionKind, EventFacts
from trackside.core.run_decisions import LOSE_FASTEST_RUN
from trackside.errors import InputError
from trackside.store.plain_sql import Connection

RUN_ONLY = frozenset({DecisionKind.DELETE_RUN, DecisionKind.CONES, DecisionKind.MISSED_GATE,
                      DecisionKind.OFF_COURSE, DecisionKind.NOT_SLOWING,
                      DecisionKind.LOSE_FASTEST_RUN})  # fmt: skip
"""Kinds that act on runs only."""
NEEDS_RUN = frozenset({DecisionKind.DELETE_RUN, DecisionKind.CONES, DecisionKind.MISSED_GATE,
                       DecisionKind.OFF_COURSE, DecisionKind.TRACK_LIMITS})  # fmt: skip
"""Kinds that name one run in a run session (`--run N`)."""
RUN_SESSION_KINDS = NEEDS_RUN | LOSE_FASTEST_RUN | frozenset(
    {DecisionKind.SESSION_DQ, DecisionKind.SPORTSMANSHIP, DecisionKind.EXCLUDE_FROM_SESSION,
     DecisionKind.WARNING, DecisionKind.EVENT_EXCLUSION, DecisionKind.EVENT_DQ,
     DecisionKind.TIME_PENALTY})  # fmt: skip
"""Every kind `penalty add` may give in a run session."""
ELSEWHERE = {
    DecisionKind.RERUN: "grant a re-run with `trackside rerun grant EVENT NUMBER --session S "
                        "--run N --reason R --by NAME`",
    DecisionKind.RUN_DNF: "record a car leaving the course with `trackside run dnf EVENT "
                          "SESSION NUMBER --at TIME`",
}  # fmt: skip


def check_run_decision(
    conn: Connection, facts: EventFacts, number: str, kind: DecisionKind,
    session_id: str | None, lap: int | None, run: int | None, count: int | None,
) -> bool:
    """True when the decision is on a run session (checked here); False for a lap session or
    none, after refusing run options and run kinds there."""
    if kind in ELSEWHERE:
        raise InputError(ELSEWHERE[kind], source="argument KIND")
    session = None if session_id is None else facts.event.session(session_id)
    if kind is not DecisionKind.CONES and count is not None:
        raise InputError(f"--count applies to cones, not {kind}", source="option --count")
    if session is None or session.format not in RUN_FORMATS:
        if kind in RUN_ONLY:
            where = "no session" if session is None else \
                f"session {session_id!r} is a {session.format} session"
            raise InputError(f"{kind} acts on a run of a tracksprint or hillclimb session "
                             f"({where}): give --session S --run N", source="option --session")
        if run is not None:
            raise InputError("--run applies to tracksprint and hillclimb sessions; "
                             f"give --lap N in session {session_id!r}" if session_id else
                             "--run needs the session: give --session", source="option --run")
        return False
    if lap is not None:
        raise InputError(f"session {session_id!r} is a {session.format} session: name a run "
                         "with --run N, not --lap", source="option --lap")
    if kind not in RUN_SESSION_KINDS:
        raise InputError(f"{kind} is a lap decision; session {session_id!r} is a "
                         f"{session.format} session", source="argument KIND")
    if kind in NEEDS_RUN and run is None:
        raise InputError(f"{kind} names one run: give --run N", source="option --run")
    if kind not in NEEDS_RUN and run is not None:
        raise InputError(f"{kind} does not name a run: leave out --run", source="option --run")
    if kind is DecisionKind.CONES and (count is None or count < 1):
        raise InputError("cones needs --count K (1 or more)", source="option --count")
    if run is not None:
        from trackside.services.runs import require_run

        require_run(conn, facts.event.id, session.id, number, run)
    return True
