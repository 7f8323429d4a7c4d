"""Entry checks at `entries import` (officials.md; SCCA TT II.1 eligibility, II.2 minors,
`[[group]] min_license`, one driver one car on track): warnings by default, errors when the
event says `entry_checks = "error"`, each naming the CSV line and the rule."""

from __future__ import annotations

from fastapi.testclient import TestClient
from markupsafe import escape

from tests.conftest import EVENT_TOML
from trackside.store import open_engine
from trackside.web.app import create_app

DRIVERS = """\
member_id,first_name,last_name,birth_date,membership_expires,license,license_expires
M1,Ann,Lee,1990-04-02,2026-12-31,advanced,2026-12-31
M2,Bob,Ray,1985-01-01,2026-05-01,intermediate,2026-12-31
M3,Cy,Dee,2009-06-01,2026-12-31,intermediate,2026-05-15
M4,Di,Fox,2008-05-16,2026-12-31,novice,2026-12-31
"""
GROUPS = """
[[group]]
name = "Advanced"
passing = 4
min_license = "advanced"

[[group]]
name = "Intermediate"
passing = 2
min_license = "intermediate"
"""
ENTRIES = """\
number,first_name,last_name,class,group,transponder,member_id
21,Ann,Lee,S2,Advanced,1001,M1
22,Bob,Ray,S2,Advanced,1002,M2
33,Cy,Dee,S4,Intermediate,1003,M3
44,Di,Fox,S4,Intermediate,1004,M4
"""


def setup(trackside, scenario, extra_event: str = ""):
    text = EVENT_TOML.replace('min_lap_s = 20.0\n', f'min_lap_s = 20.0\n{extra_event}') + GROUPS
    assert trackside("event", "import", scenario.write("ev.toml", text)).exit_code == 0
    result = trackside("drivers", "import", scenario.write("drivers.csv", DRIVERS))
    assert result.exit_code == 0, result.output


def test_sii_entry_checks_warn_naming_line_and_rule(trackside, scenario):
    """Hand-checked, event on 2026-05-16:
    line 3, car 22: membership expired 2026-05-01 (II.1.1); intermediate below Advanced's
    advanced (min_license); line 4, car 33: license expired 2026-05-15 (II.1.4), a minor
    (born 2009-06-01: 16) without forms (II.2); line 5, car 44: born 2008-05-16, 18 that day,
    not a minor; novice below Intermediate's intermediate."""
    setup(trackside, scenario)
    path = scenario.write("entries.csv", ENTRIES)
    result = trackside("entries", "import", scenario.event_id, path)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: {path}:3: car 22: membership expired 2026-05-01 (SCCA TT II.1.1)",
        f"warning: {path}:3: car 22: intermediate license is below the min_license advanced "
        "of group 'Advanced' (SCCA TT II.3-II.6, group min_license)",
        f"warning: {path}:4: car 33: license expired 2026-05-15 (SCCA TT II.1.4)",
        f"warning: {path}:4: car 33: minor without parental consent, minor's acknowledgement, "
        "driver's license requiring no passenger for 2026: entry incomplete (SCCA TT II.2)",
        f"warning: {path}:5: car 44: novice license is below the min_license intermediate "
        "of group 'Intermediate' (SCCA TT II.3-II.6, group min_license)",
    ]
    assert result.stdout == "entries: 4 added, 0 updated, 0 already present\n"


def test_sii2_minor_with_all_forms_is_complete(trackside, scenario):
    setup(trackside, scenario)
    trackside("drivers", "forms", "M3", "--parental-consent", "--minor-ack", "--year", "2026")
    trackside("drivers", "forms", "M3", "--unrestricted-license", "--year", "2026")
    result = trackside("entries", "import", scenario.event_id,
                       scenario.write("entries.csv", ENTRIES))
    assert "car 33: minor without" not in result.stderr
    assert "car 33: license expired" in result.stderr


def test_sii2_forms_of_another_year_do_not_count(trackside, scenario):
    setup(trackside, scenario)
    trackside("drivers", "forms", "M3", "--parental-consent", "--minor-ack",
              "--unrestricted-license", "--year", "2025")
    result = trackside("entries", "import", scenario.event_id,
                       scenario.write("entries.csv", ENTRIES))
    assert "car 33: minor without parental consent" in result.stderr


def test_entry_grade_column_overrides_the_drivers_license(trackside, scenario):
    setup(trackside, scenario)
    text = ENTRIES.replace("member_id\n", "member_id,license\n").replace("M1\n", "M1,\n")
    text = text.replace("M2\n", "M2,advanced\n").replace("M3\n", "M3,\n").replace("M4\n",
                                                                                  "M4,\n")
    result = trackside("entries", "import", scenario.event_id,
                       scenario.write("entries.csv", text))
    assert "car 22: intermediate license" not in result.stderr


def test_entry_checks_error_stores_nothing(trackside, scenario, dump):
    setup(trackside, scenario, 'entry_checks = "error"\n')
    path = scenario.write("entries.csv", ENTRIES)
    before = dump()
    result = trackside("entries", "import", scenario.event_id, path)
    assert result.exit_code == 1
    assert result.stderr == (f"error: {path}:3: field 'member_id': car 22: membership expired "
                             "2026-05-01 (SCCA TT II.1.1)\n")
    assert dump() == before


def test_one_driver_in_two_groups_on_track_at_once(trackside, scenario):
    """TA1-A (Advanced) 09:00 for 20 min; TA1-I (Intermediate) 09:30 has no duration, so
    only a second car in the same group (or session) is on track at the same time; with
    TA1-I at 09:10 for 20 min, Advanced and Intermediate overlap."""
    setup(trackside, scenario)
    text = ENTRIES.replace("M2\n", "M1\n").replace("M4\n", "M1\n")
    path = scenario.write("entries.csv", text)
    result = trackside("entries", "import", scenario.event_id, path)
    assert [w for w in result.stderr.splitlines() if "also on car" in w] == [
        f"warning: {path}:3: car 22: driver 'M1' is also on car 21 (line 2) in group "
        "'Advanced', on track at the same time (one driver, one car on track)"]
    moved = EVENT_TOML.replace('start = "09:30"', 'start = "09:10"\nduration_min = 20')
    trackside("event", "import", scenario.write("ev2.toml", moved + GROUPS))
    result = trackside("entries", "import", scenario.event_id, path)
    assert len([w for w in result.stderr.splitlines() if "also on car" in w]) == 3


def test_member_ids_without_a_driver(trackside, scenario):
    """No drivers stored: member ids link to nothing, no warning; once drivers are kept, a
    member id with no driver is one."""
    text = EVENT_TOML + GROUPS
    trackside("event", "import", scenario.write("ev.toml", text))
    path = scenario.write("entries.csv", ENTRIES.replace("M4\n", "M9\n"))
    quiet = trackside("entries", "import", scenario.event_id, path)
    assert "member id" not in quiet.stderr
    trackside("drivers", "import", scenario.write("drivers.csv", DRIVERS))
    path = scenario.write("entries2.csv", ENTRIES.replace("M4\n", "M9\n"))
    warned = trackside("entries", "import", scenario.event_id, path)
    assert f"warning: {path}:5: car 44: no driver with member id 'M9' (officials.md, Drivers)" in (
        warned.stderr.splitlines())


def test_sii2_entries_check_again_after_the_forms_arrive_cli_and_web(trackside, scenario,
                                                                     db_url):
    setup(trackside, scenario)
    trackside("entries", "import", scenario.event_id, scenario.write("entries.csv", ENTRIES))
    minor = ("car 33: minor without parental consent, minor's acknowledgement, driver's "
             "license requiring no passenger for 2026: entry incomplete (SCCA TT II.2)")
    result = trackside("entries", "check", scenario.event_id)
    assert result.exit_code == 1 and minor in result.stdout.splitlines()
    engine = open_engine(db_url)
    try:
        with TestClient(create_app(engine)) as client:
            page = client.get(f"/events/{scenario.event_id}").text
    finally:
        engine.dispose()
    assert "<h2>Entry checks</h2>" in page and str(escape(minor)) in page
    trackside("drivers", "forms", "M3", "--parental-consent", "--minor-ack",
              "--unrestricted-license", "--year", "2026")
    assert minor not in trackside("entries", "check", scenario.event_id).stdout
