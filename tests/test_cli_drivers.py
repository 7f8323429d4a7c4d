"""`trackside drivers import|forms` (officials.md, "Drivers", "Minors"; SCCA TT II)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from trackside.store import open_engine
from trackside.store.schema import driver_versions, drivers, minor_forms

DRIVERS_CSV = """\
member_id,first_name,last_name,birth_date,membership,membership_expires,license,license_issuer,license_expires,email
M1,Ann,Lee,1990-04-02,full,2026-12-31,advanced,scca,2026-12-31,ann@example.org
M2,Bob,Ray,,weekend,2026-05-17,novice,,2027-01-31,
M3,Cy,Dee,2009-06-01,full,2026-12-31,intermediate,NASA Time Trials,2026-12-31,
"""


def rows(db_url, table):
    engine = open_engine(db_url)
    try:
        with engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(table)).mappings()]
    finally:
        engine.dispose()


def test_drivers_import_stores_each_member_once_and_updates_by_member_id(trackside, tmp_path,
                                                                          db_url):
    path = tmp_path / "drivers.csv"
    path.write_text(DRIVERS_CSV, encoding="utf-8")
    result = trackside("drivers", "import", path, "--by", "registrar")
    assert result.exit_code == 0, result.output
    assert result.output == "drivers: 3 added, 0 updated, 0 unchanged\n"
    stored = {r["member_id"]: r for r in rows(db_url, drivers)}
    assert (stored["M2"]["license"], stored["M2"]["license_issuer"]) == ("novice", "scca")
    assert stored["M3"]["license_issuer"] == "NASA Time Trials"
    path.write_text(DRIVERS_CSV.replace("M2,Bob,Ray,,weekend,2026-05-17,novice",
                                        "M2,Bob,Ray,,full,2026-12-31,intermediate"))
    result = trackside("drivers", "import", path, "--by", "registrar")
    assert result.output == "drivers: 0 added, 1 updated, 2 unchanged\n"
    assert {r["member_id"]: r["license"] for r in rows(db_url, drivers)}["M2"] == "intermediate"
    versions = [(r["member_id"], r["version"]) for r in rows(db_url, driver_versions)]
    assert sorted(versions) == [("M1", 1), ("M2", 1), ("M2", 2), ("M3", 1)]


@pytest.mark.parametrize(("change", "message"), [
    (("1990-04-02", "02/04/1990"),
     "drivers.csv:2: field 'birth_date': expected a date like 2026-05-16, got '02/04/1990'"),
    (("2027-01-31", "2027-02-30"),
     "drivers.csv:3: field 'license_expires': expected a date like 2026-05-16, got '2027-02-30'"),
    (("intermediate,NASA", "expert,NASA"),
     "drivers.csv:4: field 'license': expected one of novice, intermediate, advanced, pro; "
     "got 'expert'"),
    (("M3,Cy,Dee", "M3,,Dee"), "drivers.csv:4: field 'first_name': value required"),
    (("M3,Cy", "M1,Cy"), "drivers.csv:4: field 'member_id': member 'M1' is on line 2 and line 4"),
])
def test_bad_driver_file_is_one_line_and_stores_nothing(trackside, tmp_path, dump, change,
                                                         message):
    path = tmp_path / "drivers.csv"
    path.write_text(DRIVERS_CSV.replace(*change), encoding="utf-8")
    before = dump()
    result = trackside("drivers", "import", path)
    assert result.exit_code == 1
    assert result.output == f"error: {tmp_path}/{message}\n"
    assert dump() == before


def test_drivers_forms_sii2_are_recorded_for_the_year(trackside, tmp_path, db_url):
    path = tmp_path / "drivers.csv"
    path.write_text(DRIVERS_CSV, encoding="utf-8")
    trackside("drivers", "import", path)
    result = trackside("drivers", "forms", "M3", "--parental-consent", "--minor-ack",
                       "--year", "2026", "--by", "registrar")
    assert result.exit_code == 0, result.output
    assert result.output == ("forms of M3 for 2026: parental consent, minor's "
                             "acknowledgement\n")
    (row,) = rows(db_url, minor_forms)
    assert (row["year"], row["parental_consent"], row["unrestricted_license"]) == (
        2026, True, False)
    result = trackside("drivers", "forms", "M9", "--minor-ack", "--year", "2026")
    assert result.exit_code == 1
    assert "no driver with member id 'M9'" in result.output
