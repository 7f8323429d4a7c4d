"""The registration desk's use cases on both stores (SQLite file and PostgreSQL;
`services/registration.py`): a late entry and a change are each one new entry version by the
account, a refusal stores nothing, `entry_checks = "error"` refuses what `entries import`
would, and the unknown transponders are the journal's passings less the entered ones
(a hypothesis property against counting them by hand)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ENTRIES_CSV, EVENT_TOML, PASSINGS_CSV
from trackside.core.records import Passing
from trackside.errors import InputError
from trackside.services import import_entries, import_event, import_passings
from trackside.services.drivers import import_drivers
from trackside.services.entry_history import entry_history
from trackside.services.registration import (
    add_entry,
    change_entry,
    entry_class_check,
    unknown_seen,
)
from trackside.store import open_engine
from trackside.store.database import writing
from trackside.store.journal import append_passings
from trackside.store.unknown_transponders import SeenTransponder

EVENT = "img-tt-r3"
LATE = {"number": "44", "first_name": "Di", "last_name": "Fox", "class": "T4",
        "group": "Intermediate", "transponder": "1044", "member_id": "M2"}  # fmt: skip
DRIVERS = """\
member_id,first_name,last_name,birth_date,membership_expires,license,license_expires
M2,Bob,Ray,1985-01-01,2026-05-01,intermediate,2026-12-31
"""


def load(engine, folder: Path, event_toml: str = EVENT_TOML) -> None:
    for name, text in (("event.toml", event_toml), ("entries.csv", ENTRIES_CSV),
                       ("passings.csv", PASSINGS_CSV), ("drivers.csv", DRIVERS)):
        (folder / name).write_text(text, encoding="utf-8")
    import_event(engine, folder / "event.toml")
    import_entries(engine, EVENT, folder / "entries.csv", by="file")
    import_passings(engine, EVENT, folder / "passings.csv")
    import_drivers(engine, folder / "drivers.csv")


def test_a_late_entry_and_a_change_are_each_a_version_by_the_account(engine, tmp_path):
    load(engine, tmp_path)
    added = add_entry(engine, EVENT, LATE, "sue")
    assert (added.version, added.author, added.findings) == (
        1, "sue", ("car 44: membership expired 2026-05-01 (SCCA TT II.1.1)",))
    change_entry(engine, EVENT, "44", {"class": "t3", "license": "advanced"}, "max")
    assert [(c.version, c.author, c.change) for c in entry_history(engine, EVENT, "44")] == [
        (1, "sue", "entered (class T4, group Intermediate, transponder 1044)"),
        (2, "max", "class T4 -> T3, license - -> advanced")]  # an SCCA class, upper-cased


def test_rules_vii_car_data_entered_at_the_desk_lets_the_class_check_answer(engine, tmp_path):
    """Hand-checked: a 2019 Honda Civic Type R is listed in Sport 3 (Sport Category 10.3);
    245 mm tires are within its 285 mm limit (3.2.3): S3, not the S2 car 21 declares."""
    load(engine, tmp_path)
    assert entry_class_check(engine, EVENT, "21").problem == (
        "not enough car data to classify: needs tire_width")
    done = change_entry(engine, EVENT, "21", {"model": "Civic", "trim": "Type R",
                                              "tire_width": "245", "treadwear": "200"}, "sue")
    assert (done.entry["extra"], done.change) == (
        {"sponsor": "Acme", "tire_width": "245", "treadwear": "200"},
        "model Civic Type R -> Civic, trim - -> Type R, tire_width - -> 245 and 1 more")
    check = entry_class_check(engine, EVENT, "21")
    assert (check.declared, check.found, check.suggested) == ("S2", "S3", "S3")
    change_entry(engine, EVENT, "21", {"class": check.suggested}, "sue")
    assert entry_class_check(engine, EVENT, "21").agrees is True


REFUSALS = [  # the call, the field named (hand-written from the desk's checks)
    (lambda e: add_entry(e, EVENT, {**LATE, "number": "22"}, "sue"), "number"),
    (lambda e: add_entry(e, EVENT, {**LATE, "transponder": "1002"}, "sue"), "transponder"),
    (lambda e: add_entry(e, EVENT, {**LATE, "group": "Novice"}, "sue"), "group"),
    (lambda e: add_entry(e, EVENT, {**LATE, "class": "GTX"}, "sue"), "class"),
    (lambda e: change_entry(e, EVENT, "22", {"transponder": "1001"}, "sue"), "transponder"),
    (lambda e: change_entry(e, EVENT, "22", {"last_name": " "}, "sue"), "last_name"),
    (lambda e: change_entry(e, EVENT, "22", {"sponsor": "Acme"}, "sue"), "sponsor"),
]


@pytest.mark.parametrize(("call", "field"), REFUSALS)
def test_a_refused_desk_write_stores_nothing(engine, dump, tmp_path, call, field):
    load(engine, tmp_path)
    before = dump()
    with pytest.raises(InputError) as refused:
        call(engine)
    assert refused.value.field == field
    assert dump() == before


def test_officials_md_entry_checks_error_refuse_a_late_entry(engine, dump, tmp_path):
    strict = EVENT_TOML.replace('min_lap_s = 20.0\n', 'min_lap_s = 20.0\nentry_checks = "error"\n')
    load(engine, tmp_path, strict)
    before = dump()
    with pytest.raises(InputError) as refused:
        add_entry(engine, EVENT, LATE, "sue")
    assert (refused.value.field, refused.value.message) == (
        "member_id", "car 44: membership expired 2026-05-01 (SCCA TT II.1.1)")
    assert dump() == before


def test_unknown_transponders_are_the_journals_less_the_entered(engine, tmp_path):
    load(engine, tmp_path)
    with writing(engine) as conn:
        append_passings(conn, EVENT, [(Passing(1_000, "6666", "SF"), None),
                                      (Passing(9_000, "6666", "SF"), None)])
    assert unknown_seen(engine, EVENT)[0] == SeenTransponder("6666", 2, 1_000, 9_000)
    assert [s.transponder for s in unknown_seen(engine, EVENT)] == ["6666", "7777"]
    change_entry(engine, EVENT, "33", {"transponder": "6666"}, "sue")
    assert [s.transponder for s in unknown_seen(engine, EVENT)] == ["7777"]


@pytest.fixture(scope="module")
def sqlite_event(tmp_path_factory):
    folder = tmp_path_factory.mktemp("unknown")
    engine = open_engine(f"sqlite:///{folder / 'desk.db'}")
    load(engine, folder)
    yield engine
    engine.dispose()


CROSSINGS = st.lists(st.tuples(st.sampled_from(["1001", "1002", "1003", "5", "6", "77"]),
                               st.integers(0, 10**9)), max_size=30)  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(crossings=CROSSINGS)
def test_unknown_transponders_count_every_passing_no_entry_holds(sqlite_event, crossings):
    """Property: each unknown transponder's count, first and last are those of its passings
    (the small event's own 7777 among them), and no entered transponder is listed."""
    with writing(sqlite_event) as conn:
        append_passings(conn, EVENT, [(Passing(t, tr, "SF"), None) for tr, t in crossings])
        rows = conn.exec_driver_sql(f"SELECT transponder, time_us FROM passings "
                                    f"WHERE event_id = '{EVENT}'").all()  # noqa: S608
    by_hand: dict[str, list[int]] = {}
    for transponder, time_us in rows:
        if transponder not in {"1001", "1002", "1003"}:
            by_hand.setdefault(transponder, []).append(time_us)
    assert {s.transponder: (s.passings, s.first_us, s.last_us)
            for s in unknown_seen(sqlite_event, EVENT)} == {
        t: (len(times), min(times), max(times)) for t, times in by_hand.items()}
    counts = [s.passings for s in unknown_seen(sqlite_event, EVENT)]
    assert counts == sorted(counts, reverse=True)


def test_entry_checks_error_refuse_a_problem_a_change_brings_not_one_it_had(engine, dump,
                                                                            tmp_path):
    """Car 33 linked to M2 before any driver was stored (nothing to check then); once M2's
    record (membership expired 2026-05-01) is stored the entry fails II.1.1, and fixing its
    car stays possible, while linking car 22 to M2 is refused."""
    strict = EVENT_TOML.replace('min_lap_s = 20.0\n', 'min_lap_s = 20.0\nentry_checks = "error"\n')
    (tmp_path / "event.toml").write_text(strict, encoding="utf-8")
    (tmp_path / "entries.csv").write_text(ENTRIES_CSV, encoding="utf-8")
    (tmp_path / "drivers.csv").write_text(DRIVERS, encoding="utf-8")
    import_event(engine, tmp_path / "event.toml")
    import_entries(engine, EVENT, tmp_path / "entries.csv", by="file")
    change_entry(engine, EVENT, "33", {"member_id": "M2"}, "sue")
    import_drivers(engine, tmp_path / "drivers.csv")
    fixed = change_entry(engine, EVENT, "33", {"model": "MX-5 Miata"}, "sue")
    assert (fixed.version, fixed.findings) == (
        3, ("car 33: membership expired 2026-05-01 (SCCA TT II.1.1)",))
    before = dump()
    with pytest.raises(InputError) as refused:
        change_entry(engine, EVENT, "22", {"member_id": "M2"}, "sue")
    assert (refused.value.field, refused.value.message) == (
        "member_id", "car 22: membership expired 2026-05-01 (SCCA TT II.1.1)")
    assert dump() == before
