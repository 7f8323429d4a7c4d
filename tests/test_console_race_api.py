"""The race and officials' write endpoints (web/race_api.py; console.md, "Race decisions")
against a real `trackside serve` over a SQLite file holding a small race day: each stores
exactly one fact naming the signed-in account; a role not in its row of console.md's table is
403 with the roles that would be allowed and nothing stored; bad input is 422 naming the field,
nothing stored; no account is 401."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.race_console import ACCOUNTS, EV, Console, race_console

API = f"/api/events/{EV}"
PIT_STOP = {"number": "21", "session": "R1", "in": "12:04:40", "out": "12:05:10"}
DRIVER_CHANGE = {"number": "21", "session": "R1", "at": "12:04:50", "driver": "dan fox"}
SOLO_EXIT = {"number": "12", "session": "R1"}
CONTACT = {"number": "21", "other": "12", "session": "Q1", "reason": "T3 door to door"}
SATISFACTORY = {"number": "7", "satisfactory": False, "reason": "spun twice"}
DRIVE_THROUGH = {"number": "21", "kind": "drive-through", "at": "12:03:00",
                 "reason": "pit speeding"}
PIT_ROLES = ["event-lead", "competition-director", "pit-marshal"]
DIRECTOR_ROLES = ["event-lead", "competition-director"]


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    with race_console(tmp_path_factory.mktemp("race-console")) as running:
        yield running


def added(before: dict, after: dict) -> dict[str, list[tuple]]:
    """The rows each table gained (none lost: the journal only grows)."""
    gained = {}
    for table, rows in after.items():
        new = [row for row in rows if row not in before.get(table, [])]
        if new:
            gained[table] = new
    return gained


def posted(console: Console, path: str, body: dict, role: str, status: int = 201) -> dict:
    answer = console.post(path, body, role=role)
    assert answer.status_code == status, answer.text
    return answer.json()


def one_row(console: Console, path: str, body: dict, role: str) -> tuple[dict, str, tuple]:
    """Post; the answer, and the one row stored (its table and values)."""
    before = console.rows()
    doc = posted(console, path, body, role)
    gained = added(before, console.rows())
    assert [len(rows) for rows in gained.values()] == [1], gained
    [(table, [row])] = gained.items()
    return doc, table, row


# --- success: exactly one fact, naming the account -----------------------------------------


def test_a_pit_stop_is_one_pit_stops_row_by_the_pit_marshal(console):
    doc, table, row = one_row(console, f"{API}/pit-stops", PIT_STOP, "pit-marshal")
    assert table == "pit_stops" and ACCOUNTS["pit-marshal"] in row
    assert {k: doc[k] for k in ("record", "session", "number", "in", "out", "duration_s",
                                "author", "revoked")} == {
        "record": "pit-stop", "session": "R1", "number": "21",
        "in": "2026-06-13T12:04:40.000", "out": "2026-06-13T12:05:10.000", "duration_s": 30.0,
        "author": "pitmarshal", "revoked": None}  # fmt: skip
    before = console.rows()
    again = posted(console, f"{API}/pit-stops", PIT_STOP, "pit-marshal", status=200)
    assert (again["id"], again["summary"]) == (
        doc["id"], f"pit stop {doc['id']} of car 21 in R1: 12:04:40 - 12:05:10 already recorded")
    assert console.rows() == before


def test_a_driver_change_is_one_driver_changes_row_with_the_roster_name(console):
    doc, table, row = one_row(console, f"{API}/driver-changes", DRIVER_CHANGE, "pit-marshal")
    assert table == "driver_changes" and ACCOUNTS["pit-marshal"] in row
    assert (doc["driver"], doc["at"], doc["author"]) == (
        "Dan Fox", "2026-06-13T12:04:50.000", "pitmarshal")


def test_revoking_a_pit_stop_and_a_driver_change_is_one_race_record_revokes_row_each(console):
    stop = posted(console, f"{API}/pit-stops", {**PIT_STOP, "number": "12", "in": "12:03:00",
                                                "out": "12:03:40"}, "pit-marshal")
    doc, table, row = one_row(console, f"{API}/pit-stops/{stop['id']}/revoke",
                              {"reason": "wrong car"}, "competition-director")
    assert table == "race_record_revokes" and ACCOUNTS["competition-director"] in row
    assert doc["revoked"]["reason"] == "wrong car"
    assert doc["revoked"]["author"] == "competitiondirector"
    change = posted(console, f"{API}/driver-changes", {**DRIVER_CHANGE, "number": "7",
                                                       "driver": "Bob Ray"}, "pit-marshal")
    doc, table, row = one_row(console, f"{API}/driver-changes/{change['id']}/revoke",
                              {"reason": "wrong stop"}, "pit-marshal")
    assert table == "race_record_revokes" and doc["revoked"]["author"] == "pitmarshal"


@pytest.mark.parametrize(("path", "body", "role", "kind"), [
    ("solo-exits", SOLO_EXIT, "pit-marshal", "solo-exit"),
    ("contacts", CONTACT, "competition-director", "contact"),
    ("satisfactory", SATISFACTORY, "event-lead", "unsatisfactory"),
])  # fmt: skip
def test_a_decision_endpoint_stores_one_decision_naming_the_account(console, path, body, role,
                                                                    kind):  # fmt: skip
    doc, table, row = one_row(console, f"{API}/{path}", body, role)
    assert table == "decisions" and ACCOUNTS[role] in row
    assert (doc["kind"], doc["number"], doc["author"]) == (kind, body["number"], ACCOUNTS[role])


def test_a_contact_names_both_cars(console):
    doc = posted(console, f"{API}/contacts", {**CONTACT, "number": "7"}, "event-lead")
    assert (doc["number"], doc["other_number"], doc["session"], doc["reason"]) == (
        "7", "12", "Q1", "T3 door to door")


def test_a_drive_through_served_is_one_penalty_served_decision(console):
    given = posted(console, f"{API}/decisions", DRIVE_THROUGH, "competition-director")
    doc, table, row = one_row(console, f"{API}/decisions/{given['id']}/served",
                              {"at": "12:07:00"}, "competition-director")
    assert table == "decisions" and ACCOUNTS["competition-director"] in row
    assert (doc["kind"], doc["serves"], doc["served_at"]) == (
        "penalty-served", given["id"], "2026-06-13T12:07:00.000")
    before = console.rows()
    again = console.post(f"{API}/decisions/{given['id']}/served", {"at": "12:08:00"},
                         role="competition-director")
    assert (again.status_code, again.json()) == (422, {
        "detail": f"decision {given['id']} is already served", "field": "decision_id"})
    assert console.rows() == before


def test_the_race_kinds_fields_of_the_decision_endpoint(console):
    laps = posted(console, f"{API}/decisions", {"number": "12", "kind": "laps-deducted",
                                               "session": "R1", "laps": 2, "reason": "cut"},
                  "competition-director")  # fmt: skip
    places = posted(console, f"{API}/decisions", {"number": "7", "kind": "position",
                                                 "session": "R1", "places": 1,
                                                 "reason": "blocking"}, "event-lead")
    served = posted(console, f"{API}/decisions", {**DRIVE_THROUGH, "number": "12",
                                                 "served_at": "12:06:00"}, "event-lead")
    assert [(d["kind"], d["count"], d["served_at"]) for d in (laps, places, served)] == [
        ("laps-deducted", 2, None), ("position", 1, None),
        ("drive-through", None, "2026-06-13T12:06:00.000")]


def test_a_query_is_waived_then_answered_by_the_roles_of_rule_3e(console):
    doc, table, row = one_row(console, f"{API}/queries/1/waive", {}, "competition-director")
    assert table == "query_actions" and ACCOUNTS["competition-director"] in row
    assert (doc["waived_by"], doc["fee"], doc["fee_due"], doc["status"]) == (
        "competitiondirector", 500, 0, "open")
    doc, table, row = one_row(console, f"{API}/queries/1/answer",
                              {"outcome": "unreasonable", "answer": "the wing is legal"},
                              "event-lead")  # fmt: skip
    assert table == "query_actions" and ACCOUNTS["event-lead"] in row
    assert (doc["status"], doc["outcome"], doc["answered_by"]) == (
        "answered", "unreasonable", "eventlead")


# --- refused: 403 naming the roles, nothing stored -----------------------------------------

REFUSED = [  # role, endpoint, body, the roles that would be allowed (console.md's table)
    ("registrar", "pit-stops", PIT_STOP, PIT_ROLES),
    ("timing-chief", "driver-changes", DRIVER_CHANGE, PIT_ROLES),
    ("tech", "solo-exits", SOLO_EXIT, PIT_ROLES),
    ("pit-marshal", "contacts", CONTACT, DIRECTOR_ROLES),
    ("pit-marshal", "decisions", DRIVE_THROUGH, DIRECTOR_ROLES),
    ("driver-coach", "satisfactory", SATISFACTORY, DIRECTOR_ROLES),
    ("pit-marshal", "satisfactory", SATISFACTORY, DIRECTOR_ROLES),
    ("pit-marshal", "queries/1/waive", {}, DIRECTOR_ROLES),
    ("registrar", "queries/1/answer", {"outcome": "reasonable", "answer": "ok"},
     DIRECTOR_ROLES),
]  # fmt: skip


@pytest.mark.parametrize(("role", "path", "body", "allowed"), REFUSED)
def test_each_role_is_refused_what_its_row_does_not_give_it(console, role, path, body, allowed):
    before = console.rows()
    answer = console.post(f"{API}/{path}", body, role=role)
    assert answer.status_code == 403, answer.text
    assert answer.json()["allowed_roles"] == allowed
    assert answer.json()["detail"].endswith(f"needs one of the roles {', '.join(allowed)}; "
                                            f"{ACCOUNTS[role]} holds {role}")
    assert console.rows() == before


def test_the_pit_marshal_may_not_mark_a_penalty_served_nor_revoke_one(console):
    given = posted(console, f"{API}/decisions", {**DRIVE_THROUGH, "at": "12:02:00"},
                   "competition-director")
    stop = posted(console, f"{API}/pit-stops", {**PIT_STOP, "number": "7", "in": "12:08:40",
                                                "out": "12:09:00"}, "pit-marshal")
    before = console.rows()
    for path, body, role in ((f"decisions/{given['id']}/served", {"at": "12:07:00"},
                              "pit-marshal"),
                             (f"decisions/{given['id']}/revoke", {"reason": "x"}, "pit-marshal"),
                             (f"pit-stops/{stop['id']}/revoke", {"reason": "x"}, "tech")):
        answer = console.post(f"{API}/{path}", body, role=role)
        assert answer.status_code == 403, (path, answer.text)
    assert console.rows() == before


# --- bad input: 422 naming the field, nothing stored ---------------------------------------

BAD = [  # endpoint, body, role, the field named, the message
    ("pit-stops", {**PIT_STOP, "in": None}, "pit-marshal", "in", "in is required"),
    ("pit-stops", {**PIT_STOP, "out": "12:04:00"}, "pit-marshal", "out",
     "--out must be after --in"),
    ("pit-stops", {**PIT_STOP, "session": "Q1"}, "pit-marshal", "session",
     "session 'Q1' is a qualifying session, not a race"),
    ("pit-stops", {**PIT_STOP, "number": "99"}, "pit-marshal", "number",
     "car '99' is not entered in event 'enduro'"),
    ("pit-stops", {**PIT_STOP, "author": "sue"}, "pit-marshal", "author",
     "author is the signed-in account, never a field"),
    ("pit-stops", {**PIT_STOP, "in": "noon"}, "pit-marshal", "in", None),
    ("driver-changes", {**DRIVER_CHANGE, "driver": "Cy Dee II"}, "pit-marshal", "driver",
     "'Cy Dee II' is not on car 21's roster (Cy Dee, Dan Fox); import it with "
     "`trackside roster import EVENT FILE.csv`"),
    ("driver-changes", {**DRIVER_CHANGE, "at": None}, "pit-marshal", "at", "at is required"),
    ("solo-exits", {**SOLO_EXIT, "session": "Q1"}, "pit-marshal", "session",
     "session 'Q1' is a qualifying session, not a race"),
    ("contacts", {**CONTACT, "session": "R1"}, "competition-director", "session",
     "session 'R1' is a race session: a contact is recorded in a practice or qualifying "
     "session"),
    ("contacts", {**CONTACT, "other": "21"}, "competition-director", "number",
     "a contact names two different cars"),
    ("contacts", {**CONTACT, "other": "99"}, "competition-director", "other",
     "car '99' is not entered in event 'enduro'"),
    ("contacts", {**CONTACT, "reason": None}, "competition-director", "reason",
     "reason is required"),
    ("satisfactory", {**SATISFACTORY, "satisfactory": "maybe"}, "event-lead", "satisfactory",
     "satisfactory: expected true or false, got 'maybe'"),
    ("satisfactory", {"number": "7", "satisfactory": False}, "event-lead", "reason",
     "a `no` mark needs its justification: give --reason TEXT (SCCA TT Appendix B 3.1.2 B)"),
    ("queries/1/answer", {"outcome": "maybe", "answer": "x"}, "event-lead", "outcome",
     "expected one of reasonable, unreasonable; got 'maybe'"),
    ("decisions/1/served", {}, "competition-director", "at", "at is required"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "body", "role", "field", "message"), BAD)
def test_bad_input_is_422_naming_the_field_and_nothing_is_stored(console, path, body, role,
                                                                 field, message):  # fmt: skip
    before = console.rows()
    answer = console.post(f"{API}/{path}", body, role=role)
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == field
    if message is not None:
        assert answer.json()["detail"] == message
    assert console.rows() == before


def test_serving_a_decision_that_is_not_a_drive_through_is_422_and_unknown_ones_404(console):
    contact = posted(console, f"{API}/contacts", {**CONTACT, "number": "12", "other": "7"},
                     "competition-director")
    before = console.rows()
    answer = console.post(f"{API}/decisions/{contact['id']}/served", {"at": "12:07:00"},
                          role="competition-director")
    assert (answer.status_code, answer.json()) == (422, {
        "detail": f"decision {contact['id']} is a contact; only a drive-through or stop-and-go "
                  "is served", "field": "decision_id"})  # fmt: skip
    for path in ("decisions/999/served", "queries/9/waive", "pit-stops/999/revoke",
                 "driver-changes/999/revoke"):
        body = {} if "waive" in path else {"at": "12:07:00"} if "served" in path \
            else {"reason": "x"}
        assert console.post(f"{API}/{path}", body, role="event-lead").status_code == 404, path
    assert console.rows() == before


EVERY_RACE_WRITE = [("pit-stops", PIT_STOP), ("driver-changes", DRIVER_CHANGE),
                    ("pit-stops/1/revoke", {"reason": "x"}),
                    ("driver-changes/1/revoke", {"reason": "x"}), ("solo-exits", SOLO_EXIT),
                    ("contacts", CONTACT), ("decisions/1/served", {"at": "12:07:00"}),
                    ("queries/1/waive", {}), ("queries/1/answer", {"outcome": "reasonable",
                                                                   "answer": "ok"}),
                    ("satisfactory", SATISFACTORY)]  # fmt: skip


@pytest.mark.parametrize(("path", "body"), EVERY_RACE_WRITE)
def test_no_account_is_401_on_every_race_write(console, path, body):
    before = console.rows()
    answer = console.post(f"{API}/{path}", body)
    assert answer.status_code == 401
    assert console.rows() == before


def test_a_signed_in_pit_marshal_without_the_csrf_token_is_403(console):
    before = console.rows()
    with console.signed_in("pit-marshal") as client:
        answer = client.post(f"{API}/pit-stops", json=PIT_STOP)
    assert answer.status_code == 403 and "CSRF" in answer.json()["detail"]
    assert list(added(before, console.rows())) == ["console_sessions"]  # the sign-in only


def test_the_audit_lists_the_race_facts_with_who_and_what_they_changed(tmp_path):
    """console.md, "Audit": pit stops, driver changes and their revokes are listed with the
    race decisions, each naming its author; `entry` and `person` filter them."""
    with race_console(tmp_path) as fresh:
        stop = posted(fresh, f"{API}/pit-stops", PIT_STOP, "pit-marshal")
        posted(fresh, f"{API}/driver-changes", DRIVER_CHANGE, "pit-marshal")
        posted(fresh, f"{API}/pit-stops/{stop['id']}/revoke", {"reason": "wrong car"},
               "competition-director")
        posted(fresh, f"{API}/contacts", CONTACT, "competition-director")
        given = posted(fresh, f"{API}/decisions", DRIVE_THROUGH, "competition-director")
        posted(fresh, f"{API}/decisions/{given['id']}/served", {"at": "12:07:00"},
               "competition-director")
        posted(fresh, f"{API}/solo-exits", SOLO_EXIT, "pit-marshal")
        audit = fresh.server.get("/api/audit", event=EV)
        assert audit.status_code == 401
        rows = [(r["kind"], r["number"], r["author"], r["changed"]) for r in httpx.get(
            f"{fresh.url}/api/audit", params={"event": EV, "entry": "21"}, timeout=10,
            headers={"Authorization": f"Bearer {fresh.tokens['event-lead']}"}).json()["entries"]
            if r["type"] != "entry"]  # fmt: skip
    assert rows == [
        ("pit stop", "21", "pitmarshal",
         "records car 21's pit stop in R1 from 12:04:40 to 12:05:10"),
        ("driver change", "21", "pitmarshal",
         "puts Dan Fox in car 21 at the stop containing 12:04:50 (R1)"),
        ("pit stop revoke", "21", "competitiondirector", "revokes pit stop 1: it no longer counts"),
        ("contact", "21", "competitiondirector",
         "sends cars 21 and 12 to the back of the race grid (contact in Q1)"),
        ("drive-through", "21", "competitiondirector", "drive-through for car 21 in R1"),
        ("penalty-served", "21", "competitiondirector",
         f"marks decision #{given['id']} of car 21 served at 12:07:00"),
    ]  # fmt: skip
