"""Hypothesis properties of season standings (championship.md): with best-N, adding an event
never lowers a total; the standings do not depend on the order events (or their rows) were
imported; a penalty on one event changes only that event's scores."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.season_scenario import season
from trackside.core.points_scheme import TieBreak
from trackside.core.series_records import ClassResult, EventInfo, ScoresBy, SeriesDef
from trackside.core.standings import standings
from trackside.rules.points import TIE_BREAKS, points_scheme

DRIVERS = ("Al", "Bo", "Cy", "Di", "Ed", "Fy", "Gu", "Hu")
STATUSES = ("ok", "ok", "ok", "ok", "no-time", "disqualified")
SCHEMES = st.sampled_from([("img", ()), ("position-table", (10, 6, 4, 3, 2, 1)),
                           ("percent-of-winner", ())])


@st.composite
def event_results(draw, event_id: str) -> list[ClassResult]:
    """An event: some drivers, each in S2 or S4, ok ones in class order with totals."""
    chosen = draw(st.lists(st.sampled_from(DRIVERS), min_size=1, max_size=8, unique=True))
    rows = []
    places = {"S2": 0, "S4": 0}
    for number, driver in enumerate(chosen, start=1):
        car_class = draw(st.sampled_from(("S2", "S4")))
        status = draw(st.sampled_from(STATUSES))
        position = None
        total = None
        if status == "ok":
            places[car_class] += 1
            position = places[car_class]
            total = 60_000_000 + 1_000_000 * position + draw(st.integers(0, 999)) * 1000
        rows.append(ClassResult(event_id, f"2026-0{len(event_id)}-01", str(number), driver,
                                car_class, status, position, total))
    return rows


@st.composite
def seasons(draw, min_events: int = 1, max_events: int = 5) -> dict[str, list[ClassResult]]:
    count = draw(st.integers(min_events, max_events))
    events = {}
    for index in range(count):
        eid = f"r{index + 1}"
        rows = draw(event_results(eid))
        events[eid] = [r._replace(date=f"2026-{index + 3:02d}-01") for r in rows]
    return events


def totals(standings) -> dict[tuple[str, str], int]:
    return {(c.car_class, s.key): s.total for c in standings.classes for s in c.standings}


@settings(max_examples=150, deadline=None)
@given(seasons(max_events=4), event_results("r9"), SCHEMES, st.integers(1, 3))
def test_best_n_adding_an_event_never_lowers_a_total(events, extra, scheme, counted):
    name, table = scheme
    before = totals(season(events, scheme=name, table=table, counted=counted))
    added = {**events, "r9": [r._replace(date="2026-12-01") for r in extra]}
    after = totals(season(added, scheme=name, table=table, counted=counted))
    for key, total in before.items():
        assert after[key] >= total


@settings(max_examples=150, deadline=None)
@given(seasons(), SCHEMES, st.integers(0, 3), st.randoms(use_true_random=False))
def test_standings_do_not_depend_on_the_order_events_were_imported(
        events, scheme, counted, rng):
    name, table = scheme
    shuffled_ids = list(events)
    rng.shuffle(shuffled_ids)
    shuffled = {}
    for eid in shuffled_ids:
        rows = list(events[eid])
        rng.shuffle(rows)
        shuffled[eid] = rows
    # the season's order is each event's date, the series file's order only between equal dates
    one = season(events, scheme=name, table=table, counted=counted)
    other = season(shuffled, scheme=name, table=table, counted=counted)
    assert _lines(one) == _lines(other)


def _lines(standings):
    return [(c.car_class, [(s.position, s.key, s.total, s.tie_break,
                            sorted((e.event_id, e.score, e.counted) for e in s.scores))
                           for s in c.standings]) for c in standings.classes]


@settings(max_examples=150, deadline=None)
@given(seasons(min_events=2), SCHEMES, st.data())
def test_a_penalty_on_an_event_changes_only_that_event_s_scores(events, scheme, data):
    name, table = scheme
    target = data.draw(st.sampled_from(sorted(events)))
    rows = events[target]
    victim = data.draw(st.sampled_from(range(len(rows))))
    penalised = _disqualified(rows, victim)
    before = season(events, scheme=name, table=table)
    after = season({**events, target: penalised}, scheme=name, table=table)
    assert _scores_outside(before, target) == _scores_outside(after, target)


def _disqualified(rows: list[ClassResult], index: int) -> list[ClassResult]:
    """The event after an event-dq of one entry: its class closes up behind it."""
    victim = rows[index]
    out = []
    for i, row in enumerate(rows):
        if i == index:
            out.append(row._replace(status="disqualified", class_position=None))
        elif (row.car_class == victim.car_class and victim.class_position is not None
              and row.class_position is not None and row.class_position > victim.class_position):
            out.append(row._replace(class_position=row.class_position - 1))
        else:
            out.append(row)
    return out


def _scores_outside(standings, event_id: str) -> set:
    return {(c.car_class, s.key, replace(e, counted=False))
            for c in standings.classes for s in c.standings for e in s.scores
            if e.event_id != event_id}


@settings(max_examples=150, deadline=None)
@given(seasons(min_events=2), SCHEMES, st.integers(0, 2))
def test_group_keys_of_a_tie_break_equal_its_key_line_by_line(events, scheme, counted):
    """championship.md, "Season totals": `places` and `last-event` keyed for a whole tied group
    at once (the speed path) rank exactly as their per-line keys do."""
    name, table = scheme
    names = ("places", "last-event", "events")
    series = SeriesDef("s", "S", name, ScoresBy.DRIVER, counted, 0, tuple(table), names,
                       tuple(events))
    infos = [EventInfo(eid, eid, rows[0].date, i) for i, (eid, rows) in enumerate(events.items())]
    fast = tuple(TIE_BREAKS[n] for n in names)
    slow = tuple(TieBreak(rule.name, rule.key) for rule in fast)
    assert all(rule.group_keys is not None for rule in fast[:2])
    assert standings(series, infos, events, points_scheme(name), fast) == standings(
        series, infos, events, points_scheme(name), slow)
