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
    assert result.output.startswith("error: option --model: ")
    assert "closest listings:" in result.output and "Honda Civic" in result.output


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("--year", "2019", "--make", "Honda", "--model", "Civic"), "--tire-width"),
        ((*CIVIC, "--tire-width", "285", "--drive", "4wd"), "--drive"),
        ((*CIVIC, "--tire-width", "285", "--wheel", "17x9"), "--wheel"),
        ((*CIVIC, "--tire-width", "285", "--weight", "300"), "--weight"),  # kg typed as lb
    ],
)
def test_bad_car_descriptions_name_the_option(args, option):
    result = _classify(*args)
    assert result.exit_code == 1
    assert result.output.startswith(f"error: option {option}: ")
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("--displacement", "4.0l"),
         "error: option --displacement: expected a number of litres like 4.0, got '4.0l'"),
        (("--non-dot", "true"),
         "error: option --non-dot: takes no value, got 'true' (give --non-dot alone)"),
        ((*CIVIC, "--tire-width", "285mm"),
         "error: option --tire-width: expected a width in millimetres like 245, got '285mm'"),
        ((*CIVIC, "--tire-width", "285", "--drive", "4wd"),
         "error: option --drive: expected '2wd' or 'awd', got '4wd'"),
    ],
)
def test_option_values_are_refused_in_one_line_with_exit_1(args, line):
    """Issue "Trust: mistakes caught...", item 4: no framework box, no exit 2."""
    result = _classify(*args)
    assert (result.exit_code, result.output.strip()) == (1, line)


def test_a_car_file_error_names_the_key_as_the_file_has_it(tmp_path):
    car = tmp_path / "car.toml"
    car.write_text("displacement_l = 'big'\n", encoding="utf-8")
    result = _classify(*CIVIC, "--tire-width", "285", "--mods", str(car))
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {car}: field 'displacement_l': expected a number")


def test_help_shows_flags_without_a_value():
    result = _classify("--help")
    flag = next(line for line in result.stdout.splitlines() if "--non-dot" in line)
    assert "<bool>" not in flag and "--no-non-dot" not in flag
    assert "LITRES" in result.stdout


def test_180_treadwear_without_displacement_answers_unlimited_with_what_is_missing():
    """Sport/Tuner 3.2.1, Max 3.2.2 (UTQG 180 < 200): Unlimited; U2 or U1 needs the
    displacement and the weight (Unlimited Category 3.2.1-3.2.2). Exit 0."""
    args = (*CIVIC[:-1], "180", "--tire-width", "245")
    text = _classify(*args)
    assert text.exit_code == 0, text.output
    assert "Unlimited Category, class not decided (U2 or U1)" in text.stdout
    assert "needs --displacement, the OE displacement (litres)" in text.stdout
    assert "needs --weight, the competition weight with driver (lb)" in text.stdout
    document = json.loads(_classify(*args, "--format", "json").stdout)
    assert (document["category"], document["class"]) == ("Unlimited", None)
    assert [m["field"] for m in document["missing"]] == ["displacement", "weight"]


ENTRIES = """\
number,first_name,last_name,class,group,transponder,year,make,model,trim,tire_width,treadwear
21,Ann,Lee,S3,Advanced,1001,2019,Honda,Civic,Type R,285,200
22,Bob,Ray,S4,Advanced,1002,2019,Honda,Civic,Type R,305,200
33,Cy,Dee,S4,Intermediate,1003,2008,Mazda,MX-5,,205,200
44,Di,Fox,S4,Intermediate,1004,2008,Mazda,MX-5,,,
55,Ed,Gee,S5,Intermediate,1005,2008,Mazdda,MX-5,,205,200
66,Flo,Hu,S4,Intermediate,1006,2008,Mazda,MX-5,,205mm,200
"""


def test_entries_import_warns_about_declared_classes_that_disagree(trackside, scenario):
    assert trackside("event", "import", scenario.event).exit_code == 0
    result = trackside("entries", "import", scenario.event_id,
                       scenario.write("classed.csv", ENTRIES))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 4, result.stderr
    bob, cy, ed, flo = warnings
    assert "classed.csv:3: car 22: declared S4, classifies as S2" in bob
    assert "(Sport Category 3.2.3)" in bob
    assert "classed.csv:4: car 33: declared S4, classifies as S6" in cy
    assert "car 55: declared S5, but the car cannot be classified" in ed
    assert "car 55: declared S5, but the car cannot be classified: column 'model'" in ed
    assert ("car 66: declared S4, but the car cannot be classified: column 'tire_width': "
            "expected a width in millimetres like 245, got '205mm'") in flo
    assert "6 added" in result.stdout  # warnings never stop the import
