"""How the registration desk's writes are read and answered (console.md, "The write API"): a
JSON body, a console form (`application/x-www-form-urlencoded`), or an uploaded file
(`multipart/form-data`, the desk's entries file) or a CSV body; then the write API's checks in
its order, and the same answers: 201 with what was stored, or 401/403/404/422 with nothing
stored, a form being sent back to its page (303) or shown a refusal page. The desk's JSON
reads (`read_desk`) make the same checks of the account."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from trackside.core.roles import Action
from trackside.errors import InputError
from trackside.services import console_writes
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
from trackside.web.write_api import caught_up, version_of, with_note

Doc = dict[str, Any]
Values = dict[str, Any]
BACK = "/console"


@dataclass(frozen=True, slots=True)
class Sent:
    """A request's body as sent: a form's fields (and uploaded file), or the raw bytes."""

    form: bool
    fields: dict[str, str]
    raw: bytes
    upload: tuple[str, bytes] | None = None
    """A multipart form's `file`: its file name and bytes."""


@dataclass(frozen=True, slots=True)
class Written:
    doc: Doc
    note: str
    """What a form's page shows after it (`?done=`)."""
    changed: bool = True
    """False when nothing new was stored (the live engine is then not waited for)."""


async def sent_of(request: Request) -> Sent:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        raw = await request.body()
        fields = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
        return Sent(True, fields, raw)
    if kind == "multipart/form-data":
        form = await request.form()
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        file = form.get("file")
        upload = (file.filename or "", await file.read()) if isinstance(file, UploadFile) \
            else None  # fmt: skip
        return Sent(True, fields, b"", upload)
    return Sent(False, {}, await request.body())


async def write(
    request: Request, event_id: str, values_of: Callable[[Sent], Values], action: Action,
    record: Callable[[Caller, Values], Written],
) -> Response:  # fmt: skip
    """The write API's checks in order, then `record`; its answer, or the refusal."""
    sent = await sent_of(request)
    back = safe_next(sent.fields.get("next"), BACK)
    engine = request.app.state.hub.engine
    try:
        caller = await run_in_threadpool(require_caller, request)
        check_csrf(caller, sent.fields.get(CSRF_FIELD) if sent.form
                   else request.headers.get(CSRF_HEADER))  # fmt: skip
        values = values_of(sent)
        if not await run_in_threadpool(console_writes.event_known, engine, event_id):
            raise Refusal(404, f"no event {event_id!r} on this server")
        check_allowed(caller, action)
        seen = version_of(request, event_id)
        written = await run_in_threadpool(record, caller, values)
        if written.changed:
            await caught_up(request, event_id, seen)
    except InputError as err:
        return refused(_input_refusal(err), sent.form, back)
    except Refusal as refusal:
        return refused(refusal, sent.form, back)
    if sent.form:
        return RedirectResponse(with_note(back, written.note), status_code=303)
    return JSONResponse(written.doc, status_code=201)


def _input_refusal(err: InputError) -> Refusal:
    """422 naming the field; a file's error names the file and line in the detail as well."""
    if err.line is not None:
        return Refusal(422, str(err), field=err.field, line=err.line)
    return Refusal(422, err.message, field=err.field)


def refused(refusal: Refusal, form: bool, back: str) -> Response:
    if not form:
        return JSONResponse(refusal.body(), status_code=refusal.status)
    field = refusal.extra.get("field")
    message = refusal.detail if not field or "line" in refusal.extra \
        else f"{field}: {refusal.detail}"  # fmt: skip
    page = render("console/refused.html", status=refusal.status, message=message,
                  back=back, nav=(), twin="/api/events")  # fmt: skip
    return HTMLResponse(page, status_code=refusal.status)


async def read_desk(request: Request, event_id: str, read: Callable[[], Doc]) -> Response:
    """A desk read as JSON: 401 without an account, 403 naming the roles without the `entries`
    action, 404 for an unknown event, 422 naming the field for what the use case refuses."""
    engine = request.app.state.hub.engine
    try:
        caller = await run_in_threadpool(require_caller, request)
        if not await run_in_threadpool(console_writes.event_known, engine, event_id):
            raise Refusal(404, f"no event {event_id!r} on this server")
        check_allowed(caller, Action.ENTRIES)
        doc = await run_in_threadpool(read)
    except InputError as err:
        return refused(_input_refusal(err), False, BACK)
    except Refusal as refusal:
        return refused(refusal, False, BACK)
    return JSONResponse(doc)
