"""The fields of every RMonitor record, in order, with the converter of each.

From the RMonitor Timing Protocol v1.0 and, for `$L`, the IMSA Enhanced RMon Timing Protocol
v1.03 (docs/rmonitor.md). `$T`, whose sections repeat, is read in parse.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from trackside.timing.rmonitor import fields as f
from trackside.timing.rmonitor.records import (
    BestLap,
    Competitor,
    CompetitorExt,
    Correction,
    Crossing,
    Heartbeat,
    Init,
    LapRecord,
    RaceClass,
    RacePosition,
    Run,
    Setting,
)


@dataclass(frozen=True, slots=True)
class RecordSpec:
    """A record's fields in order; the last `optional` may be left out."""

    build: type
    fields: tuple[tuple[str, f.Converter], ...]
    optional: int = 0

    @property
    def required(self) -> int:
        return len(self.fields) - self.optional


SPECS: dict[str, RecordSpec] = {
    "$F": RecordSpec(
        Heartbeat,
        (
            ("laps_to_go", f.integer),
            ("time_to_go", f.duration),
            ("time_of_day", f.clock),
            ("race_time", f.duration),
            ("flag_status", f.text),
        ),
    ),
    "$A": RecordSpec(
        Competitor,
        (
            ("registration", f.required),
            ("number", f.text),
            ("transponder", f.transponder),
            ("first_name", f.text),
            ("last_name", f.text),
            ("nationality", f.text),
            ("class_number", f.optional_integer),
        ),
    ),
    "$COMP": RecordSpec(
        CompetitorExt,
        (
            ("registration", f.required),
            ("number", f.text),
            ("class_number", f.optional_integer),
            ("first_name", f.text),
            ("last_name", f.text),
            ("nationality", f.text),
            ("additional_data", f.text),
        ),
    ),
    "$B": RecordSpec(Run, (("unique_number", f.integer), ("description", f.text))),
    "$C": RecordSpec(RaceClass, (("unique_number", f.integer), ("description", f.text))),
    "$E": RecordSpec(Setting, (("description", f.required), ("value", f.text))),
    "$G": RecordSpec(
        RacePosition,
        (
            ("position", f.integer),
            ("registration", f.required),
            ("laps", f.optional_integer),
            ("total_time", f.duration),
        ),
    ),
    "$H": RecordSpec(
        BestLap,
        (
            ("position", f.integer),
            ("registration", f.required),
            ("best_lap", f.integer),
            ("best_lap_time", f.duration),
        ),
    ),
    "$I": RecordSpec(Init, (("time", f.clock), ("date", f.init_date))),
    "$J": RecordSpec(
        LapRecord,
        (("registration", f.required), ("lap_time", f.duration), ("total_time", f.duration)),
    ),
    "$COR": RecordSpec(
        Correction,
        (
            ("registration", f.required),
            ("number", f.text),
            ("laps", f.integer),
            ("total_time", f.duration),
            ("correction", f.signed_duration),
        ),
    ),
    "$L": RecordSpec(
        Crossing,
        (
            ("number", f.required),
            ("timeline_number", f.required),
            ("timeline_name", f.text),
            ("date", f.crossing_date),
            ("time", f.clock),
            ("driver_id", f.optional_integer),
            ("class_name", f.text),
        ),
        optional=2,
    ),
}
