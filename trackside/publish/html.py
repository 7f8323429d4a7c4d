"""HTML pages from Jinja2 templates (autoescaped), every page with the same inline stylesheet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from trackside.core.grid import RULE, Grid
from trackside.core.results import EventEntryResult, EventResult, SessionResult
from trackside.publish.formats import gap_text, lap_time, readable_time, slug, status_label
from trackside.publish.lap_grid import lap_chart
from trackside.publish.ordering import (
    class_groups,
    fastest,
    missed_rounds,
    round_time_us,
    session_rows,
    shows_unknown,
)

LAPS_PER_BLOCK = 10


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    href: str


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What surrounds a page's tables: event name, provisional banner, time, links to siblings."""

    event_name: str = ""
    generated_at: str = ""
    provisional: bool = False
    nav: tuple[Link, ...] = ()


@cache
def environment() -> Environment:
    """The template environment: autoescape on, undefined names are errors."""
    env = Environment(
        loader=PackageLoader("trackside.publish", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        lap_time=lap_time, gap=gap_text, status=status_label, slug=slug, when=readable_time
    )
    env.globals.update(css=Markup(_asset("style.css")), find_js=Markup(_asset("find.js")),
                       round_time=round_time_us)  # fmt: skip
    return env


def _asset(name: str) -> str:
    """A file of `templates/`, inlined in every page so that a published page stands alone."""
    return resources.files("trackside.publish").joinpath("templates", name).read_text()


def _render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


def event_html(
    result: EventResult, car_class: str | None = None, meta: PageMeta | None = None
) -> str:
    """Event results: one table per class, awards marked, unranked entries after ranked ones."""
    meta = meta or PageMeta(result.event_name, result.generated_at, result.provisional)
    groups = class_groups(result, car_class)
    with_penalty = any(e.penalty_us for g in groups for e in g.entries)

    def missed(entry: EventEntryResult) -> tuple[str, ...]:
        return missed_rounds(entry, result.rounds) if len(result.rounds) > 1 else ()

    missed_any = any(missed(e) for g in groups for e in g.ranked if e.total_us is not None)
    return _render(
        "event.html", meta=meta, result=result, groups=groups, car_class=car_class,
        with_penalty=with_penalty, missed_rounds=missed, missed_any=missed_any,
    )  # fmt: skip


def session_html(
    result: SessionResult, car_class: str | None = None, meta: PageMeta | None = None
) -> str:
    """Session results ranked by best lap with gaps, then unknown transponders."""
    unknown = result.unknown if shows_unknown(car_class) else ()
    return _render(
        "session.html", meta=meta or PageMeta(), result=result, car_class=car_class,
        rows=session_rows(result, car_class), unknown=unknown, fastest=fastest,
    )  # fmt: skip


def lap_chart_html(
    result: SessionResult, car_class: str | None = None, meta: PageMeta | None = None
) -> str:
    """Every lap of every car in blocks of columns; best lap bold, invalid laps struck through."""
    return _render(
        "lap_chart.html", meta=meta or PageMeta(), result=result, car_class=car_class,
        chart=lap_chart(result, car_class), block_size=LAPS_PER_BLOCK,
    )  # fmt: skip


def grid_html(grid: Grid, meta: PageMeta | None = None) -> str:
    """The grid, narrow enough for a phone held upright (412 px): position, number, driver and
    class, the best time and the session and lap that gave it."""
    from trackside.publish.grid_text import grid_basis

    return _render("grid.html", meta=meta or PageMeta(grid.event_name), grid=grid,
                   basis=grid_basis(grid), rule=RULE)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SessionLinks:
    """A session on the index page and the links to its pages."""

    result: SessionResult
    results: tuple[Link, ...]
    laps: tuple[Link, ...]


def index_html(
    event: EventResult, results: Sequence[Link], sessions: Sequence[SessionLinks]
) -> str:
    """The landing page: event results in every format, every session's results and lap chart."""
    meta = PageMeta(event.event_name, event.generated_at, event.provisional)
    classes = [group.name for group in class_groups(event)]
    return _render(
        "index.html", meta=meta, event=event, results=results, sessions=sessions, classes=classes
    )
