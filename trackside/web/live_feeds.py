"""Live boards for the event streams: one per view (event, session, class), shared by every page
watching it. Each new snapshot is turned into a patch once and fanned out to all of them.

Runs on the event loop: snapshots arrive from the hub there, subscriptions start there, so a new
page always gets the view's current board and every patch after it, in order.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass

from trackside.live.fanout import Fanout, Subscriber
from trackside.live.hub import LiveHub
from trackside.live.live_event import LiveSnapshot
from trackside.web.board import Doc, RowCache, board_doc, board_session
from trackside.web.board_patch import board_patch, same_board

KEEPALIVE = b": keep-alive\n\n"


@dataclass(frozen=True, slots=True)
class View:
    """What one live page shows: an event's session (None: whichever runs now), one class."""

    event_id: str
    session_id: str | None = None
    car_class: str | None = None


def view_board(
    snapshot: LiveSnapshot, view: View, wall: float | None = None, cache: RowCache | None = None
) -> Doc:
    """The board of a view from a snapshot, at the snapshot's time (or at `wall`)."""
    track_us = snapshot.track_us(snapshot.wall if wall is None else wall)
    session_id = board_session(snapshot, view.session_id, track_us)
    return board_doc(snapshot, session_id, view.car_class, track_us, cache)


def sse_message(kind: str, version: int, doc: Doc) -> bytes:
    """One Server-Sent Event: `event: board|patch`, the version as id, the JSON on one line."""
    data = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
    return f"event: {kind}\nid: {version}\ndata: {data}\n\n".encode()


@dataclass(slots=True)
class _ViewState:
    board: Doc
    version: int


class LiveFeeds:
    """The boards being watched and their listeners."""

    def __init__(self, hub: LiveHub, fanout: Fanout | None = None) -> None:
        self.hub = hub
        self.fanout = fanout or Fanout()
        self._views: dict[View, _ViewState] = {}
        self._rows = RowCache()
        hub.add_listener(self.on_snapshot)

    async def subscribe(self, view: View) -> Subscriber:
        """A listener of `view`; its first message is the whole board."""
        snapshot = await asyncio.to_thread(self.hub.follow, view.event_id)
        self.hub.hold(view.event_id)
        state = self._views.get(view)
        if state is None:
            board = view_board(snapshot, view, time.monotonic(), self._rows)
            state = self._views[view] = _ViewState({**board, "version": 1}, 1)
        return self.fanout.subscribe(view, sse_message("board", state.version, state.board))

    def close_all(self) -> None:
        """End every stream (the server is stopping)."""
        self.fanout.close_all()
        self._views.clear()

    def unsubscribe(self, subscriber: Subscriber) -> None:
        self.hub.release(subscriber.topic.event_id)  # type: ignore[attr-defined]
        self.fanout.unsubscribe(subscriber)
        if self.fanout.count(subscriber.topic) == 0:
            self._views.pop(subscriber.topic, None)  # type: ignore[arg-type]

    def on_snapshot(self, snapshot: LiveSnapshot) -> None:
        """Patch every watched view of the snapshot's event that may have changed."""
        for view, state in list(self._views.items()):
            if view.event_id != snapshot.event_id or not _may_change(view, snapshot):
                continue
            if self.fanout.count(view) == 0:
                del self._views[view]
                continue
            self._advance(view, state, view_board(snapshot, view, cache=self._rows))

    def _advance(self, view: View, state: _ViewState, board: Doc) -> None:
        if not same_board(state.board, board):
            state.version += 1
            state.board = {**board, "version": state.version}
            self.fanout.publish(view, sse_message("board", state.version, state.board))
            return
        patch = board_patch(state.board, board)
        if patch is None:
            return
        patch.update(base=state.version, version=state.version + 1)
        state.version += 1
        state.board = {**board, "version": state.version}
        self.fanout.publish(view, sse_message("patch", state.version, patch))


def _may_change(view: View, snapshot: LiveSnapshot) -> bool:
    return snapshot.full or view.session_id is None or view.session_id in snapshot.changed
