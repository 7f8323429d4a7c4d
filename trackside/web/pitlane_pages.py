"""The pit marshal's screen (issue 15; console.md, "The officials' screens"):
`/console/events/{event}/pit-lane` for pit-marshal, competition-director and event-lead.

For the running race session (or the one asked for): each car with the driver in it and their
stint so far (the race board's rows, `web/race_board.py`), the cars in the pit lane now, the
last stops, and one-tap forms posting to the write API (`race_api.py`): a pit stop (in, out),
a driver change chosen from the car's roster, a solo exit confirmed. The stint findings
(endurance.md, "Drivers and stints") are shown as warnings, never applied. Made for a phone at
the pit wall: one card per car, buttons a thumb can hit, nothing wider than 412 px."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from trackside.core.decisions import active_decisions
from trackside.core.flags_in_force import flags_in_force
from trackside.core.race_results import RaceEntryResult, RaceSessionResult
from trackside.core.records import DecisionKind, EventFacts
from trackside.core.roles import Action
from trackside.core.session_clock import session_clock
from trackside.live.live_event import LiveSnapshot
from trackside.publish.formats import lap_time, time_text
from trackside.services.race import car_roster
from trackside.services.race_records import PIT_STOP, record_docs
from trackside.web.board import board_doc
from trackside.web.console_pages import console_nav, screen, time_of_day
from trackside.web.reading import snapshot_of
from trackside.web.rendering import render

router = APIRouter(include_in_schema=False)
Doc = dict[str, Any]
LAST_STOPS = 10
"""Stops listed under "Last stops", newest first."""
STINT_FINDINGS = ("long-stint", "short-rest", "solo-over-3h", "solo-exit-unconfirmed",
                  "change-outside-stop", "unknown-driver")  # fmt: skip
"""The findings of drivers and stints (endurance.md, "Drivers and stints"; core/stints.py)."""
SOLO_FINDINGS = ("solo-over-3h", "solo-exit-unconfirmed")
"""A car driven solo so far: its solo exit may be confirmed even with a longer roster."""


@router.get("/console/events/{event_id}/pit-lane")
async def pit_lane(request: Request, event_id: str, session: str | None = None,
                   done: str | None = None) -> Response:  # fmt: skip
    """The screen; `pit_in=N@TIME` (repeated) are the pit-ins tapped and not yet stored (a
    stop is stored with its out); `pit_in=N` takes the track time now and comes back (303)."""
    caller = await screen(request, event_id, Action.PIT_STOP, "pit-lane")
    if isinstance(caller, Response):
        return caller
    snapshot = await run_in_threadpool(snapshot_of, request, event_id)
    track_us = snapshot.track_us()
    now = time_of_day(track_us)
    race_ids = [s.id for s in snapshot.facts.event.sessions if s.race is not None]
    chosen = session if session in race_ids else running_race(snapshot, race_ids, track_us)
    taps = request.query_params.getlist("pit_in")
    pending = pending_pit_ins(taps, now)
    if any("@" not in tap for tap in taps):
        return RedirectResponse(lane_url(event_id, chosen, pending), status_code=303)
    view = pit_lane_view(snapshot, chosen, track_us) if chosen else None
    engine = request.app.state.hub.engine
    recorded = await run_in_threadpool(record_docs, engine, event_id, PIT_STOP)
    page = render("console/pit_lane.html", caller=caller, event=snapshot.facts.event,
                  sessions=race_ids, session=chosen, view=view, done=done, now=now,
                  pending=pending, here=lane_url(event_id, chosen, pending),
                  without=lambda n: lane_url(event_id, chosen, pending, drop=n),
                  recorded=[r for r in reversed(recorded) if r["session"] == chosen],
                  nav=console_nav(event_id),
                  twin=f"/api/events/{event_id}/live?session={chosen or ''}")  # fmt: skip
    return HTMLResponse(page)


def pending_pit_ins(taps: list[str], now: str) -> dict[str, str]:
    """Car -> the pit-in time tapped (`N@12:04:40`; a bare `N` is `now`), last tap wins."""
    pending: dict[str, str] = {}
    for tap in taps:
        number, _, at = tap.partition("@")
        if number.strip():
            pending[number.strip()] = at.strip() or now
    return pending


def lane_url(event_id: str, session_id: str | None, pending: dict[str, str],
             drop: str | None = None) -> str:  # fmt: skip
    """The screen's address with its race and the pending pit-ins (less car `drop`)."""
    query = [("session", session_id)] if session_id else []
    query += [("pit_in", f"{n}@{at}") for n, at in pending.items() if n != drop]
    path = f"/console/events/{event_id}/pit-lane"
    return f"{path}?{urlencode(query)}" if query else path


def running_race(snapshot: LiveSnapshot, race_ids: list[str], track_us: int | None
                 ) -> str | None:  # fmt: skip
    """The race session running now (green, yellow or red); else the latest one started;
    else the first race session. None when the event has no race."""
    if not race_ids:
        return None
    flags = flags_in_force(snapshot.facts)
    clocks = [session_clock(snapshot.facts.event, s, flags, snapshot.windows, track_us)
              for s in race_ids]  # fmt: skip
    for clock in clocks:
        if clock.phase in ("running", "stopped"):
            return clock.session_id
    started = [c.session_id for c in clocks if c.flag is not None]
    return started[-1] if started else race_ids[0]


def pit_lane_view(snapshot: LiveSnapshot, session_id: str, track_us: int | None) -> Doc:
    """The cars of race `session_id` in running order with what the pit wall needs."""
    scored = snapshot.scored.sessions[session_id]
    assert isinstance(scored, RaceSessionResult)
    entries = {e.number: e for e in scored.race.entries}
    board = board_doc(snapshot, session_id, None, track_us)
    confirmed = solo_exits(snapshot.facts, session_id)
    cars = [car_view(snapshot.facts, row, entries[row["number"]], confirmed)
            for row in board["rows"]]  # fmt: skip
    stops = sorted(((s, e.number) for e in scored.race.entries for s in e.stops),
                   key=lambda item: item[0].in_us, reverse=True)[:LAST_STOPS]
    return {"cars": cars, "in_pit": [c for c in cars if c["in_pit"]],
            "warnings": [(c["number"], w) for c in cars for w in c["warnings"]],
            "stops": [stop_view(stop, number) for stop, number in stops],
            "flag": board["flag"], "clock": board["clock"]}  # fmt: skip


def car_view(facts: EventFacts, row: Doc, entry: RaceEntryResult, confirmed: set[str]) -> Doc:
    roster = [d.name for d in car_roster(facts, entry.number)]
    return {"number": entry.number, "team": entry.team, "driver": row.get("driver") or "",
            "stint": row.get("stint") or "", "in_pit": bool(row.get("in_pit")),
            "position": row.get("position"), "laps": entry.laps, "roster": roster,
            "solo": len(roster) == 1 or any(f.kind in SOLO_FINDINGS for f in entry.findings),
            "solo_confirmed": entry.number in confirmed,
            "stops": len(entry.stops),
            "mandatory_served": any(s.mandatory for s in entry.stops),
            "warnings": [f.message for f in entry.findings
                         if f.kind in STINT_FINDINGS]}  # fmt: skip


def solo_exits(facts: EventFacts, session_id: str) -> set[str]:
    """Cars whose solo exit an official confirmed in the session (decisions in force)."""
    return {d.number for d in active_decisions(facts.decisions)
            if d.kind is DecisionKind.SOLO_EXIT and d.session_id == session_id
            and d.number is not None}  # fmt: skip


def stop_view(stop, number: str) -> Doc:  # type: ignore[no-untyped-def]
    return {"number": number, "in": _clock(stop.in_us), "out": _clock(stop.out_us),
            "duration": lap_time(stop.out_us - stop.in_us), "mandatory": stop.mandatory,
            "source": stop.source}  # fmt: skip


def _clock(time_us: int) -> str:
    return (time_text(time_us) or "").split("T", 1)[-1][:8]
