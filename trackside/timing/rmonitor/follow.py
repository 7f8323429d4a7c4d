"""Following a live RMonitor feed one line at a time: `FeedFollower` makes the facts
`read_feed` makes of a whole recording, each as soon as the lines make it known (passings:
`live_passings`). A run's race start, for the `$J` laps of a feed without `$L`, is fixed at its
first `$J`. See docs/rmonitor.md.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from trackside.core.records import Entry, Flag, Passing
from trackside.timing.rmonitor.competitors import Car, Cars, merge_car
from trackside.timing.rmonitor.entry_keys import EntryBook
from trackside.timing.rmonitor.flags import FLAG_STATES
from trackside.timing.rmonitor.live_passings import LivePassings, Place
from trackside.timing.rmonitor.live_run import FollowedRun, LiveRun
from trackside.timing.rmonitor.parse import FeedWarning, parse_line, warn
from trackside.timing.rmonitor.records import (
    Competitor,
    CompetitorExt,
    Crossing,
    Heartbeat,
    Init,
    LapRecord,
    RaceClass,
    Record,
    Run,
    Setting,
)
from trackside.timing.rmonitor.run_facts import no_race_clock, unknown_car
from trackside.timing.rmonitor.runs import is_content
from trackside.timing.rmonitor.times import at


@dataclass(slots=True)
class FeedUpdate:
    """What one line (or the end of the feed) made known."""

    runs: list[FollowedRun] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    """New entries, and newer details of entries this follower made in the same run."""
    flags: list[Flag] = field(default_factory=list)
    passings: list[Passing] = field(default_factory=list)
    warnings: list[FeedWarning] = field(default_factory=list)
    track_name: str | None = None


class FeedFollower:
    """The facts of a live feed, line by line.

    `entered` holds the event's stored entries (transponder by number), `resume` the stored run
    a restarted follower continues (with `resume_flag`, Orbits' text of its last flag), and
    `next_run` the number of the next session `run<N>`.
    """

    def __init__(
        self,
        default_date: str,
        *,
        date: str | None = None,
        finish_lines: Collection[str] | None = None,
        entered: Mapping[str, str] | None = None,
        resume: FollowedRun | None = None,
        resume_flag: str = "",
        next_run: int = 1,
    ) -> None:
        self.date = date
        self.default_date = default_date
        self.finish_lines = None if finish_lines is None else frozenset(finish_lines)
        self.book = EntryBook(entered)
        self.passings = LivePassings(self.finish_lines)
        self.cars: dict[str, Car] = {}
        self.classes: dict[int, str] = {}
        self.next_run = next_run
        self.line = 0
        self.noted: set[str] = set()
        self.track_name = ""
        self.run = LiveRun()
        if resume is not None:
            self.run = LiveRun(resume.session_id, resume.unique_number, resume.description)
            self.run.flag = resume_flag
        self._handlers: dict[type, Callable[[object, FeedUpdate], None]] = {
            Heartbeat: self._heartbeat,
            Competitor: self._competitor,
            CompetitorExt: self._competitor,
            RaceClass: self._race_class,
            Crossing: self._crossing,
            LapRecord: self._lap,
            Setting: self._setting,
        }

    def feed(self, raw: bytes | str) -> FeedUpdate:
        """Take one line of the feed (bytes in cp1252, or text)."""
        self.line += 1
        update = FeedUpdate()
        record, problem = parse_line(raw, self.line)
        if problem is not None and problem not in self.noted:
            if record is not None:
                self.noted.add(problem)
            update.warnings.append(warn(self.line, problem))
        if record is not None:
            self._take(record, update)
        return update

    def finish(self) -> FeedUpdate:
        """The end of the feed: every crossing and passing still held is settled."""
        update = FeedUpdate()
        self._end_run(update)
        return update

    # --- runs ---------------------------------------------------------------------------------

    def _take(self, record: Record, update: FeedUpdate) -> None:
        if isinstance(record, Init):
            self._init(record, update)
            return
        if isinstance(record, Run):
            self._run_record(record, update)
        elif is_content(record):
            self._open_session(update)
        handler = self._handlers.get(type(record))
        if handler is not None:
            handler(record, update)

    def _init(self, record: Init, update: FeedUpdate) -> None:
        """A reset starts a run, unless the run has had nothing of substance yet."""
        if self.run.session_id is not None:
            self._new_run(update)
        elif self.run.init_date is not None:
            return
        self.run.init_date = record.date
        self.cars, self.classes = {}, {}

    def _run_record(self, record: Run, update: FeedUpdate) -> None:
        if self.run.unique_number not in (None, record.unique_number):
            self._new_run(update)
        run = self.run
        renamed = (run.unique_number, run.description) != (record.unique_number, record.description)
        run.unique_number, run.description = record.unique_number, record.description
        if run.session_id is None:
            self._open_session(update)
        elif renamed:
            update.runs.append(run.followed())

    def _new_run(self, update: FeedUpdate) -> None:
        self._end_run(update)
        self.run = LiveRun()

    def _open_session(self, update: FeedUpdate) -> None:
        if self.run.session_id is None:
            self.run.session_id = f"run{self.next_run}"
            self.next_run += 1
            update.runs.append(self.run.followed())

    def _date(self) -> str:
        return self.date or self.run.init_date or self.default_date

    def _session(self) -> str:
        assert self.run.session_id is not None
        return self.run.session_id

    # --- heartbeats and flags -----------------------------------------------------------------

    def _heartbeat(self, beat: Heartbeat, update: FeedUpdate) -> None:
        self.run.clock(beat)
        self._flag(beat, update)
        update.passings += self.passings.heartbeat(beat.time_of_day_us, self._place())

    def _flag(self, beat: Heartbeat, update: FeedUpdate) -> None:
        run = self.run
        if beat.flag == run.flag:
            return
        run.flag = beat.flag
        state = FLAG_STATES.get(beat.flag)
        if state is not None:
            time_us = at(self._date(), beat.time_of_day_us)
            update.flags.append(Flag(self._session(), state, time_us))
        elif beat.flag and run.first_warning(f"flag {beat.flag}"):
            message = f"{self._session()}: unknown flag status {beat.flag!r}: no flag added"
            update.warnings.append(warn(self.line, message))

    def _setting(self, record: Setting, update: FeedUpdate) -> None:
        if record.name == "TRACKNAME" and record.value and record.value != self.track_name:
            self.track_name = update.track_name = record.value

    # --- competitors --------------------------------------------------------------------------

    def _competitor(self, record: Competitor | CompetitorExt, update: FeedUpdate) -> None:
        car = merge_car(self.cars, record)
        self._enter(record.registration, update)
        update.passings += self.passings.identified(car)

    def _race_class(self, record: RaceClass, update: FeedUpdate) -> None:
        self.classes[record.unique_number] = record.description
        for registration in list(self.run.entered):
            self._enter(registration, update)

    def _enter(self, registration: str, update: FeedUpdate) -> None:
        """The car's entry: admitted when new, updated when entered in this run."""
        run = self.run
        entry = Cars(self.cars, self.classes).entry(self.cars[registration], self._session())
        key = run.entered.get(registration)
        if key is None:
            admitted, problem = self.book.admit(entry)
            if problem is not None and run.first_warning(f"entry {entry.transponder}"):
                update.warnings.append(warn(self.line, problem))
            if admitted is None:
                return
            run.entered[registration] = admitted.number
            entry = admitted
        else:
            entry = self.book.update(key, entry)
        if run.is_new(entry):
            run.show(entry)
            update.entries.append(entry)

    # --- passings -----------------------------------------------------------------------------

    def _place(self) -> Place:
        return Place(self._date(), Cars(self.cars, self.classes))

    def _crossing(self, crossing: Crossing, update: FeedUpdate) -> None:
        update.passings += self.passings.crossing(crossing, self._place())

    def _lap(self, record: LapRecord, update: FeedUpdate) -> None:
        car = self.cars.get(record.registration)
        found, placed = self.passings.lap(car.number if car else record.registration, self._place())
        update.passings += found
        if placed:
            self._placed_lap(record, update)

    def _placed_lap(self, record: LapRecord, update: FeedUpdate) -> None:
        """A `$J` of a run without `$L`: a passing at race start + total time."""
        start = self.run.race_start()
        if start is None:
            if self.run.first_warning("race clock"):
                update.warnings.append(warn(self.line, no_race_clock(self._session())))
            return
        time_us = at(self._date(), start + record.total_time_us)
        update.passings += self.passings.placed(record.registration, time_us, self._place(),
                                                record.line)

    def _end_run(self, update: FeedUpdate) -> None:
        """Everything the run still holds, settled; cars never named get `#<number>`."""
        if self.run.session_id is None:
            return
        passings, unknown = self.passings.end_run(self._place())
        update.passings += passings
        for number, line in unknown:
            update.warnings.append(warn(line, unknown_car(self._session(), number)))
