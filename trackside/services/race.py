"""Race use cases (endurance.md): a team's roster, official pit stops and driver changes,
`contact` and `solo-exit` decisions, a drive-through or stop-and-go served. Each write is one
transaction; a refusal stores nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from trackside.core.decisions import active_decisions
from trackside.core.records import (
    Decision,
    DecisionKind,
    DriverChange,
    Entry,
    EventFacts,
    PitStopRecord,
    RosterDriver,
    SessionDef,
    SessionFormat,
)
from trackside.core.results import natural_key
from trackside.errors import InputError
from trackside.services.checks import require_event, require_session
from trackside.store.database import writing
from trackside.store.facts import decisions_in, definitions_in
from trackside.store.journal import append_decision
from trackside.store.race_facts import (
    DRIVER_CHANGE,
    PIT_STOP,
    RecordListing,
    append_driver_change,
    append_pit_stop,
    append_record_revoke,
    race_records,
    replace_roster,
)
from trackside.timing.csv_roster import read_roster_csv

SERVABLE = frozenset({DecisionKind.DRIVE_THROUGH, DecisionKind.STOP_AND_GO})
"""Race decisions served on track (endurance.md, "Race decisions")."""
CONTACT_FORMATS = frozenset({SessionFormat.PRACTICE, SessionFormat.QUALIFYING})
"""Sessions where body contact grids both cars last (IMG no-contact policy)."""


@dataclass(frozen=True, slots=True)
class RosterReport:
    cars: tuple[str, ...]
    """The cars whose roster was replaced, in file order."""
    drivers: int


def race_session(facts: EventFacts, session_id: str, source: str = "argument SESSION"
                 ) -> SessionDef:  # fmt: skip
    """The session named, which must be a race session."""
    require_session(facts.event, session_id, source=source)
    session = facts.event.session(session_id)
    assert session is not None
    if session.race is None:
        raise InputError(f"session {session_id!r} is a {session.format} session, not a race",
                         source=source)
    return session


def require_entry(facts: EventFacts, number: str, source: str = "argument NUMBER") -> Entry:
    entry = next((e for e in facts.entries if e.number == number), None)
    if entry is None:
        raise InputError(f"car {number!r} is not entered in event {facts.event.id!r}",
                         source=source)
    return entry


def require_author(author: str) -> str:
    if not author.strip():
        raise InputError("say who: give --by NAME", source="option --by")
    return author


def import_roster(engine: Engine, event_id: str, path: Path | str, author: str = "",
                  ) -> RosterReport:  # fmt: skip
    """Replace the roster of every car the CSV names (others keep theirs), all or nothing: a
    car not entered, or a driver transponder another car wears, names the file's line."""
    path = Path(path)
    rows = read_roster_csv(path)
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        cars = {e.transponder: e.number for e in facts.entries}
        entered = set(cars.values())
        renamed = {row.driver.number for row in rows}
        worn = {d.driver_transponder: d.number for d in facts.roster
                if d.driver_transponder and d.number not in renamed}  # fmt: skip
        for row in rows:
            driver = row.driver
            if driver.number not in entered:
                raise InputError(f"car {driver.number!r} is not entered in event {event_id!r}",
                                 source=str(path), line=row.line, field="number")
            _check_worn(driver, cars, worn, str(path), row.line)
        numbers = replace_roster(conn, event_id, [row.driver for row in rows],
                                 author or f"file {path.name}")
    return RosterReport(tuple(numbers), len(rows))


def _check_worn(driver: RosterDriver, cars: dict[str, str], worn: dict[str, str], source: str,
                line: int) -> None:  # fmt: skip
    """A driver transponder is no car's transponder and no other car's driver's."""
    tag = driver.driver_transponder
    if tag is None:
        return
    if tag in cars:
        raise InputError(f"transponder {tag!r} is car {cars[tag]}'s own transponder",
                         source=source, line=line, field="driver_transponder")
    if worn.get(tag, driver.number) != driver.number:
        raise InputError(f"transponder {tag!r} belongs to a driver of car {worn[tag]}",
                         source=source, line=line, field="driver_transponder")


def car_roster(facts: EventFacts, number: str) -> tuple[RosterDriver, ...]:
    """The car's drivers in roster order; with no roster, the entry's driver alone."""
    listed = tuple(d for d in facts.roster if d.number == number)
    if listed:
        return listed
    entry = require_entry(facts, number)
    return (RosterDriver(number, entry.first_name, entry.last_name,
                         entry.extra.get("member_id")),)  # fmt: skip


def record_pit_stop(
    engine: Engine, event_id: str, session_id: str, number: str, in_us: int, out_us: int,
    author: str = "",
) -> tuple[PitStopRecord, bool]:
    """An official's record of a stop (endurance.md, "Pit stops"); False when already stored."""
    if out_us <= in_us:
        raise InputError("--out must be after --in", source="option --out")
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        race_session(facts, session_id)
        require_entry(facts, number)
        stop = PitStopRecord(session_id, number, in_us, out_us, author=author)
        stored = append_pit_stop(conn, event_id, stop, author)
        return stored or stop, stored is not None


def record_driver_change(
    engine: Engine, event_id: str, session_id: str, number: str, driver: str, at_us: int,
    author: str = "",
) -> DriverChange:
    """Driver `driver` (a name or member id on the car's roster) took the car at the stop
    containing `at_us` (endurance.md, "Drivers and stints")."""
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        race_session(facts, session_id)
        require_entry(facts, number)
        named = roster_driver(car_roster(facts, number), driver, number)
        change = DriverChange(session_id, number, named.name, at_us)
        return append_driver_change(conn, event_id, change, author)


def roster_driver(roster: tuple[RosterDriver, ...], wanted: str, number: str) -> RosterDriver:
    """The roster's driver named `wanted` (full name, any case, or member id)."""
    key = " ".join(wanted.split()).casefold()
    for driver in roster:
        if driver.name.casefold() == key or (driver.member_id and driver.member_id == wanted):
            return driver
    names = ", ".join(d.name for d in roster)
    raise InputError(f"{wanted!r} is not on car {number}'s roster ({names}); import it with "
                     "`trackside roster import EVENT FILE.csv`", source="argument DRIVER")


def record_contact(
    engine: Engine, event_id: str, session_id: str, number: str, other: str, author: str,
    reason: str = "",
) -> Decision:
    """Body contact between two cars in practice or qualifying: both are gridded last for the
    race (IMG no-contact policy; endurance.md, "Grid from qualifying")."""
    require_author(author)
    if number == other:
        raise InputError("a contact names two different cars", source="argument NUMBER")
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        require_session(facts.event, session_id, source="argument SESSION")
        session = facts.event.session(session_id)
        assert session is not None
        if session.format not in CONTACT_FORMATS:
            raise InputError(f"session {session_id!r} is a {session.format} session: a contact "
                             "is recorded in a practice or qualifying session",
                             source="argument SESSION")
        require_entry(facts, number)
        require_entry(facts, other, source="argument OTHER")
        decision = Decision(0, DecisionKind.CONTACT, number, session_id, other_number=other,
                            reason=reason or "body contact", author=author)  # fmt: skip
        return append_decision(conn, event_id, decision)


def record_solo_exit(
    engine: Engine, event_id: str, session_id: str, number: str, author: str, reason: str = ""
) -> Decision:
    """An official confirms the solo driver of `number` fully exited the car during the
    mandatory stop (endurance.md, "Drivers and stints")."""
    require_author(author)
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        race_session(facts, session_id)
        require_entry(facts, number)
        decision = Decision(0, DecisionKind.SOLO_EXIT, number, session_id,
                            reason=reason or "fully exited the car", author=author)
        return append_decision(conn, event_id, decision)


def serve_penalty(
    engine: Engine, event_id: str, decision_id: int, at_us: int, author: str
) -> Decision:
    """A `penalty-served` decision: drive-through or stop-and-go `decision_id` was served at
    `at_us`. Revoking it makes the penalty unserved again."""
    require_author(author)
    with writing(engine) as conn:
        require_event(conn, event_id)
        in_force = active_decisions(decisions_in(conn, event_id))
        target = next((d for d in in_force if d.id == decision_id), None)
        if target is None or target.kind not in SERVABLE:
            kinds = " or ".join(sorted(SERVABLE))
            what = "no decision in force" if target is None else f"a {target.kind}"
            raise InputError(f"decision {decision_id} is {what}; only a {kinds} is served",
                             source="argument DECISION_ID")
        served = target.served_us is not None or any(
            d.kind is DecisionKind.PENALTY_SERVED and d.serves == decision_id for d in in_force)
        if served:
            raise InputError(f"decision {decision_id} is already served",
                             source="argument DECISION_ID")
        decision = Decision(0, DecisionKind.PENALTY_SERVED, target.number, target.session_id,
                            served_us=at_us, serves=decision_id,
                            reason=f"serves decision {decision_id}", author=author)
        return append_decision(conn, event_id, decision)


def event_roster(engine: Engine, event_id: str) -> list[tuple[Entry, tuple[RosterDriver, ...]]]:
    """Every entered car with its drivers in roster order (the entry's driver alone when the
    car has no roster), cars in number order (7 before 12)."""
    with engine.connect() as conn:
        facts = definitions_in(conn, event_id)
    entries = sorted(facts.entries, key=lambda e: natural_key(e.number))
    return [(entry, car_roster(facts, entry.number)) for entry in entries]


RECORD_NAMES = {PIT_STOP: "pit stop", DRIVER_CHANGE: "driver change"}


def list_race_records(engine: Engine, event_id: str, record: str) -> list[RecordListing]:
    """Every pit stop (or driver change) recorded for the event, revoked ones marked."""
    with engine.connect() as conn:
        require_event(conn, event_id)
        return race_records(conn, event_id, record)


def revoke_race_record(
    engine: Engine, event_id: str, record: str, record_id: int, reason: str, author: str
) -> int:
    """Revoke a pit stop or driver change recorded by mistake: it stays listed, marked, and no
    result reads it again. The revocation's id."""
    from trackside.services.decisions import require_author_and_reason

    require_author_and_reason(reason, author)
    name = RECORD_NAMES[record]
    with writing(engine) as conn:
        require_event(conn, event_id)
        found = next((r for r in race_records(conn, event_id, record)
                      if r.values["id"] == record_id), None)  # fmt: skip
        if found is None:
            raise InputError(f"no {name} {record_id} in event {event_id!r}", source="argument ID")
        if found.revoked is not None:
            raise InputError(f"{name} {record_id} was already revoked ({found.revoked['reason']}, "
                             f"by {found.revoked['author']})", source="argument ID")
        return append_record_revoke(conn, event_id, record, record_id, reason, author)
