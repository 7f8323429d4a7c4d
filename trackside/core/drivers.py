"""Drivers, their licenses and minors' forms (officials.md, "Drivers"; SCCA TT II).

Dates are ISO text (`2026-05-16`): they compare as dates and need no parsing here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

ADULT_AGE = 18
"""A driver younger than this on the event's first day is a minor (SCCA TT II.2)."""


class LicenseGrade(StrEnum):
    """SCCA Time Trials licenses, lowest first (SCCA TT II.3-II.6)."""

    NOVICE = "novice"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    PRO = "pro"

    @property
    def rank(self) -> int:
        return list(LicenseGrade).index(self)

    @property
    def next(self) -> LicenseGrade | None:
        grades = list(LicenseGrade)
        return grades[self.rank + 1] if self.rank + 1 < len(grades) else None


GRADES = tuple(g.value for g in LicenseGrade)
SCCA_ISSUER = "scca"


@dataclass(frozen=True, slots=True)
class Driver:
    """A driver as the registrar's file gives them (officials.md, `drivers import`)."""

    member_id: str
    first_name: str
    last_name: str
    birth_date: str | None = None
    membership: str | None = None
    membership_expires: str | None = None
    license: LicenseGrade | None = None
    license_issuer: str | None = None
    """`scca` or an accepted alternate named as text (SCCA TT II "Alternate Accepted Licenses")."""
    license_expires: str | None = None
    email: str | None = None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class MinorForms:
    """The forms a minor needs for one year (SCCA TT II.2 items 1, 2 and 4)."""

    member_id: str
    year: int
    parental_consent: bool = False
    minor_ack: bool = False
    unrestricted_license: bool = False

    @property
    def complete(self) -> bool:
        return self.parental_consent and self.minor_ack and self.unrestricted_license


def age_on(birth_date: str, day: str) -> int:
    """Whole years from `birth_date` to `day` (both ISO dates)."""
    born, on = dt.date.fromisoformat(birth_date), dt.date.fromisoformat(day)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def is_minor(driver: Driver, first_day: str) -> bool:
    """Younger than 18 on the event's first day (SCCA TT II.2); unknown birth date: no."""
    return driver.birth_date is not None and age_on(driver.birth_date, first_day) < ADULT_AGE


def missing_forms(forms: MinorForms | None) -> tuple[str, ...]:
    """The minor's forms not on file for the year (SCCA TT II.2 items 1, 2, 4)."""
    if forms is None:
        forms = MinorForms("", 0)
    names = (("parental consent", forms.parental_consent),
             ("minor's acknowledgement", forms.minor_ack),
             ("driver's license requiring no passenger", forms.unrestricted_license))
    return tuple(name for name, present in names if not present)
