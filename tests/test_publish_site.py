"""The static results site: every file written, every relative link resolves."""

from __future__ import annotations

import dataclasses
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.sample_results import sample_event, sample_sessions
from trackside.core.results import SessionResult
from trackside.publish import write_site


class Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs.extend(value for name, value in attrs if tag == "a" and name == "href" and value)


def hrefs(page: Path) -> list[str]:
    parser = Hrefs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.hrefs


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, list[Path]]:
    out = tmp_path / "site"
    return out, write_site(sample_event(), sample_sessions(), out)


def test_writes_every_file(site: tuple[Path, list[Path]]) -> None:
    out, written = site
    expected = {"index.html", "results.html", "results.json", "results.csv"}
    for stem in ("TA1-A", "TA1-I", "P1"):
        for suffix in (".html", ".json", ".csv", "-laps.html", "-laps.json", "-laps.csv"):
            expected.add(f"sessions/{stem}{suffix}")
    assert {path.relative_to(out).as_posix() for path in written} == expected
    assert all(path.is_file() and path.stat().st_size > 0 for path in written)


def test_every_link_is_relative_and_resolves(site: tuple[Path, list[Path]]) -> None:
    out, written = site
    pages = [path for path in written if path.suffix == ".html"]
    checked = 0
    for page in pages:
        for href in hrefs(page):
            assert "://" not in href and not href.startswith("/"), (page, href)
            target, _, fragment = href.partition("#")
            resolved = (page.parent / target).resolve()
            assert resolved.is_file(), (page, href)
            if fragment:
                assert f'id="{fragment}"' in resolved.read_text(encoding="utf-8"), (page, href)
            checked += 1
    assert checked > 50


def test_index_links_to_everything(site: tuple[Path, list[Path]]) -> None:
    out, written = site
    linked = {(out / href.partition("#")[0]).resolve() for href in hrefs(out / "index.html")}
    assert linked == {path.resolve() for path in written if path.name != "index.html"}


def test_json_files_are_the_documents(site: tuple[Path, list[Path]]) -> None:
    out, _ = site
    event = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert event["event"] == "img-tt-r3" and len(event["entries"]) == 9
    session = json.loads((out / "sessions/TA1-A.json").read_text(encoding="utf-8"))
    assert session["session"] == "TA1-A"
    laps = json.loads((out / "sessions/TA1-A-laps.json").read_text(encoding="utf-8"))
    assert laps == session


def test_session_pages_carry_event_name_and_provisional_banner(site: tuple[Path, list]) -> None:
    out, _ = site
    page = (out / "sessions/TA1-A-laps.html").read_text(encoding="utf-8")
    assert '<p class="event-name">IMG Time Trial Round 3</p>' in page
    assert "<strong>PROVISIONAL</strong>" in page
    assert '<a href="TA1-A.html">Session results</a>' in page


def test_session_ids_become_safe_file_names(tmp_path: Path) -> None:
    odd = dataclasses.replace(sample_sessions()[0], session_id="TA 2/A")
    written = write_site(sample_event(), [odd], tmp_path)
    names = {path.relative_to(tmp_path).as_posix() for path in written}
    assert "sessions/TA_2_A.html" in names and "sessions/TA_2_A-laps.csv" in names
    assert 'href="sessions/TA_2_A.html"' in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_clashing_session_file_names_are_an_error(tmp_path: Path) -> None:
    first = sample_sessions()[0]
    clash: SessionResult = dataclasses.replace(first, session_id="TA1-A-laps")
    with pytest.raises(ValueError, match="TA1-A-laps"):
        write_site(sample_event(), [first, clash], tmp_path)
    assert not (tmp_path / "index.html").exists()
