"""A small hand-built event for template previews, docs and tests.

Three classes, a tie on total time, a penalty, a no-time, an excluded and a disqualified entry,
laps that do not count (with reasons), an unknown transponder and a long practice session.
Preview it with `python -m tests.sample_results OUT_DIR`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from trackside.core.results import (
    EventEntryResult,
    EventResult,
    RoundTime,
    ScoredLap,
    SessionEntryResult,
    SessionResult,
    Status,
    UnknownTransponder,
)

DAY_START_US = 1_778_922_000_000_000  # 2026-05-16 09:00 local track time


def t(text: str) -> int:
    """A time written as M:SS.mmm or S.mmm, in microseconds."""
    minutes, _, rest = text.rpartition(":")
    whole, _, millis = rest.partition(".")
    return ((int(minutes or 0) * 60 + int(whole)) * 1000 + int(millis.ljust(3, "0"))) * 1000


def laps(start_min: float, *specs: int | tuple[int, str]) -> tuple[ScoredLap, ...]:
    """Laps from `start_min` minutes after 09:00; a spec is a time, or (time, reason) if invalid."""
    start = DAY_START_US + int(start_min * 60_000_000)
    out = []
    for number, spec in enumerate(specs, start=1):
        time_us, reason = spec if isinstance(spec, tuple) else (spec, None)
        out.append(ScoredLap(number, start, start + time_us, reason is None, reason))
        start += time_us
    return tuple(out)


def _car(
    number: str, driver: str, car_class: str, group: str, position: int | None,
    lap_list: tuple[ScoredLap, ...], best: int | None, status: str = "ok",
) -> SessionEntryResult:  # fmt: skip
    best_lap = None if best is None else lap_list[best - 1]
    return SessionEntryResult(
        number, driver, car_class, group, status, position, best_lap, lap_list
    )


def sample_sessions() -> tuple[SessionResult, ...]:
    """TA1-A and TA1-I (scored) and a long unscored practice session."""
    return (_ta1_advanced(), _ta1_intermediate(), _practice())


def _ta1_advanced() -> SessionResult:
    penalty, checkered = "lap lost to penalty", "after checkered"
    kim = laps(0, *map(t, ["2:31.250", "2:00.600", "2:01.000"]),
               (t("1:59.900"), penalty), (t("2:05.000"), checkered))  # fmt: skip
    ann = laps(0.5, *map(t, ["2:20.111", "2:03.500", "2:02.900", "2:02.722"]),
               (t("2:10.000"), checkered))  # fmt: skip
    sean = laps(1, t("2:25.000"), t("2:03.000"), t("2:03.000"))
    lee = laps(1.5, t("2:22.000"), t("2:04.000"), t("2:03.000"))
    raj = laps(2, (t("2:15.000"), "after red flag"))
    stray = laps(3, t("2:10.000"), t("2:09.500"), t("2:30.000"))
    entries = (
        _car("3", "Kim Ode", "U1", "Advanced", 1, kim, 2),
        _car("21", "Ann Lee", "S2", "Advanced", 2, ann, 4),
        _car("7", "Sean O'Brien <b>", "S2", "Advanced", 3, sean, 2),
        _car("14", "Lee Park", "S2", "Advanced", 4, lee, 3),
        _car("33", "Raj Patel", "U1", "Advanced", None, raj, None, "no-time"),
    )  # fmt: skip
    unknown = (UnknownTransponder("9912345", 4, stray),)
    return SessionResult("img-tt-r3", "TA1-A", "Time Attack 1, Advanced", True, entries, unknown)


def _ta1_intermediate() -> SessionResult:
    entries = (
        _car("88", "Maria Gomez", "S2", "Intermediate", 1,
             laps(20, t("2:30.000"), t("2:05.500"), t("2:04.100"), t("2:04.900")), 3),
        _car("5", "Tom Price", "S2", "Intermediate", 2,
             laps(20.5, t("2:28.000"), t("2:06.250"), (t("2:07.000"), "lap lost to penalty")), 2),
        _car("101", "Jo Chen", "T4", "Intermediate", 3,
             laps(21, t("2:35.000"), t("2:09.000"), t("2:08.000")), 3),
        _car("9", "Pat Smith", "T4", "Intermediate", 4,
             laps(21.5, t("2:40.000"), t("2:10.000")), 2),
    )  # fmt: skip
    return SessionResult("img-tt-r3", "TA1-I", "Time Attack 1, Intermediate", True, entries)


def _practice() -> SessionResult:
    ann_times = ["2:25.000", "2:06.100", "2:05.400", "2:04.950", "2:05.020", "2:04.300",
                 "2:04.811", "2:03.990", "2:04.500", "2:05.750", "2:04.120", "2:03.870",
                 "2:04.060", "2:20.500"]  # fmt: skip
    entries = (
        _car("21", "Ann Lee", "S2", "Advanced", 1, laps(-60, *map(t, ann_times)), 12),
        _car("3", "Kim Ode", "U1", "Advanced", 2,
             laps(-59, t("2:28.000"), t("2:04.000"), t("2:05.200"), t("2:26.000")), 2),
        _car("33", "Raj Patel", "U1", "Advanced", None, (), None, "no-time"),
    )  # fmt: skip
    return SessionResult("img-tt-r3", "P1", "Practice", False, entries)


RoundSpec = tuple[int, str, int] | None
"""A round time: (time, session, lap), or None for no time."""


def _rounds(ta1: RoundSpec, ta2: RoundSpec) -> tuple[RoundTime, ...]:
    def one(name: str, spec: RoundSpec) -> RoundTime:
        return RoundTime(name, None, None, None) if spec is None else RoundTime(name, *spec)

    return (one("TA1", ta1), one("TA2", ta2))


def _entry(
    number: str, driver: str, car_class: str, group: str, status: Status,
    pos: int | None, class_pos: int | None, award: bool,
    ta1: RoundSpec, ta2: RoundSpec, penalty: int = 0,
) -> EventEntryResult:  # fmt: skip
    rounds = _rounds(ta1, ta2)
    times = [r.time_us for r in rounds if r.time_us is not None]
    return EventEntryResult(
        number, driver, car_class, group, status, pos, class_pos, award,
        sum(times) + penalty if times else None, min(times, default=None), rounds, penalty,
    )  # fmt: skip


def sample_event() -> EventResult:
    """Event results in overall order, as scoring gives them."""
    ok = Status.OK
    entries = (
        _entry("3", "Kim Ode", "U1", "Advanced", ok, 1, 1, True,
               (t("2:00.600"), "TA1-A", 2), (t("2:00.400"), "TA2-A", 2)),
        _entry("21", "Ann Lee", "S2", "Advanced", ok, 2, 1, True,
               (t("2:02.722"), "TA1-A", 4), (t("2:02.401") + 900, "TA2-A", 3)),
        _entry("88", "Maria Gomez", "S2", "Intermediate", ok, 3, 2, True,
               (t("2:04.100"), "TA1-I", 3), (t("2:02.400"), "TA2-I", 5)),
        _entry("7", "Sean O'Brien <b>", "S2", "Advanced", ok, 4, 3, True,
               (t("2:03.000"), "TA1-A", 2), (t("2:03.500"), "TA2-A", 4)),
        _entry("101", "Jo Chen", "T4", "Intermediate", ok, 5, 1, True,
               (t("2:08.000"), "TA1-I", 3), (t("2:07.500"), "TA2-I", 2), penalty=t("2.000")),
        _entry("5", "Tom Price", "S2", "Intermediate", ok, 6, 4, False,
               (t("2:06.250"), "TA1-I", 2), None),
        _entry("33", "Raj Patel", "U1", "Advanced", Status.NO_TIME, None, None, False, None, None),
        _entry("14", "Lee Park", "S2", "Advanced", Status.EXCLUDED, None, None, False,
               (t("2:03.000"), "TA1-A", 3), (t("2:04.000"), "TA2-A", 3)),
        _entry("9", "Pat Smith", "T4", "Intermediate", Status.DISQUALIFIED, None, None, False,
               (t("2:10.000"), "TA1-I", 2), None),
    )  # fmt: skip
    return EventResult(
        "img-tt-r3", "IMG Time Trial Round 3", True, ("TA1", "TA2"), entries,
        generated_at="2026-05-16T15:42:07",
    )  # fmt: skip


def main(argv: list[str]) -> int:
    """Write the sample site to the folder named on the command line."""
    from trackside.publish.site import write_site

    if len(argv) != 1:
        print("usage: python -m tests.sample_results OUT_DIR", file=sys.stderr)
        return 2
    for path in write_site(sample_event(), sample_sessions(), Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
