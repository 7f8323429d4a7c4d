"""RMonitor lines of a scoreboard (`Board`): the full state a client gets on connecting, what
changed from one board to the next, and the heartbeat. Pure functions.

Competitors are named by car number (the registration number). `$J` carries each new crossing
with the lap it ended (0 for a car's first) and the time since the first green; `$F` is sent at
each flag change (at the flag's time) and as the heartbeat, with the session clock the web pages
show (`core.session_clock`): time to go is green-flag time remaining, so it stands still during
a red flag (RMD 1.6; SCCA TT VI.1.1.5); race time is the session elapsed time.
"""

from __future__ import annotations

from trackside.core.records import Entry, FlagState
from trackside.live.rmonitor_board import Board, Standing
from trackside.timing.rmonitor import write as w

LAPS_TO_GO = 9999
"""Orbits' `$F` laps to go of a session run on time."""


def full_lines(board: Board, now_us: int) -> list[str]:
    """`$I` (reset), `$B`, `$C`, `$A`/`$COMP`, `$G`, `$H`, then a heartbeat."""
    lines = [w.init(now_us), w.run(board.run_number, board.run_name)]
    lines += _class_lines(board)
    for entry in board.competitors:
        lines += _competitor_lines(board, entry)
    lines += [_position(board, s) for s in board.standings]
    lines += [_best_lap(s) for s in board.standings]
    return [*lines, heartbeat(board, now_us)]


def changed_lines(old: Board, new: Board, now_us: int) -> list[str]:
    """What a client shown `old` must be sent to show `new`: all of it for another run;
    else new classes and competitors, flag changes, `$J` per new crossing, changed `$G`/`$H`."""
    if (old.session_id, old.run_number, old.run_name) != (new.session_id, new.run_number,
                                                          new.run_name):
        return full_lines(new, now_us)
    lines = _competitor_changes(old, new)
    lines += _flag_lines(old, new)
    lines += _crossing_lines(old, new)
    before = {s.number: s for s in old.standings}
    changed = [(before.get(s.number), s) for s in new.standings]
    lines += [_position(new, s) for was, s in changed
              if was is None or (was.position, was.crossings) != (s.position, s.crossings)]
    lines += [_best_lap(s) for was, s in changed
              if was is None or _best(was) != _best(s)]
    return lines


def heartbeat(board: Board, now_us: int) -> str:
    """`$F` now: the session clock and the current flag."""
    return _clock_line(board, now_us, board.clock(now_us).flag)


def _clock_line(board: Board, time_us: int, flag: FlagState | None) -> str:
    """`$F` at `time_us`: time to go (green-flag time remaining), time of day, session
    elapsed time, `flag`."""
    clock = board.clock(time_us)
    return w.heartbeat(
        time_us,
        flag,
        laps_to_go=LAPS_TO_GO,
        time_to_go_us=clock.remaining_us or 0,
        race_time_us=clock.elapsed_us,
    )


def _competitor_changes(old: Board, new: Board) -> list[str]:
    """`$C` of every class when one is new or renumbered; `$A`/`$COMP` of each competitor
    that is new or changed (its class number too)."""
    lines = _class_lines(new) if old.classes != new.classes else []
    before = {e.number: e for e in old.competitors}
    for entry in new.competitors:
        was = before.get(entry.number)
        if (was is None or was != entry or was.extra != entry.extra
                or old.classes.get(was.car_class) != new.classes.get(entry.car_class)):
            lines += _competitor_lines(new, entry)
    return lines


def _best(standing: Standing) -> tuple[int, int | None, int | None]:
    return standing.position, standing.best_lap, standing.best_time_us


def _class_lines(board: Board) -> list[str]:
    return [w.race_class(number, name) for name, number in board.classes.items()]


def _competitor_lines(board: Board, entry: Entry) -> list[str]:
    number = board.classes.get(entry.car_class)
    nationality = entry.extra.get("nationality", "")
    return [w.competitor(entry, number, nationality=nationality),
            w.competitor_ext(entry, number, nationality=nationality)]


def _flag_lines(old: Board, new: Board) -> list[str]:
    """A `$F` at the time of each new flag (the current flag again if flags were revised)."""
    if new.flags[: len(old.flags)] != old.flags:
        return [heartbeat(new, new.flag.time_us)] if new.flag and new.flag != old.flag else []
    return [_clock_line(new, flag.time_us, flag.state) for flag in new.flags[len(old.flags):]]


def _crossing_lines(old: Board, new: Board) -> list[str]:
    """`$J` for every crossing `new` has and `old` had not, in time order."""
    if new.start_us is None:
        return []
    before = {s.number: s.crossings for s in old.standings}
    found = []
    for standing in new.standings:
        shown = before.get(standing.number, ())
        if shown == standing.crossings:
            continue
        known = set(shown)
        for index, time_us in enumerate(standing.crossings):
            if time_us not in known:
                lap_us = _lap_us(standing, index)
                found.append((time_us, standing.number, lap_us))
    return [w.passing(number, lap_us, time_us - new.start_us)
            for time_us, number, lap_us in sorted(found)]


def _lap_us(standing: Standing, index: int) -> int:
    """The lap (run) that ended at crossing `index`: 0 at the first crossing."""
    if index == 0:
        return 0
    if standing.lap_times:
        return standing.lap_times[index - 1]
    return standing.crossings[index] - standing.crossings[index - 1]


def _position(board: Board, standing: Standing) -> str:
    """`$G`: position, laps completed and time of the last crossing since the first green."""
    if not standing.crossings or board.start_us is None:
        return w.race_position(standing.position, standing.number, None, None)
    laps = len(standing.crossings) - 1
    total = standing.crossings[-1] - board.start_us
    return w.race_position(standing.position, standing.number, laps, total)


def _best_lap(standing: Standing) -> str:
    return w.best_lap(standing.position, standing.number, standing.best_lap, standing.best_time_us)
