"""What the pages read from the live engine, with a clear 404 when it is not there."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime

from fastapi import HTTPException, Request

from trackside.core.results import EventResult, SessionResult
from trackside.errors import InputError
from trackside.live.hub import LiveHub
from trackside.live.live_event import LiveSnapshot
from trackside.web.board import Doc, known_class
from trackside.web.live_feeds import LiveFeeds, View, view_board


def hub_of(request: Request) -> LiveHub:
    return request.app.state.hub


def feeds_of(request: Request) -> LiveFeeds:
    return request.app.state.feeds


def snapshot_of(request: Request, event_id: str) -> LiveSnapshot:
    """The event's latest snapshot (following it from now on); 404 for an unknown event."""
    try:
        return hub_of(request).follow(event_id)
    except InputError:
        raise HTTPException(404, f"No event {event_id!r} on this server.") from None


def session_of(snapshot: LiveSnapshot, session_id: str) -> SessionResult:
    try:
        return snapshot.scored.sessions[session_id]
    except KeyError:
        raise HTTPException(
            404, f"No session {session_id!r} in event {snapshot.event_id!r}."
        ) from None


def check_class(result: SessionResult | None, car_class: str | None) -> None:
    if result is not None and not known_class(result, car_class):
        raise HTTPException(404, f"No entries in class {car_class!r} in this session.")


def now_text() -> str:
    return datetime.now().isoformat(timespec="seconds")


def event_result(snapshot: LiveSnapshot) -> EventResult:
    """The event's results stamped with the time they are shown."""
    return replace(snapshot.scored.event, generated_at=now_text())


def live_board(snapshot: LiveSnapshot, view: View) -> Doc:
    """The board of a view now, version 0 (a page's stream brings the numbered ones)."""
    if view.session_id is not None:
        check_class(session_of(snapshot, view.session_id), view.car_class)
    try:
        board = view_board(snapshot, view, time.monotonic())
    except LookupError as err:
        raise HTTPException(404, str(err)) from None
    check_class(snapshot.scored.sessions[board["session"]], view.car_class)
    return {**board, "version": 0}
