"""championship.md, "Event scores": `position-table` and `percent-of-winner`, and the registry
refusing a scheme or tie-break it does not know, naming the known ones."""

from __future__ import annotations

import pytest

from tests.season_scenario import event, scores_of, season, table_of
from trackside.rules.points import points_scheme, tie_breaks

TABLE = (20, 16, 13, 11, 9, 7, 6, 5, 4, 3, 2, 1)


def test_position_table_points_by_class_position_zero_past_the_end():
    rows = [(n, f"D{n:02d}", "S2", "ok", n) for n in range(1, 15)]
    standings = season({"r1": event("r1", rows)}, scheme="position-table", table=TABLE)
    assert [row[2] for row in table_of(standings, "S2")] == [
        20, 16, 13, 11, 9, 7, 6, 5, 4, 3, 2, 1, 0, 0]
    # 13th and 14th scored 0 but did score (events = 1); a 13th place beats a 14th
    assert table_of(standings, "S2")[-2:] == [(13, "D13", 0, 1, "places"),
                                              (14, "D14", 0, 1, "places")]


def test_position_table_gives_no_class_winner_bonus():
    standings = season({"r1": event("r1", [(1, "Al", "S2", "ok", 1)])},
                       scheme="position-table", table=TABLE)
    assert scores_of(standings, "S2", "Al") == [("r1", 1, 20, 0, (), True)]


def test_percent_of_winner_two_decimals_rounded_half_up():
    r1 = event("r1", [(1, "Win", "S2", "ok", 1, 60.0), (2, "Sec", "S2", "ok", 2, 61.0),
                      (3, "Thi", "S2", "ok", 3, 76.8), (4, "Fou", "S2", "ok", 4, 90.0),
                      (5, "Non", "S2", "ok", 5, None), (6, "Dnf", "S2", "no-time", None)])
    standings = season({"r1": r1}, scheme="percent-of-winner")
    assert table_of(standings, "S2") == [
        (1, "Win", 100.0, 1, None),
        (2, "Sec", 98.36, 1, None),   # 6000000/61000 = 98.3606...
        (3, "Thi", 78.13, 1, None),   # 78.125 exactly: half up
        (4, "Fou", 66.67, 1, None),   # 66.666...
        (5, "Non", 0.0, 1, "places"),  # classified with no total: scored, 0 (a 5th place)
        (6, "Dnf", 0.0, 0, "places"),
    ]


def test_percent_of_winner_totals_add_hundredths_exactly():
    r1 = event("r1", [(1, "Win", "S2", "ok", 1, 60.0), (2, "Sec", "S2", "ok", 2, 61.0)])
    r2 = event("r2", [(1, "Win", "S2", "ok", 1, 60.0), (2, "Sec", "S2", "ok", 2, 61.0)])
    r3 = event("r3", [(2, "Sec", "S2", "ok", 1, 59.0), (1, "Win", "S2", "ok", 2, 76.8)])
    standings = season({"r1": r1, "r2": r2, "r3": r3}, scheme="percent-of-winner")
    assert table_of(standings, "S2") == [(1, "Sec", 296.72, 3, None),
                                         (2, "Win", 276.82, 3, None)]


def test_an_unknown_scheme_or_tie_break_is_refused_naming_the_known_ones():
    with pytest.raises(KeyError, match="unknown points scheme 'f1'; known: img, "
                                       "percent-of-winner, position-table"):
        points_scheme("f1")
    with pytest.raises(KeyError, match="unknown tie-break 'coin'; known: wins, places, "
                                       "last-event, events"):
        tie_breaks(["wins", "coin"])
