"""The HTML pages. Results pages are complete without JavaScript; the live page is too, and its
script (`static/live.js`) keeps it current over the event stream."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from trackside.core.flags_in_force import flags_in_force
from trackside.core.publication import publication
from trackside.core.race_results import RaceSessionResult
from trackside.core.run_results import RunSessionResult
from trackside.core.session_clock import session_clock
from trackside.live.live_event import LiveSnapshot
from trackside.publish import html as publish_html
from trackside.publish.event_document import publication_document
from trackside.publish.html import Link, PageMeta
from trackside.publish.ordering import event_classes
from trackside.publish.race_tables import race_html
from trackside.publish.runs_as_laps import as_lap_session
from trackside.services import list_events
from trackside.services.entries import check_entries
from trackside.web import links
from trackside.web.event_phase import HEADINGS, event_phase
from trackside.web.flag_labels import flag_label
from trackside.web.live_feeds import View
from trackside.web.reading import (
    check_class,
    event_result,
    grid_of,
    hub_of,
    live_board,
    now_text,
    session_of,
    snapshot_of,
)
from trackside.web.rendering import render

NOSCRIPT_REFRESH_S = 10

router = APIRouter(default_response_class=HTMLResponse)
ClassQuery = Annotated[str | None, Query(alias="class")]


def _class(value: str | None) -> str | None:
    return value or None


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return Response(status_code=204)


@router.get("/")
def events_index(request: Request) -> str:
    """Every event on the server, newest first."""
    events = list_events(hub_of(request).engine)
    nav = (Link("Which class is my car in?", links.classify_page()),)
    return render("events.html", events=events, nav=nav, twin=links.api_twin("/"))


@router.get("/events/{event_id}")
def event_index(request: Request, event_id: str) -> str:
    """An event: live timing, results, each session's pages."""
    snapshot = snapshot_of(request, event_id)
    event = snapshot.facts.event
    track_us = snapshot.track_us()
    flags = flags_in_force(snapshot.facts)
    clocks = [session_clock(event, s.id, flags, snapshot.windows, track_us)
              for s in event.sessions]  # fmt: skip
    sessions = [{"session": s, "flag": flag_label(c.flag)}
                for s, c in zip(event.sessions, clocks, strict=True)]  # fmt: skip
    classes = event_classes(snapshot.facts)
    here = links.event_page(event_id)
    return render(
        "event.html", event=event, sessions=sessions, classes=classes,
        phase=event_phase(c.phase for c in clocks), headings=HEADINGS,
        provisional=snapshot.scored.event.provisional,
        publication=publication_document(publication(snapshot.facts)),
        problems=[p.message() for p in check_entries(hub_of(request).engine, event_id)],
        nav=(Link("All events", links.events_page()), Link("JSON", links.api_twin(here))),
        twin=links.api_twin(here),
    )  # fmt: skip


@router.get("/events/{event_id}/live")
def live(
    request: Request, event_id: str, session: str | None = None, car_class: ClassQuery = None
) -> str:
    """Live timing of the running session (or `session`), one class when asked."""
    view = View(event_id, session or None, _class(car_class))
    snapshot = snapshot_of(request, event_id)
    board = live_board(snapshot, view)
    here = links.live_page(event_id, view.session_id, view.car_class)
    nav = (
        Link("All events", links.events_page()),
        Link("Event", links.event_page(event_id)),
        Link("Session results", links.session_page(event_id, board["session"])),
        Link("Lap chart", links.laps_page(event_id, board["session"])),
    )
    return render(
        "live.html", board=board, nav=nav, twin=links.api_twin(here),
        stream=links.live_stream(event_id, view.session_id, view.car_class),
        session_param=view.session_id, sessions=snapshot.facts.event.sessions,
        refresh_s=NOSCRIPT_REFRESH_S, parts=hub_of(request).parts.states(),
    )  # fmt: skip


@router.get("/events/{event_id}/results")
def results(request: Request, event_id: str, car_class: ClassQuery = None) -> str:
    """Event results by class (publish's page)."""
    snapshot = snapshot_of(request, event_id)
    check_class(snapshot, _class(car_class))
    result = event_result(snapshot)
    here = links.results_page(event_id, _class(car_class))
    meta = PageMeta(result.event_name, result.generated_at, result.provisional,
                    links.event_nav(event_id, here))  # fmt: skip
    return publish_html.event_html(result, _class(car_class), meta)


@router.get("/events/{event_id}/sessions/{session_id}")
def session_results(
    request: Request, event_id: str, session_id: str, car_class: ClassQuery = None
) -> str:
    """A session's results ranked by best valid lap (publish's page); a run session's by best
    counting run, every run with the reason it does not count (publish's run page); a race
    session's classification (the site's race page, `publish/race_tables.py`)."""
    snapshot = snapshot_of(request, event_id)
    scored = session_of(snapshot, session_id)
    check_class(snapshot, _class(car_class))
    here = links.session_page(event_id, session_id, _class(car_class))
    extra = (Link("Lap chart", links.laps_page(event_id, session_id)),
             Link("Grid", links.grid_page(event_id, session_id)),
             Link("Event results", links.results_page(event_id)))  # fmt: skip
    meta = _meta(snapshot, here, extra)
    if isinstance(scored, RaceSessionResult):
        return race_html(scored.race, _class(car_class), meta)
    if isinstance(scored, RunSessionResult):
        from trackside.publish.run_tables import run_session_html

        return run_session_html(scored, _class(car_class), meta)
    return publish_html.session_html(as_lap_session(scored), _class(car_class), meta)


@router.get("/events/{event_id}/sessions/{session_id}/laps")
def lap_chart(
    request: Request, event_id: str, session_id: str, car_class: ClassQuery = None
) -> str:
    """Every lap of every car in a session (publish's page)."""
    snapshot = snapshot_of(request, event_id)
    result = as_lap_session(session_of(snapshot, session_id))
    check_class(snapshot, _class(car_class))
    here = links.laps_page(event_id, session_id, _class(car_class))
    extra = (Link("Session results", links.session_page(event_id, session_id)),)
    return publish_html.lap_chart_html(result, _class(car_class), _meta(snapshot, here, extra))


@router.get("/events/{event_id}/sessions/{session_id}/grid")
def grid(request: Request, event_id: str, session_id: str) -> str:
    """The session's grid: its groups' cars by best time of the earlier sessions (publish's)."""
    snapshot = snapshot_of(request, event_id)
    session_grid = grid_of(snapshot, session_id)
    here = links.grid_page(event_id, session_id)
    extra = (Link("Session results", links.session_page(event_id, session_id)),)
    return publish_html.grid_html(session_grid, _meta(snapshot, here, extra))


def _meta(snapshot: LiveSnapshot, here: str, extra: tuple[Link, ...]) -> PageMeta:
    event = snapshot.scored.event
    nav = links.event_nav(snapshot.event_id, here, *extra)
    return PageMeta(event.event_name, now_text(), event.provisional, nav)
