"""Entry checks (officials.md; SCCA TT II): what makes an entry incomplete or ineligible.

Pure: the entries as the file gives them, the drivers they link to by member id, the minors'
forms on file for the event's year, and the event's groups and sessions. Each problem names
the entry's line, the field at fault and the rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import NamedTuple

from trackside.core.drivers import (
    GRADES,
    Driver,
    LicenseGrade,
    MinorForms,
    is_minor,
    missing_forms,
)
from trackside.core.records import EventDef, SessionDef


class CheckedEntry(NamedTuple):
    """What the checks read of one entry."""

    line: int
    number: str
    group: str
    member_id: str | None = None
    license: str | None = None
    """The entry's `license` column: a grade there is the grade it runs on."""


class Problem(NamedTuple):
    line: int
    number: str
    field: str
    text: str
    rule: str

    def message(self) -> str:
        return f"car {self.number}: {self.text} ({self.rule})"


def entry_grade(entry: CheckedEntry, driver: Driver | None) -> LicenseGrade | None:
    """The grade an entry runs on: its `license` column when a grade, else the driver's
    (officials.md, "License upgrades")."""
    text = (entry.license or "").strip().lower()
    if text in GRADES:
        return LicenseGrade(text)
    return driver.license if driver is not None else None


def entry_problems(
    event: EventDef,
    entries: Sequence[CheckedEntry],
    drivers: Mapping[str, Driver],
    forms: Mapping[str, MinorForms],
    *,
    unknown_members: bool = True,
) -> list[Problem]:
    """Every problem of every entry, in line order; a member id with no driver is one when
    `unknown_members`."""
    found: list[Problem] = []
    for entry in entries:
        driver = drivers.get(entry.member_id) if entry.member_id else None
        if entry.member_id and driver is None and not unknown_members:
            entry = entry._replace(member_id=None)
        found.extend(_driver_problems(event, entry, driver, forms))
    found.extend(two_groups_at_once(event, entries))
    return sorted(found, key=lambda p: p.line)


def _driver_problems(
    event: EventDef, entry: CheckedEntry, driver: Driver | None,
    forms: Mapping[str, MinorForms],
) -> list[Problem]:
    def problem(field: str, text: str, rule: str) -> Problem:
        return Problem(entry.line, entry.number, field, text, rule)

    if entry.member_id and driver is None:
        return [problem("member_id", f"no driver with member id {entry.member_id!r}",
                        "officials.md, Drivers")]
    found = []
    day = event.date
    if driver is not None:
        if driver.membership_expires is not None and driver.membership_expires < day:
            found.append(problem("member_id", f"membership expired {driver.membership_expires}",
                                 "SCCA TT II.1.1"))
        if driver.license_expires is not None and driver.license_expires < day:
            found.append(problem("license", f"license expired {driver.license_expires}",
                                 "SCCA TT II.1.4"))
        if is_minor(driver, day):
            missing = missing_forms(forms.get(driver.member_id))
            if missing:
                found.append(problem("member_id", f"minor without {', '.join(missing)} for "
                                     f"{day[:4]}: entry incomplete", "SCCA TT II.2"))
    group = event.group(entry.group)
    if group is not None and group.min_license is not None:
        grade = entry_grade(entry, driver)
        least = LicenseGrade(group.min_license)
        if grade is None or grade.rank < least.rank:
            held = f"{grade} license is" if grade is not None else "no license on file is"
            found.append(problem("license", f"{held} below the min_license {least} of group "
                                 f"{group.name!r}", "SCCA TT II.3-II.6, group min_license"))
    return found


def _window(session: SessionDef) -> tuple[int, int] | None:
    """A session's planned minutes of the day [start, end), when both are known."""
    if session.start is None or session.duration_min is None:
        return None
    hours, minutes = session.start.split(":")[:2]
    start = int(hours) * 60 + int(minutes)
    return start, start + round(session.duration_min)


def overlapping_groups(event: EventDef) -> set[frozenset[str]]:
    """Pairs of groups on track at the same time: in one session, or in sessions whose
    planned windows overlap."""
    pairs: set[frozenset[str]] = set()
    for session in event.sessions:
        pairs.update(frozenset(p) for p in combinations(session.groups, 2))
    for a, b in combinations(event.sessions, 2):
        wa, wb = _window(a), _window(b)
        if wa and wb and wa[0] < wb[1] and wb[0] < wa[1]:
            pairs.update(frozenset((x, y)) for x in a.groups for y in b.groups if x != y)
    return pairs


def two_groups_at_once(event: EventDef, entries: Sequence[CheckedEntry]) -> list[Problem]:
    """A driver (by member id) entered in two groups that run at the same time: each later
    entry is flagged, naming the first (officials.md, entry checks)."""
    pairs = overlapping_groups(event)
    by_member: dict[str, list[CheckedEntry]] = defaultdict(list)
    for entry in entries:
        if entry.member_id:
            by_member[entry.member_id].append(entry)
    found = []
    for cars in by_member.values():
        for first, later in combinations(cars, 2):
            if first.group == later.group or frozenset((first.group, later.group)) in pairs:
                found.append(Problem(
                    later.line, later.number, "group",
                    f"driver {later.member_id!r} is also on car {first.number} (line "
                    f"{first.line}) in group {first.group!r}, on track at the same time",
                    "one driver, one car on track"))
    return found
