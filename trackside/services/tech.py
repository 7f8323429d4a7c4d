"""Tech inspection (docs/tech.md): each car's status, changed by appending a record (SCCA TT
Rules 5), and reclassification findings, decisions in the journal (SCCA TT Rules Compliance,
"Non-Compliance" 3)."""

from __future__ import annotations

from sqlalchemy import Engine

from trackside.core.reclassification import classes_in_force
from trackside.core.records import Decision, DecisionKind, EventFacts
from trackside.core.results import natural_key
from trackside.core.tech import CarTech, TechRecord, TechState, not_passed, tech_of
from trackside.errors import InputError
from trackside.services.checks import require_event
from trackside.store.database import writing
from trackside.store.facts import definitions_in, entries_in
from trackside.store.official_facts import append_decision
from trackside.store.tech_status import append_tech_record, tech_records_of

STATES = ", ".join(state.value for state in TechState)


def set_tech_status(
    engine: Engine, event_id: str, number: str, state: str, *, reason: str = "",
    note: str = "", author: str,
) -> TechRecord:  # fmt: skip
    """Record car NUMBER's tech status; `failed` needs the reason (what tech found)."""
    parsed = parse_state(state)
    if not author.strip():
        raise InputError("say who: give --by NAME", source="option --by")
    if parsed is TechState.FAILED and not reason.strip():
        raise InputError("a failed inspection needs its reason: give --reason TEXT",
                         source="option --reason")
    with writing(engine) as conn:
        require_event(conn, event_id)
        _require_entered(number, {e.number for e in entries_in(conn, event_id)}, event_id)
        record = TechRecord(0, number, parsed, reason.strip(), note.strip(), author.strip())
        return append_tech_record(conn, event_id, record)


def parse_state(text: str) -> TechState:
    try:
        return TechState(text.strip().lower())
    except ValueError:
        raise InputError(f"unknown tech status {text!r}; expected one of {STATES}",
                         source="argument STATUS") from None


def event_tech(engine: Engine, event_id: str) -> list[CarTech]:
    """Each entered car's tech status, pending cars first (`core/tech.py`)."""
    with engine.connect() as conn:
        require_event(conn, event_id)
        return tech_of(entries_in(conn, event_id), tech_records_of(conn, event_id))


def tech_marks(engine: Engine, event_id: str) -> dict[str, str]:
    """Car number -> tech status of the cars tech has not passed: the timing stand's marks,
    a warning only (docs/tech.md)."""
    cars = not_passed(event_tech(engine, event_id))
    return {number: str(state) for number, state in cars.items()}


def tech_records(engine: Engine, event_id: str) -> list[TechRecord]:
    """Every change of every car's tech status, oldest first (the audit's rows)."""
    with engine.connect() as conn:
        return tech_records_of(conn, event_id)


def reclassify(
    engine: Engine, event_id: str, number: str, car_class: str, reason: str, author: str
) -> Decision:
    """Record tech's finding that car NUMBER belongs in CLASS, one of the event's classes: a
    decision moving it there for the whole event (`penalty revoke EVENT ID` undoes it)."""
    if not reason.strip():
        raise InputError("say why: give --reason TEXT (what tech found, the rule it breaks)",
                         source="option --reason")
    if not author.strip():
        raise InputError("say who: give --by NAME", source="option --by")
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        _require_entered(number, {e.number for e in facts.entries}, event_id)
        wanted = _event_class(facts, car_class)
        _require_moved(facts, number, wanted)
        decision = Decision(id=0, kind=DecisionKind.RECLASSIFY, number=number,
                            car_class=wanted, reason=reason.strip(), author=author.strip())
        return append_decision(conn, event_id, decision)


def event_class_names(facts: EventFacts) -> list[str]:
    """The event's classes: those its entries were registered in, S2 before S10."""
    return sorted({e.car_class for e in facts.entries}, key=natural_key)


def _event_class(facts: EventFacts, car_class: str) -> str:
    """The event's class named `car_class` (any letter case); InputError listing them."""
    classes = event_class_names(facts)
    found = next((c for c in classes if c.casefold() == car_class.strip().casefold()), None)
    if found is None:
        raise InputError(f"no class {car_class!r} in event {facts.event.id!r} (its classes: "
                         f"{', '.join(classes) or 'none, no entries yet'})",
                         source="argument CLASS")  # fmt: skip
    return found


def _require_moved(facts: EventFacts, number: str, car_class: str) -> None:
    entry = next(e for e in facts.entries if e.number == number)
    now = classes_in_force(facts.decisions).get(number, entry.car_class)
    if now == car_class:
        raise InputError(f"car {number!r} already runs in class {car_class!r}",
                         source="argument CLASS")


def _require_entered(number: str, numbers: set[str], event_id: str) -> None:
    if number not in numbers:
        raise InputError(f"car {number!r} is not entered in event {event_id!r}",
                         source="argument NUMBER")


__all__ = ["STATES", "event_class_names", "event_tech", "parse_state", "reclassify",
           "set_tech_status", "tech_records"]
