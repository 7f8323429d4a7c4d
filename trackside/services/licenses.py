"""License status and grants (officials.md, "License upgrades"; SCCA TT II.4-II.6)."""

from __future__ import annotations

from sqlalchemy import Engine

from trackside.core.drivers import GRADES, Driver, LicenseGrade
from trackside.core.entry_checks import CheckedEntry, entry_grade
from trackside.core.licenses import HistoryEvent, LicenseStatus, license_status
from trackside.core.records import EventFacts
from trackside.core.satisfactory import Mark, is_standalone_tracksprint, satisfactory_marks
from trackside.errors import InputError
from trackside.rules.licenses import UPGRADES
from trackside.services.drivers import unknown_driver
from trackside.services.session_cache import scored_event
from trackside.store.database import writing
from trackside.store.drivers import (
    append_grant,
    grants_of,
    license_at,
    member_entries,
    stored_drivers,
)


def current_license(driver: Driver, grants: list[dict]) -> LicenseGrade | None:
    """The highest of the record's license and the officials' grants."""
    held = [LicenseGrade(g["grade"]) for g in grants]
    if driver.license is not None:
        held.append(driver.license)
    return max(held, key=lambda g: g.rank) if held else None


EventMarks = dict[str, tuple[EventFacts, dict[str, Mark]]]
"""Event id -> its facts and marks, scored once however many members' histories read it."""


def _marks(engine: Engine, event_id: str, cache: EventMarks) -> tuple[EventFacts, dict]:
    if event_id not in cache:
        facts, scored = scored_event(engine, event_id)
        cache[event_id] = (facts, satisfactory_marks(facts, scored.event, scored.sessions))
    return cache[event_id]


def driver_history(
    engine: Engine, member_id: str, cache: EventMarks | None = None
) -> list[HistoryEvent]:
    """Every event with an entry linked to the member, with the grade it ran on (its
    `license` column, else the record's license when the entry was stored), its mark and
    whether it was a standalone TrackSprint event."""
    cache = {} if cache is None else cache
    with engine.connect() as conn:
        links = member_entries(conn, member_id)
        record = {(k["event_id"], k["number"]): license_at(conn, member_id, k["recorded_us"])
                  for k in links}
    history = []
    for link in links:
        facts, marks = _marks(engine, link["event_id"], cache)
        held = record[(link["event_id"], link["number"])]
        grade = entry_grade(CheckedEntry(0, link["number"], "", member_id, link["license"]),
                            Driver(member_id, "", "", license=held))
        history.append(HistoryEvent(link["event_id"], facts.event.date, grade,
                                    marks[link["number"]].satisfactory,
                                    is_standalone_tracksprint(facts)))
    return history


def member_license_status(engine: Engine, member_id: str) -> LicenseStatus:
    with engine.connect() as conn:
        driver = stored_drivers(conn, [member_id]).get(member_id)
        grants = grants_of(conn, member_id)
    if driver is None:
        raise unknown_driver(member_id)
    return license_status(member_id, current_license(driver, grants),
                          driver_history(engine, member_id), UPGRADES)


def grant_license(engine: Engine, member_id: str, grade: str, by: str, reason: str) -> int:
    """An officials' license decision (SCCA TT II.4.1.C, II.5.1.C experience; II.6 Pro)."""
    if grade not in GRADES:
        raise InputError(f"expected one of {', '.join(GRADES)}; got {grade!r}",
                         source="argument GRADE")
    if not by.strip():
        raise InputError("say who: give --by NAME", source="option --by")
    if not reason.strip():
        raise InputError("say why: give --reason TEXT", source="option --reason")
    with writing(engine) as conn:
        if member_id not in stored_drivers(conn, [member_id]):
            raise unknown_driver(member_id)
        return append_grant(conn, member_id, LicenseGrade(grade), reason.strip(), by.strip())
