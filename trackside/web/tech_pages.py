"""The tech screen (docs/tech.md; console.md "tech status, reclassification findings": tech,
event-lead): every car with its tech status, pending cars first, each with the forms that pass
or fail it; the reclassification form with the event's classes; the reclassifications made,
each with a revoke form. The forms post to `tech_api.py` (and a revoke to the write API)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from trackside.core.records import DecisionKind
from trackside.core.roles import Action
from trackside.core.tech import TechState
from trackside.publish.decision_rows import decision_row
from trackside.publish.tech_text import tech_document
from trackside.services.decisions import listings_of
from trackside.services.tech import event_class_names, event_tech
from trackside.web.console_pages import console_nav, screen
from trackside.web.reading import snapshot_of
from trackside.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/console/events/{event_id}/tech")
async def tech_screen(request: Request, event_id: str, done: str | None = None) -> Response:
    caller = await screen(request, event_id, Action.TECH_STATUS, "tech")
    if isinstance(caller, Response):
        return caller
    snapshot = await run_in_threadpool(snapshot_of, request, event_id)
    cars = await run_in_threadpool(event_tech, request.app.state.hub.engine, event_id)
    facts = snapshot.facts
    moves = [decision_row(item.decision, item.revoked_by, None)
             for item in listings_of(facts.decisions)
             if item.decision.kind is DecisionKind.RECLASSIFY]  # fmt: skip
    scored_class = {r.number: r.car_class for r in snapshot.scored.event.entries}
    page = render("console/tech.html", caller=caller, event=facts.event,
                  tech=tech_document(event_id, cars), entries=facts.entries,
                  classes=event_class_names(facts), scored_class=scored_class,
                  states=[s.value for s in TechState], reclassifications=moves, done=done,
                  nav=console_nav(event_id), here=f"/console/events/{event_id}/tech",
                  twin=f"/api/events/{event_id}/results")  # fmt: skip
    return HTMLResponse(page)
