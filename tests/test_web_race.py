"""The web serves a race day (endurance.md): every page of it answers, the session page is the
race classification (the race page of the site), and the session twin is the Race JSON."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.test_cli_race import day  # noqa: F401 - the race day fixture
from trackside.store import open_engine
from trackside.web.app import create_app

PAGES = ["/events/enduro", "/events/enduro/results", "/events/enduro/sessions/R1",
         "/events/enduro/sessions/R1/laps", "/events/enduro/live?session=R1",
         "/events/enduro/sessions/R1/grid", "/api/events/enduro/sessions/R1",
         "/api/events/enduro/live?session=R1", "/api/events/enduro/sessions/R1/laps",
         "/api/events/enduro/sessions/R1/grid"]


@pytest.fixture
def client(day, db_url):  # noqa: F811
    engine = open_engine(db_url)
    with TestClient(create_app(engine)) as served:
        yield served
    engine.dispose()


def test_every_page_of_a_race_day_is_served(client):
    for path in PAGES:
        page = client.get(path)
        assert page.status_code == 200, (path, page.text[-500:])


def test_the_session_page_is_the_race_and_its_twin_the_race_json(client):
    page = client.get("/events/enduro/sessions/R1").text
    assert "Classification" in page and '<svg class="position-chart"' in page
    doc = client.get("/api/events/enduro/sessions/R1").json()
    assert (doc["part"], doc["checkered"]) == ("race", "2026-06-13T12:11:30.000")
    assert [(e["number"], e["laps"]) for e in doc["entries"]] == [("7", 6), ("12", 5), ("21", 4)]
