"""The officials' screens' live documents and their streams (docs/console.md, "Live"): signed-in
only, for the roles that may open the screen, since they name who recorded each fact and show
the transponders no entry holds.

- `GET /api/console/events/{event}/timing` and `/timing/stream`: the timing stand's document
  (`web/console_live.timing_doc`), then `event: timing` with the whole document again at each
  change.
- `GET /api/console/events/{event}/race-control[/stream]?session=S`: race control's decisions
  and the standings of session S (default: the one running now), `event: race-control`.

Answers as the write API's checks: 401 without an account, 403 naming the roles, 404 for an
unknown event or session. An open stream asks again every `RECHECK_S` whether its account is
still signed in and ends when it is not.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from trackside.core.roles import Action
from trackside.live.fanout import Subscriber
from trackside.web.auth import Refusal, caller_of, check_allowed, require_caller
from trackside.web.console_live import RACE_CONTROL, TIMING, ConsoleFeeds, ConsoleView, console_doc
from trackside.web.live_feeds import KEEPALIVE
from trackside.web.reading import feeds_of, session_of, snapshot_of
from trackside.web.stream import KEEPALIVE_S, RETRY_MS

RECHECK_S = 30.0
ACTIONS = {TIMING: Action.FLAGS, RACE_CONTROL: Action.PENALTY}

router = APIRouter(prefix="/api/console")


def _checked(request: Request, view: ConsoleView) -> None:
    """401/403 as the write API answers; 404 for an unknown event or session."""
    check_allowed(require_caller(request), ACTIONS[view.screen])
    snapshot = snapshot_of(request, view.event_id)
    if view.session_id is not None:
        session_of(snapshot, view.session_id)


async def _refused(request: Request, view: ConsoleView) -> Response | None:
    try:
        await asyncio.to_thread(_checked, request, view)
    except Refusal as refusal:
        return JSONResponse(refusal.body(), status_code=refusal.status)
    return None


async def _document(request: Request, view: ConsoleView) -> Response:
    refused = await _refused(request, view)
    if refused is not None:
        return refused
    snapshot = await asyncio.to_thread(snapshot_of, request, view.event_id)
    doc = await asyncio.to_thread(console_doc, snapshot, view, time.monotonic())
    return JSONResponse(doc, headers={"Cache-Control": "no-store"})


async def _stream(request: Request, view: ConsoleView) -> Response:
    refused = await _refused(request, view)
    if refused is not None:
        return refused
    feeds = console_feeds(request)
    subscriber = await feeds.subscribe(view)
    return StreamingResponse(
        _events(request, feeds, subscriber),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


def console_feeds(request: Request) -> ConsoleFeeds:
    """The server's console feeds, made on first use; they share the public boards' fan-out,
    so stopping the server ends these streams too."""
    state = request.app.state
    if getattr(state, "console_feeds", None) is None:
        state.console_feeds = ConsoleFeeds(state.hub, feeds_of(request).fanout)
    return state.console_feeds


async def _events(request: Request, feeds: ConsoleFeeds, subscriber: Subscriber
                  ) -> AsyncIterator[bytes]:  # fmt: skip
    checked = time.monotonic()
    try:
        yield f"retry: {RETRY_MS}\n\n".encode()
        async for message in subscriber.messages(KEEPALIVE_S, KEEPALIVE):
            if time.monotonic() - checked > RECHECK_S:
                if await asyncio.to_thread(caller_of, request) is None:
                    return  # signed out, disabled or expired: the page's reconnect gets 401
                checked = time.monotonic()
            yield message
    finally:
        feeds.unsubscribe(subscriber)


@router.get("/events/{event_id}/timing")
async def timing(request: Request, event_id: str) -> Response:
    return await _document(request, ConsoleView(event_id, TIMING))


@router.get("/events/{event_id}/timing/stream")
async def timing_stream(request: Request, event_id: str) -> Response:
    return await _stream(request, ConsoleView(event_id, TIMING))


@router.get("/events/{event_id}/race-control")
async def race_control(request: Request, event_id: str, session: str | None = None) -> Response:
    return await _document(request, ConsoleView(event_id, RACE_CONTROL, session or None))


@router.get("/events/{event_id}/race-control/stream")
async def race_control_stream(request: Request, event_id: str,
                              session: str | None = None) -> Response:  # fmt: skip
    return await _stream(request, ConsoleView(event_id, RACE_CONTROL, session or None))
