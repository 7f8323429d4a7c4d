"""The audit page and its JSON twin (console.md, "Audit"): `GET /audit?event=&person=&entry=
&session=` for any signed-in role; without an account the page sends the browser to sign in
and the twin answers 401."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from trackside.errors import InputError
from trackside.services import list_events
from trackside.services.audit import AuditFilter, audit_rows
from trackside.web.auth import caller_of
from trackside.web.rendering import render

router = APIRouter(include_in_schema=False)
Doc = dict[str, Any]


def _audit(request: Request, event: str | None, only: AuditFilter) -> tuple[list[str], list[Doc]]:
    """The events shown and their rows (every event when none is named)."""
    engine = request.app.state.hub.engine
    events = [event] if event else [e.id for e in list_events(engine)]
    rows: list[Doc] = []
    for event_id in events:
        rows += audit_rows(engine, event_id, only)
    return events, rows


def _query(event, person, entry, session) -> dict[str, str]:  # type: ignore[no-untyped-def]
    given = {"event": event, "person": person, "entry": entry, "session": session}
    return {k: v for k, v in given.items() if v}


@router.get("/api/audit")
async def audit_twin(request: Request, event: str | None = None, person: str | None = None,
                     entry: str | None = None, session: str | None = None) -> Response:
    caller = await run_in_threadpool(caller_of, request)
    if caller is None:
        return JSONResponse({"detail": "sign in to read the audit"}, status_code=401)
    try:
        events, rows = await run_in_threadpool(
            _audit, request, event or None, AuditFilter(person, entry, session))
    except InputError as err:
        return JSONResponse({"detail": err.message}, status_code=404)
    return JSONResponse({"events": events, "filters": _query(event, person, entry, session),
                         "entries": rows})  # fmt: skip


@router.get("/audit")
async def audit_page(request: Request, event: str | None = None, person: str | None = None,
                     entry: str | None = None, session: str | None = None) -> Response:
    query = _query(event, person, entry, session)
    here = "/audit" + (f"?{urlencode(query)}" if query else "")
    caller = await run_in_threadpool(caller_of, request)
    if caller is None:
        return RedirectResponse(f"/login?{urlencode({'next': here})}", status_code=303)
    try:
        events, rows = await run_in_threadpool(
            _audit, request, event or None, AuditFilter(person, entry, session))
    except InputError as err:
        page = render("not_found.html", message=err.message, nav=(), twin="/api/audit")
        return HTMLResponse(page, status_code=404)
    twin = "/api/audit" + (f"?{urlencode(query)}" if query else "")
    filters = {"event": "", "person": "", "entry": "", "session": "", **query}
    page = render("console/audit.html", caller=caller, rows=rows, events=events,
                  filters=filters, filtered=bool(query),
                  nav=_nav(), twin=twin)  # fmt: skip
    return HTMLResponse(page)


def _nav() -> tuple[Any, ...]:
    from trackside.publish.html import Link

    return (Link("Console", "/console"), Link("All events", "/"))
