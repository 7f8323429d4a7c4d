"""championship.md, "Event scores" (`img`) and "Season totals" (best-N, ties between equal
scores, minimum events, class change, team scoring, merges): hand-computed seasons."""

from __future__ import annotations

from tests.season_scenario import event, scores_of, season, table_of
from trackside.core.series_records import Bonus, BonusKind, Merge, ScoresBy

R1 = event("r1", [(21, "Ann Lee", "S2", "ok", 1), (22, "Bob Ray", "S2", "ok", 2),
                  (23, "Cy Dee", "S2", "ok", 3)])
R2 = event("r2", [(22, "Bob Ray", "S2", "ok", 1), (21, "Ann Lee", "S2", "ok", 2),
                  (23, "Cy Dee", "S2", "no-time", None)])
R3 = event("r3", [(21, "Ann Lee", "S2", "ok", 1), (23, "Cy Dee", "S2", "ok", 2),
                  (22, "Bob Ray", "S2", "ok", 3)])


def test_img_points_n_to_1_plus_the_class_winner_bonus_all_counted():
    # r1 (n=3): Ann 3+1, Bob 2, Cy 1; r2 (n=2): Bob 2+1, Ann 1, Cy no-time (not scored);
    # r3 (n=3): Ann 3+1, Cy 2, Bob 1
    standings = season({"r1": R1, "r2": R2, "r3": R3})
    assert table_of(standings, "S2") == [
        (1, "Ann Lee", 9, 3, None),
        (2, "Bob Ray", 6, 3, None),
        (3, "Cy Dee", 3, 2, None),
    ]
    assert scores_of(standings, "S2", "Ann Lee") == [
        ("r1", 1, 3, 1, ("class winner",), True),
        ("r2", 2, 1, 0, (), True),
        ("r3", 1, 3, 1, ("class winner",), True),
    ]
    assert scores_of(standings, "S2", "Cy Dee") == [
        ("r1", 3, 1, 0, (), True),
        ("r2", None, 0, 0, (), False),
        ("r3", 2, 2, 0, (), True),
    ]


def test_img_best_two_count_the_others_dropped():
    standings = season({"r1": R1, "r2": R2, "r3": R3}, counted=2)
    assert table_of(standings, "S2") == [
        (1, "Ann Lee", 8, 3, None),   # 4 + 4, r2's 1 dropped
        (2, "Bob Ray", 5, 3, None),   # r2's 3 + r1's 2, r3's 1 dropped
        (3, "Cy Dee", 3, 2, None),    # both scored events count; the no-time is not a score
    ]
    assert [s[-1] for s in scores_of(standings, "S2", "Bob Ray")] == [True, True, False]


def test_img_equal_scores_the_later_event_is_dropped():
    rows = [("r1", 2), ("r2", 2), ("r3", 2)]
    events = {eid: event(eid, [(9, "Win Ner", "S2", "ok", 1), (5, "Dee Vee", "S2", "ok", pos)])
              for eid, pos in rows}
    standings = season(events, counted=2)
    assert scores_of(standings, "S2", "Dee Vee") == [
        ("r1", 2, 1, 0, (), True), ("r2", 2, 1, 0, (), True), ("r3", 2, 1, 0, (), False)]


def test_img_a_class_of_twelve_gives_the_winner_ten_and_tenth_place_onwards_one():
    rows = [(n, f"Driver {n:02d}", "GT", "ok", n) for n in range(1, 13)]
    standings = season({"r1": event("r1", rows)})
    assert [(s[1], s[2]) for s in table_of(standings, "GT")] == [
        ("Driver 01", 11), ("Driver 02", 9), ("Driver 03", 8), ("Driver 04", 7),
        ("Driver 05", 6), ("Driver 06", 5), ("Driver 07", 4), ("Driver 08", 3),
        ("Driver 09", 2), ("Driver 10", 1), ("Driver 11", 1), ("Driver 12", 1)]


def test_img_officials_bonuses_one_of_each_kind_per_class_and_event():
    bonuses = [Bonus(1, "r1", "23", BonusKind.ON_THE_MOVE),
               Bonus(2, "r1", "22", BonusKind.ON_THE_MOVE),   # a second one in S2: no effect
               Bonus(3, "r1", "23", BonusKind.FAST_FIVE)]
    standings = season({"r1": R1}, bonuses=bonuses)
    assert table_of(standings, "S2") == [
        (1, "Ann Lee", 4, 1, None), (2, "Cy Dee", 3, 1, None), (3, "Bob Ray", 2, 1, None)]
    assert scores_of(standings, "S2", "Cy Dee") == [
        ("r1", 3, 1, 2, ("on-the-move", "fast-five"), True)]


def test_img_excluded_and_disqualified_entries_score_nothing():
    r1 = event("r1", [(21, "Ann Lee", "S2", "disqualified", None),
                      (22, "Bob Ray", "S2", "ok", 1), (23, "Cy Dee", "S2", "excluded", None)])
    standings = season({"r1": r1}, bonuses=[Bonus(1, "r1", "21", BonusKind.FAST_FIVE)])
    assert table_of(standings, "S2") == [
        (1, "Bob Ray", 2, 1, None), (2, "Ann Lee", 0, 0, None), (2, "Cy Dee", 0, 0, None)]


def test_minimum_events_fewer_scored_events_listed_not_ranked():
    r1 = event("r1", [(1, "One Off", "S2", "ok", 1), (2, "Reg Ular", "S2", "ok", 2),
                      (3, "Thi Rd", "S2", "ok", 3)])
    r2 = event("r2", [(2, "Reg Ular", "S2", "ok", 1), (3, "Thi Rd", "S2", "ok", 2)])
    standings = season({"r1": r1, "r2": r2}, min_events=2)
    assert table_of(standings, "S2") == [
        (1, "Reg Ular", 5, 2, None),    # 2 + (2+1)
        (2, "Thi Rd", 2, 2, None),      # 1 + 1
        (None, "One Off", 4, 1, None),  # 3+1 from one event: listed after, no position
    ]


def test_class_change_a_separate_line_in_each_class():
    r1 = event("r1", [(21, "Ann Lee", "S2", "ok", 1, None, "123"),
                      (22, "Bob Ray", "S2", "ok", 2)])
    r2 = event("r2", [(21, "Ann Lee", "S4", "ok", 2, None, "123"),
                      (30, "Sam Oh", "S4", "ok", 1), (22, "Bob Ray", "S2", "ok", 1)])
    standings = season({"r1": r1, "r2": r2})
    # S2: r1 (n=2) Ann 2+1, Bob 1; r2 Bob alone 1+1: 3 each, a win each, Bob's second place
    assert table_of(standings, "S2") == [(1, "Bob Ray", 3, 2, "places"),
                                         (2, "Ann Lee", 3, 1, "places")]
    assert table_of(standings, "S4") == [(1, "Sam Oh", 3, 1, None), (2, "Ann Lee", 1, 1, None)]
    line = standings.of_class("S4").standings[1]
    assert (line.key, line.member_id) == ("member:123", "123")


def test_member_id_identifies_else_the_normalised_name_and_merges_join_them():
    r1 = event("r1", [(21, "Ann Lee", "S2", "ok", 1, None, "123")])
    r2 = event("r2", [(7, "  ann   LEE ", "S2", "ok", 1)])
    r3 = event("r3", [(7, "Ann  Lee", "S2", "ok", 1)])
    apart = season({"r1": r1, "r2": r2, "r3": r3})
    assert table_of(apart, "S2") == [(1, "Ann Lee", 4, 2, None), (2, "Ann Lee", 2, 1, None)]
    merged = season({"r1": r1, "r2": r2, "r3": r3},
                    merges=[Merge(1, "member:123", "name:ann lee", "Chief", "same driver")])
    assert table_of(merged, "S2") == [(1, "Ann Lee", 6, 3, None)]
    assert merged.of_class("S2").standings[0].key == "member:123"


def test_team_scoring_the_entry_team_scores_and_its_best_car_counts():
    r1 = event("r1", [(1, "Ann Lee", "E1", "ok", 1, None, "123", "Red Line Racing"),
                      (2, "Bob Ray", "E1", "ok", 2, None, "456", "Apex"),
                      (3, "Cy Dee", "E1", "ok", 3, None, None, "red line  racing")])
    r2 = event("r2", [(5, "Dan Fox", "E1", "ok", 1, None, None, "Apex"),
                      (1, "Eve Kim", "E1", "ok", 2, None, None, "Red Line Racing")])
    standings = season({"r1": r1, "r2": r2}, scores=ScoresBy.TEAM)
    # r1: Red Line's best car 1st (3+1) (its 3rd place, 1 point, is not added); Apex 2nd (2);
    # r2: Apex 2+1, Red Line 1
    # 5 each, a win and a second each: Apex won r2, the latest event both scored in
    assert table_of(standings, "E1") == [(1, "Apex", 5, 2, "last-event"),
                                         (2, "Red Line Racing", 5, 2, "last-event")]
    assert standings.of_class("E1").standings[0].member_id is None
