"""The registration desk (issue 15, "Registration desk"; console.md: registrar, event-lead):
`/console/events/{event}/registration`. Server-rendered; every form works without JavaScript
and posts to the write API (`registration_api.py`, and `/transponders` for an unknown one)
with the session's CSRF token.

The entries (filterable by number or driver) with the entry checks' findings (`entries
check`), a form changing one entry, the class check of one entry (the classifier beside the
declared class, with a button applying the class found), a late entry, an entries file upload,
and the transponders seen on the line that no entry holds, each with a form assigning it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from trackside.core.roles import Action, allowed, roles_allowed
from trackside.errors import InputError
from trackside.publish.formats import time_text
from trackside.publish.html import Link
from trackside.services import registration
from trackside.web.auth import Caller, caller_of
from trackside.web.classing_form import LABELS as CAR_LABELS
from trackside.web.reading import snapshot_of
from trackside.web.rendering import render

router = APIRouter(include_in_schema=False)
PATH = "registration"
EDITED = ("first_name", "last_name", "year", "make", "model", "trim", "class", "group",
          "transponder", "member_id", "license", *registration.CAR_DATA)  # fmt: skip
"""The fields of the change form, in its order."""
LABELS = {**{name: name.replace("_", " ").capitalize() for name in ("number", *EDITED)},
          **{name: CAR_LABELS[name] for name in registration.CAR_DATA}}  # fmt: skip
"""Each field's label; the classifier's inputs as the /classify form names them."""
Doc = dict[str, Any]


def desk_path(event_id: str) -> str:
    return f"/console/events/{event_id}/{PATH}"


@router.get("/console/events/{event_id}/registration")
async def registration_desk(request: Request, event_id: str) -> Response:
    here = desk_path(event_id)
    caller = await run_in_threadpool(caller_of, request)
    if caller is None:
        return RedirectResponse(f"/login?{urlencode({'next': here})}", status_code=303)
    if not allowed(caller.account.roles, Action.ENTRIES):
        return _refused(caller)
    query = dict(request.query_params)
    snapshot = await run_in_threadpool(snapshot_of, request, event_id)
    engine = request.app.state.hub.engine
    rows = await run_in_threadpool(registration.desk_entries, engine, event_id)
    wanted = query.get("q", "").strip()
    check, problem = None, None
    if query.get("check"):
        try:
            check = await run_in_threadpool(registration.entry_class_check, engine, event_id,
                                            query["check"])  # fmt: skip
        except InputError as err:
            problem = err.message
    by_number = {r.entry["number"]: r.entry for r in rows}
    unknown = await run_in_threadpool(registration.unknown_seen, engine, event_id)
    page = render("console/registration.html", caller=caller, event=snapshot.facts.event,
                  rows=[r for r in rows if _matches(r.entry, wanted)], total=len(rows),
                  q=wanted, check=check, check_entry=by_number.get(query.get("check", "")),
                  problem=problem, edit=by_number.get(query.get("edit", "")), fields=EDITED,
                  labels=LABELS,
                  groups=registration.known_groups(snapshot.facts.event),
                  entries=[r.entry for r in rows],
                  unknown=[_seen(s) for s in unknown],
                  done=query.get("done"), here=here, nav=_nav(event_id),
                  twin=f"/api/events/{event_id}/entries")  # fmt: skip
    return HTMLResponse(page)


def _matches(entry: Doc, wanted: str) -> bool:
    """The filter: the car number as typed, or a part of the driver's name."""
    if not wanted:
        return True
    driver = f"{entry['first_name']} {entry['last_name']}".lower()
    return entry["number"] == wanted.lstrip("#") or wanted.lower() in driver


def _seen(seen: registration.SeenTransponder) -> Doc:
    return {"transponder": seen.transponder, "passings": seen.passings,
            "first": _time_of_day(seen.first_us), "last": _time_of_day(seen.last_us)}


def _time_of_day(time_us: int) -> str:
    return (time_text(time_us) or "").split("T", 1)[-1]


def _nav(event_id: str) -> tuple[Link, ...]:
    return (Link("Console", "/console"), Link("Audit", "/audit"),
            Link("Public pages", f"/events/{event_id}"))  # fmt: skip


def _refused(caller: Caller) -> Response:
    roles = ", ".join(roles_allowed(Action.ENTRIES))
    page = render("console/refused.html", status=403, back="/console", nav=(),
                  twin="/api/session",
                  message=f"This screen needs one of the roles {roles}; {caller.name} holds "
                          f"{', '.join(caller.account.roles)}.")  # fmt: skip
    return HTMLResponse(page, status_code=403)
