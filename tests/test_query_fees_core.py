"""Invariants of the query fee (rules/queries.py; Rules Compliance Query 3.A-3.D): never
lower later in the event, always one of $0/$100/$500, $0 for officials, and $100 only on the
penultimate day."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trackside.core.clock import format_local_time, parse_local_time
from trackside.core.records import EventDef
from trackside.rules.queries import competition_days, query_fee

START = parse_local_time("2026-05-14T00:00:00")
moments = st.integers(0, 6 * 86_400).map(lambda s: START + s * 1_000_000)


@given(st.integers(1, 3), st.sampled_from(["12:00", "13:00", "13:30:30"]), moments, moments)
def test_fee_never_falls_later_in_the_event(days, lunch, a, b):
    event = EventDef("e", "E", "2026-05-15", days=days, lunch_end=lunch)
    early, late = sorted((a, b))
    assert query_fee(event, early).dollars <= query_fee(event, late).dollars
    assert query_fee(event, late).dollars in (0, 100, 500)
    assert query_fee(event, late, official=True).dollars == 0
    if query_fee(event, late).dollars == 100:
        assert days >= 2 and format_local_time(late)[:10] == competition_days(event)[-2]
