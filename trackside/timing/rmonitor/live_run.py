"""What a live follower knows of the run being fed: its session, flag, race clock and the
entries it made."""

from __future__ import annotations

from dataclasses import dataclass, field

from trackside.core.records import Entry
from trackside.timing.rmonitor.passings import clock_offset, start_of
from trackside.timing.rmonitor.records import Heartbeat


@dataclass(frozen=True, slots=True)
class FollowedRun:
    """A run as a session: started, or renamed by a later `$B`."""

    session_id: str
    unique_number: int | None
    description: str


@dataclass(slots=True)
class LiveRun:
    """The run being fed. `session_id` is None until its first record of substance."""

    session_id: str | None = None
    unique_number: int | None = None
    description: str = ""
    init_date: str | None = None
    flag: str = ""
    """Orbits' flag text last seen (blank at the start of a run)."""
    odd_flags: set[str] = field(default_factory=set)
    last_beat: Heartbeat | None = None
    offsets: list[int] = field(default_factory=list)
    first_green_us: int | None = None
    race_start_us: int | None = None
    """Fixed at the first `$J` it places, so every lap of the run moves alike."""
    entered: dict[str, str] = field(default_factory=dict)
    """Entry key of each registration number entered in this run."""
    shown: dict[str, tuple[Entry, dict[str, str]]] = field(default_factory=dict)
    warned: set[str] = field(default_factory=set)

    def followed(self) -> FollowedRun:
        assert self.session_id is not None
        return FollowedRun(self.session_id, self.unique_number, self.description)

    def clock(self, beat: Heartbeat) -> None:
        """Take a heartbeat's race clock (for placing `$J` laps) and first green."""
        if self.last_beat is not None:
            offset = clock_offset(self.last_beat, beat)
            if offset is not None:
                self.offsets.append(offset)
        self.last_beat = beat
        if beat.flag == "Green" and self.first_green_us is None:
            self.first_green_us = beat.time_of_day_us

    def race_start(self) -> int | None:
        """The race start, estimated (and fixed) on first use, as `read_feed` does for the
        whole run: from the running clock, else the first green."""
        if self.race_start_us is None:
            self.race_start_us = start_of(self.offsets)
            if self.race_start_us is None:
                self.race_start_us = self.first_green_us
        return self.race_start_us

    def is_new(self, entry: Entry) -> bool:
        """Whether the entry differs from what was last shown of it (extras included)."""
        return self.shown.get(entry.number) != (entry, entry.extra)

    def show(self, entry: Entry) -> None:
        self.shown[entry.number] = (entry, dict(entry.extra))

    def first_warning(self, key: str) -> bool:
        """True the first time `key` is warned about in this run."""
        if key in self.warned:
            return False
        self.warned.add(key)
        return True
