"""Invariants of the pure license counting (core/licenses.py, SCCA TT II.4.1.B, II.5.1.B)
and the minor's age (core/drivers.py, SCCA TT II.2)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trackside.core.drivers import Driver, LicenseGrade, age_on, is_minor
from trackside.core.licenses import HistoryEvent, license_status
from trackside.rules.licenses import UPGRADES

histories = st.lists(st.builds(
    HistoryEvent,
    event=st.text("abcdef", min_size=1, max_size=4),
    date=st.dates().map(lambda d: d.isoformat()),
    license=st.sampled_from([None, *LicenseGrade]),
    satisfactory=st.booleans(),
    standalone_tracksprint=st.booleans(),
), max_size=12, unique_by=lambda h: h.event)


@given(histories, st.sampled_from(list(LicenseGrade)))
def test_counted_events_are_satisfactory_on_the_grade_and_one_standalone_at_most(history, grade):
    status = license_status("M", grade, history, UPGRADES)
    counting = [e for e in status.events if e.counts]
    assert status.counted == len(counting)
    assert all(e.satisfactory and e.license is grade for e in counting)
    standalone = {(h.event, h.date) for h in history if h.standalone_tracksprint}
    assert sum(1 for e in counting if (e.event, e.date) in standalone) <= 1
    assert all((e.why is None) == e.counts for e in status.events)
    if status.needed is not None:
        assert status.eligible == (status.counted >= status.needed)


def test_sii2_minor_is_younger_than_18_on_the_first_day():
    assert age_on("2008-05-17", "2026-05-16") == 17
    assert age_on("2008-05-16", "2026-05-16") == 18
    assert is_minor(Driver("M", "A", "B", birth_date="2008-05-17"), "2026-05-16")
    assert not is_minor(Driver("M", "A", "B", birth_date="2008-05-16"), "2026-05-16")
    assert not is_minor(Driver("M", "A", "B"), "2026-05-16")
