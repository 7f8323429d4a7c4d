"""Officials' decisions: added, listed and revoked, never changed (time-attack.md, Decisions)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from trackside.core.records import (
    Decision,
    DecisionKind,
    Entry,
    EventFacts,
)
from trackside.errors import InputError
from trackside.services.checks import require_event
from trackside.services.decision_sessions import session_for
from trackside.services.entry_laps import entry_session_laps
from trackside.services.query_checks import check_query_penalty
from trackside.services.race_checks import check_race_decision, race_count
from trackside.services.run_checks import check_run_decision
from trackside.store.database import writing
from trackside.store.facts import decisions_in, definitions_in
from trackside.store.official_facts import append_decision
from trackside.store.plain_sql import Connection

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from trackside.store.sqlite_file import SqliteFile

_NOT_PENALTIES = (DecisionKind.REVOKE, DecisionKind.RESULTS_OFFICIAL, DecisionKind.REVOKE_FLAG,
                  DecisionKind.SATISFACTORY, DecisionKind.UNSATISFACTORY,
                  DecisionKind.IMPOUND_RELEASE, DecisionKind.RECLASSIFY)
_OWN_COMMAND = {
    DecisionKind.SATISFACTORY: "mark an entry with `trackside satisfactory EVENT NUMBER yes`",
    DecisionKind.UNSATISFACTORY: "mark an entry with `trackside satisfactory EVENT NUMBER no`",
    DecisionKind.IMPOUND_RELEASE: "record it with `trackside impound release EVENT NUMBER`",
    DecisionKind.RECLASSIFY: "reclassify a car with `trackside reclassify EVENT NUMBER CLASS`",
}
KINDS = ", ".join(k.value for k in DecisionKind if k not in _NOT_PENALTIES)


@dataclass(frozen=True, slots=True)
class DecisionListing:
    decision: Decision
    revoked_by: int | None


def add_decision(
    engine: Engine | SqliteFile,
    event_id: str,
    number: str,
    kind: str,
    session_id: str | None = None,
    lap: int | None = None,
    at_us: int | None = None,
    seconds: float | None = None,
    reason: str = "",
    author: str = "",
    run: int | None = None,
    count: int | None = None,
    laps: int | None = None,
    places: int | None = None,
    served_us: int | None = None,
    query_id: int | None = None,
) -> Decision:
    """Check an official's decision against the event's facts and append it to the journal.

    Only the car's own facts are scored to check `lap` (`core/car_facts.py`); `run` is checked
    against the session's runs (`services/run_checks.py`), and the kind against the session's
    format (a run kind in a run session, a lap kind in a lap session, a race kind in a race
    session: `services/race_checks.py`, where `laps` or `places` is the count)."""
    decision_kind = parse_kind(kind)
    counts = {"--laps": laps, "--places": places}
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        entry = _require_entry(facts, number)
        session_id = session_for(facts, entry, decision_kind, session_id, at_us)
        if check_race_decision(facts, decision_kind, session_id, lap=lap, run=run,
                               counts=counts, seconds=seconds, served_us=served_us):
            count = race_count(decision_kind, counts)
        elif check_run_decision(conn, facts, number, decision_kind, session_id, lap, run, count):
            lap = None
            _check_time_and_seconds(decision_kind, at_us, seconds)
        else:
            _check_lap(conn, facts, entry, decision_kind, session_id, lap)
            _check_time_and_seconds(decision_kind, at_us, seconds)
        if query_id is not None:
            check_query_penalty(conn, event_id, query_id, number)
        decision = Decision(id=0, kind=decision_kind, number=number, session_id=session_id,
                            lap=lap, at_us=at_us, penalty_us=_microseconds(seconds),
                            reason=reason, author=author, run=run, count=count,
                            served_us=served_us, query_id=query_id)
        return append_decision(conn, event_id, decision)


def _microseconds(seconds: float | None) -> int | None:
    return None if seconds is None else round(seconds * 1_000_000)


def parse_kind(kind: str) -> DecisionKind:
    if kind == DecisionKind.REVOKE:
        raise InputError("revoke a decision with `trackside penalty revoke EVENT ID`",
                         source="argument KIND")
    if kind == DecisionKind.REVOKE_FLAG:
        raise InputError("revoke a flag with `trackside flag revoke EVENT ID`",
                         source="argument KIND")
    if kind == DecisionKind.RESULTS_OFFICIAL:
        raise InputError("declare results official with `trackside finalize EVENT --by NAME`",
                         source="argument KIND")
    if kind in _OWN_COMMAND:
        raise InputError(_OWN_COMMAND[DecisionKind(kind)], source="argument KIND")
    try:
        return DecisionKind(kind)
    except ValueError:
        raise InputError(f"unknown kind {kind!r}; expected one of {KINDS}",
                         source="argument KIND") from None


def _require_entry(facts: EventFacts, number: str) -> Entry:
    entry = next((e for e in facts.entries if e.number == number), None)
    if entry is None:
        raise InputError(f"car {number!r} is not entered in event {facts.event.id!r}",
                         source="argument NUMBER")
    return entry


def _check_lap(
    conn: Connection, facts: EventFacts, entry: Entry, kind: DecisionKind,
    session_id: str | None, lap: int | None,
) -> None:
    """`--lap N` must be a lap the car has in the session: only the car's facts are scored."""
    if lap is None:
        if kind is DecisionKind.DELETE_LAP:
            raise InputError("delete-lap needs the lap: give --lap N", source="option --lap")
        return
    if session_id is None:
        raise InputError("a lap needs its session: give --session", source="option --session")
    number = entry.number
    laps = [scored.lap for scored in entry_session_laps(conn, facts, session_id, entry)]
    if lap not in laps:
        has = f"laps 1-{max(laps)}" if laps else "no laps"
        raise InputError(f"car {number!r} has no lap {lap} in session {session_id!r} ({has})",
                         source="option --lap")


def _check_time_and_seconds(kind: DecisionKind, at_us: int | None, seconds: float | None) -> None:
    if kind is DecisionKind.EXCLUDE_FROM_SESSION and at_us is None:
        raise InputError("exclude-from-session needs the time: give --at TIME",
                         source="option --at")
    if kind is DecisionKind.TIME_PENALTY and (seconds is None or seconds <= 0):
        raise InputError("time-penalty needs --seconds greater than 0", source="option --seconds")
    if kind is not DecisionKind.TIME_PENALTY and seconds is not None:
        raise InputError(f"--seconds applies to time-penalty, not {kind}",
                         source="option --seconds")


def declare_official(engine: Engine, event_id: str, reason: str, author: str) -> Decision:
    """Declare the event's results official (no longer provisional); revoking it reopens them."""
    if not author.strip():
        raise InputError("say who: give --by NAME", source="option --by")
    with writing(engine) as conn:
        require_event(conn, event_id)
        decision = Decision(id=0, kind=DecisionKind.RESULTS_OFFICIAL, reason=reason,
                            author=author)
        return append_decision(conn, event_id, decision)


def revoke_decision(
    engine: Engine, event_id: str, decision_id: int, reason: str, author: str
) -> Decision:
    """Append a REVOKE decision for `decision_id`; the revoked row itself is never touched."""
    require_author_and_reason(reason, author)
    with writing(engine) as conn:
        require_event(conn, event_id)
        original = _revocable(conn, event_id, decision_id)
        revocation = Decision(id=0, kind=DecisionKind.REVOKE, number=original.number,
                              session_id=original.session_id, reason=reason, author=author,
                              revokes=original.id)
        return append_decision(conn, event_id, revocation)


def require_author_and_reason(reason: str, author: str) -> None:
    """A revocation says why and who."""
    if not reason.strip():
        raise InputError("say why: give --reason TEXT", source="option --reason")
    if not author.strip():
        raise InputError("say who: give --by NAME", source="option --by")


def _revocable(conn: Connection, event_id: str, decision_id: int) -> Decision:
    listed = {item.decision.id: item for item in _listings(conn, event_id)}
    item = listed.get(decision_id)
    if item is None:
        raise InputError(f"no decision {decision_id} in event {event_id!r}",
                         source="argument ID")
    if item.decision.kind is DecisionKind.REVOKE:
        raise InputError(f"decision {decision_id} is itself a revocation",
                         source="argument ID")
    if item.revoked_by is not None:
        raise InputError(f"decision {decision_id} was already revoked by decision "
                         f"{item.revoked_by}", source="argument ID")
    return item.decision


def list_decisions(engine: Engine, event_id: str) -> list[DecisionListing]:
    """Every decision of the event in the order made, with the decision that revoked it."""
    with engine.connect() as conn:
        require_event(conn, event_id)
        return _listings(conn, event_id)


def _listings(conn: Connection, event_id: str) -> list[DecisionListing]:
    return listings_of(decisions_in(conn, event_id))


def listings_of(made: Iterable[Decision]) -> list[DecisionListing]:
    """Decisions with the id of the decision that revoked each (None if in force)."""
    made = list(made)
    revoked_by = {d.revokes: d.id for d in made if d.revokes is not None}
    return [DecisionListing(d, revoked_by.get(d.id)) for d in made]
