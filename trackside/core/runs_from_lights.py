"""Runs from timing-light trips and the starter's releases (tracksprint.md, "From trips and
passings to runs", Lights rules 1-5).

Everything of the session is taken in time order; at equal times a release comes first (a
release "at or before t" lets its car take a start at t), then start trips, then `run-dnf`
decisions, then finish trips (the spec's "start before finish"). A trip less than
`duplicate_read_s` after the previous accepted trip on the same channel is ignored and reported.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from trackside.core.clock import format_local_time
from trackside.core.records import Decision, LightChannel, Release, SessionDef, SessionFormat, Trip
from trackside.core.run_results import TimingNote

_RELEASE, _START, _DNF, _FINISH = range(4)


@dataclass(slots=True)
class LightRuns:
    """The session's runs by car (start, finish or None; start order) and what was reported."""

    runs: dict[str, list[list[int | None]]] = field(default_factory=dict)
    orphan_starts: list[int] = field(default_factory=list)
    orphan_finishes: list[int] = field(default_factory=list)
    notes: list[TimingNote] = field(default_factory=list)
    on_course: list[tuple[str, int]] = field(default_factory=list)
    """(car, start) of the cars started and not finished or dnf at the last fact, course order."""


def _clock(time_us: int) -> str:
    return format_local_time(time_us, digits=3)[11:]


def _timeline(
    trips: Iterable[Trip], releases: Iterable[Release], dnfs: Iterable[Decision]
) -> list[tuple[int, int, str]]:
    """(time, order, car number or '') of every release, trip and dnf, in processing order."""
    items = [(r.time_us, _RELEASE, r.number) for r in releases]
    items += [(t.time_us, _START if t.channel is LightChannel.START else _FINISH, "")
              for t in trips]  # fmt: skip
    items += [(d.at_us, _DNF, d.number or "") for d in dnfs if d.at_us is not None]
    return sorted(items)


def runs_from_lights(
    session: SessionDef,
    trips: Iterable[Trip],
    releases: Iterable[Release],
    dnfs: Iterable[Decision] = (),
) -> LightRuns:
    """Rules 1-5 over the session's trips, releases and `run-dnf` decisions."""
    found = LightRuns()
    start_queue: deque[str] = deque()
    course: deque[tuple[str, list[int | None]]] = deque()
    last: dict[int, int] = {}
    hillclimb = session.format == SessionFormat.HILLCLIMB
    for time_us, what, number in _timeline(trips, releases, dnfs):
        if what in (_START, _FINISH):
            previous = last.get(what)
            if previous is not None and time_us - previous < session.duplicate_read_us:
                channel = "start" if what == _START else "finish"
                found.notes.append(TimingNote(time_us, "duplicate",
                                              f"{channel} trip at {_clock(time_us)} ignored: "
                                              f"a duplicate of {_clock(previous)}"))
                continue
            last[what] = time_us
        if what == _RELEASE:
            if number in start_queue:
                found.notes.append(TimingNote(time_us, "release-while-waiting",
                                              f"car {number} released at {_clock(time_us)} "
                                              "while already waiting to start: ignored"))
            else:
                start_queue.append(number)  # rule 1
        elif what == _START:
            if not start_queue:  # rule 2: an orphan start
                found.orphan_starts.append(time_us)
                found.notes.append(TimingNote(time_us, "orphan-start",
                                              f"start trip at {_clock(time_us)} with no "
                                              "released car: kept, not a run"))
                continue
            if hillclimb and course:  # rule 5
                on = ", ".join(car for car, _ in course)
                found.notes.append(TimingNote(time_us, "second-car-on-course",
                                              f"car {start_queue[0]} started at "
                                              f"{_clock(time_us)} while car {on} was on course"))
            car = start_queue.popleft()
            run: list[int | None] = [time_us, None]
            found.runs.setdefault(car, []).append(run)
            course.append((car, run))
        elif what == _DNF:  # rule 4
            index = next((i for i, (car, _) in enumerate(course) if car == number), None)
            if index is None:
                found.notes.append(TimingNote(time_us, "dnf-not-on-course",
                                              f"run-dnf for car {number} at {_clock(time_us)}: "
                                              "not on course, nothing changed"))
            else:
                del course[index]
        else:  # rule 3
            if not course:
                found.orphan_finishes.append(time_us)
                found.notes.append(TimingNote(time_us, "orphan-finish",
                                              f"finish trip at {_clock(time_us)} with no car "
                                              "on course: kept"))
                continue
            _, run = course.popleft()
            run[1] = time_us
    found.on_course = [(car, run[0]) for car, run in course]  # type: ignore[misc]
    return found
