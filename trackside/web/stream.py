"""The live page's event stream (Server-Sent Events): the whole board first, then patches.

A page whose connection drops, or that the server dropped for reading too slowly, reconnects
(EventSource does so by itself) and starts again from a whole board.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from trackside.live.fanout import Subscriber
from trackside.web.live_feeds import KEEPALIVE, LiveFeeds, View
from trackside.web.reading import feeds_of, live_board, snapshot_of

KEEPALIVE_S = 15.0
RETRY_MS = 1000

router = APIRouter(prefix="/api")


@router.get("/events/{event_id}/live/stream")
async def live_stream(
    request: Request,
    event_id: str,
    session: str | None = None,
    car_class: Annotated[str | None, Query(alias="class")] = None,
) -> StreamingResponse:
    """`text/event-stream` of one view's board: `event: board`, then `event: patch`."""
    view = View(event_id, session or None, car_class or None)
    snapshot = await asyncio.to_thread(snapshot_of, request, event_id)
    await asyncio.to_thread(live_board, snapshot, view)  # a 404 comes before the stream
    feeds = feeds_of(request)
    subscriber = await feeds.subscribe(view)
    return StreamingResponse(
        _events(feeds, subscriber),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


async def _events(feeds: LiveFeeds, subscriber: Subscriber) -> AsyncIterator[bytes]:
    try:
        yield f"retry: {RETRY_MS}\n\n".encode()
        async for message in subscriber.messages(KEEPALIVE_S, KEEPALIVE):
            yield message + subscriber.waiting()  # SSE events are self-delimited: one write
    finally:
        feeds.unsubscribe(subscriber)
