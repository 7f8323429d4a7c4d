"""championship.md, "Season totals": ties on total broken by `tie_breaks` in order (`wins`,
`places`, `last-event`, `events`), a tie none breaks sharing the position (1, 2, 2, 4); each
standing names the rule that broke its tie. Position-table [10, 6, 4, 3, 2, 1]."""

from __future__ import annotations

from tests.season_scenario import event, season, table_of

TABLE = (10, 6, 4, 3, 2, 1)


def ok(*rows: tuple) -> list[tuple]:
    """(number, driver, class_position) in class S4, status ok."""
    return [(n, d, "S4", "ok", p) for n, d, p in rows]


def test_wins_more_class_wins_counted_and_dropped():
    r1 = event("r1", ok((1, "Al", 1), (2, "Bo", 2)))
    r2 = event("r2", ok((2, "Bo", 3)))
    # Al 10; Bo 6 + 4 = 10; Al has a win
    assert table_of(season({"r1": r1, "r2": r2}, scheme="position-table", table=TABLE),
                    "S4") == [(1, "Al", 10, 1, "wins"), (2, "Bo", 10, 2, "wins")]


def test_wins_counts_a_dropped_win():
    r1 = event("r1", ok((1, "Al", 1), (2, "Bo", 2), (3, "Cy", 3)))
    r2 = event("r2", ok((3, "Cy", 1), (1, "Al", 2), (2, "Bo", 3)))
    r3 = event("r3", ok((2, "Bo", 1), (1, "Al", 4), (3, "Cy", 5)))
    # counted 1: Al 10 (r1), Bo 10 (r3), Cy 10 (r2); a win each, so on to places:
    # seconds Al 1, Bo 1, Cy 0; thirds Al 0, Bo 1
    assert table_of(season({"r1": r1, "r2": r2, "r3": r3}, scheme="position-table",
                           table=TABLE, counted=1), "S4") == [
        (1, "Bo", 10, 3, "places"), (2, "Al", 10, 3, "places"), (3, "Cy", 10, 3, "places")]


def test_places_more_seconds_then_more_thirds():
    r1 = event("r1", ok((9, "Win", 1), (1, "Al", 2), (2, "Bo", 3)))
    r2 = event("r2", ok((9, "Win", 1), (1, "Al", 2), (2, "Bo", 3)))
    r3 = event("r3", ok((9, "Win", 1), (2, "Bo", 3), (3, "Cy", 4)))
    r4 = event("r4", ok((3, "Cy", 2), (4, "Di", 3)))
    # Al 6+6 = 12; Bo 4+4+4 = 12 (no seconds); Cy 3+6 = 9; Di 4
    assert table_of(season({"r1": r1, "r2": r2, "r3": r3, "r4": r4}, scheme="position-table",
                           table=TABLE, breaks=["places"]), "S4") == [
        (1, "Win", 30, 3, None), (2, "Al", 12, 2, "places"), (3, "Bo", 12, 3, "places"),
        (4, "Cy", 9, 2, None), (5, "Di", 4, 1, None)]


def test_last_event_the_better_place_at_the_latest_event_both_scored_in():
    r1 = event("r1", ok((1, "Al", 1), (2, "Bo", 2)))
    r2 = event("r2", ok((2, "Bo", 1), (1, "Al", 2)))
    # 16 each, a win and a second each; Bo won r2
    assert table_of(season({"r1": r1, "r2": r2}, scheme="position-table", table=TABLE),
                    "S4") == [(1, "Bo", 16, 2, "last-event"), (2, "Al", 16, 2, "last-event")]


def test_last_event_skips_an_event_only_one_of_them_scored_in():
    r1 = event("r1", ok((1, "Al", 2), (2, "Bo", 3)))
    r2 = event("r2", ok((2, "Bo", 2), (1, "Al", 3)))
    r3 = event("r3", ok((1, "Al", 7)))     # past the table: 0 points, but scored
    # Al 6+4+0, Bo 4+6 = 10; breaks: last-event only. Latest both scored in: r2, Bo 2nd
    assert table_of(season({"r1": r1, "r2": r2, "r3": r3}, scheme="position-table",
                           table=TABLE, breaks=["last-event"]), "S4") == [
        (1, "Bo", 10, 2, "last-event"), (2, "Al", 10, 3, "last-event")]


def test_events_more_events_scored():
    r1 = event("r1", ok((1, "Al", 2), (2, "Bo", 2)), date="2026-04-11")
    r2 = event("r2", ok((9, "X", 1), (8, "Y", 2), (7, "Z", 3), (6, "W", 4), (5, "V", 5),
                        (4, "U", 6), (1, "Al", 7)))
    # Al 6 + 0 (7th: past the table, but scored); Bo 6 in one event
    standings = season({"r1": r1, "r2": r2}, scheme="position-table", table=TABLE,
                       breaks=["wins", "events"])
    # Al, Bo and Y on 6, no wins: Al has scored in two events; Bo and Y stay tied
    assert table_of(standings, "S4") == [
        (1, "X", 10, 1, None), (2, "Al", 6, 2, "events"), (3, "Bo", 6, 1, None),
        (3, "Y", 6, 1, None), (5, "Z", 4, 1, None), (6, "W", 3, 1, None), (7, "V", 2, 1, None),
        (8, "U", 1, 1, None)]


def test_a_tie_no_rule_breaks_shares_the_position_and_the_next_skips():
    r1 = event("r1", ok((9, "Xi", 1), (1, "Al", 2), (4, "Di", 3)))
    r2 = event("r2", ok((9, "Xi", 1), (2, "Bo", 2)))
    # Xi 20; Al 6 and Bo 6: no wins, a second each, no event in common, one event each; Di 4
    assert table_of(season({"r1": r1, "r2": r2}, scheme="position-table", table=TABLE),
                    "S4") == [
        (1, "Xi", 20, 2, None), (2, "Al", 6, 1, None), (2, "Bo", 6, 1, None),
        (4, "Di", 4, 1, None)]


def test_three_tied_one_set_apart_by_wins_two_left_to_the_next_rules():
    r1 = event("r1", ok((1, "Al", 1)))
    r2 = event("r2", ok((2, "Bo", 2), (3, "Cy", 3), (9, "Xi", 1)))
    r3 = event("r3", ok((3, "Cy", 2), (2, "Bo", 3), (9, "Xi", 1)))
    # Al 10; Bo 6+4 = 10; Cy 4+6 = 10; Xi 20. Al by wins; Bo and Cy: places equal, Cy 2nd at r3
    assert table_of(season({"r1": r1, "r2": r2, "r3": r3}, scheme="position-table",
                           table=TABLE), "S4") == [
        (1, "Xi", 20, 2, None), (2, "Al", 10, 1, "wins"), (3, "Cy", 10, 2, "last-event"),
        (4, "Bo", 10, 2, "last-event")]
