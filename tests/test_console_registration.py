"""The registration desk's write API and page against a real `trackside serve` over a SQLite
file (issue 15, "Registration desk"; console.md, "What each role may do": entries,
transponders, groups are the registrar's and the event lead's): each change a new entry version
naming the account, the refusals (403 naming the roles, 422 naming the field) with nothing
stored, an entries file all or nothing, the entry checks' findings and the unknown
transponders on the desk."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from tests.console_server import ACCOUNTS, EVENT, Console, console_server
from tests.live_server import wait_until
from trackside.services.drivers import import_drivers
from trackside.services.entry_history import entry_history
from trackside.store import open_engine

ENTRIES = f"/api/events/{EVENT}/entries"
IMPORT = f"{ENTRIES}/import"
DESK = f"/console/events/{EVENT}/registration"
LATE = {"number": "44", "first_name": "Di", "last_name": "Fox", "class": "T4",
        "group": "Intermediate", "transponder": "1044"}  # fmt: skip
BODIES = {ENTRIES: LATE, f"{ENTRIES}/22": {"first_name": "Rob"}}
DRIVERS = """\
member_id,first_name,last_name,birth_date,membership_expires,license,license_expires
M2,Bob,Ray,1985-01-01,2026-05-01,intermediate,2026-12-31
"""


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    with console_server(tmp_path_factory.mktemp("desk")) as running:
        yield running


def post_csv(console: Console, text: str, role: str, name: str = "late.csv") -> httpx.Response:
    return httpx.post(console.url + IMPORT, params={"name": name}, content=text.encode(),
                      headers={"Authorization": f"Bearer {console.tokens[role]}",
                               "Content-Type": "text/csv"}, timeout=10)  # fmt: skip


def history(console: Console, number: str) -> list[tuple[int, str, str]]:
    engine = open_engine(console.server.db_url, migrate=False)
    try:
        return [(c.version, c.author, c.change) for c in entry_history(engine, EVENT, number)]
    finally:
        engine.dispose()


# --- who may ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [ENTRIES, f"{ENTRIES}/22", IMPORT])
def test_no_account_is_401_on_every_desk_endpoint(console: Console, path):
    before = console.rows()
    answer = console.post(path, BODIES.get(path, {}))
    assert (answer.status_code, answer.json()["detail"]) == (
        401, "sign in (POST /login) or send Authorization: Bearer TOKEN")
    assert console.rows() == before


@pytest.mark.parametrize("role", ["timing-chief", "competition-director", "tech",
                                  "driver-coach", "pit-marshal"])  # fmt: skip
@pytest.mark.parametrize("path", [ENTRIES, f"{ENTRIES}/22"])
def test_console_md_entries_are_refused_to_roles_other_than_registrar_and_event_lead(
    console: Console, role, path
):
    before = console.rows()
    answer = console.post(path, BODIES[path], role=role)
    assert answer.status_code == 403
    assert answer.json() == {
        "detail": f"entries needs one of the roles event-lead, registrar; {ACCOUNTS[role]} "
                  f"holds {role}",
        "action": "entries", "allowed_roles": ["event-lead", "registrar"]}  # fmt: skip
    assert console.rows() == before


def test_an_entries_file_is_refused_to_the_timing_chief(console: Console):
    before = console.rows()
    answer = post_csv(console, "number,first_name,last_name,class,group,transponder\n"
                               "45,Al,Bo,S1,Advanced,1045\n", "timing-chief")  # fmt: skip
    assert (answer.status_code, answer.json()["allowed_roles"]) == (
        403, ["event-lead", "registrar"])
    assert console.rows() == before


def test_a_cookie_write_without_the_csrf_token_is_refused(console: Console):
    with console.signed_in("registrar") as client:
        before = console.rows()
        refused = client.post(f"{ENTRIES}/22", json={"first_name": "Rob"})
        assert refused.status_code == 403
        assert refused.json()["detail"].startswith("missing or wrong CSRF token")
        assert console.rows() == before


# --- what is stored -----------------------------------------------------------------------------


def test_an_edit_is_a_new_entry_version_naming_the_account(console: Console):
    answer = console.post(f"{ENTRIES}/22", {"first_name": "Rob", "model": "GR86 Premium"},
                          role="registrar")  # fmt: skip
    assert answer.status_code == 201, answer.text
    doc = answer.json()
    assert {k: doc[k] for k in ("number", "first_name", "last_name", "model", "class",
                                "transponder", "version", "author", "change", "findings")} == {
        "number": "22", "first_name": "Rob", "last_name": "Ray", "model": "GR86 Premium",
        "class": "S2", "transponder": "1002", "version": 2, "author": "registrar",
        "change": "first_name Bob -> Rob, model GR86 -> GR86 Premium", "findings": []}
    assert history(console, "22") == [
        (1, history(console, "22")[0][1], "entered (class S2, group Advanced, transponder 1002)"),
        (2, "registrar", "first_name Bob -> Rob, model GR86 -> GR86 Premium")]
    audit = httpx.get(console.url + "/api/audit", params={"event": EVENT, "entry": "22"},
                      headers={"Authorization": f"Bearer {console.tokens['tech']}"},
                      timeout=10).json()["entries"]  # fmt: skip
    assert [(r["kind"], r["author"]) for r in audit][-1] == ("entry v2", "registrar")


def test_the_same_values_again_store_no_version(console: Console):
    console.post(f"{ENTRIES}/33", {"make": "Mazda"}, role="event-lead")  # already Mazda
    before = console.rows()
    again = console.post(f"{ENTRIES}/33", {"make": "Mazda"}, role="event-lead")
    assert (again.status_code, again.json()["changed"], again.json()["version"]) == (
        201, False, 1)
    assert console.rows() == before


def test_a_late_entry_is_version_1_by_the_account(console: Console):
    answer = console.post(ENTRIES, {**LATE, "year": "2016", "make": "Mazda",
                                    "model": "MX-5 Miata"}, role="registrar")  # fmt: skip
    assert answer.status_code == 201, answer.text
    doc = answer.json()
    assert {k: doc[k] for k in ("number", "class", "group", "transponder", "model", "version",
                                "author", "change")} == {
        "number": "44", "class": "T4", "group": "Intermediate", "transponder": "1044",
        "model": "MX-5 Miata", "version": 1, "author": "registrar",
        "change": "entered (class T4, group Intermediate, transponder 1044)"}
    results = httpx.get(f"{console.url}/api/events/{EVENT}/results", timeout=10).json()
    assert "44" in [e["number"] for e in results["entries"]]


REFUSED = [  # endpoint, body, the field at fault, the detail (hand-written from the checks)
    (ENTRIES, {**LATE, "number": "21", "transponder": "1099"}, "number",
     "car '21' is already entered in event 'img-tt-r3' (Ann Lee)"),
    (ENTRIES, {**LATE, "number": "#21", "transponder": "1099"}, "number",
     "car '21' is already entered in event 'img-tt-r3' (Ann Lee)"),
    (ENTRIES, {**LATE, "number": "46", "transponder": "1001"}, "transponder",
     "transponder '1001' already belongs to car '21' in this event"),
    (ENTRIES, {**LATE, "number": "46", "class": "GT9"}, "class",
     "unknown class 'GT9': neither an SCCA class (rules VII) nor one this event's entries "
     "hold (S2, S4, T4)"),
    (ENTRIES, {**LATE, "number": "46", "group": "Novice"}, "group",
     "no group 'Novice' in event 'img-tt-r3' (groups: Advanced, Intermediate)"),
    (ENTRIES, {k: v for k, v in LATE.items() if k != "transponder"}, "transponder",
     "transponder is required"),
    (ENTRIES, {**LATE, "author": "someone"}, "author",
     "author is the signed-in account, never a field"),
    (f"{ENTRIES}/22", {"transponder": "1003"}, "transponder",
     "transponder '1003' already belongs to car '33' in this event"),
    (f"{ENTRIES}/22", {"class": "Street"}, "class",
     "unknown class 'Street': neither an SCCA class (rules VII) nor one this event's entries "
     "hold (S2, S4, T4)"),
    (f"{ENTRIES}/22", {"number": "23"}, "number", "unknown field 'number'; expected "
     "first_name, last_name, class, group, transponder, member_id, license, year, make, "
     "model, trim, tire_width, treadwear, drive, displacement, weight"),
    (f"{ENTRIES}/99", {"first_name": "Zed"}, "number",
     "car '99' is not entered in event 'img-tt-r3'"),
    (f"{ENTRIES}/22", {"year": "2020" * 3}, "year", "longer than 8 characters"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "body", "field", "detail"), REFUSED)
def test_a_desk_write_refused_is_422_naming_the_field_and_stores_nothing(
    console: Console, path, body, field, detail
):
    console.post(ENTRIES, LATE, role="registrar")  # car 44 (T4) entered, whichever test runs
    before = console.rows()
    answer = console.post(path, body, role="registrar")
    assert (answer.status_code, answer.json()) == (422, {"detail": detail, "field": field})
    assert console.rows() == before


# --- the entries file ---------------------------------------------------------------------------

GOOD_FILE = """\
number,first_name,last_name,class,group,transponder
55,Eve,Gray,S1,Advanced,1055
56,Fay,Hill,S5,Intermediate,1056
"""


def test_an_entries_file_with_a_bad_line_is_one_error_naming_line_and_column(console: Console):
    before = console.rows()
    bad = GOOD_FILE.replace("56,Fay,Hill,S5,Intermediate,1056", "56,Fay,Hill,S5,Intermediate,")
    answer = post_csv(console, bad, "registrar")
    assert (answer.status_code, answer.json()) == (422, {
        "detail": "late.csv:3: field 'transponder': value required", "field": "transponder",
        "line": 3})
    assert console.rows() == before  # car 55 of line 2 was not imported either


def test_an_entries_file_is_imported_as_entries_import_does(console: Console):
    answer = post_csv(console, GOOD_FILE, "registrar", name="friday.csv")
    assert (answer.status_code, answer.json()) == (201, {
        "file": "friday.csv", "added": 2, "updated": 0, "unchanged": 0, "warnings": [],
        "author": "registrar"})
    assert history(console, "56") == [
        (1, "registrar", "entered (class S5, group Intermediate, transponder 1056)")]
    again = post_csv(console, GOOD_FILE, "registrar", name="friday.csv")
    assert {k: again.json()[k] for k in ("added", "updated", "unchanged")} == {
        "added": 0, "updated": 0, "unchanged": 2}


def test_an_empty_upload_is_422(console: Console):
    answer = post_csv(console, "", "registrar")
    assert (answer.status_code, answer.json()) == (422, {
        "detail": "the body is empty: send the entries CSV", "field": "file"})


# --- the desk page ------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), [("registrar", 200), ("event-lead", 200),
                                              ("timing-chief", 403), ("tech", 403)])
def test_the_desk_opens_for_the_registrar_and_the_event_lead(console: Console, role, status):
    with console.signed_in(role) as client:
        page = client.get(DESK)
    assert page.status_code == status
    if status == 403:
        assert (f"This screen needs one of the roles event-lead, registrar; {ACCOUNTS[role]} "
                f"holds {role}.") in page.text


def test_the_desk_without_an_account_sends_the_browser_to_sign_in(console: Console):
    page = httpx.get(console.url + DESK, timeout=10)
    assert (page.status_code, page.headers["location"]) == (
        303, "/login?next=%2Fconsole%2Fevents%2Fimg-tt-r3%2Fregistration")


def test_officials_md_findings_show_on_the_desk_and_in_the_answer(console: Console):
    """Hand-checked: M2's membership expired 2026-05-01, before the event (2026-05-16)."""
    engine = open_engine(console.server.db_url, migrate=False)
    path = console.server.db_url.removeprefix("sqlite:///").rsplit("/", 1)[0] + "/drivers.csv"
    with open(path, "w", encoding="utf-8") as out:
        out.write(DRIVERS)
    try:
        import_drivers(engine, path)
    finally:
        engine.dispose()
    answer = console.post(f"{ENTRIES}/33", {"member_id": "M2"}, role="registrar")
    assert answer.json()["findings"] == [
        "car 33: membership expired 2026-05-01 (SCCA TT II.1.1)"]
    with console.signed_in("registrar") as client:
        page = client.get(DESK, params={"q": "33"})
    assert '<tr data-number="33" class="has-findings">' in page.text
    assert ('<li data-finding="member_id">membership expired 2026-05-01 (SCCA TT II.1.1)</li>'
            in page.text)


def test_the_desk_filters_by_number_or_driver(console: Console):
    with console.signed_in("registrar") as client:
        by_name = client.get(DESK, params={"q": "lee"}).text
        by_number = client.get(DESK, params={"q": "#21"}).text
    for page in (by_name, by_number):
        assert '<tr data-number="21"' in page and '<tr data-number="22"' not in page


def test_the_desk_lists_unknown_transponders_with_passings_and_first_and_last_seen(
    console: Console
):
    console.server.store(("09:40:00", "6666"), ("09:42:00", "6666"))

    def unknown_rows() -> list[tuple[str, ...]] | None:
        with console.signed_in("registrar") as client:
            page = client.get(DESK).text
        rows = page.split('id="unknown-transponders"', 1)[1].split("</table>", 1)[0]
        found = [(re.search(r'data-transponder="([^"]+)"', row)[1],
                  *(re.search(rf'data-field="{name}"[^>]*>([^<]*)<', row)[1]
                    for name in ("passings", "first", "last")))
                 for row in rows.split('<tr class="unknown-transponder"')[1:]]  # fmt: skip
        return found if len(found) == 2 else None

    assert wait_until(unknown_rows) == [("6666", "2", "09:40:00.000", "09:42:00.000"),
                                        ("7777", "1", "09:05:21.000", "09:05:21.000")]


# --- the desk's JSON twins ------------------------------------------------------------------------


def get(console: Console, path: str, role: str | None = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {console.tokens[role]}"} if role else {}
    return httpx.get(console.url + path, headers=headers, timeout=10)


def test_the_desks_twins_need_an_account_with_the_entries_action(console: Console):
    for path in (ENTRIES, f"{ENTRIES}/21/class-check"):
        assert get(console, path).status_code == 401
        refused = get(console, path, "timing-chief")
        assert (refused.status_code, refused.json()["allowed_roles"]) == (
            403, ["event-lead", "registrar"])
    assert get(console, "/api/events/nope/entries", "registrar").status_code == 404


def test_the_desks_twin_lists_the_entries_and_the_unknown_transponders(console: Console):
    doc = get(console, ENTRIES, "registrar").json()
    first = doc["entries"][0]
    assert {k: first[k] for k in ("number", "class", "group", "transponder", "findings")} == {
        "number": "21", "class": "S2", "group": "Advanced", "transponder": "1001",
        "findings": []}
    assert {"transponder": "7777", "passings": 1, "first": "2026-05-16T09:05:21.000",
            "last": "2026-05-16T09:05:21.000"} in doc["unknown_transponders"]


def test_the_class_checks_twin_says_what_the_classifier_lacks(console: Console):
    doc = get(console, f"{ENTRIES}/21/class-check", "registrar").json()
    assert {k: doc[k] for k in ("declared", "found", "agrees", "suggested", "problem")} == {
        "declared": "S2", "found": None, "agrees": None, "suggested": None,
        "problem": "not enough car data to classify: needs tire_width"}
    unknown = get(console, f"{ENTRIES}/99/class-check", "registrar")
    assert (unknown.status_code, unknown.json()) == (422, {
        "detail": "car '99' is not entered in event 'img-tt-r3'", "field": "number"})
