"""endurance.md "Drivers and stints", hand-checked: who is in the car, stints, and the findings
for officials (never penalties). G 10:00:00; pit loops PIT-IN/PIT-OUT; no scheduled end unless
named, so every car's stints run to its last crossing."""

from __future__ import annotations

from tests.race_scenario import decision, race_event, race_facts, race_of, t

CARS = "car class group\n1 S2 A\n2 S2 A\n3 S2 A"

ROSTER = """
car first last transponder
1   Ann   Lee  D1
1   Bo    Ek   D2
2   Cy    Ray  D3
2   Di    Orr  D4
"""

LAPS = """
time          car  loop
10:00:03      1    SF
10:01:00      1    SF
10:02:00      1    SF
10:02:40      1    PIT-IN
10:03:30      1    PIT-OUT
10:04:00      1    SF
10:05:00      1    SF
10:00:04      2    SF
10:01:05      2    SF
10:02:10      2    SF
10:02:45      2    PIT-IN
10:03:31      2    PIT-OUT
10:03:31.200  D4   PIT-OUT
10:04:05      2    SF
10:05:10      2    SF
10:00:05      3    SF
10:01:10      3    SF
10:02:15      3    PIT-IN
10:03:00      3    PIT-OUT
10:03:40      3    SF
"""


def stints(result, car):
    entry = next(e for e in result.entries if e.number == car)
    return [(s.driver, s.start_us, s.end_us) for s in entry.stints]


def findings(result, car):
    entry = next(e for e in result.entries if e.number == car)
    return [(f.kind, f.at_us) for f in entry.findings]


def race(changes: str = "", decisions=(), **settings):
    return race_of(race_facts(race_event(duration_min=None, **settings), CARS, passed=LAPS,
                              drivers=ROSTER, changes=changes, decisions=decisions))  # fmt: skip


def test_stints_the_first_listed_driver_is_in_the_car_at_green_and_a_change_is_declared_at_a_stop():
    """`driver change ... Bo_Ek --at 10:03:00`: the stop containing 10:03:00 is 10:02:40 to
    10:03:30; Ann's stint ends at its pit-in, Bo's starts at its pit-out and runs to the car's
    last crossing."""
    result = race("car driver at\n1 Bo_Ek 10:03:00")
    assert stints(result, "1") == [("Ann Lee", t("10:00:00"), t("10:02:40")),
                                   ("Bo Ek", t("10:03:30"), t("10:05:00"))]  # fmt: skip


def test_stints_a_driver_transponder_read_names_the_driver_and_the_change_is_at_the_last_stop():
    result = race()
    assert stints(result, "2") == [("Cy Ray", t("10:00:00"), t("10:02:45")),
                                   ("Di Orr", t("10:03:31"), t("10:05:10"))]  # fmt: skip


def test_stints_with_no_roster_the_entrys_driver_drives_from_green():
    assert stints(race(), "3") == [("Driver 3", t("10:00:00"), t("10:03:40"))]


def test_stints_a_stint_ends_at_the_cars_checkered_crossing():
    result = race_of(race_facts(race_event(duration_min=4), CARS, passed=LAPS, drivers=ROSTER))
    assert result.checkered_us == t("10:04:00")
    assert stints(result, "1") == [("Ann Lee", t("10:00:00"), t("10:04:00"))]
    assert stints(result, "2") == [("Cy Ray", t("10:00:00"), t("10:02:45")),
                                   ("Di Orr", t("10:03:31"), t("10:04:05"))]  # fmt: skip


def test_stints_a_change_declared_outside_any_stop_happens_then_and_is_a_finding():
    result = race("car driver at\n1 Bo_Ek 10:01:30")
    assert stints(result, "1") == [("Ann Lee", t("10:00:00"), t("10:01:30")),
                                   ("Bo Ek", t("10:01:30"), t("10:05:00"))]  # fmt: skip
    assert ("change-outside-stop", t("10:01:30")) in findings(result, "1")


def test_stints_a_driver_not_on_the_roster_is_a_finding():
    result = race("car driver at\n1 Zed_Moe 10:03:00")
    assert ("unknown-driver", t("10:03:00")) in findings(result, "1")
    assert stints(result, "1")[-1][0] == "Zed Moe"


def test_finding_a_stint_longer_than_max_stint_min():
    result = race("car driver at\n1 Bo_Ek 10:03:00", max_stint_min=2.5)
    assert findings(result, "1") == [("long-stint", t("10:00:00"))]  # Ann 2:40 > 2:30
    assert findings(result, "2") == [("long-stint", t("10:00:00"))]  # Cy 2:45


def test_finding_less_than_min_rest_between_two_stints_of_the_same_driver():
    """Ann hands over at 10:02:40 and takes the car back at the stop of 10:04:20 to 10:04:40
    (a declared change at 10:04:30): 2 min of rest, under min_rest_min 3."""
    laps = LAPS + "10:04:20 1 PIT-IN\n10:04:40 1 PIT-OUT\n10:05:40 1 SF\n"
    result = race_of(race_facts(race_event(duration_min=None, min_rest_min=3), CARS,
                                passed=laps, drivers=ROSTER,
                                changes="car driver at\n1 Bo_Ek 10:03:00\n1 Ann_Lee 10:04:30"))
    assert stints(result, "1")[-1] == ("Ann Lee", t("10:04:40"), t("10:05:40"))
    assert findings(result, "1") == [("short-rest", t("10:04:40"))]


def test_finding_a_solo_driver_in_a_race_longer_than_3_hours():
    result = race_of(race_facts(race_event(duration_min=181), CARS, passed=LAPS))
    assert ("solo-over-3h", None) in findings(result, "3")
    exactly_3h = race_of(race_facts(race_event(duration_min=180), CARS, passed=LAPS))
    assert findings(exactly_3h, "3") == []


def test_finding_a_solo_drivers_mandatory_stop_needs_the_officials_solo_exit():
    settings = {"mandatory_stops": 1, "duration_min": 3.5}
    result = race_of(race_facts(race_event(**settings), CARS, passed=LAPS))
    assert [s.mandatory for s in next(e for e in result.entries if e.number == "3").stops] == [
        True]
    assert findings(result, "3") == [("solo-exit-unconfirmed", t("10:02:15"))]
    confirmed = race_of(race_facts(race_event(**settings), CARS, passed=LAPS,
                                   decisions=(decision(1, "solo-exit", "3", "R1"),)))
    assert findings(confirmed, "3") == []


def test_findings_are_never_penalties():
    result = race("car driver at\n1 Bo_Ek 10:01:30", max_stint_min=1)
    assert all(e.penalties == () for e in result.entries)
