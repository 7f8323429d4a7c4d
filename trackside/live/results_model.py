"""Live results of one event, kept current fact by fact (issue 3, "Live engine").

A passing concerns one transponder. Its laps are scored again by `core.scoring.score` on that
transponder's own facts (its passings, the flags in force, its entry's decisions in force):
accepted crossings, the session runs, numbered laps and the decisions are the very functions a
full pass uses. Its rows replace the old ones, and only the sessions whose rows changed are
ranked again, with the event. A flag, a decision or a new definition can change any lap, so they
rescore all; so do a timing-light trip and a starter's release (which car a trip belongs to
depends on every car of the session, tracksprint.md "Lights"). A race session's order and finish
depend on every car (endurance.md): each race is kept by its own tracker (`race_trackers.py`,
`core.race_live.RaceTracker`), fed the passings of its span, and made again from the facts by
every whole pass (a flag, a decision, an official's pit stop or driver change, a revoke).

Stored rows are kept unranked (no positions); ranking is a pure function of the rows, so the
results here are always equal to `score(facts)` over the same facts (tests/test_live_model.py).
"""

from __future__ import annotations

from bisect import insort
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from operator import attrgetter

from trackside.core.decisions import active_decisions
from trackside.core.event_results import awards_per_class, rank_event
from trackside.core.event_rules import EventRules
from trackside.core.flags_in_force import flags_in_force
from trackside.core.known_formats import FORMATS
from trackside.core.records import (
    Decision,
    DriverChange,
    Entry,
    EventDef,
    EventFacts,
    Flag,
    Passing,
    PitStopRecord,
    Release,
    SessionFormat,
    Trip,
)
from trackside.core.results import EventEntryResult, SessionEntryResult
from trackside.core.scoring import Scored, SessionScore, combine, score_sessions
from trackside.live.race_trackers import RaceTrackers
from trackside.rules import event_rules, scored
from trackside.store.fast_read import collector_paused

BULK_PASSINGS = 200
"""A batch this big (an imported file) is cheaper to score in one full pass."""

_time = attrgetter("time_us")


def _trip_order(trip: Trip) -> tuple[int, int, int]:
    """As `store.run_facts.trips_in`: time, start before finish at equal times, then stored."""
    return (trip.time_us, 0 if str(trip.channel) == "start" else 1, trip.id or 0)


def _release_order(release: Release) -> tuple[int, int]:
    return (release.time_us, release.id or 0)


@dataclass(frozen=True, slots=True)
class Change:
    """What one batch of facts changed: some sessions (passings), or everything (`full`)."""

    sessions: frozenset[str] = frozenset()
    full: bool = False

    def __bool__(self) -> bool:
        return self.full or bool(self.sessions)


def _flag_key(flag: Flag) -> tuple[str, str, int]:
    """What makes two flags the same fact (the journal's unique key)."""
    return (flag.session_id, str(flag.state), flag.time_us)


def _unranked_row(row: SessionEntryResult) -> SessionEntryResult:
    return row if row.position is None else replace(row, position=None)


def _unranked_entry(row: EventEntryResult) -> EventEntryResult:
    if row.position is None and row.class_position is None and not row.award:
        return row
    return replace(row, position=None, class_position=None, award=False)


class LiveResults:
    """The results of one event, updated per passing and rescored per flag or decision."""

    def __init__(self, facts: EventFacts) -> None:
        self._passings: list[Passing] = []
        self._identities: set[str] = set()
        self._of_transponder: dict[str, list[Passing]] = defaultdict(list)
        self._flags: list[Flag] = []
        self._flag_keys: set[tuple[str, str, int]] = set()
        self._decisions: list[Decision] = []
        self._decision_ids: set[int] = set()
        self._event_dirty = False
        self._kept_keys: tuple[EventRules | None, dict] = (None, {})
        self._set_definitions(facts.event, facts.entries)
        self._race_facts = {"roster": facts.roster, "pit_stops": facts.pit_stops,
                            "driver_changes": facts.driver_changes}  # fmt: skip
        self._trips: tuple[Trip, ...] = ()
        self._releases: tuple[Release, ...] = ()
        self._record_trips(facts.trips)
        self._record_releases(facts.releases)
        self._roster = facts.roster
        self._pit_stops: tuple[PitStopRecord, ...] = ()
        self._driver_changes: tuple[DriverChange, ...] = ()
        self._record_race_facts(facts.pit_stops, facts.driver_changes)
        self._record_passings(facts.passings)
        self._record_flags(facts.flags)
        self._record_decisions(facts.decisions)
        self._rescore()

    # --- what the model holds -------------------------------------------------------------

    @property
    def scored(self) -> Scored:
        return self._scored

    @property
    def event(self) -> EventDef:
        return self._event

    @property
    def passing_count(self) -> int:
        return len(self._passings)

    @property
    def flag_count(self) -> int:
        return len(self._flags)

    @property
    def decision_count(self) -> int:
        return len(self._decisions)

    @property
    def trip_count(self) -> int:
        return len(self._trips)

    @property
    def release_count(self) -> int:
        return len(self._releases)

    def facts(self) -> EventFacts:
        """The facts the results stand on (passings in time order)."""
        return EventFacts(
            self._event, self._entries, tuple(self._passings), self._flag_tuple,
            self._decision_tuple, self._trips, self._releases, self._roster,
            self._pit_stops, self._driver_changes,
        )  # fmt: skip

    # --- facts arriving ---------------------------------------------------------------------

    def apply(
        self,
        passings: Iterable[Passing] = (),
        flags: Iterable[Flag] = (),
        decisions: Iterable[Decision] = (),
        trips: Iterable[Trip] = (),
        releases: Iterable[Release] = (),
        pit_stops: Iterable[PitStopRecord] = (),
        driver_changes: Iterable[DriverChange] = (),
        race_revokes: Iterable[tuple[str, int]] = (),
    ) -> Change:
        """Add a batch of journal rows (already stored ones are ignored); what changed."""
        new_flags = self._record_flags(flags)
        new_decisions = self._record_decisions(decisions)
        new_passings = self._record_passings(passings)
        new_lights = self._record_trips(trips) + self._record_releases(releases)
        new_lights += self._record_race_facts(pit_stops, driver_changes)
        new_lights += self._drop_revoked(race_revokes)
        whole = (new_passings and self._runs_by_lights) or new_lights
        if new_flags or new_decisions or whole or len(new_passings) >= BULK_PASSINGS:
            self._rescore()
            return Change(full=True)
        changed: set[str] = set()
        for transponder in dict.fromkeys(p.transponder for p in new_passings):
            changed |= self._update_transponder(transponder)
        if changed:
            self._rerank(changed)
        if new_passings and self._races:
            changed |= self._feed_races(new_passings)
        return Change(frozenset(changed))

    def redefine(self, event: EventDef, entries: tuple[Entry, ...]) -> Change:
        """A re-imported event file or entry list: score everything again."""
        self._set_definitions(event, entries)
        self._rescore()
        return Change(full=True)

    def _set_definitions(self, event: EventDef, entries: tuple[Entry, ...]) -> None:
        self._event = event
        self._entries = tuple(entries)
        self._entry_of = {entry.transponder: entry for entry in self._entries}
        # lights-timed runs depend on every car's releases and trips, and a race's order and
        # finish on every car's laps (endurance.md "The finish"): no car is scored alone
        self._runs_by_lights = any(s.timing == "lights" for s in event.sessions)
        self._races = frozenset(s.id for s in event.sessions if s.format == SessionFormat.RACE)
        self._other_sessions = [s.id for s in event.sessions if s.id not in self._races]
        self._race_rounds = any(sid in self._races for r in event.rounds for sid in r.sessions)

    def _record_passings(self, passings: Iterable[Passing]) -> list[Passing]:
        new = []
        for passing in passings:
            identity = passing.identity
            if identity in self._identities:
                continue
            self._identities.add(identity)
            insort(self._passings, passing, key=_time)
            self._of_transponder[passing.transponder].append(passing)
            new.append(passing)
        return new

    def _record_flags(self, flags: Iterable[Flag]) -> int:
        new = [f for f in flags if _flag_key(f) not in self._flag_keys]
        for flag in new:
            self._flag_keys.add(_flag_key(flag))
            self._flags.append(flag)
        self._flag_tuple = tuple(self._flags)
        return len(new)

    def _record_decisions(self, decisions: Iterable[Decision]) -> int:
        new = [d for d in decisions if d.id not in self._decision_ids]
        for decision in new:
            self._decision_ids.add(decision.id)
            self._decisions.append(decision)
        self._decision_tuple = tuple(self._decisions)
        return len(new)

    def _record_trips(self, trips: Iterable[Trip]) -> int:
        held = set(self._trips)
        new = [t for t in dict.fromkeys(trips) if t not in held]
        if new:
            self._trips = tuple(sorted((*self._trips, *new), key=_trip_order))
        return len(new)

    def _record_releases(self, releases: Iterable[Release]) -> int:
        held = set(self._releases)
        new = [r for r in dict.fromkeys(releases) if r not in held]
        if new:
            self._releases = tuple(sorted((*self._releases, *new), key=_release_order))
        return len(new)

    def _record_race_facts(
        self, pit_stops: Iterable[PitStopRecord], changes: Iterable[DriverChange]
    ) -> int:
        """Officials' pit stops and driver changes (endurance.md), kept in time order."""
        new_stops = [r for r in dict.fromkeys(pit_stops) if r not in set(self._pit_stops)]
        new_changes = [c for c in dict.fromkeys(changes) if c not in set(self._driver_changes)]
        if new_stops:
            self._pit_stops = tuple(sorted((*self._pit_stops, *new_stops),
                                           key=lambda r: (r.in_us, r.id or 0)))  # fmt: skip
        if new_changes:
            self._driver_changes = tuple(sorted((*self._driver_changes, *new_changes),
                                                key=lambda c: (c.at_us, c.id or 0)))  # fmt: skip
        return len(new_stops) + len(new_changes)

    def _drop_revoked(self, revokes: Iterable[tuple[str, int]]) -> int:
        """A pit stop or driver change recorded by mistake no longer counts (its revoke)."""
        revokes = list(revokes)
        if not revokes:
            return 0
        gone = {"pit-stop": set(), "driver-change": set()}
        for record, record_id in revokes:
            gone.setdefault(record, set()).add(record_id)
        before = len(self._pit_stops) + len(self._driver_changes)
        self._pit_stops = tuple(r for r in self._pit_stops if r.id not in gone["pit-stop"])
        self._driver_changes = tuple(c for c in self._driver_changes
                                     if c.id not in gone["driver-change"])  # fmt: skip
        return before - len(self._pit_stops) - len(self._driver_changes)

    # --- full pass --------------------------------------------------------------------------

    def _rescore(self) -> None:
        """One full pass (`core.scoring.score`); the per-row state is rebuilt from it."""
        facts = self.facts()
        with collector_paused():  # see store/fast_read.py: scoring builds only acyclic tuples
            self._scored = self._scored_whole(facts)
        self._flags_in_force = flags_in_force(facts)
        in_force = active_decisions(self._decisions)
        self._decisions_of: dict[str, tuple[Decision, ...]] = defaultdict(tuple)
        for decision in in_force:
            if decision.number is not None:
                self._decisions_of[decision.number] += (decision,)
        by_laps = {sid: result for sid, result in self._scored.sessions.items()
                   if sid not in self._races}  # fmt: skip
        self._rows = {
            sid: {row.number: _unranked_row(row) for row in result.entries}
            for sid, result in by_laps.items()
        }
        self._unknown = {
            sid: {u.transponder: u for u in result.unknown} for sid, result in by_laps.items()
        }
        self._event_rows = {r.number: _unranked_entry(r) for r in self._scored.event.entries}

    # --- one transponder --------------------------------------------------------------------

    def _transponder_facts(self, transponder: str) -> EventFacts:
        entry = self._entry_of.get(transponder)
        return EventFacts(
            self._event,
            (entry,) if entry else (),
            tuple(self._of_transponder[transponder]),
            self._flags_in_force,
            self._decisions_of[entry.number] if entry else (),
        )

    def _update_transponder(self, transponder: str) -> set[str]:
        """Score one transponder alone and put its rows in place; the sessions that changed."""
        own = self._scored_alone(self._transponder_facts(transponder))
        entry = self._entry_of.get(transponder)
        changed = set()
        for sid, result in own.sessions.items():
            if sid in self._races:
                continue  # a race is kept by its tracker (`_feed_races`)
            if entry is None:
                new = result.unknown[0] if result.unknown else None
                if _put(self._unknown.setdefault(sid, {}), transponder, new):
                    changed.add(sid)
            else:
                row = _unranked_row(result.entries[0]) if result.entries else None
                if _put(self._rows.setdefault(sid, {}), entry.number, row):
                    changed.add(sid)
        if entry is not None and changed:
            self._event_dirty |= _put(
                self._event_rows, entry.number, _unranked_entry(own.event.entries[0])
            )
        return changed

    def _scored_alone(self, facts: EventFacts) -> Scored:
        """One transponder's facts scored: its races are not (a race needs every car, its
        tracker keeps it) unless a `[[round]]` names a race (then the event row counts it)."""
        if not self._races or self._race_rounds:
            return scored(facts)
        scores = score_sessions(facts, self._other_sessions)
        races = {sid: SessionScore(self._scored.sessions[sid], {}) for sid in self._races}
        return combine(facts, event_rules(self._event.ruleset), {**scores, **races})

    def _scored_whole(self, facts: EventFacts) -> Scored:
        """`rules.scored(facts)`; the races through new trackers (`race_trackers.py`), which
        then follow each passing of their race."""
        if not self._races:
            self._trackers = None
            return scored(facts)
        self._trackers = RaceTrackers(facts, [s.id for s in self._event.sessions
                                              if s.id in self._races])  # fmt: skip
        sessions = {**score_sessions(facts, self._other_sessions), **self._trackers.scores()}
        return combine(facts, event_rules(self._event.ruleset), sessions)

    def _feed_races(self, passings: list[Passing]) -> set[str]:
        """Feed the new passings to the race trackers; the races whose result changed."""
        assert self._trackers is not None
        with collector_paused():
            new = self._trackers.feed(passings)
        changed = {sid for sid, result in new.items() if self._scored.sessions.get(sid) != result}
        if changed:
            sessions = {**self._scored.sessions, **{sid: new[sid] for sid in changed}}
            self._scored = Scored(self._scored.event, sessions)
        return changed

    def _event_key(self, rules: EventRules):
        """The event ranking's key, remembered for rows that did not change (one car's row
        changes per passing; working out 300 cars' keys again was most of a re-rank)."""
        if self._kept_keys[0] is not rules:
            self._kept_keys = (rules, {})
        return _remembered_key(rules, self._kept_keys[1])

    def _rerank(self, sessions: set[str]) -> None:
        """Rank the changed sessions and the event again from their stored rows."""
        before = self._scored
        updated = dict(before.sessions)
        for sid in sessions:
            scorer = FORMATS.scorer_for(self._event.session(sid))  # type: ignore[arg-type]
            updated[sid] = replace(
                before.sessions[sid],
                entries=tuple(scorer.rank(list(self._rows[sid].values()))),
                unknown=tuple(u for _, u in sorted(self._unknown[sid].items())),
            )
        event = before.event
        if self._event_dirty:
            rules = event_rules(self._event.ruleset)
            awards = awards_per_class(self._event, rules)
            ranked = rank_event(list(self._event_rows.values()), rules, awards,
                                self._event_key(rules))  # fmt: skip
            event = replace(event, entries=tuple(ranked))
            self._event_dirty = False
        self._scored = Scored(event, updated)


def _remembered_key(rules: EventRules, kept: dict[str, tuple[EventEntryResult, tuple]]):
    """`rules.rank_key`, remembered per entry row while the row is the same object."""
    def key(row: EventEntryResult) -> tuple:
        hit = kept.get(row.number)
        if hit is None or hit[0] is not row:
            hit = kept[row.number] = (row, rules.rank_key(row))
        return hit[1]
    return key


def _put(rows: dict, key: str, row: object | None) -> bool:
    """Store `row` under `key` (None removes it); True when that changed anything."""
    if row is None:
        return rows.pop(key, None) is not None
    if rows.get(key) == row:
        return False
    rows[key] = row
    return True


__all__ = ["BULK_PASSINGS", "Change", "LiveResults"]
