"""Immutable domain records: the facts trackside stores and the definitions it scores against.

Times are integer microseconds of local track time since 1970-01-01 (naive, no time zone):
decoders give microseconds, files give milliseconds, and nothing here ever uses floats.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


class FlagState(StrEnum):
    """Flag states that matter to scoring (SCCA TT Rules VI.1.1.5, RMD 1.6)."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    BLACK_ALL = "black-all"
    CHECKERED = "checkered"


HARD_CLOSE = frozenset({FlagState.RED, FlagState.BLACK_ALL})
"""Flags after which no lap is officially scored (SCCA TT Rules VI.1.1.5.C)."""


class SessionFormat(StrEnum):
    """The formats the specs name; which of them this build scores is `core.known_formats`."""

    TIME_ATTACK = "time-attack"
    TRACKSPRINT = "tracksprint"
    HILLCLIMB = "hillclimb"
    PRACTICE = "practice"
    QUALIFYING = "qualifying"
    RACE = "race"


class Scoring(StrEnum):
    ROUNDS = "rounds"
    BEST_LAP = "best-lap"


class DecisionKind(StrEnum):
    """Officials' decisions (time-attack.md, "Decisions on a session")."""

    DELETE_LAP = "delete-lap"
    TRACK_LIMITS = "track-limits"
    LOSS_OF_CONTROL = "loss-of-control"
    FLAG_VIOLATION = "flag-violation"
    LOSE_FASTEST_LAP = "lose-fastest-lap"
    SESSION_DQ = "session-dq"
    SPORTSMANSHIP = "sportsmanship"
    EXCLUDE_FROM_SESSION = "exclude-from-session"
    WARNING = "warning"
    SESSION_INTERRUPTION = "session-interruption"
    TIME_PENALTY = "time-penalty"
    EVENT_EXCLUSION = "event-exclusion"
    EVENT_DQ = "event-dq"
    RESULTS_OFFICIAL = "results-official"
    REVOKE = "revoke"
    REVOKE_FLAG = "revoke-flag"
    """A flag shown or recorded by mistake no longer counts (`core/flags_in_force.py`)."""
    # runs (tracksprint.md, "Decisions on runs", "Re-runs"): `--run N` names the run
    DELETE_RUN = "delete-run"
    CONES = "cones"
    MISSED_GATE = "missed-gate"
    OFF_COURSE = "off-course"
    NOT_SLOWING = "not-slowing"
    LOSE_FASTEST_RUN = "lose-fastest-run"
    RERUN = "rerun"
    """A re-run granted for run N (`trackside rerun grant`): N does not count, nor toward
    `max_runs`; the reason is one of the rulebook's (tracksprint.md, "Re-runs")."""
    RUN_DNF = "run-dnf"
    """The car left the course at `at_us` (`trackside run dnf`): its run has no finish."""
    # races (endurance.md, "Race decisions", "Grid from qualifying", "Drivers and stints")
    TIME_ADDED = "time-added"
    """`penalty_us` added to the car's race time."""
    LAPS_DEDUCTED = "laps-deducted"
    """`count` laps taken from the car's laps."""
    DRIVE_THROUGH = "drive-through"
    """Served at `served_us` (or by a later `penalty-served`); unserved at the finish it is
    the session's `unserved_penalty_us` of added time."""
    STOP_AND_GO = "stop-and-go"
    """As DRIVE_THROUGH."""
    POSITION = "position"
    """Moved `count` places back after classification."""
    RACE_DQ = "race-dq"
    """Disqualified from the race session: status `disqualified`, no position."""
    PENALTY_SERVED = "penalty-served"
    """Decision `serves` (a drive-through or stop-and-go) was served at `served_us`."""
    CONTACT = "contact"
    """Body contact in practice or qualifying between `number` and `other_number`: both are
    gridded last for the race (IMG no-contact policy)."""
    SOLO_EXIT = "solo-exit"
    """An official confirms the solo driver of `number` fully exited the car during the
    mandatory stop of `session_id`."""
    # officials (officials.md): marks, impound, licenses
    SATISFACTORY = "satisfactory"
    """Car `number`'s entry is marked satisfactory (`trackside satisfactory ... yes`), overriding
    the default from the results (SCCA TT Appendix B 3.1.2 B)."""
    UNSATISFACTORY = "unsatisfactory"
    """Marked not satisfactory (`... no`); `reason` is the justification Appendix B asks for."""
    IMPOUND_RELEASE = "impound-release"
    """Car `number` was released from impound at `at_us` (Rules Compliance Query 3.G)."""
    # tech (docs/tech.md): a finding of non-compliance (SCCA TT Rules Compliance 2.3)
    RECLASSIFY = "reclassify"
    """Car `number` runs in class `car_class` for the whole event (`trackside reclassify`)."""


LOSE_FASTEST = frozenset(
    {
        DecisionKind.TRACK_LIMITS,
        DecisionKind.LOSS_OF_CONTROL,
        DecisionKind.FLAG_VIOLATION,
        DecisionKind.LOSE_FASTEST_LAP,
    }
)
"""Kinds that each remove the fastest remaining valid lap of the session (SCCA TT VI.1.1.2.C,
VI.1.1.6.A; RMD 1.2, 1.7)."""

SESSION_KINDS = LOSE_FASTEST | {
    DecisionKind.DELETE_LAP,
    DecisionKind.SESSION_DQ,
    DecisionKind.SPORTSMANSHIP,
    DecisionKind.EXCLUDE_FROM_SESSION,
    DecisionKind.WARNING,
    DecisionKind.SESSION_INTERRUPTION,
}
"""Kinds that act on one session and need one named (by --session or inferred from --at)."""

EVENT_KINDS = frozenset({DecisionKind.EVENT_EXCLUSION, DecisionKind.EVENT_DQ})


class Passing(NamedTuple):
    """One crossing of a timing loop by a transponder, as a decoder or file reported it.

    A named tuple: events hold tens of thousands and every recompute reads them all back.
    """

    time_us: int
    transponder: str
    loop: str | None = None
    decoder: str | None = None
    passing_number: int | None = None
    source: str = "csv"

    @property
    def identity(self) -> str:
        """What makes two passings the same (interfaces.md, Passings)."""
        if self.decoder is not None and self.passing_number is not None:
            return f"d:{self.decoder}:{self.passing_number}"
        return f"t:{self.transponder}:{self.time_us}:{self.loop or ''}"


@dataclass(frozen=True, slots=True)
class Flag:
    """A flag shown in a session. Two flags are the same fact when session, state and time
    are; the journal's row id, author and recording time only describe the record."""

    session_id: str
    state: FlagState
    time_us: int
    id: int | None = field(default=None, compare=False)
    """The journal row id (None for a flag not stored yet)."""
    author: str = field(default="", compare=False)
    recorded_us: int = field(default=0, compare=False)


class LightChannel(StrEnum):
    """The two eyes of a timing-light system (tracksprint.md, "Facts")."""

    START = "start"
    FINISH = "finish"


@dataclass(frozen=True, slots=True)
class Trip:
    """A timing-light trip: a beam broken on `channel` at `time_us` (tracksprint.md, "Facts").

    Never edited or deleted; `line_id` is the raw line it was read from (`light_lines`), so a
    session can be read again from the raw lines after a mapping fix."""

    session_id: str
    channel: LightChannel
    time_us: int
    id: int | None = field(default=None, compare=False)
    line_id: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Release:
    """The starter releasing car `number` from the grid at `time_us` (tracksprint.md)."""

    session_id: str
    number: str
    time_us: int
    id: int | None = field(default=None, compare=False)
    author: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class Decision:
    """An official's decision. Never changed: revoking is a later decision of kind REVOKE;
    a flag is revoked by one of kind REVOKE_FLAG naming it (`flag_id`)."""

    id: int
    kind: DecisionKind
    number: str | None = None
    session_id: str | None = None
    lap: int | None = None
    at_us: int | None = None
    penalty_us: int | None = None
    """Time added by a `time-penalty`, in microseconds."""
    reason: str = ""
    author: str = ""
    created_us: int = 0
    revokes: int | None = None
    flag_id: int | None = None
    """The flag a `revoke-flag` decision revokes (its journal row id)."""
    run: int | None = None
    """The run a run decision names (`--run N`, tracksprint.md)."""
    count: int | None = None
    """How many cones a `cones` decision adds (`--count K`); laps of a `laps-deducted`, places
    of a `position` decision."""
    other_number: str | None = None
    """The second car of a `contact` decision."""
    served_us: int | None = None
    """When a drive-through or stop-and-go was served (`--served-at`); a `penalty-served`'s time."""
    serves: int | None = None
    """The decision a `penalty-served` decision marks as served."""
    query_id: int | None = None
    """The compliance query whose answer this penalty comes from (`penalty add --query ID`)."""
    car_class: str | None = None
    """The class a `reclassify` decision moves car `number` to (docs/tech.md)."""


@dataclass(frozen=True, slots=True)
class Entry:
    number: str
    first_name: str
    last_name: str
    car_class: str
    group: str
    transponder: str
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def driver(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class Track:
    name: str = ""
    length_m: float | None = None
    start_finish_loop: str | None = None


@dataclass(frozen=True, slots=True)
class SessionDef:
    id: str
    name: str = ""
    format: str = SessionFormat.TIME_ATTACK
    """Selects the session's scorer (`core.known_formats`); `SessionFormat` names the spec's."""
    scored: bool = True
    groups: tuple[str, ...] = ()
    start: str | None = None
    duration_min: float | None = None
    # tracksprint / hillclimb (tracksprint.md, "Session settings"); None for other formats
    timing: str | None = None
    """`loops` (start/finish loop passings) or `lights` (timing-light trips)."""
    start_loop: str | None = None
    finish_loop: str | None = None
    cone_penalty_us: int = 2_000_000
    """Time added per cone (`cone_penalty_s`, default 2.0 s)."""
    max_runs: int | None = None
    """Runs counted per car in the session (None: no limit)."""
    duplicate_read_us: int = 1_000_000
    """A read or trip this close after the previous accepted one is ignored."""
    race: RaceSettings | None = None
    """A `race` session's settings (endurance.md, "Session settings"); None for other formats."""


@dataclass(frozen=True, slots=True)
class RaceSettings:
    """A race session's settings (endurance.md, "Session settings"); durations in µs.

    The scheduled length is the session's `duration_min`."""

    sprint_us: int | None = None
    """SprintDuro: the Sprint result is taken at G + this; None for no Sprint part."""
    mandatory_stops: int = 0
    min_stop_us: int = 0
    missed_stop: str = "last-in-class"
    """`last-in-class`, `laps:N` or `time:S`."""
    pit_in_loop: str | None = None
    pit_out_loop: str | None = None
    max_stint_us: int = 180 * 60_000_000
    min_rest_us: int = 60 * 60_000_000
    min_classified_pct: int = 50
    unserved_penalty_us: int = 60_000_000
    """Time added for a drive-through or stop-and-go unserved at the finish."""


TIMINGS = ("loops", "lights")
RUN_FORMATS = frozenset({SessionFormat.TRACKSPRINT, SessionFormat.HILLCLIMB})
"""Formats scored by runs (`core/run_scorer.py`)."""


@dataclass(frozen=True, slots=True)
class RoundDef:
    name: str
    sessions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GroupDef:
    """A run group's settings (event TOML `[[group]]`, officials.md): the Participant Report's
    passing rules value (SCCA TT Appendix B 3.1.2 B 7: 0 no passing .. 4 no point-by) and the
    least license grade the group admits."""

    name: str
    passing: int | None = None
    min_license: str | None = None


@dataclass(frozen=True, slots=True)
class OfficialDef:
    """An event official (event TOML `[[official]]`; SCCA TT Appendix C 1.1)."""

    name: str
    role: str


OFFICIAL_ROLES = (
    "event-lead", "safety-steward", "competition-director", "ambassador", "technical-chief",
    "timing-chief", "driver-coach", "novice-coach", "grid-marshall", "track-director",
    "flag-chief", "corner-marshall", "paddock-marshall", "starter", "worker-chief",
)  # fmt: skip
"""The principal officials' roles (SCCA TT Appendix C 1.1), as the event file spells them."""

ENTRY_CHECKS = ("warn", "error")
"""What `entries import` does with an entry that fails a check (`[event] entry_checks`)."""


@dataclass(frozen=True, slots=True)
class EventDef:
    id: str
    name: str
    date: str
    days: int = 1
    ruleset: str = "scca-tt"
    scoring: Scoring = Scoring.ROUNDS
    min_lap_us: int = 20_000_000
    """Shorter crossings are duplicate reads (time-attack.md rule 2)."""
    awards_per_class: int | None = None
    """None: the rulebook's (`EventRules.awards_per_class`)."""
    track: Track = Track()
    sessions: tuple[SessionDef, ...] = ()
    rounds: tuple[RoundDef, ...] = ()
    groups: tuple[GroupDef, ...] = ()
    """`[[group]]` tables, in file order (officials.md)."""
    lunch_end: str = "13:00"
    """When each day's lunch break ends (compliance query fees, officials.md)."""
    entry_checks: str = "warn"
    """`warn` or `error`: what an entry failing a check at `entries import` is."""
    officials: tuple[OfficialDef, ...] = ()
    """`[[official]]` tables: who holds which role (compliance query waivers and answers)."""

    def group(self, name: str) -> GroupDef | None:
        return next((g for g in self.groups if g.name == name), None)

    def session(self, session_id: str) -> SessionDef | None:
        return next((s for s in self.sessions if s.id == session_id), None)

    @property
    def min_lap_s(self) -> float:
        """`min_lap_us` in seconds, as the event file gives it."""
        return self.min_lap_us / 1_000_000


@dataclass(frozen=True, slots=True)
class EventFacts:
    """Everything results are computed from: definitions plus the append-only facts."""

    event: EventDef
    entries: tuple[Entry, ...]
    passings: Sequence[Passing]
    """In time order: a tuple, or the store's `core.read_times.IndexedPassings` (equal to it)."""
    flags: tuple[Flag, ...]
    decisions: tuple[Decision, ...]
    trips: tuple[Trip, ...] = ()
    """Timing-light trips of every session, in time order (lights timing, tracksprint.md)."""
    releases: tuple[Release, ...] = ()
    """The starter's releases of every session, in time order."""
    roster: tuple[RosterDriver, ...] = ()
    """Every team's drivers, in roster order per car (endurance.md, `roster import`)."""
    pit_stops: tuple[PitStopRecord, ...] = ()
    """Stops recorded by officials (`trackside pit stop`), in time order."""
    driver_changes: tuple[DriverChange, ...] = ()
    """Driver changes declared by officials (`trackside driver change`), in time order."""


@dataclass(frozen=True, slots=True)
class RosterDriver:
    """One driver of a car's team (endurance.md, `trackside roster import`)."""

    number: str
    first_name: str
    last_name: str
    member_id: str | None = None
    driver_transponder: str | None = None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class PitStopRecord:
    """A pit stop recorded by an official (`trackside pit stop ... --in T1 --out T2`)."""

    session_id: str
    number: str
    in_us: int
    out_us: int
    id: int | None = field(default=None, compare=False)
    author: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class DriverChange:
    """A driver change declared by an official: `driver` (a roster name) took car `number`
    at the stop containing `at_us` (`trackside driver change`)."""

    session_id: str
    number: str
    driver: str
    at_us: int
    id: int | None = field(default=None, compare=False)
    author: str = field(default="", compare=False)
