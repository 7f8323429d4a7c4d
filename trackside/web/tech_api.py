"""Tech's writes (docs/tech.md, console.md "tech status, reclassification findings": tech,
event-lead): a car's tech status and a reclassification finding, through the write API's one
path (`write_api.write`: 401, CSRF, 422 naming the field, 404, 403 naming the roles; nothing
stored unless all pass). A reclassification is a decision: revoked as any other
(`POST /api/events/ID/decisions/ID/revoke`, by tech or the event lead)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from trackside.core.roles import Action
from trackside.publish.formats import time_text
from trackside.services import console_writes
from trackside.services.tech import reclassify, set_tech_status
from trackside.web.auth import Caller
from trackside.web.write_api import write
from trackside.web.write_bodies import Field, Values, schema

router = APIRouter(prefix="/api/events/{event_id}", tags=["write"])
Doc = dict[str, Any]

TECH_BODY = (Field("number", str, True), Field("status", str, True), Field("reason", str),
             Field("note", str))  # fmt: skip
RECLASSIFY_BODY = (Field("number", str, True), Field("class", str, True),
                   Field("reason", str, True))  # fmt: skip


@router.post("/tech", status_code=201, openapi_extra=schema(TECH_BODY))
async def post_tech(request: Request, event_id: str) -> Response:
    """Record a car's tech status `{"number", "status", "reason"?, "note"?}`: `pending`,
    `passed` or `failed` (a failure needs its reason)."""
    engine = request.app.state.hub.engine

    def record(caller: Caller, v: Values) -> tuple[Doc, int]:
        done = set_tech_status(engine, event_id, v["number"], v["status"],
                               reason=v.get("reason") or "", note=v.get("note") or "",
                               author=caller.name)  # fmt: skip
        return {"id": done.id, "number": done.number, "status": str(done.state),
                "reason": done.reason, "note": done.note, "author": done.author,
                "recorded": time_text(done.recorded_us)}, 201  # fmt: skip

    return await write(request, event_id, TECH_BODY, lambda _v: Action.TECH_STATUS, record)


@router.post("/reclassifications", status_code=201, openapi_extra=schema(RECLASSIFY_BODY))
async def post_reclassification(request: Request, event_id: str) -> Response:
    """Record tech's finding that a car belongs in another of the event's classes
    `{"number", "class", "reason"}`: a `reclassify` decision, for the whole event."""
    engine = request.app.state.hub.engine

    def record(caller: Caller, v: Values) -> tuple[Doc, int]:
        decision = reclassify(engine, event_id, v["number"], v["class"], v["reason"],
                              caller.name)  # fmt: skip
        return console_writes.decision_doc(engine, event_id, decision), 201

    return await write(request, event_id, RECLASSIFY_BODY, lambda _v: Action.RECLASSIFICATION,
                       record)  # fmt: skip
