"""`trackside groups suggest` (SCCA TT VI.2.2.1.A groups by experience and license grade,
Appendix C 3.2; grid by earlier best times VI.2.2.2)."""

from __future__ import annotations

import json

from tests.conftest import EVENT_TOML
from tests.test_license_rules import make_event

EV = "img-tt-r3"
DRIVERS = """\
member_id,first_name,last_name,license
M1,Ann,Lee,advanced
M2,Bob,Ray,novice
M3,Cy,Dee,intermediate
M4,Di,Fox,advanced
"""
GROUPS = """
[[group]]
name = "Novice"
passing = 1
min_license = "novice"

[[group]]
name = "Intermediate"
passing = 2
min_license = "intermediate"

[[group]]
name = "Advanced"
passing = 4
min_license = "advanced"
"""
ENTRIES = """\
number,first_name,last_name,class,group,transponder,member_id
21,Ann,Lee,S2,Advanced,1001,M1
22,Bob,Ray,S2,Advanced,1002,M2
33,Cy,Dee,S4,Intermediate,1003,M3
44,Di,Fox,S4,Intermediate,1004,M4
"""


def test_vi_2_2_1_groups_by_license_and_grid_by_earlier_best(trackside, loaded):
    """Hand-checked: 22 holds a novice license (in Advanced now) -> Novice; 44 an advanced
    one (in Intermediate now) -> Advanced, behind 21 whose 2:00.500 in TA1-A sets the grid;
    M1 and M2 each had one satisfactory event before (r0 on 2026-04-11; 33 had no lap)."""
    assert trackside("drivers", "import", loaded.write("d.csv", DRIVERS)).exit_code == 0
    make_event(trackside, loaded, "r0", "2026-04-11")
    trackside("event", "import", loaded.write("ev.toml", EVENT_TOML + GROUPS))
    assert trackside("entries", "import", EV, loaded.write("e.csv", ENTRIES)).exit_code == 0
    result = trackside("groups", "suggest", EV, "--format", "json")
    assert result.exit_code == 0, result.output
    got = [(s["group"], s["grid"], s["number"], s["license"], s["experience"],
            s["current_group"]) for s in json.loads(result.stdout)]
    assert got == [
        ("Novice", 1, "22", "novice", 1, "Advanced"),
        ("Intermediate", 1, "33", "intermediate", 0, "Intermediate"),
        ("Advanced", 1, "21", "advanced", 1, "Advanced"),
        ("Advanced", 2, "44", "advanced", 0, "Intermediate"),
    ]
    text = trackside("groups", "suggest", EV).stdout.splitlines()
    assert text[0] == ("Suggested groups (SCCA TT VI.2.2.1.A, Appendix C 3.2; grid VI.2.2.2); "
                       "the registrar decides")
    assert text[4].split() == ["Novice", "1", "22", "Bob", "Ray", "novice", "1", "2:05.000",
                               "Advanced", "novice,", "1", "satisfactory", "events", "before"]


def test_the_registrar_accepts_some_suggestions(trackside, loaded, db_url):
    assert trackside("drivers", "import", loaded.write("d.csv", DRIVERS)).exit_code == 0
    trackside("event", "import", loaded.write("ev.toml", EVENT_TOML + GROUPS))
    assert trackside("entries", "import", EV, loaded.write("e.csv", ENTRIES)).exit_code == 0
    result = trackside("groups", "accept", EV, "--by", "Registrar", "--car", "44")
    assert result.stdout == "car 44: Intermediate -> Advanced\ngroups: 1 moved\n"
    listed = json.loads(trackside("entries", "list", EV, "--format", "json").stdout)
    assert {e["number"]: e["group"] for e in listed} == {
        "21": "Advanced", "22": "Advanced", "33": "Intermediate", "44": "Advanced"}
    history = trackside("entries", "history", EV, "44").stdout
    assert "Registrar" in history
    assert trackside("groups", "accept", EV, "--by", "Registrar").stdout == (
        "car 22: Advanced -> Novice\ngroups: 1 moved\n")
