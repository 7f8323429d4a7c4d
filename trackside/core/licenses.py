"""License upgrade status from a driver's history (officials.md, "License upgrades").

Pure: the history is given, each event with the grade its entry ran on, its satisfactory mark
and whether it was a standalone TrackSprint event; the rulebook gives the upgrades.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from trackside.core.drivers import LicenseGrade

NOT_SATISFACTORY = "not satisfactory"
OTHER_LICENSE = "on another license"
SECOND_STANDALONE = "second standalone TrackSprint event"


class Upgrade(NamedTuple):
    """From a grade to the next by events (SCCA TT II.4.1.B, II.5.1.B)."""

    to: LicenseGrade
    events: int
    standalone_tracksprint_max: int
    rule: str


class HistoryEvent(NamedTuple):
    event: str
    date: str
    license: LicenseGrade | None
    satisfactory: bool
    standalone_tracksprint: bool = False


class CountedEvent(NamedTuple):
    event: str
    date: str
    license: LicenseGrade | None
    satisfactory: bool
    counts: bool
    why: str | None


@dataclass(frozen=True, slots=True)
class LicenseStatus:
    member_id: str
    license: LicenseGrade | None
    next: LicenseGrade | None
    needed: int | None
    """Events the upgrade needs; None when it is an officials' decision (Pro, SCCA TT II.6)."""
    counted: int
    eligible: bool
    events: tuple[CountedEvent, ...]
    rule: str | None = None

    def as_json(self) -> dict[str, object]:
        """The spec's JSON (officials.md, `license status`)."""
        return {
            "member_id": self.member_id, "license": _text(self.license),
            "next": _text(self.next), "needed": self.needed, "counted": self.counted,
            "eligible": self.eligible,
            "events": [{"event": e.event, "date": e.date, "license": _text(e.license),
                        "satisfactory": e.satisfactory, "counts": e.counts, "why": e.why}
                       for e in self.events],
        }


def _text(grade: LicenseGrade | None) -> str | None:
    return None if grade is None else str(grade)


def counted_events(
    history: Sequence[HistoryEvent], grade: LicenseGrade | None, standalone_max: int
) -> list[CountedEvent]:
    """Each event in date order, counting when satisfactory on `grade`; standalone TrackSprint
    events beyond `standalone_max` do not count."""
    standalone = 0
    found = []
    for item in sorted(history, key=lambda h: (h.date, h.event)):
        why = None
        if not item.satisfactory:
            why = NOT_SATISFACTORY
        elif grade is None or item.license is not grade:
            why = OTHER_LICENSE
        elif item.standalone_tracksprint:
            standalone += 1
            if standalone > standalone_max:
                why = SECOND_STANDALONE
        found.append(CountedEvent(item.event, item.date, item.license, item.satisfactory,
                                  why is None, why))
    return found


def license_status(
    member_id: str,
    grade: LicenseGrade | None,
    history: Sequence[HistoryEvent],
    upgrades: Mapping[LicenseGrade, Upgrade],
) -> LicenseStatus:
    """Where the driver stands toward their next license (officials.md, SCCA TT II.4, II.5)."""
    upgrade = upgrades.get(grade) if grade is not None else None
    standalone_max = upgrade.standalone_tracksprint_max if upgrade is not None else 1
    events = counted_events(history, grade, standalone_max)
    counted = sum(1 for e in events if e.counts)
    if upgrade is None:
        return LicenseStatus(member_id, grade, grade.next if grade is not None else None,
                             None, counted, False, tuple(events))
    return LicenseStatus(member_id, grade, upgrade.to, upgrade.events, counted,
                         counted >= upgrade.events, tuple(events), upgrade.rule)
