"""The pit lane screen keeps the pit-ins tapped and not yet stored in its address
(`web/pitlane_pages.py`; docs/console.md, "Pit lane"): whatever cars and times, the address
read back gives the same pit-ins, and dropping a car (its stop stored) keeps the others."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from hypothesis import given
from hypothesis import strategies as st

from trackside.web.pitlane_pages import lane_url, pending_pit_ins

numbers = st.text(alphabet="0123456789ABZ", min_size=1, max_size=4)
times = st.times().map(lambda t: t.strftime("%H:%M:%S"))
pit_ins = st.dictionaries(numbers, times, max_size=6)


def read_back(url: str) -> dict[str, str]:
    return pending_pit_ins(parse_qs(urlsplit(url).query).get("pit_in", []), "now")


@given(pit_ins, st.sampled_from(["R1", None]))
def test_the_address_holds_every_pending_pit_in(pending, session):
    assert read_back(lane_url("enduro", session, pending)) == pending


@given(pit_ins, st.data())
def test_dropping_a_car_keeps_the_other_pit_ins(pending, data):
    if not pending:
        return
    car = data.draw(st.sampled_from(sorted(pending)))
    kept = read_back(lane_url("enduro", "R1", pending, drop=car))
    assert kept == {n: at for n, at in pending.items() if n != car}


def test_a_bare_number_is_a_pit_in_now_and_the_last_tap_wins():
    assert pending_pit_ins(["21", "7@12:04:00", "7@12:05:00", " @12:00:00"], "12:12:20") == {
        "21": "12:12:20", "7": "12:05:00"}
