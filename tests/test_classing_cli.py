"""`trackside classify` and the class check on `entries import` (issue 4, "Where users meet it").

Expected classes are read off the rulebook by hand: the 2016+ Civic Type R is listed in S3
(Sport Category 10.3) and T3 (Tuner Category 10.5); the S3 2WD tire limit is 285 mm and S2's is
315 mm (Sport Category 3.2.3); the 1990-2015 MX-5 is S6 (Sport Category 10.6).
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from trackside.cli import app

CIVIC = ("--year", "2019", "--make", "Honda", "--model", "Civic", "--trim", "Type R",
         "--drive", "2wd", "--treadwear", "200")


def _classify(*args: str):
    return CliRunner().invoke(app, ["classify", *args])


def test_civic_type_r_on_285s_is_sport_3_with_the_rule_path():
    result = _classify(*CIVIC, "--tire-width", "285")
    assert result.exit_code == 0, result.output
    assert "Sport 3 (S3), Sport Category" in result.stdout
    assert "(Sport Category 10.3)" in result.stdout
    assert "tire 285 mm ≤ 285 mm S3 2WD limit (Sport Category 3.2.3)" in result.stdout


def test_wider_tire_bumps_sport_3_up_to_sport_2_sport_3_2_3():
    result = _classify(*CIVIC, "--tire-width", "305", "--format", "json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["class"] == "S2"
    assert any("bumped up to S2" in r["text"] for r in answer["reasons"])
    assert answer["car"]["tire_width_mm"] == 305


def test_tuner_prep_puts_the_civic_in_tuner_3_tuner_10_5(tmp_path):
    car = tmp_path / "civic.toml"
    car.write_text('prep = "tuner"\nmodifications = ["coilovers"]\n', encoding="utf-8")
    result = _classify(*CIVIC, "--tire-width", "275", "--mods", str(car), "--format", "json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert (answer["class"], answer["category"]) == ("T3", "Tuner")
    assert answer["car"]["modifications"] == ["coilovers"]


def test_options_override_the_car_file(tmp_path):
    car = tmp_path / "car.toml"
    car.write_text('[car]\nyear = 2019\nmake = "Honda"\nmodel = "Civic"\ntrim = "Type R"\n'
                   "tire_width = 245\ntreadwear = 200\n", encoding="utf-8")
    result = _classify("--mods", str(car), "--tire-width", "305", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["class"] == "S2"


def test_points_index_answer_comes_with_its_breakdown():
    result = _classify("--year", "2019", "--make", "Mazda", "--model", "MX-5",
                       "--tire-width", "205", "--treadwear", "200",
                       "--points", "example", "--format", "json")
    assert result.exit_code == 0, result.output
    points = json.loads(result.stdout)["points"]
    assert points["total"] == sum(line["points"] for line in points["breakdown"])
    assert points["breakdown"][0]["item"].startswith("base: Mazda")


def test_unknown_model_lists_the_closest_listings():
    result = _classify("--year", "2019", "--make", "Honda", "--model", "Civc",
                       "--tire-width", "245", "--treadwear", "200")
    assert result.exit_code == 1
    assert "field 'model'" in result.output
    assert "closest listings:" in result.output and "Honda Civic" in result.output


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("--year", "2019", "--make", "Honda", "--model", "Civic"), "tire_width"),
        ((*CIVIC, "--tire-width", "285", "--drive", "4wd"), "drive"),
        ((*CIVIC, "--tire-width", "285", "--wheel", "17x9"), "wheels"),
        ((*CIVIC, "--tire-width", "285", "--weight", "300"), "weight"),  # kg typed as lb
    ],
)
def test_bad_car_descriptions_name_the_field(args, field):
    result = _classify(*args)
    assert result.exit_code == 1
    assert result.output.startswith("error: ")
    assert f"field '{field}'" in result.output


ENTRIES = """\
number,first_name,last_name,class,group,transponder,year,make,model,trim,tire_width,treadwear
21,Ann,Lee,S3,Advanced,1001,2019,Honda,Civic,Type R,285,200
22,Bob,Ray,S4,Advanced,1002,2019,Honda,Civic,Type R,305,200
33,Cy,Dee,S4,Intermediate,1003,2008,Mazda,MX-5,,205,200
44,Di,Fox,S4,Intermediate,1004,2008,Mazda,MX-5,,,
55,Ed,Gee,S5,Intermediate,1005,2008,Mazdda,MX-5,,205,200
"""


def test_entries_import_warns_about_declared_classes_that_disagree(trackside, scenario):
    assert trackside("event", "import", scenario.event).exit_code == 0
    result = trackside("entries", "import", scenario.event_id,
                       scenario.write("classed.csv", ENTRIES))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 3, result.stderr
    bob, cy, ed = warnings
    assert "classed.csv:3: car 22: declared S4, classifies as S2" in bob
    assert "(Sport Category 3.2.3)" in bob
    assert "classed.csv:4: car 33: declared S4, classifies as S6" in cy
    assert "car 55: declared S5, but the car cannot be classified" in ed
    assert "5 added" in result.stdout  # warnings never stop the import
