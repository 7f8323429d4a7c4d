"""The run scorer: TrackSprint and HillClimb sessions (tracksprint.md).

A session's runs come from its loops' passings (`runs_from_loops.py`) or its timing lights'
trips and the starter's releases (`runs_from_lights.py`); each car's runs are then numbered,
held by green flags or not, limited and decided on (`run_decisions.py`), and the session is
ranked by best counting run, then second-best, then whoever finished the best run first.
"""

from __future__ import annotations

from collections.abc import Sequence

from trackside.core.decisions import is_session_dq
from trackside.core.formats import BestTime, FormatScore, ScoringInput
from trackside.core.periods import SessionWindow, session_windows
from trackside.core.records import RUN_FORMATS, Decision, DecisionKind, Entry, SessionDef
from trackside.core.results import NaturalKey, Status, natural_key
from trackside.core.run_decisions import car_runs
from trackside.core.run_results import RunEntryResult, RunSessionResult, ScoredRun, TimingNote
from trackside.core.runs_from_lights import runs_from_lights
from trackside.core.runs_from_loops import runs_from_loops

_NEVER = 1 << 62


def best_run(runs: Sequence[ScoredRun]) -> ScoredRun | None:
    """The fastest counting run; equal times go to the run finished first."""
    counting = [r for r in runs if r.valid and r.time_us is not None]
    return min(counting, key=lambda r: (r.time_us, r.finish_us), default=None)


def run_rank_key(entry: RunEntryResult) -> tuple[int, int, int, NaturalKey]:
    """Best counting run, then second-best (a car with a second counting run beats one
    without), then whoever finished the best run first, then the car number."""
    times = sorted(r.time_us for r in entry.runs if r.valid and r.time_us is not None)
    best = entry.best_run
    return (
        times[0] if times else _NEVER,
        times[1] if len(times) > 1 else _NEVER,
        best.finish_us if best is not None and best.finish_us is not None else _NEVER,
        natural_key(entry.number),
    )


def rank_runs(rows: Sequence[RunEntryResult]) -> list[RunEntryResult]:
    """Ranked entries first (positions 1..n), then the rest in car-number order."""
    ranked = sorted((r for r in rows if r.status is Status.OK), key=run_rank_key)
    others = sorted((r for r in rows if r.status is not Status.OK),
                    key=lambda r: natural_key(r.number))  # fmt: skip
    placed = [RunEntryResult(r.number, r.driver, r.car_class, r.group, r.status, i, r.best_run,
                             r.runs) for i, r in enumerate(ranked, start=1)]  # fmt: skip
    return placed + others


def _status(best: ScoredRun | None, decisions: Sequence[Decision], excluded: bool) -> Status:
    if excluded:
        return Status.EXCLUDED
    if is_session_dq(decisions):
        return Status.DISQUALIFIED
    return Status.OK if best is not None else Status.NO_TIME


def _row(entry: Entry, runs: list[ScoredRun], decisions: Sequence[Decision],
         excluded: bool) -> RunEntryResult:  # fmt: skip
    best = best_run(runs)
    return RunEntryResult(entry.number, entry.driver, entry.car_class, entry.group,
                          _status(best, decisions, excluded), None, best, tuple(runs))  # fmt: skip


def session_dnfs(given: ScoringInput, session_id: str) -> list[Decision]:
    """The `run-dnf` decisions in force of a session, every car's."""
    return [d for (_, sid), ds in given.session_decisions.items() if sid == session_id
            for d in ds if d.kind is DecisionKind.RUN_DNF]  # fmt: skip


class RunScorer:
    """Sessions scored by runs between a start and a finish (tracksprint.md)."""

    name = "runs"
    formats = RUN_FORMATS

    def score_sessions(self, given: ScoringInput, sessions: Sequence[SessionDef]) -> FormatScore:
        windows = {w.session_id: w for w in session_windows(given.facts.flags)}
        results: dict[str, RunSessionResult] = {}
        best: dict[str, dict[str, BestTime]] = {}
        for session in sessions:
            result = self.score_session(given, session, windows.get(session.id))
            results[session.id] = result
            for row in result.entries:
                time = None if row.best_run is None else BestTime.of_run(row.best_run)
                if time is not None:
                    best.setdefault(row.number, {})[session.id] = time
        return FormatScore(results, best)

    def rank(self, rows: Sequence[RunEntryResult]) -> list[RunEntryResult]:
        return rank_runs(rows)

    @staticmethod
    def score_session(
        given: ScoringInput, session: SessionDef, window: SessionWindow | None
    ) -> RunSessionResult:
        facts = given.facts
        orphan_starts: tuple[int, ...] = ()
        orphan_finishes: tuple[int, ...] = ()
        notes: tuple[TimingNote, ...] = ()
        on_course: tuple[tuple[str, int], ...] = ()
        if session.timing == "lights":
            lights = runs_from_lights(
                session,
                [t for t in facts.trips if t.session_id == session.id],
                [r for r in facts.releases if r.session_id == session.id],
                session_dnfs(given, session.id),
            )
            raw = {n: [(s, f) for s, f in runs] for n, runs in lights.runs.items()}
            orphan_starts = tuple(lights.orphan_starts)
            orphan_finishes = tuple(lights.orphan_finishes)
            notes = tuple(sorted(lights.notes))
            on_course = tuple(lights.on_course)
        else:
            transponders = {e.transponder: e.number for e in facts.entries}
            raw = runs_from_loops(facts.passings, session, window, transponders)
            dnfs = session_dnfs(given, session.id)
            raw = _loop_dnfs(raw, dnfs)
            on_course = _loops_on_course(raw, dnfs)
        periods = () if window is None else window.periods
        groups = set(session.groups)
        rows = []
        for entry in facts.entries:
            if entry.number not in raw and entry.group not in groups:
                continue
            decisions = given.decisions_for(entry.number, session.id)
            runs = car_runs(raw.get(entry.number, []), session, periods, decisions)
            rows.append(_row(entry, runs, decisions, entry.number in given.excluded))
        return RunSessionResult(
            facts.event.id, session.id, session.name, session.scored, str(session.format),
            session.timing or "", tuple(rank_runs(rows)), orphan_starts, orphan_finishes, notes,
            on_course=on_course,
        )  # fmt: skip


def _loop_dnfs(
    raw: dict[str, list[tuple[int, int | None]]], dnfs: Sequence[Decision]
) -> dict[str, list[tuple[int, int | None]]]:
    """Loops timing: a `run-dnf` at T leaves the car's run on course at T with no finish."""
    for decision in dnfs:
        at, runs = decision.at_us, raw.get(decision.number or "")
        if at is None or not runs:
            continue
        raw[decision.number or ""] = [
            (s, None) if s <= at and (f is None or f > at) else (s, f) for s, f in runs
        ]
    return raw


def _loops_on_course(
    raw: dict[str, list[tuple[int, int | None]]], dnfs: Sequence[Decision]
) -> tuple[tuple[str, int], ...]:
    """Loops timing: a car whose last start has no finish and no `run-dnf` at or after it is
    on course (an earlier run with no finish was ended by the car's next start)."""
    dnf_at: dict[str, list[int]] = {}
    for decision in dnfs:
        if decision.at_us is not None:
            dnf_at.setdefault(decision.number or "", []).append(decision.at_us)
    on = []
    for number, runs in raw.items():
        if not runs:
            continue
        start, finish = max(runs, key=lambda run: run[0])
        if finish is None and not any(at >= start for at in dnf_at.get(number, ())):
            on.append((start, number))
    return tuple((number, start) for start, number in sorted(on))


RUN_SCORER = RunScorer()
