"""The lap scorer: Time Attack, practice and qualifying sessions (time-attack.md).

Every crossing of the day is put in its session in one pass (`assign_laps`); each entry of a
session then gets its numbered laps, flags and decisions applied, and the session is ranked by
best valid lap (time-attack.md, "Session results").
"""

from __future__ import annotations

from collections.abc import Sequence

from trackside.core.decisions import is_session_dq
from trackside.core.formats import BestTime, FormatScore, ScoringInput
from trackside.core.read_times import passing_counts
from trackside.core.records import Decision, Entry, EventFacts, SessionDef, SessionFormat
from trackside.core.results import (
    ScoredLap,
    SessionEntryResult,
    SessionResult,
    Status,
    UnknownTransponder,
)
from trackside.core.session_laps import SessionLaps, assign_laps, entry_laps, numbered_laps
from trackside.core.session_results import best_lap, rank_session


def _status(best: ScoredLap | None, decisions: Sequence[Decision], excluded: bool) -> Status:
    if excluded:
        return Status.EXCLUDED
    if is_session_dq(decisions):
        return Status.DISQUALIFIED
    return Status.OK if best is not None else Status.NO_TIME


def _entry_row(
    entry: Entry, laps: list[ScoredLap], decisions: Sequence[Decision], excluded: bool
) -> SessionEntryResult:
    best = best_lap(laps)
    return SessionEntryResult(
        entry.number, entry.driver, entry.car_class, entry.group,
        _status(best, decisions, excluded), None, best, tuple(laps),
    )  # fmt: skip


def _unknown_counts(facts: EventFacts) -> dict[str, int]:
    """Passings of each transponder no entry claims."""
    known = {e.transponder for e in facts.entries}
    return {t: n for t, n in passing_counts(facts.passings).items() if t not in known}


def _unknown_transponders(
    session_laps: SessionLaps, session_id: str, counts: dict[str, int]
) -> tuple[UnknownTransponder, ...]:
    """The laps of transponders no entry claims (kept and shown, never scored)."""
    window = session_laps.windows.get(session_id)
    if window is None:
        return ()
    return tuple(
        UnknownTransponder(t, counts[t], tuple(numbered_laps(window, crossings)))
        for t, crossings in sorted(session_laps.crossings.get(session_id, {}).items())
        if t in counts
    )


class LapScorer:
    """Sessions scored by laps between start/finish crossings."""

    name = "laps"
    formats = frozenset({SessionFormat.TIME_ATTACK, SessionFormat.PRACTICE,
                         SessionFormat.QUALIFYING})  # fmt: skip

    def score_sessions(self, given: ScoringInput, sessions: Sequence[SessionDef]) -> FormatScore:
        facts = given.facts
        session_laps = assign_laps(facts)
        unknown = _unknown_counts(facts)
        results: dict[str, SessionResult] = {}
        best: dict[str, dict[str, BestTime]] = {}
        for session in sessions:
            rows = self._rows(given, session_laps, session)
            for row in rows:
                if row.best_lap is not None:
                    best.setdefault(row.number, {})[session.id] = BestTime.of_lap(row.best_lap)
            results[session.id] = SessionResult(
                facts.event.id, session.id, session.name, session.scored,
                tuple(rank_session(rows)),
                _unknown_transponders(session_laps, session.id, unknown),
            )  # fmt: skip
        return FormatScore(results, best)

    def rank(self, rows: Sequence[SessionEntryResult]) -> list[SessionEntryResult]:
        return rank_session(rows)

    @staticmethod
    def _rows(
        given: ScoringInput, session_laps: SessionLaps, session: SessionDef
    ) -> list[SessionEntryResult]:
        """A row for each entry of the session's groups, and for any other entry that drove."""
        ran = session_laps.crossings.get(session.id, {})
        groups = set(session.groups)
        rows = []
        for entry in given.facts.entries:
            if entry.transponder not in ran and entry.group not in groups:
                continue
            decisions = given.decisions_for(entry.number, session.id)
            laps = entry_laps(session_laps, session.id, entry.transponder, list(decisions))
            rows.append(_entry_row(entry, laps, decisions, entry.number in given.excluded))
        return rows


LAP_SCORER = LapScorer()
