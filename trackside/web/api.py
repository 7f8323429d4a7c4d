"""The JSON twins: the page at PATH is at /api/PATH as data. Results documents are publish's
(the shapes of interfaces.md, "Results"); the live board is `web/board.py`'s."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from trackside.core.race_results import RaceSessionResult
from trackside.core.run_results import RunSessionResult
from trackside.live.live_event import LiveSnapshot
from trackside.publish import json_docs
from trackside.publish.event_document import PageLinks, event_document
from trackside.publish.race_as_laps import race_as_laps
from trackside.publish.race_docs import race_doc
from trackside.publish.run_docs import run_session_doc
from trackside.services import list_events
from trackside.services.event_document import definition_change
from trackside.web import links
from trackside.web.live_feeds import View
from trackside.web.reading import (
    check_class,
    event_result,
    grid_of,
    hub_of,
    live_board,
    session_of,
    snapshot_of,
)

router = APIRouter(prefix="/api")
ClassQuery = Annotated[str | None, Query(alias="class")]
Doc = dict[str, Any]


@router.get("/events")
def events(request: Request) -> Doc:
    """Every event on the server, newest first."""
    return {
        "events": [
            {"id": e.id, "name": e.name, "date": e.date, "entries": e.entries,
             "passings": e.passings, "page": links.event_page(e.id),
             "live": links.live_page(e.id)}
            for e in list_events(hub_of(request).engine)
        ]
    }  # fmt: skip


@router.get("/events/{event_id}")
def event(request: Request, event_id: str) -> Doc:
    """The event document (publish's), with the addresses of the event's pages."""
    snapshot = snapshot_of(request, event_id)
    return event_document(
        snapshot.facts, provisional=snapshot.scored.event.provisional,
        windows=snapshot.windows, track_us=snapshot.track_us(), links=_page_links(snapshot),
        definition=definition_change(hub_of(request).engine, event_id),
    )  # fmt: skip


def _page_links(snapshot: LiveSnapshot) -> PageLinks:
    event_id = snapshot.event_id
    sessions = {
        s.id: {"live": links.live_page(event_id, s.id),
               "results": links.session_page(event_id, s.id),
               "laps": links.laps_page(event_id, s.id),
               "grid": links.grid_page(event_id, s.id)}
        for s in snapshot.facts.event.sessions
    }  # fmt: skip
    pages = {"live": links.live_page(event_id), "results": links.results_page(event_id)}
    return PageLinks(pages, sessions)


@router.get("/events/{event_id}/live")
def live(
    request: Request, event_id: str, session: str | None = None, car_class: ClassQuery = None
) -> Doc:
    """The live board of the running session (or `session`), and the state of the parts
    feeding it (`parts`: the decoder client, the RMonitor output)."""
    view = View(event_id, session or None, car_class or None)
    board = live_board(snapshot_of(request, event_id), view)
    return {**board, "parts": hub_of(request).parts.doc()}


@router.get("/events/{event_id}/results")
def results(request: Request, event_id: str, car_class: ClassQuery = None) -> Doc:
    snapshot = snapshot_of(request, event_id)
    check_class(snapshot, car_class or None)
    return json_docs.event_doc(event_result(snapshot), car_class or None)


@router.get("/events/{event_id}/sessions/{session_id}")
def session_results(
    request: Request, event_id: str, session_id: str, car_class: ClassQuery = None
) -> Doc:
    snapshot = snapshot_of(request, event_id)
    result = session_of(snapshot, session_id)
    check_class(snapshot, car_class or None)
    if isinstance(result, RunSessionResult):
        return run_session_doc(result, car_class or None)
    if isinstance(result, RaceSessionResult):
        return race_doc(result.race, car_class or None)
    return json_docs.session_doc(result, car_class or None)


@router.get("/events/{event_id}/sessions/{session_id}/laps")
def lap_chart(
    request: Request, event_id: str, session_id: str, car_class: ClassQuery = None
) -> Doc:
    """The lap chart's data is the session document: it holds every lap (docs/publishing.md); a
    race's is its race laps as a lap session's document (`publish/race_as_laps.py`)."""
    result = session_of(snapshot_of(request, event_id), session_id)
    if isinstance(result, RaceSessionResult):
        return json_docs.session_doc(race_as_laps(result), car_class or None)
    return session_results(request, event_id, session_id, car_class)


@router.get("/events/{event_id}/sessions/{session_id}/grid")
def grid(request: Request, event_id: str, session_id: str) -> Doc:
    """The grid document (publish's `grid_doc`, as `trackside grid --format json`)."""
    return json_docs.grid_doc(grid_of(snapshot_of(request, event_id), session_id))
