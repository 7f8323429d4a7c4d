"""A static results site: an index page linking event results, session results and lap charts.

Every link is relative, so the folder can be copied to any web host or opened from disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from trackside.core.race_results import RaceSessionResult
from trackside.core.results import EventResult, SessionResult
from trackside.core.run_results import RunSessionResult
from trackside.publish import (
    csv_tables,
    html,
    json_docs,
    race_docs,
    race_tables,
    run_docs,
    run_tables,
)
from trackside.publish.formats import slug
from trackside.publish.html import Link, PageMeta, SessionLinks
from trackside.publish.race_as_laps import race_as_laps

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
        SessionLinks(race_as_laps(s) if isinstance(s, RaceSessionResult) else s,
                     _links(f"{SESSIONS_DIR}/{stem}"), _links(f"{SESSIONS_DIR}/{stem}-laps"))
        for s, stem in zip(sessions, stems, strict=True)
    ]  # fmt: skip
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
    if isinstance(session, RaceSessionResult):
        return _race_pages(event, session, stem, home)
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


def _race_pages(
    event: EventResult, session: RaceSessionResult, stem: str, home: list[Link]
) -> dict[str, str]:
    """A race session (endurance.md): its classification (and the Sprint's, for a SprintDuro),
    the lap chart of its race laps, the stint and pit-stop reports; each page with JSON and
    CSV twins."""
    base = f"{SESSIONS_DIR}/{stem}"
    race = session.race
    parts = {"": race, **({"-sprint": session.sprint} if session.sprint else {})}
    names = {"": "Race results", "-sprint": "Sprint results", "-laps": "Lap chart",
             "-stints": "Stints", "-pit-stops": "Pit stops"}  # fmt: skip
    tails = [*parts, "-laps", "-stints", "-pit-stops"]

    def meta(tail: str) -> PageMeta:
        siblings = [Link(names[t], f"{stem}{t}.html") for t in tails if t != tail]
        return _meta(event, [*home, *siblings, *_links(f"{stem}{tail}")[1:]])

    pages: dict[str, str] = {}
    for tail, result in parts.items():
        pages[f"{base}{tail}.html"] = race_tables.race_html(result, meta=meta(tail))
        pages[f"{base}{tail}.json"] = json_docs.dumps(race_docs.race_doc(result))
        pages[f"{base}{tail}.csv"] = race_tables.race_csv(result)
    laps = race_as_laps(session)
    pages[f"{base}-laps.html"] = html.lap_chart_html(laps, meta=meta("-laps"))
    pages[f"{base}-laps.json"] = json_docs.dumps(json_docs.session_doc(laps))
    pages[f"{base}-laps.csv"] = csv_tables.lap_chart_csv(laps)
    pages[f"{base}-stints.html"] = race_tables.stints_html(race, meta=meta("-stints"))
    pages[f"{base}-stints.json"] = json_docs.dumps(race_docs.stints_doc(race))
    pages[f"{base}-stints.csv"] = race_tables.stints_csv(race)
    pages[f"{base}-pit-stops.html"] = race_tables.pit_stops_html(race, meta=meta("-pit-stops"))
    pages[f"{base}-pit-stops.json"] = json_docs.dumps(race_docs.pit_stops_doc(race))
    pages[f"{base}-pit-stops.csv"] = race_tables.pit_stops_csv(race)
    return pages
