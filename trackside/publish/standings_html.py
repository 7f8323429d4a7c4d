"""Season standings pages (championship.md; issue 13): a class's page with its points chart,
a competitor's page, and the printable board (a page per class) that `standings --format pdf`
turns into a PDF with WeasyPrint."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from trackside.core.event_scores import EventScore
from trackside.core.series_records import EventInfo
from trackside.core.standings import ClassStandings, SeasonStandings, Standing
from trackside.publish.html import Link, PageMeta, _render
from trackside.publish.points_chart import points_chart_svg
from trackside.publish.standings_doc import points_text
from trackside.publish.standings_text import _cell


@dataclass(frozen=True, slots=True)
class SeasonLinks:
    """Page addresses the web gives the season pages (None on printed pages)."""

    competitor: Callable[[Standing], str]
    event: Callable[[EventInfo], str]


def rules_line(season: SeasonStandings) -> str:
    series = season.series
    counted = f"best {series.counted} events count" if series.counted else "every event counts"
    minimum = f"; ranked from {series.min_events} events" if series.min_events else ""
    return (f"{series.scheme} points, {counted}{minimum}; ties broken by "
            f"{', '.join(series.tie_breaks) or 'nothing'}")


def _helpers(season: SeasonStandings) -> dict[str, object]:
    decimals = season.scheme.decimals

    def cell(score: EventScore | None) -> str:
        return _cell(score, decimals)

    return {"points": lambda value: points_text(value, decimals), "cell": cell,
            "rules": rules_line(season)}  # fmt: skip


def season_html(
    season: SeasonStandings, group: ClassStandings, links: SeasonLinks | None = None,
    nav: Sequence[Link] = (),
) -> str:
    chart = points_chart_svg(group, season.events, season.series.counted)
    meta = PageMeta(season.series.name, season.generated_at, nav=tuple(nav))
    return _render("season.html", meta=meta, season=season, group=group, chart=chart,
                   links=links, **_helpers(season))  # fmt: skip


def competitor_html(
    season: SeasonStandings, lines: Sequence[Standing], links: SeasonLinks | None = None,
    back: str = "", nav: Sequence[Link] = (),
) -> str:
    name = lines[0].competitor if lines else ""
    meta = PageMeta(season.series.name, season.generated_at, nav=tuple(nav))
    return _render("competitor.html", meta=meta, season=season, lines=lines, name=name,
                   links=links, back=back, **_helpers(season))  # fmt: skip


def standings_print_html(season: SeasonStandings) -> str:
    """Every class on a page of its own, chart and table, laid out to pin on a board."""
    charts = [points_chart_svg(g, season.events, season.series.counted) for g in season.classes]
    meta = PageMeta("", season.generated_at)
    return _render("standings_print.html", meta=meta, season=season, charts=charts,
                   **_helpers(season))  # fmt: skip


def standings_pdf(season: SeasonStandings) -> bytes:
    """The printable board as a PDF (WeasyPrint): a page per class."""
    from weasyprint import HTML

    return HTML(string=standings_print_html(season)).write_pdf()
