"""RMonitor lines from trackside records, for a scoreboard feed. Pure functions.

Each function returns one line without its end; `encode` adds the protocol's CR LF and encodes
it as cp1252. Texts are quoted (a quote inside doubled), numbers are not, as Orbits writes them.
Competitors are named by registration number in `$G`, `$H` and `$J`: the car number unless
given.
"""

from __future__ import annotations

from collections.abc import Iterable

from trackside.core.records import Entry, FlagState
from trackside.timing.rmonitor.parse import ENCODING
from trackside.timing.rmonitor.times import (
    NO_TIME_US,
    day_and_time,
    format_clock,
    format_crossing_date,
    format_duration,
    format_init_date,
)

LINE_END = "\r\n"

FLAG_TEXT: dict[FlagState | None, str] = {
    None: "",
    FlagState.GREEN: "Green",
    FlagState.YELLOW: "Yellow",
    FlagState.RED: "Red",
    FlagState.BLACK_ALL: "Red",
    FlagState.CHECKERED: "Finish",
}
"""RMonitor has no black flag all: it is shown as red, which stops the session the same way."""


def quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def record(command: str, *fields: str | int | None) -> str:
    """A line: strings quoted, numbers bare, None as an empty field."""
    parts = [command]
    for value in fields:
        if value is None:
            parts.append("")
        elif isinstance(value, int):
            parts.append(str(value))
        else:
            parts.append(quote(value))
    return ",".join(parts)


def encode(line: str) -> bytes:
    """A line as sent: cp1252 with CR LF (characters cp1252 lacks become '?')."""
    return (line + LINE_END).encode(ENCODING, errors="replace")


def heartbeat(
    time_us: int,
    flag: FlagState | None,
    *,
    laps_to_go: int = 0,
    time_to_go_us: int = 0,
    race_time_us: int = 0,
) -> str:
    """`$F` at a trackside time: laps to go, time to go, time of day, race time (whole
    seconds), flag status."""
    time_of_day = day_and_time(time_us)[1]
    return record(
        "$F",
        laps_to_go,
        format_clock(time_to_go_us),
        format_clock(time_of_day),
        format_clock(race_time_us),
        FLAG_TEXT[flag].ljust(6),
    )


def _transponder(entry: Entry) -> int:
    """RMonitor transponders are numbers: anything else is written as 0 (none)."""
    return int(entry.transponder) if entry.transponder.isdigit() else 0


def competitor(
    entry: Entry,
    class_number: int | None,
    *,
    registration: str | None = None,
    nationality: str = "",
) -> str:
    """`$A`: registration number, number, transponder, first and last name, nationality,
    class number."""
    return record(
        "$A",
        registration or entry.number,
        entry.number,
        _transponder(entry),
        entry.first_name,
        entry.last_name,
        nationality,
        class_number,
    )


def competitor_ext(
    entry: Entry,
    class_number: int | None,
    *,
    registration: str | None = None,
    nationality: str = "",
    additional_data: str = "",
) -> str:
    """`$COMP`: registration number, number, class number, first and last name, nationality,
    additional data."""
    return record(
        "$COMP",
        registration or entry.number,
        entry.number,
        class_number,
        entry.first_name,
        entry.last_name,
        nationality,
        additional_data,
    )


def run(unique_number: int, description: str) -> str:
    """`$B`: the run's unique number and description."""
    return record("$B", unique_number, description)


def race_class(unique_number: int, description: str) -> str:
    """`$C`: a class's unique number and description."""
    return record("$C", unique_number, description)


def setting(name: str, value: str) -> str:
    """`$E`: a setting, e.g. TRACKNAME or TRACKLENGTH."""
    return record("$E", name, value)


def race_position(
    position: int, registration: str, laps: int | None, total_time_us: int | None
) -> str:
    """`$G`: position, registration number, laps (empty before the first), total time."""
    total = NO_TIME_US if total_time_us is None else total_time_us
    return record("$G", position, registration, laps, format_duration(total))


def best_lap(position: int, registration: str, lap: int | None, time_us: int | None) -> str:
    """`$H`: position, registration number, best lap number and time (0 and 00:59:59.999 for
    none yet)."""
    if lap is None or time_us is None:
        return record("$H", position, registration, 0, format_duration(NO_TIME_US))
    return record("$H", position, registration, lap, format_duration(time_us))


def init(time_us: int) -> str:
    """`$I`: reset the scoreboard, at a trackside time (time of day and date)."""
    date, time_of_day = day_and_time(time_us)
    return record("$I", format_duration(time_of_day), format_init_date(date))


def passing(registration: str, lap_time_us: int, total_time_us: int) -> str:
    """`$J`: registration number, the lap just ended (0 at the first crossing), total time."""
    return record("$J", registration, format_duration(lap_time_us), format_duration(total_time_us))


def crossing(number: str, timeline: str, timeline_name: str, time_us: int) -> str:
    """`$L`: car number, timeline number and name, date and time of day of the crossing."""
    date, time_of_day = day_and_time(time_us)
    return record(
        "$L",
        number,
        timeline,
        timeline_name,
        format_crossing_date(date),
        format_duration(time_of_day),
    )


def class_numbers(entries: Iterable[Entry]) -> dict[str, int]:
    """A unique number (1, 2, ...) for each class, in order of first appearance."""
    numbers: dict[str, int] = {}
    for entry in entries:
        if entry.car_class and entry.car_class not in numbers:
            numbers[entry.car_class] = len(numbers) + 1
    return numbers


def entry_lines(entries: Iterable[Entry]) -> list[str]:
    """The `$C` of every class, then `$A` and `$COMP` of every entry."""
    entries = list(entries)
    classes = class_numbers(entries)
    lines = [race_class(number, name) for name, number in classes.items()]
    for entry in entries:
        number = classes.get(entry.car_class)
        lines += [competitor(entry, number), competitor_ext(entry, number)]
    return lines
