"""Drivers and stints (endurance.md, "Drivers and stints").

The driver in the car is the team's first-listed driver at G; then, in time order:
- a declared change (`trackside driver change ... --at T`) hands the car over at the stop that
  contains T (from its pit-in to its pit-out; a stop still open contains any T after its
  pit-in, the new stint starting at T); with no stop containing T the car changes hands at T
  (a finding);
- a driver-transponder read naming another driver than the one in the car hands it over at the
  car's last completed stop since the current stint began; with no such stop, the read corrects
  who drove the current stint (a driver cannot change without stopping).
A stint runs from taking the car to handing it over or the car's finish (its checkered
crossing, else its last counted crossing). Findings, never penalties: a stint over
`max_stint_min`, under `min_rest_min` between two stints of one driver, a solo driver in a race
over 3 hours or whose mandatory stop lacks a `solo-exit` decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from trackside.core.clock import format_local_time
from trackside.core.race_results import Finding, Stint, Stop
from trackside.core.records import RaceSettings

SOLO_LIMIT_US = 3 * 3_600_000_000
"""IMG: a single driver may do both stints of an enduro up to 3 hours."""


class Handover(NamedTuple):
    """A change of driver: declared (`declared`) or read from a driver transponder."""

    time_us: int
    driver: str
    declared: bool


def _containing(stops: Sequence[Stop], open_in: int | None, at: int) -> tuple[int, int] | None:
    for stop in stops:
        if stop.in_us <= at <= stop.out_us:
            return stop.in_us, stop.out_us
    if open_in is not None and at >= open_in:
        return open_in, at
    return None


def _last_stop_since(stops: Sequence[Stop], since: int, before: int) -> tuple[int, int] | None:
    found = None
    for stop in stops:
        if stop.in_us >= since and stop.out_us <= before:
            found = (stop.in_us, stop.out_us)
    return found


def driver_stints(
    first: str, green_us: int, end_us: int, stops: Sequence[Stop], open_in: int | None,
    handovers: Sequence[Handover],
) -> tuple[tuple[Stint, ...], tuple[Finding, ...]]:  # fmt: skip
    """The car's stints from G to `end_us`, and the changes made outside any stop."""
    stints: list[Stint] = []
    findings: list[Finding] = []
    driver, since = first, green_us
    for change in sorted(handovers, key=lambda h: (h.time_us, not h.declared, h.driver)):
        if change.driver == driver:
            continue
        if change.declared:
            window = _containing(stops, open_in, change.time_us)
            if window is None:
                findings.append(Finding("change-outside-stop", f"{change.driver} took the car "
                                        "outside any pit stop", change.time_us))  # fmt: skip
                window = (change.time_us, change.time_us)
        else:
            window = _last_stop_since(stops, since, change.time_us)
        if window is None or window[0] < since:
            driver = change.driver  # the read (or a second change at one stop) corrects it
            continue
        stints.append(Stint(driver, since, window[0]))
        driver, since = change.driver, window[1]
    stints.append(Stint(driver, since, max(since, end_us)))
    return tuple(stints), tuple(findings)


def _clock(time_us: int) -> str:
    return format_local_time(time_us)[11:]


def stint_findings(
    stints: Sequence[Stint], settings: RaceSettings, scheduled_us: int | None,
    stops: Sequence[Stop], solo_exit: bool,
) -> list[Finding]:  # fmt: skip
    """Long stints, short rests, and a solo driver's limits (for officials, never penalties)."""
    findings = []
    for stint in stints:
        if stint.duration_us > settings.max_stint_us:
            findings.append(Finding("long-stint", f"{stint.driver} drove "
                                    f"{stint.duration_us // 60_000_000} min from "
                                    f"{_clock(stint.start_us)}", stint.start_us))  # fmt: skip
    last_end: dict[str, int] = {}
    for stint in stints:
        before = last_end.get(stint.driver)
        if before is not None and stint.start_us - before < settings.min_rest_us:
            findings.append(Finding("short-rest", f"{stint.driver} rested "
                                    f"{(stint.start_us - before) // 60_000_000} min before "
                                    f"{_clock(stint.start_us)}", stint.start_us))  # fmt: skip
        last_end[stint.driver] = stint.end_us
    if len({s.driver for s in stints}) == 1:
        solo = stints[0].driver
        if scheduled_us is not None and scheduled_us > SOLO_LIMIT_US:
            findings.append(Finding("solo-over-3h", f"{solo} drove solo in a race over 3 h"))
        mandatory = next((s for s in stops if s.mandatory), None)
        if mandatory is not None and not solo_exit:
            findings.append(Finding("solo-exit-unconfirmed", f"no official confirmed {solo} "
                                    "fully exited the car at the mandatory stop",
                                    mandatory.in_us))  # fmt: skip
    return findings
