"""What the pages read from the live engine, with a clear 404 when it is not there."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime

from fastapi import HTTPException, Request

from trackside.core.grid import Grid, session_grid
from trackside.core.results import EventResult, SessionResult
from trackside.errors import InputError
from trackside.live.hub import LiveHub
from trackside.live.live_event import LiveSnapshot
from trackside.publish.ordering import unknown_class
from trackside.web.board import Doc
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


def grid_of(snapshot: LiveSnapshot, session_id: str) -> Grid:
    """The session's grid from the snapshot's results (tracksprint.md, "Grid"); 404 for a
    session the event does not have."""
    session_of(snapshot, session_id)
    return session_grid(snapshot.facts, snapshot.scored.sessions, session_id)


def check_class(snapshot: LiveSnapshot, car_class: str | None) -> None:
    """404 for a class the event does not have, in the CLI's words (publish's `unknown_class`);
    a class of the event with no car in a session shows an empty list, as the CLI does."""
    problem = unknown_class(snapshot.facts, car_class)
    if problem is not None:
        raise HTTPException(404, problem[:1].upper() + problem[1:])


def now_text() -> str:
    return datetime.now().isoformat(timespec="seconds")


def event_result(snapshot: LiveSnapshot) -> EventResult:
    """The event's results stamped with the time they are shown."""
    return replace(snapshot.scored.event, generated_at=now_text())


def live_board(snapshot: LiveSnapshot, view: View) -> Doc:
    """The board of a view now, version 0 (a page's stream brings the numbered ones)."""
    if view.session_id is not None:
        session_of(snapshot, view.session_id)
    check_class(snapshot, view.car_class)
    try:
        board = view_board(snapshot, view, time.monotonic())
    except LookupError as err:
        raise HTTPException(404, str(err)) from None
    return {**board, "version": 0}
