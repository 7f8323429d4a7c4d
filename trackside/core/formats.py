"""Competition formats: each session's `format` selects the scorer that turns its facts into
results (DESIGN.md, "a registry of competition formats").

A scorer scores all sessions of its formats in one call (the lap scorer assigns every crossing
of the day to its session in one pass) and gives, besides each session's result, every entry's
best counting time per session: the one thing event results take from any format (time-attack.md
and tracksprint.md, "Event results": a round's time is the best counting lap or run of its
sessions). A format no registered scorer handles is refused, never scored as another.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from trackside.core.records import Decision, EventFacts, SessionDef


class UnknownFormat(ValueError):
    """A session whose format this build does not score."""

    def __init__(self, session_id: str, fmt: str, known: Sequence[str]) -> None:
        self.session_id = session_id
        self.format = fmt
        self.known = tuple(known)
        super().__init__(
            f"session {session_id!r}: format {fmt!r} is not scored by this build "
            f"(it knows {', '.join(self.known)})"
        )


@dataclass(frozen=True, slots=True)
class BestTime:
    """An entry's best counting lap or run of one session, as a round takes it."""

    time_us: int
    set_us: int
    """When it was set (the lap's or run's end): equal times go to whoever set theirs first."""
    number: int
    """The lap or run number inside the session."""

    @classmethod
    def of_lap(cls, lap: Any) -> BestTime:
        """A scored lap's time, set at its end (time-attack.md, "Event results")."""
        return cls(lap.end_us - lap.start_us, lap.end_us, lap.lap)

    @classmethod
    def of_run(cls, run: Any) -> BestTime | None:
        """A scored run's final time, set at its finish; None for a run with no finish."""
        if run.time_us is None or run.finish_us is None:
            return None
        return cls(run.time_us, run.finish_us, run.run)


@dataclass(frozen=True, slots=True)
class ScoringInput:
    """What every scorer is given: the facts and the officials' decisions in force."""

    facts: EventFacts
    session_decisions: Mapping[tuple[str, str], Sequence[Decision]]
    """(car number, session id) -> the decisions in force that act on that session."""
    excluded: frozenset[str]
    """Car numbers excluded or disqualified from the whole event."""

    def decisions_for(self, number: str, session_id: str) -> Sequence[Decision]:
        return self.session_decisions.get((number, session_id), ())


@dataclass(frozen=True, slots=True)
class FormatScore:
    """One scorer's sessions: their results and each entry's best time per session."""

    sessions: dict[str, Any]
    best: dict[str, dict[str, BestTime]]
    """car number -> session id -> best counting time (absent: none)."""


class Scorer(Protocol):
    """A competition format's scoring, registered for the `format` names it handles."""

    name: str
    formats: frozenset[str]

    def score_sessions(self, given: ScoringInput, sessions: Sequence[SessionDef]) -> FormatScore:
        """Results of these sessions (all of this scorer's formats) from the facts."""
        ...

    def rank(self, rows: Sequence[Any]) -> list[Any]:
        """A session's entry rows in result order, with positions (the live engine re-ranks)."""
        ...


class FormatRegistry:
    """The scorers a build knows, by the format names a session may give."""

    def __init__(self, scorers: Iterable[Scorer]) -> None:
        self._by_format: dict[str, Scorer] = {}
        for scorer in scorers:
            for name in scorer.formats:
                if name in self._by_format:
                    raise ValueError(f"format {name!r} is registered twice")
                self._by_format[name] = scorer

    @property
    def known(self) -> tuple[str, ...]:
        """The format names this build scores, sorted."""
        return tuple(sorted(self._by_format))

    def scorer_for(self, session: SessionDef) -> Scorer:
        """The session's scorer; UnknownFormat names the session and the known formats."""
        scorer = self._by_format.get(str(session.format))
        if scorer is None:
            raise UnknownFormat(session.id, str(session.format), self.known)
        return scorer

    def grouped(self, sessions: Sequence[SessionDef]) -> list[tuple[Scorer, list[SessionDef]]]:
        """The sessions by scorer, scorers in order of their first session."""
        groups: dict[int, tuple[Scorer, list[SessionDef]]] = {}
        for session in sessions:
            scorer = self.scorer_for(session)
            groups.setdefault(id(scorer), (scorer, []))[1].append(session)
        return list(groups.values())
