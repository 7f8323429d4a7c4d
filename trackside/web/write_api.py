"""The write API (console.md, "The write API"): flags and their revokes, decisions and their
revokes, finalize, publish, and the timing stand's passings inserted by hand and transponders
assigned, each calling its use case with the signed-in account as author (bodies:
`write_bodies.py`).

JSON bodies answer 201 with the stored flag or decision; the console's forms post the same
endpoints (`application/x-www-form-urlencoded`, with the session's `csrf` field and a `next`
page) and are sent back there (303). Checks, in order: 401 without credentials; 403 for a
session cookie without its CSRF token; 422 naming the field for a malformed body; 404 for an
unknown event or decision; 403 naming the roles for an action the account's roles do not
allow; 422 naming the field for what the service refuses. Nothing is stored unless all pass.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from trackside.core.roles import Action, decision_action, revoke_action
from trackside.errors import InputError
from trackside.publish.formats import time_text
from trackside.services import console_writes
from trackside.services.decisions import declare_official, parse_kind
from trackside.services.decisions import revoke_decision as revoke
from trackside.services.flag_revokes import revoke_flag
from trackside.services.manual_passings import insert_passing
from trackside.services.publishing import publish_site
from trackside.services.times import event_time
from trackside.services.transponders import assign_transponder
from trackside.web.auth import (
    CSRF_FIELD,
    CSRF_HEADER,
    Caller,
    Refusal,
    check_allowed,
    check_csrf,
    require_caller,
    safe_next,
)
from trackside.web.rendering import render
from trackside.web.write_bodies import (
    DECISION_BODY,
    FINALIZE_BODY,
    FLAG_BODY,
    PASSING_BODY,
    REVOKE_BODY,
    TRANSPONDER_BODY,
    Field,
    Values,
    form_values,
    json_values,
    schema,
)

router = APIRouter(prefix="/api/events/{event_id}", tags=["write"])
Doc = dict[str, Any]
CATCH_UP_TRIES, CATCH_UP_PAUSE_S = 150, 0.02
"""At most 3 s: the live engine notices a changed entry at its next audit (every 2 s)."""


@router.post("/flags", status_code=201, openapi_extra=schema(FLAG_BODY))
async def post_flag(request: Request, event_id: str) -> Response:
    """Record a flag `{"session", "state", "at"}` (the timing stand's buttons)."""

    def record(caller: Caller, values: Values) -> tuple[Doc, int]:
        doc, added = console_writes.record_flag_doc(
            _engine(request), event_id, values["session"], values["state"], values["at"],
            caller.name)  # fmt: skip
        return doc, 201 if added else 200

    return await write(request, event_id, FLAG_BODY, lambda _values: Action.FLAGS, record)


@router.post("/flags/{flag_id}/revoke", status_code=201, openapi_extra=schema(REVOKE_BODY))
async def post_flag_revoke(request: Request, event_id: str, flag_id: int) -> Response:
    """Revoke a flag shown by mistake `{"reason"}` (a `revoke-flag` decision)."""
    engine_of = _engine(request)

    def record(caller: Caller, v: Values) -> tuple[Doc, int]:
        decision = revoke_flag(engine_of, event_id, flag_id, v["reason"], caller.name)
        return console_writes.decision_doc(engine_of, event_id, decision), 201

    return await write(request, event_id, REVOKE_BODY, lambda _v: Action.FLAGS, record)


@router.post("/passings", status_code=201, openapi_extra=schema(PASSING_BODY))
async def post_passing(request: Request, event_id: str) -> Response:
    """Insert a passing by hand `{"number", "at", "reason"}`: the car crossed the start/finish
    line unread; who and why are kept (the audit lists it)."""
    engine_of = _engine(request)

    def record(caller: Caller, v: Values) -> tuple[Doc, int]:
        at_us = event_time(engine_of, event_id, v["at"])
        done = insert_passing(engine_of, event_id, v["number"], at_us, caller.name, v["reason"])
        return {"id": done.record.id, "number": done.record.number,
                "transponder": done.passing.transponder, "loop": done.passing.loop,
                "time": time_text(done.passing.time_us), "author": done.record.author,
                "reason": done.record.reason,
                "recorded": time_text(done.record.recorded_us)}, 201  # fmt: skip

    return await write(request, event_id, PASSING_BODY, lambda _v: Action.PASSING_INSERT,
                        record)  # fmt: skip


@router.post("/transponders", status_code=201, openapi_extra=schema(TRANSPONDER_BODY))
async def post_transponder(request: Request, event_id: str) -> Response:
    """Give a car a transponder `{"number", "transponder"}` (an unknown one seen on the line):
    the timing stand's assignment, or the registrar's transponders."""
    engine_of = _engine(request)

    def record(caller: Caller, v: Values) -> tuple[Doc, int]:
        done = assign_transponder(engine_of, event_id, v["number"], v["transponder"],
                                  caller.name)  # fmt: skip
        return {"number": done.number, "transponder": done.transponder,
                "previous": done.previous, "author": done.author}, 201  # fmt: skip

    return await write(request, event_id, TRANSPONDER_BODY,
                        lambda _v: (Action.TRANSPONDER_ASSIGN, Action.TRANSPONDERS), record)


@router.post("/decisions", status_code=201, openapi_extra=schema(DECISION_BODY))
async def post_decision(request: Request, event_id: str) -> Response:
    """Record a decision on a car; the author is the signed-in account, never a field."""
    engine_of = _engine(request)

    def record(caller: Caller, v: Values) -> tuple[Doc, int]:
        at_us = event_time(engine_of, event_id, v["at"]) if v.get("at") else None
        decision = console_writes.record_decision(
            engine_of, event_id, v["number"], v["kind"], session_id=v.get("session"),
            lap=v.get("lap"), run=v.get("run"), at_us=at_us, seconds=v.get("seconds"),
            count=v.get("count"), reason=v["reason"], author=caller.name,
            laps=v.get("laps"), places=v.get("places"),
            served_us=event_time(engine_of, event_id, v["served_at"], "--served-at")
            if v.get("served_at") else None)
        return console_writes.decision_doc(engine_of, event_id, decision), 201  # fmt: skip

    return await write(request, event_id, DECISION_BODY,
                        lambda v: decision_action(parse_kind(v["kind"])), record)  # fmt: skip


@router.post("/decisions/{decision_id}/revoke", status_code=201, openapi_extra=schema(REVOKE_BODY))
async def post_revoke(request: Request, event_id: str, decision_id: int) -> Response:
    """Revoke decision `decision_id` `{"reason"}`: who may is who may record its kind."""
    engine_of = _engine(request)

    def action(_values: Values) -> Action:
        kind = console_writes.decision_kind(engine_of, event_id, decision_id)
        if kind is None:
            raise Refusal(404, f"no decision {decision_id} in event {event_id!r}")
        return revoke_action(kind)

    def record(caller: Caller, v: Values) -> tuple[Doc, int]:
        revocation = revoke(engine_of, event_id, decision_id, v["reason"], caller.name)
        return console_writes.decision_doc(engine_of, event_id, revocation), 201

    return await write(request, event_id, REVOKE_BODY, action, record)


@router.post("/finalize", status_code=201, openapi_extra=schema(FINALIZE_BODY))
async def post_finalize(request: Request, event_id: str) -> Response:
    """Declare the event's results official (revoke that decision to reopen them)."""
    engine_of = _engine(request)

    def record(caller: Caller, v: Values) -> tuple[Doc, int]:
        decision = declare_official(engine_of, event_id, v.get("reason") or "", caller.name)
        return console_writes.decision_doc(engine_of, event_id, decision), 201

    return await write(request, event_id, FINALIZE_BODY, lambda _v: Action.FINALIZE, record)


@router.post("/publish", status_code=201)
async def post_publish(request: Request, event_id: str) -> Response:
    """Write the event's results site to `serve --publish-dir DIR`/EVENT (`trackside publish`);
    409 when the server was started without a directory to publish to."""
    engine_of = _engine(request)
    where: Path | None = getattr(request.app.state, "publish_dir", None)

    def record(_caller: Caller, _v: Values) -> tuple[Doc, int]:
        if where is None:
            raise Refusal(409, "this server has no directory to publish to: start it with "
                               "`trackside serve --publish-dir DIR`")  # fmt: skip
        written = publish_site(engine_of, event_id, where / event_id)
        return {"event": event_id, "files": len(written), "dir": str(where / event_id)}, 201

    return await write(request, event_id, (), lambda _v: Action.FINALIZE, record)


# --- the one path every write takes ----------------------------------------------------------


async def write(
    request: Request, event_id: str, body: tuple[Field, ...],
    action_of: Callable[[Values], Action | tuple[Action, ...]],
    record: Callable[[Caller, Values], tuple[Doc, int]], *, followed: bool = True,
) -> Response:  # fmt: skip
    """The checks in order (docs/console.md, "The write API"), then `record`; with `followed`
    (what it writes is a fact the live engine follows), the wait for the engine's snapshot."""
    raw = await request.body()
    form = _is_form(request)
    fields = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True)) \
        if form else {}
    back = safe_next(fields.get("next"), "/console")
    try:
        caller = await run_in_threadpool(require_caller, request)
        check_csrf(caller, fields.get(CSRF_FIELD) if form else request.headers.get(CSRF_HEADER))
        values = form_values(body, fields) if form else json_values(body, raw)
        if not await run_in_threadpool(console_writes.event_known, _engine(request), event_id):
            raise Refusal(404, f"no event {event_id!r} on this server")
        check_allowed(caller, await run_in_threadpool(action_of, values))
        seen = version_of(request, event_id)
        doc, status = await run_in_threadpool(record, caller, values)
        if followed:
            await caught_up(request, event_id, seen)
    except InputError as err:
        return _refused(Refusal(422, err.message, field=_field_of(err)), form, back)
    except Refusal as refusal:
        return _refused(refusal, form, back)
    if form:
        return RedirectResponse(with_note(back, _done_text(doc)), status_code=303)
    return JSONResponse(doc, status_code=status)


def version_of(request: Request, event_id: str) -> int | None:
    latest = request.app.state.hub.latest(event_id)
    return None if latest is None else latest.version


async def caught_up(request: Request, event_id: str, seen: int | None) -> None:
    """Wake the live engine and wait (a moment at most) for its snapshot with the change, so
    that the page the form goes back to, and the next read, show it."""
    if seen is None:
        return
    hub = request.app.state.hub
    hub.nudge()
    for _ in range(CATCH_UP_TRIES):
        if version_of(request, event_id) != seen:
            return
        await asyncio.sleep(CATCH_UP_PAUSE_S)


def _engine(request: Request):  # type: ignore[no-untyped-def]
    return request.app.state.hub.engine


def _is_form(request: Request) -> bool:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return kind == "application/x-www-form-urlencoded"


def _field_of(err: InputError) -> str | None:
    """The body field an InputError names: `option --lap` -> lap, `argument NUMBER` -> number."""
    if err.field:
        return err.field
    if not err.source:
        return None
    word = err.source.split()[-1].lstrip("-").lower()
    return {"id": "decision_id", "by": "author"}.get(word, word)


def _refused(refusal: Refusal, form: bool, back: str) -> Response:
    if not form:
        return JSONResponse(refusal.body(), status_code=refusal.status)
    page = render("console/refused.html", status=refusal.status, message=refusal.detail,
                  back=back, nav=(), twin="/api/events")  # fmt: skip
    return HTMLResponse(page, status_code=refusal.status)


def _done_text(doc: Doc) -> str:
    if "summary" in doc:
        return doc["summary"]
    if "files" in doc:
        return f"published {doc['files']} files to {doc['dir']}"
    if "loop" in doc:
        return f"passing of car {doc['number']} at {doc['time']} inserted"
    if "transponder" in doc:
        return f"car {doc['number']}: transponder {doc['transponder']}"
    if "status" in doc:
        return f"car {doc['number']}: tech {doc['status']} recorded"
    if "state" in doc:
        return f"flag {doc['state']} in {doc['session']} at {doc['time']} recorded"
    car = f" for car {doc['number']}" if doc.get("number") else ""
    return f"decision {doc['id']}: {doc['kind']}{car} recorded"


def with_note(path: str, note: str) -> str:
    """`path` with `done=NOTE` as its only note (the console page shows it)."""
    base, _, query = path.partition("?")
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "done"]
    return f"{base}?{urlencode([*kept, ('done', note)], quote_via=quote)}"
