"""`classify_points`: a car's points under a club's performance index, and its class band."""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from trackside.classing.car import CarSpec
from trackside.classing.errors import UnknownCarError
from trackside.classing.index.rules import Band, BaseRule, Equivalent, PointsRules
from trackside.classing.names import canonical_make, fold
from trackside.errors import InputError

# CarSpec facts that count as a modification when the rule file prices them by this key.
IMPLIED_MODIFICATIONS = {
    "engine-modified": lambda car: car.engine_modified,
    "forced-induction-added": lambda car: car.forced_induction_added,
}


@dataclass(frozen=True)
class PointsLine:
    """One line of the breakdown: what was counted, its points, and the rule-file entry."""

    item: str
    points: float
    entry: str


@dataclass(frozen=True)
class PointsClassification:
    car_class: str
    total: float
    lines: tuple[PointsLine, ...]
    index_name: str

    def summary(self) -> str:
        parts = "; ".join(f"{line.item} {_signed(line.points)}" for line in self.lines)
        return f"{self.car_class} ({_num(self.total)} points, {self.index_name}): {parts}"

    def explain(self) -> str:
        lines = [f"{self.car_class}: {_num(self.total)} points ({self.index_name})"]
        lines += [f"  {_signed(x.points):>7}  {x.item}  [{x.entry}]" for x in self.lines]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "class": self.car_class,
            "total": self.total,
            "index": self.index_name,
            "breakdown": [
                {"item": x.item, "points": x.points, "entry": x.entry} for x in self.lines
            ],
        }


def classify_points(car: CarSpec, rules: PointsRules) -> PointsClassification:
    """Base points + modifications + credits + tires + weight, and the band the total is in."""
    lines = [
        _base_line(car, rules),
        *_modification_lines(car, rules),
        *_tire_lines(car, rules),
        *_weight_lines(car, rules),
    ]
    total = round(sum(line.points for line in lines), 3)
    return PointsClassification(band_for(total, rules).name, total, tuple(lines), rules.name)


def band_for(total: float, rules: PointsRules) -> Band:
    """The band with the highest start at or below `total`; the first band takes anything
    below it."""
    fitting = [band for band in rules.bands if band.min_points <= total]
    return fitting[-1] if fitting else rules.bands[0]


def equivalent_band(rules: PointsRules, series: str, car_class: str) -> Equivalent | None:
    """The band another series' class is equal to, from the rule file's [[equivalency]]."""
    wanted = (fold(series).strip(), fold(car_class).strip())
    return next(
        (e for e in rules.equivalents if (fold(e.series), fold(e.car_class)) == wanted), None
    )


def find_base(car: CarSpec, rules: PointsRules) -> BaseRule | None:
    """The first [[base]] entry whose make, model, trim patterns and years fit the car."""
    return next((rule for rule in rules.base if _base_fits(rule, car)), None)


def _base_fits(rule: BaseRule, car: CarSpec) -> bool:
    return (
        car.year in rule.years
        and _matches(rule.make, canonical_make(car.make))
        and _matches(rule.model, car.model)
        and _matches(rule.trim, car.trim)
    )


def _matches(pattern: str, value: str) -> bool:
    """Case-insensitive glob ("MX-5*", "*") with "|" between alternatives."""
    text = " ".join(fold(value).split())
    return any(fnmatchcase(text, " ".join(fold(p).split())) for p in pattern.split("|"))


def _base_line(car: CarSpec, rules: PointsRules) -> PointsLine:
    rule = find_base(car, rules)
    if rule is None:
        raise UnknownCarError(
            f"{car.description} has no base points in {rules.source}",
            _closest_bases(car, rules),
        )
    index = rules.base.index(rule) + 1
    trim = "" if rule.trim == "*" else f" {rule.trim}"
    what = f"base: {rule.make} {rule.model}{trim} {rule.years.text}"
    return PointsLine(what, rule.points, f"base[{index}]")


def _closest_bases(car: CarSpec, rules: PointsRules) -> tuple[str, ...]:
    labels = {f"{b.make} {b.model} {b.years.text}": b for b in rules.base}
    wanted = f"{canonical_make(car.make)} {car.model} {car.year}"
    return tuple(difflib.get_close_matches(wanted, list(labels), n=5, cutoff=0.3))


def _modification_lines(car: CarSpec, rules: PointsRules) -> list[PointsLine]:
    keys = list(car.modifications)
    keys += [k for k, has in IMPLIED_MODIFICATIONS.items() if has(car) and k in rules.modifications]
    unknown = [k for k in keys if k not in rules.modifications]
    if unknown:
        close = difflib.get_close_matches(unknown[0], list(rules.modifications), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise InputError(
            f"modification '{unknown[0]}' is not priced in {rules.source}{hint}",
            field="modifications",
        )
    lines = []
    for key in dict.fromkeys(keys):
        mod = rules.modifications[key]
        kind = "credit" if mod.points < 0 else "modification"
        lines.append(PointsLine(f"{kind}: {mod.name}", mod.points, key))
    return lines


def _tire_lines(car: CarSpec, rules: PointsRules) -> list[PointsLine]:
    lines = []
    if not car.dot:
        lines.append(PointsLine("tires: non-DOT", rules.non_dot_points, "tires.non_dot"))
    else:
        grade = car.treadwear or 0
        band = next((b for b in rules.treadwear if b.min_treadwear <= grade), None)
        if band is not None:
            item = f"tires: treadwear {car.treadwear or 'unrated'} (band from {band.min_treadwear})"
            lines.append(PointsLine(item, band.points, "tires.treadwear"))
    wider = [b for b in rules.width if car.tire_width_mm > b.over_mm]
    if wider:
        band = max(wider, key=lambda b: b.points)
        item = f"tires: {car.tire_width_mm} mm wide (over {band.over_mm} mm)"
        lines.append(PointsLine(item, band.points, "tires.width"))
    return lines


def _weight_lines(car: CarSpec, rules: PointsRules) -> list[PointsLine]:
    rule = rules.weight
    if rule is None or car.weight_lb is None or car.curb_weight_lb is None:
        return []
    removed = car.curb_weight_lb + rule.driver_lb - car.weight_lb
    steps = math.floor(removed / rule.per_lb) if removed > 0 else 0
    if steps == 0:
        return []
    item = (
        f"weight: {_num(removed)} lb under curb weight + driver ({steps} x {_num(rule.per_lb)} lb)"
    )
    return [PointsLine(item, steps * rule.points, "weight")]


def _num(value: float) -> str:
    return f"{value:g}"


def _signed(value: float) -> str:
    return f"{value:+g}"
