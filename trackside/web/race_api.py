"""The race and officials' write endpoints (console.md, "Race decisions"; issue 15): pit
stops, driver changes and their revokes, solo-exit confirmations, contact decisions, penalties
served, compliance queries waived and answered, satisfactory marks. Each calls the use case of
its CLI command with the signed-in account as author, through the write API's one path
(`write_api.write`: 401, CSRF 403, 422 naming the field, 404, 403 naming the roles, 201)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from trackside.core.records import DecisionKind
from trackside.core.roles import Action, decision_action
from trackside.errors import InputError
from trackside.publish.formats import time_text
from trackside.publish.query_rows import query_document
from trackside.services import console_writes
from trackside.services.marks import mark_satisfactory
from trackside.services.queries import answer_query, list_queries, waive_query
from trackside.services.race import (
    RECORD_NAMES,
    record_contact,
    record_driver_change,
    record_pit_stop,
    record_solo_exit,
    revoke_race_record,
    serve_penalty,
)
from trackside.services.race_records import (
    DRIVER_CHANGE,
    PIT_STOP,
    record_docs,
    stored_record,
)
from trackside.services.times import event_time
from trackside.web.auth import Caller, Refusal
from trackside.web.race_bodies import (
    ANSWER_BODY,
    CONTACT_BODY,
    DRIVER_CHANGE_BODY,
    PIT_STOP_BODY,
    SATISFACTORY_BODY,
    SERVED_BODY,
    SOLO_EXIT_BODY,
    WAIVE_BODY,
)
from trackside.web.write_api import write
from trackside.web.write_bodies import REVOKE_BODY, Values, schema

router = APIRouter(prefix="/api/events/{event_id}", tags=["write"])
Doc = dict[str, Any]
RECORD_ACTIONS = {PIT_STOP: Action.PIT_STOP, DRIVER_CHANGE: Action.DRIVER_CHANGE}


def _engine(request: Request):  # type: ignore[no-untyped-def]
    return request.app.state.hub.engine


def track_now(request: Request, event_id: str, option: str) -> int:
    """The event's track time now, to the millisecond (the live clock the pages show)."""
    snapshot = request.app.state.hub.latest(event_id)
    now_us = None if snapshot is None else snapshot.track_us()
    if now_us is None:
        raise InputError(f"the event has no track time yet: give {option.lstrip('-')}",
                         source=f"option {option}")
    return now_us // 1000 * 1000


def _clock(text: str | None) -> str:
    """`12:04:40` of an ISO time `2026-06-13T12:04:40.000`."""
    return (text or "").split("T", 1)[-1][:8]


@router.post("/pit-stops", status_code=201, openapi_extra=schema(PIT_STOP_BODY))
async def post_pit_stop(request: Request, event_id: str) -> Response:
    """A pit stop `{"number", "session", "in", "out"?}` (`pit stop`; no `out`: now on the track
    clock); the same stop again, while in force, is 200 with the stored one."""
    engine_of = _engine(request)

    def record(caller: Caller, v: Values) -> tuple[Doc, int]:
        in_us = event_time(engine_of, event_id, v["in"], "--in")
        out_us = event_time(engine_of, event_id, v["out"], "--out") if v.get("out") \
            else track_now(request, event_id, "--out")
        stop, added = record_pit_stop(engine_of, event_id, v["session"], v["number"], in_us,
                                      out_us, caller.name)  # fmt: skip
        doc = stop_in_force(engine_of, event_id, v["session"], v["number"], in_us, out_us) \
            if stop.id is None else stored_record(engine_of, event_id, PIT_STOP, stop.id)
        said = "recorded" if added else "already recorded"
        doc["summary"] = (f"pit stop {doc['id']} of car {doc['number']} in {doc['session']}: "
                          f"{_clock(doc['in'])} - {_clock(doc['out'])} {said}")  # fmt: skip
        return doc, 201 if added else 200

    return await write(request, event_id, PIT_STOP_BODY, lambda _v: Action.PIT_STOP, record)


def stop_in_force(engine_of, event_id: str, session_id: str, number: str, in_us: int,  # type: ignore[no-untyped-def]
                  out_us: int) -> Doc:  # fmt: skip
    """The stored stop in force with these times (a stop recorded again adds nothing)."""
    wanted = (session_id, number, time_text(in_us), time_text(out_us))
    return next(d for d in record_docs(engine_of, event_id, PIT_STOP)
                if d["revoked"] is None
                and (d["session"], d["number"], d["in"], d["out"]) == wanted)  # fmt: skip


@router.post("/driver-changes", status_code=201, openapi_extra=schema(DRIVER_CHANGE_BODY))
async def post_driver_change(request: Request, event_id: str) -> Response:
    """A driver change `{"number", "session", "at", "driver"}` (`driver change`): DRIVER, a
    name (any case) or member id on the car's roster, took the car at the stop containing at."""
    engine_of = _engine(request)

    def record(caller: Caller, v: Values) -> tuple[Doc, int]:
        at_us = event_time(engine_of, event_id, v["at"])
        change = record_driver_change(engine_of, event_id, v["session"], v["number"],
                                      v["driver"], at_us, caller.name)  # fmt: skip
        assert change.id is not None
        doc = stored_record(engine_of, event_id, DRIVER_CHANGE, change.id)
        doc["summary"] = (f"driver change {doc['id']}: {doc['driver']} in car {doc['number']} "
                          f"({doc['session']}) recorded")  # fmt: skip
        return doc, 201

    return await write(request, event_id, DRIVER_CHANGE_BODY, lambda _v: Action.DRIVER_CHANGE,
                       record)  # fmt: skip


@router.post("/pit-stops/{record_id}/revoke", status_code=201, openapi_extra=schema(REVOKE_BODY))
async def post_pit_stop_revoke(request: Request, event_id: str, record_id: int) -> Response:
    """Revoke pit stop `record_id` recorded by mistake `{"reason"}` (`pit revoke`)."""
    return await _revoke_record(request, event_id, PIT_STOP, record_id)


@router.post("/driver-changes/{record_id}/revoke", status_code=201,
             openapi_extra=schema(REVOKE_BODY))  # fmt: skip
async def post_driver_change_revoke(request: Request, event_id: str, record_id: int) -> Response:
    """Revoke driver change `record_id` recorded by mistake `{"reason"}` (`driver revoke`)."""
    return await _revoke_record(request, event_id, DRIVER_CHANGE, record_id)


async def _revoke_record(request: Request, event_id: str, record: str, record_id: int
                         ) -> Response:  # fmt: skip
    engine_of = _engine(request)
    name = RECORD_NAMES[record]

    def action(_v: Values) -> Action:
        if all(d["id"] != record_id for d in record_docs(engine_of, event_id, record)):
            raise Refusal(404, f"no {name} {record_id} in event {event_id!r}")
        return RECORD_ACTIONS[record]

    def revoke(caller: Caller, v: Values) -> tuple[Doc, int]:
        revoke_race_record(engine_of, event_id, record, record_id, v["reason"], caller.name)
        doc = stored_record(engine_of, event_id, record, record_id)
        doc["summary"] = f"{name} {record_id} revoked by {caller.name}"
        return doc, 201

    return await write(request, event_id, REVOKE_BODY, action, revoke)


@router.post("/solo-exits", status_code=201, openapi_extra=schema(SOLO_EXIT_BODY))
async def post_solo_exit(request: Request, event_id: str) -> Response:
    """Confirm a solo driver fully exited the car at the mandatory stop `{"number", "session",
    "reason"?}` (`solo-exit`): a `solo-exit` decision."""
    engine_of = _engine(request)

    def record(caller: Caller, v: Values) -> tuple[Doc, int]:
        decision = record_solo_exit(engine_of, event_id, v["session"], v["number"], caller.name,
                                    v.get("reason") or "")  # fmt: skip
        doc = console_writes.decision_doc(engine_of, event_id, decision)
        doc["summary"] = (f"decision {decision.id}: solo exit of car {decision.number} "
                          f"confirmed in {decision.session_id}")  # fmt: skip
        return doc, 201

    return await write(request, event_id, SOLO_EXIT_BODY, lambda _v: Action.SOLO_EXIT, record)


@router.post("/contacts", status_code=201, openapi_extra=schema(CONTACT_BODY))
async def post_contact(request: Request, event_id: str) -> Response:
    """Body contact in practice or qualifying `{"number", "other", "session", "reason"}`
    (`contact`): a `contact` decision; both cars grid last for the race."""
    engine_of = _engine(request)

    def record(caller: Caller, v: Values) -> tuple[Doc, int]:
        decision = record_contact(engine_of, event_id, v["session"], v["number"], v["other"],
                                  caller.name, v["reason"])  # fmt: skip
        doc = console_writes.decision_doc(engine_of, event_id, decision)
        doc["summary"] = (f"decision {decision.id}: contact between cars {decision.number} and "
                          f"{decision.other_number} in {decision.session_id}")  # fmt: skip
        return doc, 201

    return await write(request, event_id, CONTACT_BODY, lambda _v: Action.CONTACT, record)


@router.post("/decisions/{decision_id}/served", status_code=201,
             openapi_extra=schema(SERVED_BODY))  # fmt: skip
async def post_served(request: Request, event_id: str, decision_id: int) -> Response:
    """Drive-through or stop-and-go `decision_id` served `{"at"}` (`penalty served`): a
    `penalty-served` decision, the competition director's as penalties are."""
    engine_of = _engine(request)

    def action(_v: Values) -> Action:
        if console_writes.decision_kind(engine_of, event_id, decision_id) is None:
            raise Refusal(404, f"no decision {decision_id} in event {event_id!r}")
        return decision_action(DecisionKind.PENALTY_SERVED)

    def record(caller: Caller, v: Values) -> tuple[Doc, int]:
        at_us = event_time(engine_of, event_id, v["at"])
        decision = serve_penalty(engine_of, event_id, decision_id, at_us, caller.name)
        doc = console_writes.decision_doc(engine_of, event_id, decision)
        doc["summary"] = (f"decision {decision.id}: decision {decision_id} served at "
                          f"{_clock(doc['served_at'])}")  # fmt: skip
        return doc, 201

    return await write(request, event_id, SERVED_BODY, action, record)


@router.post("/queries/{query_id}/waive", status_code=201, openapi_extra=schema(WAIVE_BODY))
async def post_waive(request: Request, event_id: str, query_id: int) -> Response:
    """Waive compliance query `query_id`'s fee (`query waive`; rule 3.E); no body."""
    engine_of = _engine(request)

    def record(caller: Caller, _v: Values) -> tuple[Doc, int]:
        query = waive_query(engine_of, event_id, query_id, caller.name, caller.account.roles)
        doc = query_document(query)
        doc["summary"] = f"query {query.id}: fee waived by {caller.name}, ${query.fee_due} due"
        return doc, 201

    return await write(request, event_id, WAIVE_BODY, _query_action(
        engine_of, event_id, query_id, Action.COMPLIANCE_FEE_WAIVER), record,
        followed=False)  # a query changes no result: nothing for the live engine  # fmt: skip


@router.post("/queries/{query_id}/answer", status_code=201, openapi_extra=schema(ANSWER_BODY))
async def post_answer(request: Request, event_id: str, query_id: int) -> Response:
    """Answer compliance query `query_id` `{"outcome": "reasonable"|"unreasonable", "answer"}`
    (`query answer`; a reasonable query's fee is returned, rule 3.F)."""
    engine_of = _engine(request)

    def record(caller: Caller, v: Values) -> tuple[Doc, int]:
        query = answer_query(engine_of, event_id, query_id, v["outcome"], v["answer"],
                             caller.name, caller.account.roles)  # fmt: skip
        doc = query_document(query)
        doc["summary"] = f"query {query.id}: answered {query.outcome}, ${query.fee_due} due"
        return doc, 201

    return await write(request, event_id, ANSWER_BODY, _query_action(
        engine_of, event_id, query_id, Action.COMPLIANCE_ANSWER), record,
        followed=False)  # a query changes no result: nothing for the live engine  # fmt: skip


def _query_action(engine_of, event_id: str, query_id: int, action: Action):  # type: ignore[no-untyped-def]
    """The action of a query's write, 404 when the event has no query `query_id`."""

    def checked(_v: Values) -> Action:
        if all(q.id != query_id for q in list_queries(engine_of, event_id)):
            raise Refusal(404, f"no query {query_id} in event {event_id!r}")
        return action

    return checked


@router.post("/satisfactory", status_code=201, openapi_extra=schema(SATISFACTORY_BODY))
async def post_satisfactory(request: Request, event_id: str) -> Response:
    """Mark a car's entry satisfactory or not `{"number", "satisfactory": true|false,
    "reason"?}` (`satisfactory`; `false` needs the reason, SCCA TT Appendix B 3.1.2 B)."""
    engine_of = _engine(request)

    def record(caller: Caller, v: Values) -> tuple[Doc, int]:
        mark = "yes" if v["satisfactory"] else "no"
        decision = mark_satisfactory(engine_of, event_id, v["number"], mark, caller.name,
                                     v.get("reason") or "")  # fmt: skip
        doc = console_writes.decision_doc(engine_of, event_id, decision)
        doc["summary"] = f"decision {decision.id}: {decision.kind} for car {decision.number}"
        return doc, 201

    return await write(request, event_id, SATISFACTORY_BODY, lambda _v: Action.SATISFACTORY,
                       record)  # fmt: skip
