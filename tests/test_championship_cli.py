"""championship.md end to end through the CLI, on SQLite and PostgreSQL: a season of a
trackside-scored event and a results-only one; standings follow a penalty and a bonus with no
recompute command; bad input is one line naming file, line and field, and stores nothing."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from typer.testing import Result

from tests.conftest import Scenario

EV = "img-tt-r3"
SERIES = "img-tt-2026"
R1_CSV = """\
number,first_name,last_name,class,status,class_position,member_id,total_s,best_lap_s
5,Bob,Ray,S2,ok,1,,120.5,60.1
21,Ann,Lee,S2,ok,2,,2:01.000,60.3
9,Dee,Vee,S2,no-time,,,,
33,Cy,Dee,S4,ok,1,,130.0,65.0
"""
SERIES_TOML = """\
[series]
id = "img-tt-2026"
name = "IMG Time Trial Series 2026"
scheme = "img"
counted = 6

[[event]]
id = "img-tt-r1"
[[event]]
id = "img-tt-r3"
"""


def _ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return result.output


def _error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    return lines[0]


@pytest.fixture
def season(trackside: Callable[..., Result], loaded: Scenario) -> Scenario:
    """img-tt-r3 scored by trackside (Ann 1st, Bob 2nd in S2; Cy no time in S4) and img-tt-r1
    imported from another timing system, in one series."""
    _ok(trackside("results", "import", "img-tt-r1", loaded.write("r1.csv", R1_CSV),
                  "--name", "IMG TT Round 1", "--date", "2026-04-11", "--by", "Registrar"))
    _ok(trackside("series", "import", loaded.write("series.toml", SERIES_TOML)))
    return loaded


def _table(trackside: Callable[..., Result], car_class: str = "S2") -> list[tuple]:
    doc = json.loads(_ok(trackside("standings", SERIES, "--format", "json")))
    (group,) = [c for c in doc["classes"] if c["class"] == car_class]
    return [(s["position"], s["competitor"], s["total"], s["events"], s["tie_break"],
             [(e["event"], e["class_position"], e["points"], e["bonus"], e["counted"])
              for e in s["scores"]]) for s in group["standings"]]


def test_img_season_of_a_scored_and_an_imported_event(trackside, season):
    # r1 (imported, S2 n=2): Bob 2+1, Ann 1, Dee no-time; r3 (trackside, S2 n=2): Ann 2+1, Bob 1
    assert _table(trackside) == [
        (1, "Ann Lee", 4, 2, "last-event", [("img-tt-r1", 2, 1, 0, True),
                                            ("img-tt-r3", 1, 2, 1, True)]),
        (2, "Bob Ray", 4, 2, "last-event", [("img-tt-r1", 1, 2, 1, True),
                                            ("img-tt-r3", 2, 1, 0, True)]),
        (3, "Dee Vee", 0, 0, None, [("img-tt-r1", None, 0, 0, False)]),
    ]
    text = _ok(trackside("standings", SERIES))
    assert "Class S2" in text and "Class S4" in text and "Ann Lee" in text
    csv_text = _ok(trackside("standings", SERIES, "--format", "csv", "--class", "s4"))
    assert csv_text.splitlines()[1].startswith("img-tt-2026,S4,1,Cy Dee,,2,1,,img-tt-r1,33,ok,1")


def test_standings_follow_a_penalty_and_a_bonus_with_no_recompute(trackside, season):
    _table(trackside)  # read once: the event's class results are cached
    _ok(trackside("penalty", "add", EV, "21", "event-dq", "--reason", "tech", "--by", "Tom"))
    # r3: Ann disqualified, Bob alone in S2: 1+1
    assert [row[:5] for row in _table(trackside)] == [
        (1, "Bob Ray", 5, 2, None), (2, "Ann Lee", 1, 1, None), (3, "Dee Vee", 0, 0, None)]
    _ok(trackside("series", "bonus", SERIES, "img-tt-r1", "21", "--kind", "on-the-move",
                  "--by", "Chief", "--reason", "from last to second"))
    assert [row[:3] for row in _table(trackside)][:2] == [(1, "Bob Ray", 5), (2, "Ann Lee", 2)]
    line = _error(trackside("series", "bonus", SERIES, "img-tt-r1", "5", "--kind",
                            "on-the-move", "--by", "Chief"))
    assert line == ("error: argument NUMBER: class S2 of img-tt-r1 already has its on-the-move "
                    "bonus (car 21, by Chief)")


def test_a_class_change_and_a_merge(trackside, season):
    r2 = season.write("r2.csv", "number,first_name,last_name,class,status,class_position,"
                                "member_id\n21,ANN,lee ,S4,ok,1,M7\n")
    _ok(trackside("results", "import", "img-tt-r2", r2, "--name", "R2", "--date",
                  "2026-05-01"))
    series = season.write("series2.toml", SERIES_TOML + '[[event]]\nid = "img-tt-r2"\n')
    assert "updated (3 events)" in _ok(trackside("series", "import", series))
    s4 = _table(trackside, "S4")
    # Ann's S4 line is her own (r2: 1+1); Cy's r1 1+1: a tie no rule breaks
    assert [row[:5] for row in s4] == [(1, "ANN lee", 2, 1, None), (1, "Cy Dee", 2, 1, None)]
    assert "Ann Lee" in [row[1] for row in _table(trackside, "S2")]
    out = _ok(trackside("drivers", "merge", SERIES, "Ann Lee", "M7", "--by", "Chief",
                        "--reason", "same driver, member id given at r2"))
    assert out.strip() == "merge 1: member:M7 is name:ann lee in img-tt-2026"
    assert _error(trackside("drivers", "merge", SERIES, "M7", "ann  LEE", "--by", "Chief",
                            "--reason", "again")) == (
        "error: argument B: 'M7' and 'ann  LEE' are already one competitor")


def test_the_pdf_is_the_printable_board_a_page_per_class(trackside, season, tmp_path):
    from weasyprint import HTML

    target = tmp_path / "standings.pdf"
    assert _ok(trackside("standings", SERIES, "--format", "pdf", "--out", target)).strip() == (
        f"wrote {target}")
    assert target.read_bytes().startswith(b"%PDF-")
    board = _ok(trackside("standings", SERIES, "--format", "html"))
    pages = HTML(string=board).render().pages
    assert len(pages) == 2  # S2, S4
    assert board.count('<svg xmlns="http://www.w3.org/2000/svg" class="points-chart"') == 2


BAD_SERIES = [
    ('[series]\nid = "s"\nname = "S"\n\n[[event]]\nid = "img-tt-r3"\n[[event]]\nid = "nope"\n',
     "error: {f}:8: field 'event[2].id': unknown event 'nope' (import it with `trackside "
     "event import` or `trackside results import`)"),
    ('[series]\nid = "s"\nname = "S"\nscheme = "f1"\n\n[[event]]\nid = "img-tt-r3"\n',
     "error: {f}:4: field 'series.scheme': unknown points scheme 'f1'; known: img, "
     "percent-of-winner, position-table"),
    ('[series]\nid = "s"\nname = "S"\nscheme = "position-table"\ntable = [20, "ten", 5]\n\n'
     '[[event]]\nid = "img-tt-r3"\n',
     "error: {f}:5: field 'series.table': expected a list of whole numbers >= 0, got 'ten' "
     "in it"),
    ('[series]\nid = "s"\nname = "S"\ntable = "20,16"\n\n[[event]]\nid = "img-tt-r3"\n',
     "error: {f}:4: field 'series.table': expected a list of numbers, got '20,16'"),
]


@pytest.mark.parametrize(("text", "expected"), BAD_SERIES)
def test_a_bad_series_file_is_one_line_and_stores_nothing(trackside, loaded, dump, text,
                                                          expected):
    path = loaded.write("bad.toml", text)
    before = dump()
    assert _error(trackside("series", "import", path)) == expected.format(f=path)
    assert dump() == before


BAD_RESULTS = [
    ("number,first_name,last_name,class,status,class_position\n1,A,B,S2,ok,1\n"
     "2,C,D,S2,ok,3\n", "{f}:3: field 'class_position': class S2: position 3 skips (expected 2)"),
    ("number,first_name,last_name,class,status,class_position\n1,A,B,S2,ok,1\n"
     "2,C,D,S4,ok,1\n3,E,F,S2,ok,1\n",
     "{f}:4: field 'class_position': class S2: position 1 repeats (expected 2)"),
    ("number,first_name,last_name,class,status,class_position\n1,A,B,S2,dnf,\n",
     "{f}:2: field 'status': expected one of ok, no-time, excluded, disqualified, got 'dnf'"),
    ("number,first_name,last_name,class,status\n1,A,B,S2,ok\n",
     "{f}:1: field 'class_position': missing required column (header has number, first_name, "
     "last_name, class, status)"),
    ("number,first_name,last_name,class,status,class_position,total_s\n1,A,B,S2,ok,1,fast\n",
     "{f}:2: field 'total_s': expected seconds (83.456 or 1:23.456), got 'fast'"),
]


@pytest.mark.parametrize(("text", "expected"), BAD_RESULTS)
def test_a_bad_results_file_is_one_line_and_stores_nothing(trackside, loaded, dump, text,
                                                           expected):
    path = loaded.write("bad.csv", text)
    before = dump()
    line = _error(trackside("results", "import", "club-r1", path, "--name", "R1", "--date",
                            "2026-04-11"))
    assert line == "error: " + expected.format(f=path)
    assert dump() == before


def test_bad_arguments_are_refused_storing_nothing(trackside, season, dump):
    before = dump()
    assert _error(trackside("standings", "nope")) == (
        "error: argument SERIES: no series 'nope' (import it with `trackside series import "
        "FILE.toml`)")
    assert _error(trackside("standings", SERIES, "--class", "GT9")) == (
        "error: option --class: no class 'GT9' in series 'img-tt-2026' (its classes: S2, S4)")
    assert _error(trackside("drivers", "merge", SERIES, "Ann Lee", "Ann Lee", "--by", "C",
                            "--reason", "r")) == (
        "error: argument B: 'Ann Lee' and 'Ann Lee' are already one competitor")
    assert _error(trackside("drivers", "merge", SERIES, "Ann Lee", "Zed", "--by", "C",
                            "--reason", "r")).startswith("error: argument B: no competitor 'Zed'")
    assert _error(trackside("series", "bonus", SERIES, "img-tt-r1", "21", "--kind", "pole",
                            "--by", "C")) == (
        "error: option --kind: expected one of on-the-move, fast-five, got 'pole'")
    assert _error(trackside("results", "import", EV, season.write("x.csv", R1_CSV), "--name",
                            "X", "--date", "2026-01-01")) == (
        "error: argument EVENT: event 'img-tt-r3' is scored by trackside: its results come from "
        "its own facts")
    assert _error(trackside("standings", SERIES, "--format", "xls")) == (
        "error: option --format: expected one of text, json, csv, html, pdf; got 'xls'")
    assert dump() == before


def test_revokes_a_bonus_and_a_merge_are_audited_decisions(trackside, season):
    """championship.md, "Event scores" and "Who is who": a revoked bonus no longer counts (and
    its kind may be given again in that class and event); an unmerged B is its own competitor
    again. Both need --by and --reason; an unknown id or a second revoke is refused."""
    before = _table(trackside)
    out = _ok(trackside("series", "bonus", SERIES, "img-tt-r1", "21", "--kind", "on-the-move",
                        "--by", "Chief", "--reason", "from last to second"))
    assert out.startswith("bonus 1: ")
    assert _table(trackside) != before
    assert _error(trackside("series", "bonus-revoke", SERIES, "1", "--by", "Chief", "--reason",
                            "")) == "error: option --reason: a revoke needs --reason TEXT"
    out = _ok(trackside("series", "bonus-revoke", SERIES, "1", "--by", "Chief", "--reason",
                        "wrong car"))
    assert out.strip() == ("revoke 1: bonus 1 (+1 on-the-move to car 21 at img-tt-r1) no longer "
                           "stands in img-tt-2026")
    assert _table(trackside) == before
    assert _error(trackside("series", "bonus-revoke", SERIES, "1", "--by", "Chief", "--reason",
                            "again")) == "error: argument ID: bonus 1 is already revoked"
    assert _error(trackside("series", "bonus-revoke", SERIES, "9", "--by", "Chief", "--reason",
                            "x")) == "error: argument ID: no bonus 9 in series 'img-tt-2026'"
    _ok(trackside("series", "bonus", SERIES, "img-tt-r1", "5", "--kind", "on-the-move",
                  "--by", "Chief", "--reason", "the right car"))

    _ok(trackside("drivers", "merge", SERIES, "Ann Lee", "Bob Ray", "--by", "Chief",
                  "--reason", "test"))
    assert [row[1] for row in _table(trackside)] == ["Ann Lee", "Dee Vee"]
    out = _ok(trackside("drivers", "unmerge", SERIES, "1", "--by", "Chief", "--reason",
                        "two drivers after all"))
    assert out.strip() == ("revoke 2: merge 1 (name:bob ray is name:ann lee) no longer stands "
                           "in img-tt-2026")
    assert sorted(row[1] for row in _table(trackside)) == ["Ann Lee", "Bob Ray", "Dee Vee"]
    assert _error(trackside("drivers", "unmerge", SERIES, "x", "--by", "C", "--reason", "r")) == (
        "error: argument ID: expected a whole number (the id the decision printed), got 'x'")


def test_event_import_refuses_the_id_of_a_results_only_event(trackside, season):
    """championship.md, "Results scored elsewhere": a results-only event's id is not also a
    trackside event; one line naming the file, line and field, nothing stored."""
    text = season.event.read_text(encoding="utf-8").replace(f'"{EV}"', '"img-tt-r1"')
    path = season.write("r1.toml", text)
    line = _error(trackside("event", "import", path))
    number = next(i for i, row in enumerate(text.splitlines(), start=1) if "img-tt-r1" in row)
    assert line == (f"error: {path}:{number}: field 'event.id': event 'img-tt-r1' is a "
                    "results-only event (its results were imported with `trackside results "
                    "import`); choose another id")
    assert "img-tt-r1" not in _ok(trackside("event", "list"))


def test_series_import_refuses_part_sprint_on_an_event_without_a_sprintduro_race(trackside,
                                                                                 season):
    """docs/championship.md, "SprintDuro": `part = "sprint"` names an event whose race has a
    Sprint (sprint_min); else one line naming the file, line and field, nothing stored."""
    text = SERIES_TOML.replace('id = "img-tt-r3"\n', 'id = "img-tt-r3"\npart = "sprint"\n')
    path = season.write("sprint.toml", text)
    number = text.splitlines().index('part = "sprint"') + 1
    assert _error(trackside("series", "import", path)) == (
        f"error: {path}:{number}: field 'event[2].part': event 'img-tt-r3' has no race with a "
        "Sprint part (sprint_min) to score as a sprint event")
    assert "unchanged" in _ok(trackside("series", "import", season.write("s.toml", SERIES_TOML)))
