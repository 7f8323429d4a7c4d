"""Season pages (championship.md; issue 13): a series' classes, a class's standings with its
points-progression chart (inline SVG, no JavaScript) and a competitor's season, each with its
JSON twin at /api/PATH. Read from the store when asked: a penalty shows on the next load."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from trackside.core.series_records import EventInfo
from trackside.core.standings import SeasonStandings, Standing
from trackside.errors import InputError
from trackside.publish.html import Link, PageMeta, _render
from trackside.publish.standings_doc import competitor_document, standings_document
from trackside.publish.standings_html import SeasonLinks, competitor_html, season_html
from trackside.services.standings import competitor_lines, season_standings
from trackside.web import links
from trackside.web.reading import hub_of, now_text

router = APIRouter()


def series_page(series_id: str) -> str:
    return f"/series/{quote(series_id, safe='')}"


def class_page(series_id: str, car_class: str) -> str:
    return f"{series_page(series_id)}/classes/{quote(car_class, safe='')}"


def competitor_page(series_id: str, key: str) -> str:
    return f"{series_page(series_id)}/competitors/{quote(key, safe='')}"


def _season(request: Request, series_id: str, car_class: str | None = None) -> SeasonStandings:
    try:
        return season_standings(hub_of(request).engine, series_id, car_class=car_class,
                                generated_at=now_text())  # fmt: skip
    except InputError as err:
        raise HTTPException(404, err.message) from None


def _links(series_id: str) -> SeasonLinks:
    def competitor(standing: Standing) -> str:
        return competitor_page(series_id, standing.key)

    def event(info: EventInfo) -> str:
        return links.results_page(info.id)

    return SeasonLinks(competitor, event)


def _nav(series_id: str, here: str, *extra: Link) -> tuple[Link, ...]:
    return (Link("All events", links.events_page()), Link("Series", series_page(series_id)),
            *extra, Link("JSON", links.api_twin(here)))  # fmt: skip


@router.get("/series/{series_id}", response_class=HTMLResponse)
def series_index(request: Request, series_id: str) -> str:
    """The series' classes, each linking to its standings."""
    season = _season(request, series_id)
    here = series_page(series_id)
    classes = [Link(f"Class {c.car_class}", class_page(series_id, c.car_class))
               for c in season.classes]  # fmt: skip
    meta = PageMeta(season.series.name, season.generated_at, nav=_nav(series_id, here))
    return _render("series.html", meta=meta, season=season, classes=classes)


@router.get("/api/series/{series_id}")
def series_doc(request: Request, series_id: str) -> dict[str, Any]:
    return standings_document(_season(request, series_id))


@router.get("/series/{series_id}/classes/{car_class}", response_class=HTMLResponse)
def class_standings(request: Request, series_id: str, car_class: str) -> str:
    """A class's standings: the points chart (top 10) and every line explained."""
    season = _season(request, series_id, car_class)
    here = class_page(series_id, season.classes[0].car_class)
    return season_html(season, season.classes[0], _links(series_id), _nav(series_id, here))


@router.get("/api/series/{series_id}/classes/{car_class}")
def class_standings_doc(request: Request, series_id: str, car_class: str) -> dict[str, Any]:
    return standings_document(_season(request, series_id, car_class))


def _competitor(request: Request, series_id: str, key: str) -> tuple[SeasonStandings, list]:
    season = _season(request, series_id)
    lines = competitor_lines(season, key)
    if not lines:
        raise HTTPException(404, f"No competitor {key!r} in series {series_id!r}.")
    return season, lines


@router.get("/series/{series_id}/competitors/{key}", response_class=HTMLResponse)
def competitor(request: Request, series_id: str, key: str) -> str:
    """A competitor's season: each event's class position, points, bonuses with their reason,
    counted or dropped, best lap, with links to the event results."""
    season, lines = _competitor(request, series_id, key)
    here = competitor_page(series_id, key)
    back = class_page(series_id, lines[0].car_class)
    return competitor_html(season, lines, _links(series_id), back, _nav(series_id, here))


@router.get("/api/series/{series_id}/competitors/{key}")
def competitor_doc(request: Request, series_id: str, key: str) -> dict[str, Any]:
    season, lines = _competitor(request, series_id, key)
    return competitor_document(season, lines)
