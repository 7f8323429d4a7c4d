"""The server's addresses. Every page at PATH has its JSON twin at /api/PATH (the index `/` at
`/api/events`)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from trackside.publish.html import Link


def _q(value: str) -> str:
    return quote(value, safe="")


def _with_query(path: str, **params: str | None) -> str:
    query = urlencode({k.rstrip("_"): v for k, v in params.items() if v})
    return f"{path}?{query}" if query else path


def events_page() -> str:
    return "/"


def classify_page() -> str:
    return "/classify"


def event_page(event_id: str) -> str:
    return f"/events/{_q(event_id)}"


def live_page(event_id: str, session_id: str | None = None, car_class: str | None = None) -> str:
    return _with_query(f"{event_page(event_id)}/live", session=session_id, class_=car_class)


def results_page(event_id: str, car_class: str | None = None) -> str:
    return _with_query(f"{event_page(event_id)}/results", class_=car_class)


def session_page(event_id: str, session_id: str, car_class: str | None = None) -> str:
    return _with_query(f"{event_page(event_id)}/sessions/{_q(session_id)}", class_=car_class)


def laps_page(event_id: str, session_id: str, car_class: str | None = None) -> str:
    return _with_query(f"{event_page(event_id)}/sessions/{_q(session_id)}/laps",
                       class_=car_class)  # fmt: skip


def grid_page(event_id: str, session_id: str) -> str:
    return f"{event_page(event_id)}/sessions/{_q(session_id)}/grid"


def live_stream(event_id: str, session_id: str | None, car_class: str | None) -> str:
    return _with_query(f"/api{event_page(event_id)}/live/stream", session=session_id,
                       class_=car_class)  # fmt: skip


def api_twin(page: str) -> str:
    """The JSON twin of a page address."""
    return "/api/events" if page in ("", "/") else f"/api{page}"


def event_nav(event_id: str, here: str, *extra: Link) -> tuple[Link, ...]:
    """Navigation of a page of one event: home, the event, `extra`, and this page's JSON."""
    return (
        Link("All events", events_page()),
        Link("Event", event_page(event_id)),
        Link("Live timing", live_page(event_id)),
        *extra,
        Link("JSON", api_twin(here)),
    )
