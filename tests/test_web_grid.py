"""The grid page and its JSON twin (`/events/ID/sessions/SID/grid`, `/api/...`): the document
`trackside grid --format json` prints, from the live engine's results (tracksprint.md, "Grid")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.test_cli_grid import ENTRIES_CSV, EV, EVENT_TOML, FLAGS_CSV, PASSINGS_CSV
from trackside.cli import app
from trackside.store import open_engine
from trackside.web.app import create_app


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'grid.db'}"
    runner = CliRunner()
    for name, text, command in (("event.toml", EVENT_TOML, ("event", "import")),
                                ("entries.csv", ENTRIES_CSV, ("entries", "import", EV)),
                                ("passings.csv", PASSINGS_CSV, ("passings", "import", EV)),
                                ("flags.csv", FLAGS_CSV, ("flags", "import", EV))):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        done = runner.invoke(app, ["--db", url, *command, str(path)])
        assert done.exit_code == 0, done.output
    return url


@pytest.fixture
def client(db: str):
    engine = open_engine(db)
    with TestClient(create_app(engine)) as client:
        yield client
    engine.dispose()


def test_the_grid_twin_is_the_cli_document(client, db):
    served = client.get(f"/api/events/{EV}/sessions/TA2/grid")
    assert served.status_code == 200
    printed = CliRunner().invoke(app, ["--db", db, "grid", EV, "TA2", "--format", "json"])
    assert served.json() == json.loads(printed.stdout)
    assert [r["number"] for r in served.json()["grid"]] == ["22", "21", "7", "12"]


def test_the_grid_page_fits_a_phone_and_links_its_twin(client):
    page = client.get(f"/events/{EV}/sessions/TA2/grid")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    text = page.text
    assert f'href="/api/events/{EV}/sessions/TA2/grid"' in text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    assert "<script" not in text and text.count("<th scope=\"col\"") == 5  # five columns
    assert text.index("Bob Ray") < text.index("Ann Lee") < text.index("Lou Park")
    event_page = client.get(f"/events/{EV}").text
    assert f'href="/events/{EV}/sessions/TA2/grid"' in event_page
    assert client.get(f"/api/events/{EV}").json()["sessions"][2]["grid"] == (
        f"/events/{EV}/sessions/TA2/grid")


def test_an_unknown_session_is_404(client):
    assert client.get(f"/events/{EV}/sessions/TA9/grid").status_code == 404
    missing = client.get(f"/api/events/{EV}/sessions/TA9/grid")
    assert (missing.status_code, missing.json()) == (
        404, {"detail": f"No session 'TA9' in event '{EV}'."})
