"""A small race result built by hand for the race renderers' tests: green 12:00:00, finish due
12:06:00, checkered 12:06:10 (car 7's crossing)."""

from __future__ import annotations

from tests.scenario import t
from trackside.core.race_results import (
    AppliedPenalty,
    Finding,
    Gap,
    RaceEntryResult,
    RaceLap,
    RacePart,
    RaceResult,
    RaceSessionResult,
    RaceStatus,
    Stint,
    Stop,
)


def laps(start: str, *ends: str) -> tuple[RaceLap, ...]:
    times = [t(start), *map(t, ends)]
    pairs = zip(times, times[1:], strict=False)
    return tuple(RaceLap(i, a, b) for i, (a, b) in enumerate(pairs, start=1))


SEVEN = laps("12:00:05", "12:02:05", "12:04:00", "12:06:10")
TWELVE = laps("12:00:07", "12:02:10", "12:04:20", "12:06:30")
TWENTY_ONE = laps("12:00:03", "12:02:00", "12:04:10")

ENTRIES = (
    RaceEntryResult("7", "Apex Predators", "Ann Lee", "E1", RaceStatus.OK, 1, 1, 3,
                    t("12:06:10") - t("12:00:00"), None, None, SEVEN[1], SEVEN,
                    (Stop(t("12:04:30"), t("12:05:30"), True),),
                    (Stint("Ann Lee", t("12:00:00"), t("12:04:30")),
                     Stint("Bob Ray", t("12:05:30"), t("12:06:10"))), (), ()),
    RaceEntryResult("12", "Solo Sam", "Sam Oak", "E2", RaceStatus.OK, 2, 1, 3,
                    t("12:06:30") - t("12:00:00") + 10_000_000, Gap(0, 30_000_000),
                    Gap(0, 30_000_000), TWELVE[0], TWELVE,
                    (Stop(t("12:03:00"), t("12:03:40"), True, "official"),),
                    (Stint("Sam Oak", t("12:00:00"), t("12:06:30")),),
                    (AppliedPenalty(5, "time-added", "+10.000 s", False),),
                    (Finding("solo-exit-unconfirmed", "no official confirmed Sam Oak fully "
                             "exited the car", t("12:03:00")),)),
    RaceEntryResult("21", "Late Brakers", "Cy Dee", "E1", RaceStatus.DNF, 3, 2, 2,
                    t("12:04:10") - t("12:00:00"), Gap(1, None), Gap(1, None), TWENTY_ONE[0],
                    TWENTY_ONE, (), (Stint("Cy Dee", t("12:00:00"), t("12:04:10")),),
                    (AppliedPenalty(None, "missed-stop", "last in class", True),), ()),
    RaceEntryResult("33", "", "Dee Fox", "E2", RaceStatus.DNS, None, None, 0, None, None, None,
                    None, (), (), (), (), ()),
)  # fmt: skip

RACE = RaceResult("enduro", "R1", "Enduro 1 hour", RacePart.RACE, t("12:00:00"), t("12:06:00"),
                  t("12:06:10"), ENTRIES,
                  findings=(Finding("pit-out-without-in", "transponder 9999 on PIT-OUT",
                                    t("12:05:00")),))  # fmt: skip
SESSION = RaceSessionResult(RACE)
