"""`trackside standings --format ...`: one function for every format (championship.md)."""

from __future__ import annotations

from trackside.core.standings import SeasonStandings

STANDINGS_FORMATS = ("text", "json", "csv", "html", "pdf")


def render_standings(season: SeasonStandings, fmt: str) -> str | bytes:
    """Text, JSON, CSV or HTML as text; PDF as bytes."""
    if fmt == "text":
        from trackside.publish.standings_text import standings_text

        return standings_text(season)
    if fmt == "json":
        import json

        from trackside.publish.standings_doc import standings_document

        return json.dumps(standings_document(season), indent=2, ensure_ascii=False)
    if fmt == "csv":
        from trackside.publish.standings_text import standings_csv

        return standings_csv(season)
    if fmt == "html":
        from trackside.publish.standings_html import standings_print_html

        return standings_print_html(season)
    if fmt == "pdf":
        from trackside.publish.standings_html import standings_pdf

        return standings_pdf(season)
    raise ValueError(f"unknown standings format {fmt!r}")
