"""The registration desk in Debian's chromium against a real `trackside serve` over a SQLite
file (issue 15, "Tests": "the registrar assigns an unknown transponder and its laps appear"),
with JavaScript off: every desk form works without it. The class check shows a mismatch with
the classifier's rule path and one button applies the class found; an entries file uploaded
from the desk; the desk fits a 412 px phone (registrars use tablets and phones)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.console_server import EVENT, Console, console_server
from tests.live_server import wait_until
from tests.test_console_browser import sign_in
from tests.test_web_browser import browser as browser  # noqa: F401 - the shared fixture

DESK = f"/console/events/{EVENT}/registration"
SHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots" / "phone"
CIVIC_FILE = """\
number,first_name,last_name,class,group,transponder,year,make,model,trim,tire_width,treadwear
21,Ann,Lee,S2,Advanced,1001,2019,Honda,Civic,Type R,245,200
"""


@pytest.fixture
def console(tmp_path) -> Iterator[Console]:
    with console_server(tmp_path) as running:
        yield running


@pytest.fixture
def no_script(browser: Browser) -> Iterator[BrowserContext]:  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    yield context
    context.close()


def laps_of_33(console: Console) -> list[tuple[int, float, bool]] | None:
    doc = httpx.get(f"{console.url}/api/events/{EVENT}/sessions/TA1-I", timeout=10).json()
    car = next(e for e in doc["entries"] if e["number"] == "33")
    return [(lap["lap"], lap["time_s"], lap["valid"]) for lap in car["laps"]] or None


def unknown_on(page: Page) -> list[tuple[str, str, str, str]]:
    rows = page.locator("#unknown-transponders tr.unknown-transponder")
    return [tuple(rows.nth(i).locator(cell).inner_text() for cell in
                  ("th", "[data-field=passings]", "[data-field=first]", "[data-field=last]"))
            for i in range(rows.count())]  # fmt: skip


def test_the_registrar_assigns_an_unknown_transponder_and_its_laps_appear(console, no_script):
    green = console.post(f"/api/events/{EVENT}/flags",
                         {"session": "TA1-I", "state": "green", "at": "09:30:00"},
                         role="timing-chief")  # fmt: skip
    assert green.status_code == 201
    console.server.store(("09:31:00", "8888"), ("09:33:00", "8888"), ("09:34:50", "8888"))
    assert laps_of_33(console) is None  # car 33's own transponder 1003 never crossed the line
    page = sign_in(no_script, console, "registrar", DESK)
    assert unknown_on(page) == [("8888", "3", "09:31:00.000", "09:34:50.000"),
                                ("7777", "1", "09:05:21.000", "09:05:21.000")]
    row = page.locator("#unknown-transponders tr[data-transponder='8888']")
    row.locator("select[name=number]").select_option("33")
    row.locator("button").click()
    page.wait_for_load_state()
    assert page.url.startswith(console.url + DESK)
    assert page.locator("[role=status]").inner_text() == "car 33: transponder 8888"
    assert unknown_on(page) == [("7777", "1", "09:05:21.000", "09:05:21.000")]
    assert page.locator("#desk-entries tr[data-number='33'] [data-field=transponder]"
                        ).inner_text() == "8888"  # fmt: skip
    # 09:31:00 -> 09:33:00 -> 09:34:50: two laps, 2:00.000 and 1:50.000
    assert wait_until(lambda: laps_of_33(console)) == [(1, 120.0, True), (2, 110.0, True)]
    audit = httpx.get(console.url + "/api/audit", params={"event": EVENT, "entry": "33"},
                      headers={"Authorization": f"Bearer {console.tokens['tech']}"},
                      timeout=10).json()["entries"]  # fmt: skip
    assert [(r["kind"], r["author"], r["changed"]) for r in audit][-1] == (
        "entry v2", "registrar", "car 33: transponder 1003 -> 8888")


def test_the_class_check_shows_the_mismatch_and_one_button_applies_it(console, no_script,
                                                                      tmp_path):
    """Hand-checked (rules VII): a 2019 Honda Civic Type R on 245 mm, 200-treadwear tires is
    listed in Sport 3 (Sport Category 10.3) and 245 mm is within S3's 285 mm 2WD limit
    (Sport Category 3.2.3): S3, not the S2 declared."""
    page = sign_in(no_script, console, "registrar", DESK)
    upload = tmp_path / "civic.csv"
    upload.write_text(CIVIC_FILE, encoding="utf-8")
    page.set_input_files("#u-file", str(upload))
    page.click("#upload-entries button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("[role=status]").inner_text() == (  # entries import's class warning
        "civic.csv: 0 added, 1 updated, 0 unchanged; 1 warning: civic.csv:2: car 21: declared "
        "S2, classifies as S3: Sport 3: listed as 'Honda Civic Type R 2016 +' (Sport Category "
        "10.3); tire 245 mm ≤ 285 mm S3 2WD limit (Sport Category 3.2.3)")
    page.locator("#desk-entries tr[data-number='21'] a", has_text="Class check").click()
    page.wait_for_load_state()
    check = page.locator("#class-check")
    assert check.get_attribute("class") == "class-check mismatch"
    assert [check.locator(f"[data-field={name}]").inner_text()
            for name in ("declared", "found", "mismatch")] == ["S2", "S3", "They differ."]
    assert check.locator("[data-field=rule-path] li").all_inner_texts() == [
        "listed as 'Honda Civic Type R 2016 +' (Sport Category 10.3)",
        "tire 245 mm ≤ 285 mm S3 2WD limit (Sport Category 3.2.3)"]
    page.click("#apply-class button")
    page.wait_for_load_state()
    assert page.locator("[role=status]").inner_text() == "car 21 v3: class S2 -> S3"
    assert page.locator("#desk-entries tr[data-number='21'] [data-field=class]"
                        ).inner_text() == "S3"  # fmt: skip
    assert page.locator("#class-check").get_attribute("data-agrees") == "true"
    assert page.locator("#apply-class").count() == 0
    results = httpx.get(f"{console.url}/api/events/{EVENT}/results", timeout=10).json()
    assert next(e["class"] for e in results["entries"] if e["number"] == "21") == "S3"


def test_an_entries_file_with_a_bad_line_is_refused_from_the_desk(console, no_script,
                                                                  tmp_path):
    page = sign_in(no_script, console, "registrar", DESK)
    before = console.rows()
    upload = tmp_path / "late.csv"
    upload.write_text("number,first_name,last_name,class,group,transponder\n"
                      "45,Al,Bo,S1,Advanced,1045\n46,Cy,Di,S1,Advanced,\n", encoding="utf-8")
    page.set_input_files("#u-file", str(upload))
    page.click("#upload-entries button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("[role=alert]").inner_text() == (
        "late.csv:3: field 'transponder': value required")
    assert console.rows() == before


def test_a_late_entry_and_a_change_from_the_desk_forms(console, no_script):
    page = sign_in(no_script, console, "registrar", DESK)
    for name, value in (("number", "44"), ("first_name", "Di"), ("last_name", "Fox"),
                        ("class", "T4"), ("transponder", "1044"), ("make", "Mazda")):
        page.fill(f"#n-{name}", value)
    page.select_option("#n-group", "Intermediate")
    page.click("#late-entry button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("[role=status]").inner_text() == (
        "car 44 v1: entered (class T4, group Intermediate, transponder 1044)")
    page.locator("#desk-entries tr[data-number='44'] a", has_text="Change").click()
    page.wait_for_load_state()
    page.fill("#e-model", "MX-5 Miata")
    page.select_option("#e-group", "Advanced")
    page.click("#edit-entry button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("[role=status]").inner_text() == (
        "car 44 v2: group Intermediate -> Advanced, model - -> MX-5 Miata")
    row = page.locator("#desk-entries tr[data-number='44']")
    assert row.locator("[data-field=group]").inner_text() == "Advanced"


def test_the_desk_fits_a_412_px_phone(console, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 412, "height": 900})
    try:
        errors: list[str] = []
        page = sign_in(context, console, "registrar", DESK)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        for query in ("", "?edit=21#edit", "?check=21#class-check"):
            page.goto(console.url + DESK + query)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 412, (query, width)
            tables = page.evaluate("[...document.querySelectorAll('.table-wrap')]"
                                   ".map(wrap => wrap.scrollWidth)")  # fmt: skip
            assert max(tables) <= 412, (query, tables)  # each entry folds, no sideways scroll
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.goto(console.url + DESK)
        page.screenshot(path=str(SHOTS / "registration-desk.png"), full_page=True)
        assert errors == []
    finally:
        context.close()
