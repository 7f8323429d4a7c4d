"""The Sport and Tuner listings and exclusion lists (Sport 10.1-10.8, Tuner 10.1-10.7).

Rows are read from the CSV files in ``data/`` (transcribed by ``tools/transcribe_listings.py``);
`find_listing` picks the row that best fits a car, `find_exclusion` the exclusion row that
names it.
"""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from trackside.classing.car import CarSpec, Induction
from trackside.classing.classes import CarClass
from trackside.classing.names import (
    canonical_make,
    fold,
    model_spellings,
    names_model,
    same_make,
    tokens,
)
from trackside.classing.trims import FULL, InductionNeed, TrimRule, parse_trim
from trackside.classing.years import YearRange, parse_years


class Table(StrEnum):
    SPORT = "sport_listings"
    TUNER = "tuner_listings"
    SPORT_EXCLUSIONS = "sport_exclusions"
    TUNER_EXCLUSIONS = "tuner_exclusions"


@dataclass(frozen=True)
class Listing:
    """One row of a listing or exclusion list, with where it is printed."""

    make: str
    model: str
    trim: str
    years: YearRange
    section: str
    source_line: int
    car_class: CarClass | None = None
    prior_class: CarClass | None = None
    note: str = ""

    @property
    def name(self) -> str:
        """Make, model, trim and years as the row prints them: "Honda Civic Type R 2016 +"."""
        return " ".join(p for p in (self.make, self.model, self.trim, self.years.text) if p)

    @property
    def label(self) -> str:
        where = f"{self.car_class.value}, {self.section}" if self.car_class else self.section
        return f"{self.name} ({where})"

    @property
    def trim_rule(self) -> TrimRule:
        return _trim_rule(self.trim)


@dataclass(frozen=True)
class Match:
    """A listing that fits a car; `partial` when only some of its trim words were given."""

    listing: Listing
    score: float
    partial: bool
    rivals: tuple[Listing, ...] = ()  # equally good rows in other classes


@cache
def load_table(table: Table) -> tuple[Listing, ...]:
    """Every row of one data file, in printed order."""
    source = resources.files("trackside.classing.data") / f"{table.value}.csv"
    with source.open(encoding="utf-8") as handle:
        return tuple(_listing(row) for row in csv.DictReader(handle))


def _listing(row: dict[str, str]) -> Listing:
    return Listing(
        make=row["make"],
        model=row["model"],
        trim=row["trim"],
        years=parse_years(row["years"]),
        section=row["section"],
        source_line=int(row["source_line"]),
        car_class=CarClass(row["car_class"]) if row.get("car_class") else None,
        prior_class=CarClass(row["prior_class"]) if row.get("prior_class") else None,
        note=row.get("note", ""),
    )


@cache
def _trim_rule(text: str) -> TrimRule:
    return parse_trim(text)


def find_listing(car: CarSpec, table: Table) -> Match | None:
    """The best-fitting row for the car: same make, model named, year in range, trim fits.

    Fully matched trims beat partial ones, more specific beats generic; among equals the
    faster class is taken and the others are reported as `rivals`."""
    scored = [
        (s + 0.01 * _model_specificity(car, row), row)
        for row in candidates(car, table)
        if (s := trim_score(car, row)) > 0
    ]
    if not scored:
        return None
    best = max(s for s, _ in scored)
    top = sorted((row for s, row in scored if s == best), key=_class_rank, reverse=True)
    rivals = tuple(r for r in top[1:] if r.car_class != top[0].car_class)
    return Match(top[0], best, partial=best < FULL, rivals=rivals)


def find_exclusion(car: CarSpec, table: Table) -> Listing | None:
    """The exclusion row naming this car; exclusions need every trim word (no partials)."""
    return next((row for row in candidates(car, table) if trim_score(car, row) >= FULL), None)


def candidates(car: CarSpec, table: Table) -> list[Listing]:
    """Rows of the same make whose model the car names and whose years include the car's."""
    return [row for row in model_rows(car, table) if car.year in row.years]


def model_rows(car: CarSpec, table: Table) -> list[Listing]:
    """Rows of the car's make that its model names, or whose model and trim together start
    the car's whole name (the car's model may hold part of the listed trim, or less)."""
    return [
        row
        for row in load_table(table)
        if same_make(row.make, car.make) and (_model_spelled(car, row) or _whole_name(car, row))
    ]


def _model_spelled(car: CarSpec, row: Listing) -> list[tuple[str, ...]]:
    """The row's model spellings the car's model names."""
    model_words = tokens(car.model)
    return [s for s in model_spellings(row.model) if names_model(s, model_words)]


def _whole_name(car: CarSpec, row: Listing) -> list[tuple[str, ...]]:
    """The row's model spellings that start the car's whole name, model and trim."""
    words = _name_words(car)
    return [s for s in model_spellings(row.model) if row.trim_rule.whole_name_score(words, s)]


def _name_words(car: CarSpec) -> tuple[str, ...]:
    return tokens(f"{car.model} {car.trim}")


def _model_specificity(car: CarSpec, row: Listing) -> int:
    """Letters of the longest listed model name the car's model spells: "Mazdaspeed Miata"
    names the Mazdaspeed Miata row better than the "MX-5 Miata" row it also contains."""
    named = _model_spelled(car, row) or _whole_name(car, row)
    return max((len("".join(s)) for s in named), default=0)


def trim_score(car: CarSpec, row: Listing) -> float:
    """How well the car's model and trim words meet the row's trim (0 = not this row): as
    typed, or read as one name with the listed model ("X3M Competition", Tuner 10.4)."""
    rule = row.trim_rule
    if not _induction_fits(rule.induction, car):
        return 0.0
    words = _name_words(car)
    whole = max((rule.whole_name_score(words, s) for s in model_spellings(row.model)),
                default=0.0)  # fmt: skip
    return max(rule.score(words), whole)


def _induction_fits(need: InductionNeed, car: CarSpec) -> bool:
    if need is InductionNeed.ANY:
        return True
    natural = car.induction is Induction.NATURAL
    return natural if need is InductionNeed.NATURAL else not natural


def _class_rank(row: Listing) -> int:
    return row.car_class.rank if row.car_class else -1


def closest_listings(car: CarSpec, tables: tuple[Table, ...], limit: int = 5) -> tuple[str, ...]:
    """Labels of the listings nearest the car's name: that model's rows if the model is listed,
    else a fuzzy match (difflib) on "make model trim" over every row."""
    same_model = [row for table in tables for row in model_rows(car, table)]
    if same_model:
        return tuple(dict.fromkeys(row.label for row in same_model))[: limit * 2]
    rows = [row for table in tables for row in load_table(table)]
    keys = {_key(row.make, row.model, row.trim): row for row in reversed(rows)}
    wanted = _key(canonical_make(car.make), car.model, car.trim)
    close = difflib.get_close_matches(wanted, list(keys), n=limit, cutoff=0.45)
    if not close:
        close = difflib.get_close_matches(_key(car.make, car.model, ""), list(keys), limit, 0.3)
    return tuple(keys[k].label for k in close)


def _key(make: str, model: str, trim: str) -> str:
    return " ".join(fold(f"{make} {model} {trim}").split())
