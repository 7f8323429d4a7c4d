"""Benchmark: the live engine's cost per passing in a race session (issue 10, "the live race
path"), before and after the race went through `RaceTracker`.

Two races: the 30-car, 2-hour demo SprintDuro (`make demo`'s, imported into a temporary SQLite
file and read back with `load_facts`, its practice and qualifying included) held up to 1.5
hours, and `bench/race.py`'s 60-car, 4-hour endurance race held up to 3.5 hours. For each, two
`LiveResults` hold the same facts and are fed the same next passings, one at a time through
`apply`, interleaved round by round in one process:
- whole rescore: the engine as it was (every passing rescored the race sessions whole from
  their passing span, `score_sessions`), kept here as a subclass;
- tracker: the engine now (`live/race_trackers.py`).
Each round feeds `PER_ROUND` passings; the figures are CPU and wall ms per passing,
min/median/max over the rounds. Then, in the same rounds, an official's decision (a whole pass:
the old engine scores the race whole, the new one makes its tracker again from the facts).
Both engines' results are checked equal after the rounds.
"""

from __future__ import annotations

import shutil
import tempfile
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import replace
from itertools import count
from operator import attrgetter
from pathlib import Path

import race
from measure import QUICK, Times, interleaved, line, median

from trackside.core.flags_in_force import flag_standings
from trackside.core.periods import session_windows
from trackside.core.records import Decision, DecisionKind, EventFacts, Passing
from trackside.core.scoring import Scored, score_sessions, with_flags
from trackside.core.session_inputs import passing_span
from trackside.live.results_model import LiveResults
from trackside.rules import scored
from trackside.store.fast_read import collector_paused

PER_ROUND = 5 if QUICK else 20
S = 1_000_000
_time = attrgetter("time_us")


class WholeRescore(LiveResults):
    """The live engine before the race path went through the tracker: each passing rescored
    the race sessions whole from the passings of their span, and scored each car's races alone
    too, for its event row (for comparison only)."""

    def _scored_alone(self, facts: EventFacts) -> Scored:
        return scored(facts)

    def _scored_whole(self, facts: EventFacts) -> Scored:
        return scored(facts)

    def _feed_races(self, passings: list[Passing]) -> set[str]:
        facts = self.facts()
        spans = [passing_span(w, self._event.min_lap_us)
                 for w in session_windows(self._flags_in_force) if w.session_id in self._races]
        held = facts.passings
        own: list[Passing] = []
        for span in spans:
            low = 0 if span.since_us is None else bisect_left(held, span.since_us, key=_time)
            high = (len(held) if span.until_us is None
                    else bisect_left(held, span.until_us, key=_time))  # fmt: skip
            own += held[low:high]
        with collector_paused():
            scores = score_sessions(replace(facts, passings=tuple(own)), self._races)
        new = with_flags({sid: score.result for sid, score in scores.items()},
                         flag_standings(facts))  # fmt: skip
        changed = {sid for sid, result in new.items() if self._scored.sessions.get(sid) != result}
        if changed:
            sessions = {**self._scored.sessions, **{sid: new[sid] for sid in changed}}
            self._scored = Scored(self._scored.event, sessions)
        return changed


def demo_race() -> tuple[EventFacts, int]:
    """The demo SprintDuro's facts as the store gives them, and the time to hold it up to."""
    from trackside.demo.enduro import generate_enduro
    from trackside.demo.enduro_run import import_enduro
    from trackside.store import load_facts, open_engine

    folder = Path(tempfile.mkdtemp(prefix="trackside-bench-live-race-"))
    try:
        day = generate_enduro()
        engine = open_engine(f"sqlite:///{folder / 'race.db'}")
        import_enduro(engine, day, day.write(folder / "files"))
        facts = load_facts(engine, day.event_id)
        engine.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    green = next(f.time_us for f in facts.flags if f.session_id == "R1")
    return facts, green + round(1.5 * 3600 * S)


def bench_race() -> tuple[EventFacts, int]:
    """`bench/race.py`'s 4-hour race and the time to hold it up to."""
    return race.facts(), race.G + round(3.5 * 3600 * S)


def feeder(model: LiveResults, coming: Iterator[Passing]):
    def feed() -> None:
        for _ in range(PER_ROUND):
            model.apply([next(coming)])
    return feed


def decider(model: LiveResults, ids: Iterator[int], number: str):
    """An official's decision (5 s added to a car in the race): a whole pass of the event."""
    def decide() -> None:
        model.apply(decisions=[Decision(next(ids), DecisionKind.TIME_ADDED, number, "R1",
                                        penalty_us=5 * S)])  # fmt: skip
    return decide


def measure(name: str, facts: EventFacts, cut: int) -> dict[str, Times]:
    held = tuple(p for p in facts.passings if p.time_us < cut)
    coming = [p for p in facts.passings if p.time_us >= cut]
    start = replace(facts, passings=held)
    whole, tracked = WholeRescore(start), LiveResults(start)
    number = facts.entries[0].number
    first = max((d.id for d in facts.decisions), default=0) + 1
    times = interleaved({"whole rescore": feeder(whole, iter(coming)),
                         "tracker": feeder(tracked, iter(coming)),
                         "decision, whole rescore": decider(whole, count(first), number),
                         "decision, tracker": decider(tracked, count(first), number)})  # fmt: skip
    assert whole.scored.sessions == tracked.scored.sessions, "the two engines disagree"
    race_result = tracked.scored.sessions["R1"].race
    print(f"{name}: {len(facts.entries)} cars, {len(facts.passings):,} passings, "
          f"{len(held):,} held, then {PER_ROUND} a round; leader "
          f"{race_result.entries[0].number} on {race_result.entries[0].laps} laps")
    for label, timing in times.items():
        if label.startswith("decision"):
            print(line(label, timing))
            continue
        per = Times([c / PER_ROUND for c in timing.cpu], [w / PER_ROUND for w in timing.wall])
        times[label] = per
        print(line(f"{label} (per passing)", per))
    return times


def main() -> None:
    figures = {}
    for key, (name, source) in {"demo": ("demo SprintDuro", demo_race),
                                "4h": ("4-hour race", bench_race)}.items():  # fmt: skip
        facts, cut = source()
        times = measure(name, facts, cut)
        figures[key] = [median(times[label].cpu) * 1000 for label in
                        ("whole rescore", "tracker", "decision, whole rescore",
                         "decision, tracker")]  # fmt: skip
    parts = " ".join(f"{key}_whole_cpu_ms={w:.2f} {key}_tracker_cpu_ms={t:.2f} "
                     f"{key}_decision_whole_cpu_ms={dw:.1f} {key}_decision_tracker_cpu_ms={dt:.1f}"
                     for key, (w, t, dw, dt) in figures.items())  # fmt: skip
    print(f"live_race: {parts}")


if __name__ == "__main__":
    main()
