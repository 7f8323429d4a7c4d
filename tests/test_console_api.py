"""The write API against a real `trackside serve` over a SQLite file (console.md, "The write
API", "What each role may do", "Sign-in and sessions"): 401 without an account on every write
endpoint, 403 naming the roles for each role's refusals, CSRF, 422 naming the field, and
nothing stored by any refused request."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.console_server import ACCOUNTS, EVENT, Console, console_server

FLAGS = f"/api/events/{EVENT}/flags"
DECISIONS = f"/api/events/{EVENT}/decisions"
FINALIZE = f"/api/events/{EVENT}/finalize"
RED = {"session": "TA1-A", "state": "red", "at": "09:04:00"}
PENALTY = {"number": "21", "kind": "time-penalty", "session": "TA1-A", "seconds": 5,
           "reason": "four wheels off at T5"}
BODIES = {FLAGS: RED, DECISIONS: PENALTY, FINALIZE: {}}
EVERY_WRITE = [(FLAGS, RED), (DECISIONS, PENALTY),
               (f"/api/events/{EVENT}/decisions/1/revoke", {"reason": "mistake"}),
               (FINALIZE, {}), (f"/api/events/{EVENT}/flags/1/revoke", {"reason": "mistake"}),
               (f"/api/events/{EVENT}/transponders",
                {"number": "33", "transponder": "9"}),
               (f"/api/events/{EVENT}/passings", {"number": "21", "at": "09:07:00",
                                                  "reason": "unread"})]  # fmt: skip


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    with console_server(tmp_path_factory.mktemp("console")) as running:
        yield running


@pytest.mark.parametrize(("path", "body"), EVERY_WRITE)
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer not-a-token"},
                                     {"Cookie": "trackside_session=forged"}])  # fmt: skip
def test_no_account_is_401_on_every_write_endpoint(console: Console, path, body, headers):
    before = console.rows()
    answer = console.post(path, body, headers=headers)
    assert answer.status_code == 401
    assert answer.json()["detail"] == ("sign in (POST /login) or send Authorization: Bearer "
                                       "TOKEN")
    assert console.rows() == before


REFUSED = [  # role, endpoint, the roles that would be allowed (console.md's table)
    ("timing-chief", DECISIONS, ["event-lead", "competition-director"]),
    ("competition-director", FLAGS, ["event-lead", "timing-chief"]),
    ("competition-director", FINALIZE, ["event-lead", "timing-chief"]),
    ("registrar", FLAGS, ["event-lead", "timing-chief"]),
    ("registrar", DECISIONS, ["event-lead", "competition-director"]),
    ("registrar", FINALIZE, ["event-lead", "timing-chief"]),
    ("tech", FLAGS, ["event-lead", "timing-chief"]),
    ("tech", DECISIONS, ["event-lead", "competition-director"]),
    ("tech", FINALIZE, ["event-lead", "timing-chief"]),
    ("driver-coach", FLAGS, ["event-lead", "timing-chief"]),
    ("driver-coach", DECISIONS, ["event-lead", "competition-director"]),
    ("driver-coach", FINALIZE, ["event-lead", "timing-chief"]),
    ("pit-marshal", FLAGS, ["event-lead", "timing-chief"]),
    ("pit-marshal", DECISIONS, ["event-lead", "competition-director"]),
    ("pit-marshal", FINALIZE, ["event-lead", "timing-chief"]),
]


@pytest.mark.parametrize(("role", "path", "allowed"), REFUSED)
def test_each_role_is_refused_what_it_may_not_do(console: Console, role, path, allowed):
    before = console.rows()
    answer = console.post(path, BODIES[path], role=role)
    assert answer.status_code == 403
    assert answer.json()["allowed_roles"] == allowed
    assert answer.json()["detail"].endswith(f"needs one of the roles {', '.join(allowed)}; "
                                            f"{ACCOUNTS[role]} holds {role}")
    assert console.rows() == before


def test_a_penalty_is_revoked_only_by_the_roles_that_may_give_it(console: Console):
    given = console.post(DECISIONS, {**PENALTY, "seconds": 2}, role="competition-director")
    assert given.status_code == 201
    revoke = f"/api/events/{EVENT}/decisions/{given.json()['id']}/revoke"
    before = console.rows()
    for role in ("timing-chief", "registrar", "tech", "driver-coach", "pit-marshal"):
        answer = console.post(revoke, {"reason": "not me"}, role=role)
        assert (answer.status_code, answer.json()["allowed_roles"]) == (
            403, ["event-lead", "competition-director"])
    assert console.rows() == before
    revoked = console.post(revoke, {"reason": "video shows two wheels on"},
                           role="competition-director")
    assert revoked.status_code == 201
    assert {k: revoked.json()[k] for k in ("kind", "revokes", "author", "reason")} == {
        "kind": "revoke", "revokes": given.json()["id"], "author": "competitiondirector",
        "reason": "video shows two wheels on"}


def test_the_answer_is_the_stored_decision_with_its_author_and_time(console: Console):
    answer = console.post(DECISIONS, {"number": "22", "kind": "warning", "session": "TA1-A",
                                      "reason": "passing under yellow"},
                          role="competition-director")  # fmt: skip
    assert answer.status_code == 201
    doc = answer.json()
    assert isinstance(doc["id"], int) and doc["created"].startswith("20")
    assert {k: doc[k] for k in ("kind", "number", "session", "reason", "author")} == {
        "kind": "warning", "number": "22", "session": "TA1-A",
        "reason": "passing under yellow", "author": "competitiondirector"}


def test_the_timing_chief_records_a_flag_once(console: Console):
    body = {"session": "TA1-I", "state": "green", "at": "09:30:00"}
    first = console.post(FLAGS, body, role="timing-chief")
    assert first.status_code == 201
    assert {k: first.json()[k] for k in ("session", "state", "time", "author", "revoked")} == {
        "session": "TA1-I", "state": "green", "time": "2026-05-16T09:30:00.000",
        "author": "timingchief", "revoked": False}
    again = console.post(FLAGS, body, role="timing-chief")
    assert (again.status_code, again.json()["id"]) == (200, first.json()["id"])


BAD = [  # endpoint, body, the field at fault, the detail (hand-written from the services)
    (DECISIONS, {**PENALTY, "number": "99"}, "number",
     "car '99' is not entered in event 'img-tt-r3'"),
    (DECISIONS, {"number": "21", "kind": "delete-lap", "session": "TA1-A", "lap": 9,
                 "reason": "r"}, "lap", "car '21' has no lap 9 in session 'TA1-A' (laps 1-2)"),
    (DECISIONS, {**PENALTY, "lap": "3"}, "lap", "lap: expected a whole number, got '3'"),
    (DECISIONS, {**PENALTY, "seconds": "five"}, "seconds",
     "seconds: expected a number, got 'five'"),
    (DECISIONS, {k: v for k, v in PENALTY.items() if k != "seconds"}, "seconds",
     "time-penalty needs --seconds greater than 0"),
    (DECISIONS, {k: v for k, v in PENALTY.items() if k != "reason"}, "reason",
     "reason is required"),
    (DECISIONS, {**PENALTY, "reason": "  "}, "reason", "reason is empty"),
    (DECISIONS, {**PENALTY, "author": "Bob"}, "author",
     "author is the signed-in account, never a field"),
    (DECISIONS, {**PENALTY, "car": "21"}, "car",
     "unknown field 'car'; expected number, kind, session, lap, run, at, seconds, count, "
     "reason, laps, places, served_at"),
    (FLAGS, {**RED, "session": "TA9"}, "session",
     "no session 'TA9' in event 'img-tt-r3' (sessions: TA1-A, TA1-I)"),
    (FLAGS, {**RED, "state": "purple"}, "state",
     "unknown flag state 'purple'; expected one of green, yellow, red, black-all, checkered"),
    (FLAGS, {**RED, "at": "25:61"}, "at", None),
    (FLAGS, {"session": "TA1-A", "state": "red"}, "at", "at is required"),
]


@pytest.mark.parametrize(("path", "body", "field", "detail"), BAD)
def test_bad_input_is_422_naming_the_field_and_nothing_is_stored(
    console: Console, path, body, field, detail
):
    before = console.rows()
    answer = console.post(path, body, role="event-lead")
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == field
    if detail is not None:
        assert answer.json()["detail"] == detail
    assert console.rows() == before


def test_a_body_that_is_not_json_is_422(console: Console):
    answer = httpx.post(console.url + FLAGS, content=b"{oops", timeout=10, headers={
        "Authorization": f"Bearer {console.tokens['timing-chief']}",
        "Content-Type": "application/json"})  # fmt: skip
    assert (answer.status_code, answer.json()["detail"]) == (422, "the body is not JSON")


def test_an_unknown_event_or_decision_is_404(console: Console):
    answer = console.post("/api/events/nope/flags", RED, role="timing-chief")
    assert (answer.status_code, answer.json()["detail"]) == (404, "no event 'nope' on this server")
    answer = console.post(f"/api/events/{EVENT}/decisions/9999/revoke", {"reason": "r"},
                          role="competition-director")
    assert (answer.status_code, answer.json()["detail"]) == (
        404, "no decision 9999 in event 'img-tt-r3'")


# --- sign-in, the session cookie and CSRF ---------------------------------------------------


def test_sign_in_sets_an_httponly_samesite_strict_cookie(console: Console):
    answer = httpx.post(console.url + "/login", timeout=10,
                        data={"username": "timingchief", "password": "paddock-2026",
                              "next": "/console"})  # fmt: skip
    assert (answer.status_code, answer.headers["location"]) == (303, "/console")
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # served over plain HTTP here


def test_sign_in_never_sends_the_browser_to_another_site(console: Console):
    answer = httpx.post(console.url + "/login", timeout=10,
                        data={"username": "timingchief", "password": "paddock-2026",
                              "next": "//evil.example/"})  # fmt: skip
    assert answer.headers["location"] == "/console"


def test_a_cookie_write_without_the_csrf_token_is_refused(console: Console):
    with console.signed_in("timing-chief") as client:
        before = console.rows()
        body = {"session": "TA1-A", "state": "yellow", "at": "09:10:00"}
        for headers in ({}, {"X-CSRF-Token": "guessed"}):
            refused = client.post(FLAGS, json=body, headers=headers)
            assert refused.status_code == 403
            assert refused.json()["detail"].startswith("missing or wrong CSRF token")
        form = client.post(FLAGS, data={**body, "next": "/console"})
        assert form.status_code == 403
        assert console.rows() == before
        csrf = client.get("/api/session").json()["csrf"]
        done = client.post(FLAGS, json=body, headers={"X-CSRF-Token": csrf})
        assert (done.status_code, done.json()["author"]) == (201, "timingchief")


def test_a_form_post_with_its_csrf_field_goes_back_to_its_page(console: Console):
    with console.signed_in("timing-chief") as client:
        csrf = client.get("/api/session").json()["csrf"]
        answer = client.post(FLAGS, data={"session": "TA1-A", "state": "yellow",
                                          "at": "09:12:00", "csrf": csrf,
                                          "next": "/console/events/img-tt-r3/timing"})
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/console/events/img-tt-r3/timing?done=")


def test_after_sign_out_the_cookie_no_longer_writes(console: Console):
    with console.signed_in("timing-chief") as client:
        session = client.get("/api/session").json()
        assert (session["name"], session["roles"]) == ("timingchief", ["timing-chief"])
        cookie = client.cookies["trackside_session"]
        out = client.post("/logout", data={"csrf": session["csrf"]})
        assert out.status_code == 303
    answer = httpx.post(console.url + FLAGS, json=RED, timeout=10,
                        headers={"Cookie": f"trackside_session={cookie}",
                                 "X-CSRF-Token": session["csrf"]})  # fmt: skip
    assert answer.status_code == 401


def test_a_wrong_password_is_401_and_signs_nobody_in(console: Console):
    answer = httpx.post(console.url + "/login", timeout=10,
                        data={"username": "timingchief", "password": "guess"})
    assert answer.status_code == 401
    assert "Wrong name or password." in answer.text
    assert "set-cookie" not in answer.headers


# --- the audit: any signed-in role ------------------------------------------------------------


@pytest.mark.parametrize("role", list(ACCOUNTS))
def test_every_signed_in_role_reads_the_audit(console: Console, role):
    answer = httpx.get(console.url + "/api/audit", params={"event": EVENT, "person": "file "
                       "flags.csv"}, headers={"Authorization": f"Bearer {console.tokens[role]}"},
                       timeout=10)  # fmt: skip
    assert answer.status_code == 200
    assert [(r["kind"], r["changed"]) for r in answer.json()["entries"]] == [
        ("flag green", "shows green in TA1-A at 09:00:00"),
        ("flag checkered", "shows checkered in TA1-A at 09:20:00")]
    with console.signed_in(role) as client:
        page = client.get("/audit", params={"event": EVENT, "person": "file flags.csv"})
        assert page.status_code == 200
        assert page.text.count('data-type="flag"') == 2


def test_the_audit_needs_an_account(console: Console):
    assert httpx.get(console.url + "/api/audit", timeout=10).status_code == 401
    page = httpx.get(console.url + "/audit", params={"event": EVENT}, timeout=10)
    assert (page.status_code, page.headers["location"]) == (
        303, "/login?next=%2Faudit%3Fevent%3Dimg-tt-r3")


# --- flags revoked, transponders assigned ---------------------------------------------------

TRANSPONDERS = f"/api/events/{EVENT}/transponders"


def test_a_flag_shown_by_mistake_is_revoked_by_the_timing_chief(console: Console):
    shown = console.post(FLAGS, {"session": "TA1-A", "state": "yellow", "at": "09:15:00"},
                         role="timing-chief")  # fmt: skip
    revoke = f"{FLAGS}/{shown.json()['id']}/revoke"
    before = console.rows()
    refused = console.post(revoke, {"reason": "wrong station"}, role="competition-director")
    assert (refused.status_code, refused.json()["allowed_roles"]) == (
        403, ["event-lead", "timing-chief"])
    assert console.rows() == before
    done = console.post(revoke, {"reason": "wrong station"}, role="timing-chief")
    assert done.status_code == 201
    assert {k: done.json()[k] for k in ("kind", "flag_id", "author", "session")} == {
        "kind": "revoke-flag", "flag_id": shown.json()["id"], "author": "timingchief",
        "session": "TA1-A"}


def test_a_transponder_is_assigned_by_the_timing_chief_or_the_registrar(console: Console):
    before = console.rows()
    for role in ("competition-director", "tech", "driver-coach", "pit-marshal"):
        refused = console.post(TRANSPONDERS, {"number": "33", "transponder": "5555"}, role=role)
        assert (refused.status_code, refused.json()["allowed_roles"]) == (
            403, ["event-lead", "timing-chief", "registrar"])
    assert console.rows() == before
    first = console.post(TRANSPONDERS, {"number": "33", "transponder": "5555"}, role="registrar")
    assert (first.status_code, first.json()) == (201, {
        "number": "33", "transponder": "5555", "previous": "1003", "author": "registrar"})
    second = console.post(TRANSPONDERS, {"number": "33", "transponder": "7777"},
                          role="timing-chief")
    assert (second.status_code, second.json()["previous"]) == (201, "5555")
    history = httpx.get(console.url + "/api/audit", params={"event": EVENT, "entry": "33"},
                        headers={"Authorization": f"Bearer {console.tokens['tech']}"},
                        timeout=10).json()["entries"]  # fmt: skip
    assert [(r["kind"], r["author"], r["changed"]) for r in history][1:] == [
        ("entry v2", "registrar", "car 33: transponder 1003 -> 5555"),
        ("entry v3", "timingchief", "car 33: transponder 5555 -> 7777")]


@pytest.mark.parametrize(("body", "field", "detail"), [
    ({"number": "22", "transponder": "1001"}, "transponder",
     "transponder '1001' already belongs to car '21' in this event"),
    ({"number": "99", "transponder": "4242"}, "number",
     "car '99' is not entered in event 'img-tt-r3'"),
    ({"number": "22"}, "transponder", "transponder is required"),
])  # fmt: skip
def test_a_transponder_assignment_refused_stores_nothing(console: Console, body, field, detail):
    before = console.rows()
    answer = console.post(TRANSPONDERS, body, role="timing-chief")
    assert (answer.status_code, answer.json()) == (422, {"detail": detail, "field": field})
    assert console.rows() == before


# --- a passing inserted by hand ---------------------------------------------------------------

PASSINGS = f"/api/events/{EVENT}/passings"


def test_a_passing_inserted_by_hand_counts_and_is_audited(console: Console):
    body = {"number": "22", "at": "09:06:50", "reason": "crossed unread, stopwatch 1:30.0"}
    before = console.rows()
    refused = console.post(PASSINGS, body, role="competition-director")
    assert (refused.status_code, refused.json()["allowed_roles"]) == (
        403, ["event-lead", "timing-chief"])
    assert console.rows() == before
    done = console.post(PASSINGS, body, role="timing-chief")
    assert done.status_code == 201
    assert {k: v for k, v in done.json().items() if k not in ("id", "recorded")} == {
        "number": "22", "transponder": "1002", "loop": "SF", "time": "2026-05-16T09:06:50.000",
        "author": "timingchief", "reason": "crossed unread, stopwatch 1:30.0"}
    session = httpx.get(f"{console.url}/api/events/{EVENT}/sessions/TA1-A", timeout=10).json()
    car_22 = next(r for r in session["entries"] if r["number"] == "22")
    assert car_22["best_lap_s"] == 90.0  # 09:05:20 -> 09:06:50
    audit = httpx.get(console.url + "/api/audit", params={"event": EVENT, "entry": "22"},
                      headers={"Authorization": f"Bearer {console.tokens['tech']}"},
                      timeout=10).json()["entries"]  # fmt: skip
    inserted = [r for r in audit if r["type"] == "passing"]
    assert [(r["author"], r["reason"], r["changed"]) for r in inserted] == [
        ("timingchief", "crossed unread, stopwatch 1:30.0",
         "inserts a passing of car 22 (transponder 1002) at 09:06:50 on SF")]
    stored = console.rows()
    again = console.post(PASSINGS, body, role="timing-chief")
    assert (again.status_code, again.json()["field"]) == (422, "at")
    assert console.rows() == stored


@pytest.mark.parametrize(("body", "field"), [
    ({"number": "99", "at": "09:07:00", "reason": "r"}, "number"),
    ({"number": "21", "at": "9 o'clock", "reason": "r"}, "at"),
    ({"number": "21", "at": "09:07:00"}, "reason"),
])  # fmt: skip
def test_a_passing_insert_refused_stores_nothing(console: Console, body, field):
    before = console.rows()
    answer = console.post(PASSINGS, body, role="timing-chief")
    assert (answer.status_code, answer.json()["field"]) == (422, field)
    assert console.rows() == before


# --- publishing the results site ------------------------------------------------------------


def test_publish_needs_a_directory_given_to_serve(console: Console):
    answer = console.post(f"/api/events/{EVENT}/publish", role="timing-chief")
    assert (answer.status_code, answer.json()["detail"]) == (
        409, "this server has no directory to publish to: start it with "
             "`trackside serve --publish-dir DIR`")
    refused = console.post(f"/api/events/{EVENT}/publish", role="competition-director")
    assert (refused.status_code, refused.json()["allowed_roles"]) == (
        403, ["event-lead", "timing-chief"])


def test_the_timing_chief_publishes_the_site_to_the_servers_directory(tmp_path):
    site = tmp_path / "site"
    with console_server(tmp_path, "--publish-dir", str(site)) as running:
        answer = running.post(f"/api/events/{EVENT}/publish", role="timing-chief")
        assert answer.status_code == 201, answer.text
        assert answer.json()["dir"] == str(site / EVENT)
        written = sorted(p.relative_to(site / EVENT).as_posix()
                         for p in (site / EVENT).rglob("*") if p.is_file())  # fmt: skip
        assert answer.json()["files"] == len(written)
        assert "index.html" in written
