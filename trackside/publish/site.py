"""A static results site: an index page linking event results, session results and lap charts.

Every link is relative, so the folder can be copied to any web host or opened from disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from trackside.core.results import EventResult, SessionResult
from trackside.core.run_results import RunSessionResult
from trackside.publish import csv_tables, html, json_docs, run_docs, run_tables
from trackside.publish.formats import slug
from trackside.publish.html import Link, PageMeta, SessionLinks

SESSIONS_DIR = "sessions"
FORMAT_LABELS = (("html", "HTML"), ("json", "JSON"), ("csv", "CSV"))


def _links(stem: str) -> tuple[Link, ...]:
    return tuple(Link(label, f"{stem}.{ext}") for ext, label in FORMAT_LABELS)


def session_stems(sessions: Sequence[SessionResult]) -> list[str]:
    """File stems per session (`sessions/<stem>.html`); ValueError when two would clash."""
    stems = [slug(s.session_id) for s in sessions]
    names = stems + [f"{stem}-laps" for stem in stems]
    clashes = sorted({name for name in names if names.count(name) > 1})
    if clashes:
        raise ValueError(f"session ids give clashing file names: {', '.join(clashes)}")
    return stems


def write_site(event: EventResult, sessions: Sequence[SessionResult], out_dir: Path) -> list[Path]:
    """Write index.html, results.{html,json,csv} and each session's results and lap chart."""
    stems = session_stems(sessions)
    out_dir = Path(out_dir)
    (out_dir / SESSIONS_DIR).mkdir(parents=True, exist_ok=True)
    index = [
        SessionLinks(s, _links(f"{SESSIONS_DIR}/{stem}"), _links(f"{SESSIONS_DIR}/{stem}-laps"))
        for s, stem in zip(sessions, stems, strict=True)
    ]
    pages = {"index.html": html.index_html(event, _links("results"), index)}
    pages.update(_event_pages(event))
    for session, stem in zip(sessions, stems, strict=True):
        pages.update(_session_pages(event, session, stem))
    return [_write(out_dir / name, text) for name, text in pages.items()]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def _meta(event: EventResult, nav: Sequence[Link]) -> PageMeta:
    return PageMeta(event.event_name, event.generated_at, event.provisional, tuple(nav))


def _event_pages(event: EventResult) -> dict[str, str]:
    nav = [Link("All results", "index.html"), *_links("results")[1:]]
    return {
        "results.html": html.event_html(event, meta=_meta(event, nav)),
        "results.json": json_docs.dumps(json_docs.event_doc(event)),
        "results.csv": csv_tables.event_csv(event),
    }


def _session_pages(event: EventResult, session: SessionResult, stem: str) -> dict[str, str]:
    home = [Link("All results", "../index.html"), Link("Event results", "../results.html")]
    if isinstance(session, RunSessionResult):
        return _run_pages(event, session, stem)
    results_nav = [*home, Link("Lap chart", f"{stem}-laps.html"), *_links(stem)[1:]]
    laps_nav = [*home, Link("Session results", f"{stem}.html"), *_links(f"{stem}-laps")[1:]]
    base = f"{SESSIONS_DIR}/{stem}"
    return {
        f"{base}.html": html.session_html(session, meta=_meta(event, results_nav)),
        f"{base}.json": json_docs.dumps(json_docs.session_doc(session)),
        f"{base}.csv": csv_tables.session_csv(session),
        f"{base}-laps.html": html.lap_chart_html(session, meta=_meta(event, laps_nav)),
        f"{base}-laps.json": json_docs.dumps(json_docs.session_doc(session)),
        f"{base}-laps.csv": csv_tables.lap_chart_csv(session),
    }


def _run_pages(event: EventResult, session: RunSessionResult, stem: str) -> dict[str, str]:
    """A TrackSprint or HillClimb session: its run pages (the `-laps` pages list its runs)."""
    base = f"{SESSIONS_DIR}/{stem}"
    home = [Link("All results", "../index.html"), Link("Event results", "../results.html")]
    nav = [*home, *_links(stem)[1:]]
    pages = {
        "html": run_tables.run_session_html(session, meta=_meta(event, nav)),
        "json": json_docs.dumps(run_docs.run_session_doc(session)),
        "csv": run_tables.run_session_csv(session),
    }
    return {f"{base}{tail}.{ext}": text for tail in ("", "-laps") for ext, text in pages.items()}
