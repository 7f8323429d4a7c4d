"""The officials' screens (issue 15, "Officials' screens"): server-rendered, every form working
without JavaScript and posting to the write API (`web/write_api.py`) with the session's CSRF
token. Each screen is shown only to the roles that may use it (console.md's table).

- `/console`: the events and, for each, the screens the signed-in account may open.
- `/console/events/{event}/timing`: the timing stand: each session's flag and clock with its
  flag buttons, finalize, and the recent passings with unknown transponders marked.
- `/console/events/{event}/race-control`: a penalty form whose check shows the rulebook's
  escalation prompt before saving; every decision with a revoke form.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from trackside.core.flags_in_force import flag_standings, flags_in_force
from trackside.core.records import FlagState
from trackside.core.roles import Action, allowed, roles_allowed
from trackside.core.session_clock import session_clock
from trackside.errors import InputError
from trackside.publish.decision_rows import decision_row
from trackside.publish.flag_rows import flag_row
from trackside.publish.formats import time_text
from trackside.publish.html import Link
from trackside.publish.passing_rows import recent_passings, unknown_transponders
from trackside.rules import escalation_prompts
from trackside.services import console_writes, list_events
from trackside.services.decisions import KINDS, listings_of
from trackside.services.race_records import race_events
from trackside.services.tech import tech_marks
from trackside.web.auth import Caller, caller_of
from trackside.web.console_live import NOT_REVOCABLE_HERE, race_control_doc
from trackside.web.flag_labels import flag_label
from trackside.web.race_control_parts import RACE_FIELDS, race_control_parts
from trackside.web.reading import snapshot_of
from trackside.web.rendering import clock_text, render

router = APIRouter(include_in_schema=False)
FLAG_BUTTONS = [state.value for state in FlagState]
PENALTY_KINDS = KINDS.split(", ")
Doc = dict[str, Any]


def _signed_in(request: Request, here: str) -> Caller | Response:
    caller = caller_of(request)
    if caller is None:
        return RedirectResponse(f"/login?{urlencode({'next': here})}", status_code=303)
    return caller


def _refused(caller: Caller, action: Action) -> Response:
    roles = ", ".join(roles_allowed(action))
    page = render("console/refused.html", status=403, back="/console", nav=_nav(),
                  twin="/api/session",
                  message=f"This screen needs one of the roles {roles}; {caller.name} holds "
                          f"{', '.join(caller.account.roles)}.")  # fmt: skip
    return HTMLResponse(page, status_code=403)


def _nav(event_id: str | None = None) -> tuple[Link, ...]:
    links = [Link("Console", "/console"), Link("Audit", "/audit")]
    if event_id:
        links.append(Link("Public pages", f"/events/{event_id}"))
    return tuple(links)


def screens_of(caller: Caller, event_id: str, race: bool = False) -> list[Link]:
    """The screens of an event the caller's roles may use (the pit lane: when it has a race)."""
    shown = [(Action.FLAGS, "Timing stand", "timing"),
             (Action.PENALTY, "Race control", "race-control"),
             (Action.ENTRIES, "Registration desk", "registration"),
             (Action.TECH_STATUS, "Tech", "tech")]
    if race:
        shown.append((Action.PIT_STOP, "Pit lane", "pit-lane"))
    links = [Link(label, f"/console/events/{event_id}/{path}")
             for action, label, path in shown if allowed(caller.account.roles, action)]
    return [*links, Link("Audit", f"/audit?{urlencode({'event': event_id})}")]


@router.get("/console")
async def console_home(request: Request) -> Response:
    caller = await run_in_threadpool(_signed_in, request, "/console")
    if isinstance(caller, Response):
        return caller
    events = await run_in_threadpool(list_events, request.app.state.hub.engine)
    races = await run_in_threadpool(race_events, request.app.state.hub.engine)
    page = render("console/home.html", caller=caller, nav=_nav(), twin="/api/session",
                  events=[{"event": e, "screens": screens_of(caller, e.id, e.id in races)}
                          for e in events])  # fmt: skip
    return HTMLResponse(page)


async def _screen(request: Request, event_id: str, action: Action, path: str
                  ) -> Caller | Response:  # fmt: skip
    here = f"/console/events/{event_id}/{path}"
    caller = await run_in_threadpool(_signed_in, request, here)
    if isinstance(caller, Response):
        return caller
    if not allowed(caller.account.roles, action):
        return _refused(caller, action)
    return caller


@router.get("/console/events/{event_id}/timing")
async def timing_stand(request: Request, event_id: str, done: str | None = None) -> Response:
    caller = await _screen(request, event_id, Action.FLAGS, "timing")
    if isinstance(caller, Response):
        return caller
    snapshot = await run_in_threadpool(snapshot_of, request, event_id)
    facts = snapshot.facts
    track_us = snapshot.track_us()
    flags = flags_in_force(facts)
    standings = flag_standings(facts)
    sessions = []
    for s in facts.event.sessions:
        clock = session_clock(facts.event, s.id, flags, snapshot.windows, track_us)
        sessions.append({"session": s, "flag": flag_label(clock.flag),
                         "flags": [flag_row(st) for st in standings if st.flag.session_id == s.id],
                         "state": clock.flag.value if clock.flag else "",
                         "remaining": clock_text(clock.remaining_us),
                         "elapsed": clock_text(clock.green_elapsed_us)})  # fmt: skip
    page = render("console/timing.html", caller=caller, event=facts.event, sessions=sessions,
                  buttons=FLAG_BUTTONS, passings=recent_passings(snapshot.facts), done=done,
                  live_unknown=unknown_transponders(snapshot.facts),
                  entries=facts.entries,
                  now=_time_of_day(track_us), nav=_nav(event_id),
                  here=f"/console/events/{event_id}/timing",
                  twin=f"/api/events/{event_id}/live",
                  finalize_allowed=allowed(caller.account.roles, Action.FINALIZE),
                  publish_dir=getattr(request.app.state, "publish_dir", None),
                  provisional=snapshot.scored.event.provisional,
                  tech=await run_in_threadpool(_not_passed, request, event_id))  # fmt: skip
    return HTMLResponse(page)


def _not_passed(request: Request, event_id: str) -> dict[str, str]:
    """Car number -> its tech status, for the cars tech has not passed (docs/tech.md: their
    passings are marked on the timing stand, a warning: the timing chief decides)."""
    return tech_marks(request.app.state.hub.engine, event_id)


def _time_of_day(track_us: int | None) -> str:
    text = time_text(track_us)
    return "" if text is None else text.split("T", 1)[-1][:8]


screen, time_of_day, console_nav = _screen, _time_of_day, _nav
"""For the other screens' modules (`pitlane_pages.py`, `tech_pages.py`, ...): a screen's checks
(signed in, a role that may use it), the track time of day its forms are prefilled with, the
console's links."""


@router.get("/console/events/{event_id}/race-control")
async def race_control(request: Request, event_id: str) -> Response:
    caller = await _screen(request, event_id, Action.PENALTY, "race-control")
    if isinstance(caller, Response):
        return caller
    snapshot = await run_in_threadpool(snapshot_of, request, event_id)
    query = dict(request.query_params)
    draft = {k: query.get(k, "") for k in ("number", "kind", "session", "lap", "run", "at",
                                             "seconds", "count", "reason",
                                             *RACE_FIELDS)}  # fmt: skip
    parts = await run_in_threadpool(race_control_parts, request.app.state.hub.engine, snapshot)
    prompt, problem = None, None
    if query.get("check") and draft["number"] and draft["kind"]:
        try:
            prompt = await run_in_threadpool(
                console_writes.escalation_preview, request.app.state.hub.engine, event_id,
                draft["number"], draft["kind"], draft["session"] or None)
        except InputError as err:
            problem = err.message
    prompts = escalation_prompts(snapshot.facts)
    rows = [decision_row(item.decision, item.revoked_by, prompts.get(item.decision.id))
            for item in listings_of(snapshot.facts.decisions)]  # fmt: skip
    page = render("console/race_control.html", caller=caller, event=snapshot.facts.event,
                  entries=snapshot.facts.entries, kinds=PENALTY_KINDS, draft=draft,
                  checked=bool(query.get("check")) and problem is None, prompt=prompt,
                  problem=problem, decisions=[_revocable(r) for r in rows],
                  standings=race_control_doc(snapshot, draft["session"] or None),
                  done=query.get("done"), nav=_nav(event_id),
                  here=f"/console/events/{event_id}/race-control",
                  now=_time_of_day(snapshot.track_us()), **parts,
                  twin=f"/api/events/{event_id}/results")  # fmt: skip
    return HTMLResponse(page)


def _revocable(row: Doc) -> Doc:
    """A decision report row, with whether race control's revoke form is shown for it."""
    return {**row, "revocable": row["revoked_by"] is None
            and row["kind"] not in NOT_REVOCABLE_HERE}  # fmt: skip

