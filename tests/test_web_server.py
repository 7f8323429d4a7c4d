"""`trackside serve` as a real process over a SQLite file (issue 3, "Live engine and web"):
pages and their JSON twins, the live event stream, passings from another process, the decoder
client and the RMonitor output wired in."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.live_server import (
    SimulatorThread,
    SseReader,
    at,
    free_port,
    live_server,
    load_scenario,
    wait_until,
)
from trackside.cli import app
from trackside.core.records import Passing
from trackside.store import open_engine
from trackside.store.journal import append_passings
from trackside.web.board_patch import apply_patch


@pytest.fixture
def db_file(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'live.db'}"


@pytest.fixture
def server(db_file, scenario):
    event_id = load_scenario(db_file, scenario, passings=True)
    with live_server(db_file, event_id) as running:
        yield running


def test_every_page_has_a_json_twin(server):
    event = server.event_id
    pages = ["/", f"/events/{event}", f"/events/{event}/live", f"/events/{event}/results",
             f"/events/{event}/sessions/TA1-A", f"/events/{event}/sessions/TA1-A/laps"]
    for page in pages:
        html = server.get(page)
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
        twin = "/api/events" if page == "/" else "/api" + page
        assert f'href="{twin}"' in html.text, page
        data = server.get(twin)
        assert data.status_code == 200 and data.headers["content-type"] == "application/json"
    assert [e["id"] for e in server.get("/api/events").json()["events"]] == [event]
    results = server.get(f"/api/events/{event}/results").json()
    assert [(e["number"], e["position"]) for e in results["entries"]][:2] == [("21", 1),
                                                                               ("22", 2)]
    laps = server.get(f"/api/events/{event}/sessions/TA1-A/laps").json()
    assert [(e["number"], len(e["laps"])) for e in laps["entries"]] == [("21", 2), ("22", 2)]


def test_results_pages_are_whole_without_javascript(server):
    for page in ("results", "sessions/TA1-A", "sessions/TA1-A/laps"):
        text = server.get(f"/events/{server.event_id}/{page}").text
        assert "<table" in text and "<caption>" in text and "<script src" not in text
        # the one script is the inline car finder, whose form shows only once it runs
        hidden_form = '<form class="find" data-find role="search" hidden>'
        assert text.count("<script>") == 1 and hidden_form in text
    live = server.get(f"/events/{server.event_id}/live").text
    assert 'id="car-21"' in live and '<meta http-equiv="refresh"' in live  # inside <noscript>


def test_the_class_filter_keeps_one_class(server):
    board = server.get(f"/api/events/{server.event_id}/live", **{"class": "S2"}).json()
    assert board["class"] == "S2" and {r["class"] for r in board["rows"]} == {"S2"}
    page = server.get(f"/events/{server.event_id}/live", **{"class": "s2"})
    assert page.status_code == 200 and '<option value="S2" selected>' in page.text


def test_event_show_prints_the_document_the_event_twin_serves(server):
    """One event document: `event show --format json` is GET /api/events/ID without the
    addresses of the pages (those only the server has)."""
    shown = CliRunner().invoke(app, ["--db", server.db_url, "event", "show", server.event_id,
                                     "--format", "json"])  # fmt: skip
    assert shown.exit_code == 0, shown.output
    printed, served = json.loads(shown.stdout), server.get(f"/api/events/{server.event_id}").json()
    page_links = {"live", "results", "laps", "grid"}
    assert set(served) - set(printed) == {"live", "results"}
    assert {k: v for k, v in served.items() if k != "sessions" and k in printed} == {
        k: v for k, v in printed.items() if k != "sessions"}
    assert [{k: v for k, v in s.items() if k not in page_links} for s in served["sessions"]] \
        == printed["sessions"]
    assert printed["id"] == printed["event"] == server.event_id
    assert [(s["id"], s["flag"], s["phase"]) for s in printed["sessions"]][0] == (
        "TA1-A", "checkered", "finished")
    assert served["sessions"][0]["laps"] == f"/events/{server.event_id}/sessions/TA1-A/laps"


def test_unknown_things_are_404_as_a_page_or_as_json(server):
    assert "No event &#39;nope&#39; on this server." in server.get("/events/nope").text
    assert server.get("/events/nope").status_code == 404
    assert server.get("/api/events/nope").json() == {"detail": "No event 'nope' on this server."}
    assert server.get(f"/api/events/{server.event_id}/sessions/XX").status_code == 404
    assert server.get(f"/events/{server.event_id}/live", **{"class": "Z9"}).status_code == 404


def test_an_unknown_class_is_one_404_on_every_page_twin_stream_and_the_cli(server):
    """Live, results, session and lap chart pages, their JSON twins and the live stream answer
    a class the event does not have alike: 404, the class named, the event's classes listed;
    `results --class` says the same words and exits 1."""
    event = server.event_id
    detail = f"No class 'GT1' in event '{event}' (its classes: S2, S4)"
    pages = [f"/events/{event}/live", f"/events/{event}/live?session=TA1-A",
             f"/events/{event}/results", f"/events/{event}/sessions/TA1-A",
             f"/events/{event}/sessions/TA1-A/laps"]
    for page in pages:
        html = server.get(page, **{"class": "GT1"})
        assert html.status_code == 404, page
        assert detail.replace("'", "&#39;") in html.text, page
        twin = server.get("/api" + page, **{"class": "GT1"})
        assert (twin.status_code, twin.json()) == (404, {"detail": detail}), page
    stream = server.get(f"/api/events/{event}/live/stream", **{"class": "GT1"})
    assert (stream.status_code, stream.json()) == (404, {"detail": detail})
    cli = CliRunner().invoke(app, ["--db", server.db_url, "results", event, "--class", "GT1"])
    assert cli.exit_code == 1
    assert cli.stderr == f"error: option --class: {detail[0].lower()}{detail[1:]}\n"


def test_a_class_of_the_event_with_no_car_in_the_session_shows_an_empty_list(server):
    """S4 runs in the Intermediate session, not in TA1-A: TA1-A's pages show no car, as the
    CLI does, and a class in another case is the same class."""
    event = server.event_id
    board = server.get(f"/api/events/{event}/live", session="TA1-A", **{"class": "S4"})
    assert board.status_code == 200 and board.json()["rows"] == []
    for page in ("sessions/TA1-A", "sessions/TA1-A/laps"):
        assert server.get(f"/events/{event}/{page}", **{"class": "S4"}).status_code == 200
        assert server.get(f"/api/events/{event}/{page}", **{"class": "S4"}).json()[
            "entries"] == []
    results = server.get(f"/api/events/{event}/results", **{"class": "s4"}).json()
    assert [e["number"] for e in results["entries"]] == ["33"]


def test_the_stream_sends_the_board_then_patches_as_passings_are_stored(server):
    event = server.event_id
    stream = SseReader(f"{server.url}/api/events/{event}/live/stream?session=TA1-A")
    try:
        [first] = stream.wait_for(1)
        assert first.kind == "board" and first.id == "1"
        assert [r["number"] for r in first.data["rows"]] == ["21", "22"]
        server.store(("09:06:50", "1002"))  # car 22: 1:30.000, the new best lap
        events = stream.wait_for(2)
        patch = events[1]
        assert patch.kind == "patch" and patch.data["base"] == 1 and patch.data["version"] == 2
        assert patch.data["order"] == ["22", "21"]
        assert patch.data["rows"]["22"]["best"] == "1:30.000"
        board = apply_patch(first.data, patch.data)
        now = server.get(f"/api/events/{event}/live", session="TA1-A").json()
        assert _without_clock(board) == _without_clock(now)
    finally:
        stream.close()


def _without_clock(board: dict) -> dict:
    """The board without what moves on its own (the clock) or is not streamed (`parts`)."""
    return {k: v for k, v in board.items() if k not in ("clock", "version", "parts")}


def test_a_passing_is_published_once_committed(server):
    """While the writer's transaction is open the server still shows the old order; once it
    commits, the new one. (How long the server would take to publish a leaked row is not
    knowable from outside, so `test_live_hub.py` polls the engine itself to prove that an
    uncommitted passing is never published.)"""
    engine = open_engine(server.db_url, migrate=False)
    url = f"/api/events/{server.event_id}/live"

    def leader() -> str:
        return server.get(url, session="TA1-A").json()["rows"][0]["number"]

    try:
        with engine.begin() as conn:
            append_passings(conn, server.event_id, [(Passing(at("09:06:50"), "1002", "SF"), None)])
            assert leader() == "21"
        assert wait_until(lambda: leader() == "22", timeout=30)
    finally:
        engine.dispose()


def test_serve_follows_a_decoder_and_feeds_rmonitor(db_file, scenario):
    event_id = load_scenario(db_file, scenario)  # no passings: the decoder brings them
    decoder_port, rmonitor_port = free_port(), free_port()
    crossings = [Passing(at("09:01:00"), "1001", "SF"), Passing(at("09:01:05"), "1002", "SF"),
                 Passing(at("09:01:40"), "1002", "SF"), Passing(at("09:01:50"), "1001", "SF")]
    simulator = SimulatorThread(crossings, decoder_port, speed=20).start()
    try:
        with live_server(db_file, event_id, "--clock", "decoder",
                         "--decoder", f"127.0.0.1:{decoder_port}",
                         "--loop", "D0000C01=SF", "--rmonitor-port", str(rmonitor_port)) as srv:
            def two_laps():
                rows = srv.get(f"/api/events/{event_id}/live", session="TA1-A").json()["rows"]
                return [(r["number"], r["best"]) for r in rows if r["laps"]] == [
                    ("22", "35.000"), ("21", "50.000")]

            assert wait_until(two_laps, timeout=20)
            assert b"$" in _rmonitor_bytes(rmonitor_port)
            parts = srv.get(f"/api/events/{event_id}/live").json()["parts"]
            assert [(p["name"], p["state"]) for p in parts] == [("decoder", "connected"),
                                                                ("rmonitor", "running")]
            page = srv.get(f"/events/{event_id}/live").text
            assert f"decoder: connected (127.0.0.1:{decoder_port})" in page
    finally:
        simulator.stop()


def _rmonitor_bytes(port: int) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.settimeout(3)
        return sock.recv(4096)


def test_a_decoder_that_is_not_there_is_shown_reconnecting(db_file, scenario):
    event_id = load_scenario(db_file, scenario, passings=True)
    port = free_port()
    with live_server(db_file, event_id, "--decoder", f"127.0.0.1:{port}") as srv:
        def reconnecting():
            parts = srv.get(f"/api/events/{event_id}/live").json()["parts"]
            return [(p["name"], p["state"]) for p in parts] == [("decoder", "reconnecting")]

        assert wait_until(reconnecting, timeout=10)
        page = srv.get(f"/events/{event_id}/live").text
        assert 'class="part part-down" data-part="decoder"' in page
        assert "decoder: reconnecting (cannot connect:" in page


def test_a_part_that_stops_is_restarted_with_backoff_and_shown():
    import asyncio

    from trackside.live.part_status import PartStatus
    from trackside.live.supervisor import supervise

    status, runs, seen, between = PartStatus(), [], [], []
    set_state = status.set

    def record(name: str, state: str, reason: str | None = None) -> None:
        set_state(name, state, reason)
        between.append(state)

    status.set = record  # type: ignore[method-assign]

    async def part() -> None:
        runs.append(1)
        seen.append(status.states()[0].text)
        if len(runs) < 3:
            raise OverflowError("Python int too large to convert to SQLite INTEGER")
        stop.set()

    async def main() -> None:
        await asyncio.wait_for(supervise("decoder", part, status, stop, (0.01, 0.02)), 5)

    stop = asyncio.Event()
    asyncio.run(main())
    assert len(runs) == 3
    assert seen[0] == "decoder: running"
    assert seen[2].startswith("decoder: running (restarted after OverflowError: Python int")
    assert between == ["running", "restarting", "running", "restarting", "running", "stopped"]
    assert status.states()[0].text == "decoder: stopped (serve is stopping)"


def test_serve_says_so_when_its_port_is_taken(db_file, scenario):
    event_id = load_scenario(db_file, scenario)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-c", "from trackside.cli import main; main()", "--db", db_file,
             "serve", "--port", str(port), "--event", event_id, "--rmonitor-port", "0"],
            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 1
    assert f"error: option --port: cannot listen on 127.0.0.1:{port}" in result.stderr
