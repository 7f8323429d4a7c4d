"""A club's points-based performance index, read from a TOML rule file.

The file holds base points per car (make/model/trim patterns and a year range, first match
wins), points per modification, credits (negative points), tire points by treadwear and width,
points per pound of weight taken out, class bands by total points, and an optional table of
other series' classes and the band each equals. See docs/classing.md for the format.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from trackside.classing.years import YearRange, parse_years
from trackside.errors import InputError


@dataclass(frozen=True)
class BaseRule:
    make: str
    model: str
    trim: str
    years: YearRange
    points: float
    note: str = ""


@dataclass(frozen=True)
class Modification:
    key: str
    name: str
    points: float


@dataclass(frozen=True)
class TreadwearBand:
    min_treadwear: int
    points: float


@dataclass(frozen=True)
class WidthBand:
    over_mm: int
    points: float


@dataclass(frozen=True)
class WeightRule:
    driver_lb: float
    per_lb: float
    points: float


@dataclass(frozen=True)
class Band:
    name: str
    min_points: float


@dataclass(frozen=True)
class Equivalent:
    series: str
    car_class: str
    band: str


@dataclass(frozen=True)
class PointsRules:
    """Everything a points index needs; `source` names the file for messages."""

    name: str
    source: str
    base: tuple[BaseRule, ...]
    modifications: dict[str, Modification]
    treadwear: tuple[TreadwearBand, ...]
    non_dot_points: float
    width: tuple[WidthBand, ...]
    weight: WeightRule | None
    bands: tuple[Band, ...]
    equivalents: tuple[Equivalent, ...]


def load_points_rules(path: str | Path) -> PointsRules:
    """Read and check a rule file; InputError names the file and the field at fault."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"not valid TOML: {error}", source=str(path)) from error
    return parse_points_rules(data, source=str(path))


def load_example_points_rules() -> PointsRules:
    """The shipped IMG-style example (data/img_example.toml): illustrative numbers."""
    source = resources.files("trackside.classing.data") / "img_example.toml"
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    return parse_points_rules(data, source="img_example.toml")


def parse_points_rules(data: dict[str, Any], *, source: str = "<rules>") -> PointsRules:
    reader = _Reader(source)
    index = reader.table(data, "index")
    tires = reader.table(data, "tires", required=False)
    rules = PointsRules(
        name=reader.text(index, "name", "index"),
        source=source,
        base=tuple(reader.each(data, "base", _base)),
        modifications=_modifications(reader, data),
        treadwear=tuple(
            sorted(reader.each(tires, "treadwear", _treadwear), key=lambda b: -b.min_treadwear)
        ),
        non_dot_points=reader.number(tires, "non_dot", "tires", default=0.0),
        width=tuple(sorted(reader.each(tires, "width", _width), key=lambda b: b.over_mm)),
        weight=_weight(reader, data),
        bands=tuple(sorted(reader.each(data, "bands", _band), key=lambda b: b.min_points)),
        equivalents=tuple(reader.each(data, "equivalency", _equivalent)),
    )
    _check_bands(rules, reader)
    return rules


class _Reader:
    """Field access that turns a missing or mistyped value into an InputError."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, message: str, field: str) -> InputError:
        return InputError(message, source=self.source, field=field)

    def table(self, data: dict[str, Any], key: str, *, required: bool = True) -> dict[str, Any]:
        value = data.get(key)
        if value is None and not required:
            return {}
        if not isinstance(value, dict):
            raise self.fail(f"expected a [{key}] table", key)
        return value

    def each(self, data: dict[str, Any], key: str, build: Any) -> list[Any]:
        rows = data.get(key, [])
        if not isinstance(rows, list):
            raise self.fail(f"expected [[{key}]] entries", key)
        return [build(self, row, f"{key}[{i + 1}]") for i, row in enumerate(rows)]

    def text(self, row: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
        value = row.get(key, default)
        if not isinstance(value, str):
            raise self.fail(f"expected text for '{key}'", f"{where}.{key}")
        return value

    def number(
        self, row: dict[str, Any], key: str, where: str, default: float | None = None
    ) -> float:
        value = row.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"expected a number for '{key}'", f"{where}.{key}")
        return float(value)


def _base(reader: _Reader, row: dict[str, Any], where: str) -> BaseRule:
    try:
        years = parse_years(reader.text(row, "years", where, "All"))
    except InputError as error:
        raise reader.fail(error.message, f"{where}.years") from error
    return BaseRule(
        make=reader.text(row, "make", where),
        model=reader.text(row, "model", where),
        trim=reader.text(row, "trim", where, "*"),
        years=years,
        points=reader.number(row, "points", where),
        note=reader.text(row, "note", where, ""),
    )


def _modifications(reader: _Reader, data: dict[str, Any]) -> dict[str, Modification]:
    found: dict[str, Modification] = {}
    for kind in ("modifications", "credits"):
        for mod in reader.each(data, kind, _modification):
            if mod.key in found:
                raise reader.fail(f"modification '{mod.key}' is defined twice", kind)
            if kind == "credits" and mod.points > 0:
                raise reader.fail(f"credit '{mod.key}' must not add points", kind)
            found[mod.key] = mod
    return found


def _modification(reader: _Reader, row: dict[str, Any], where: str) -> Modification:
    key = reader.text(row, "key", where)
    return Modification(
        key, reader.text(row, "name", where, key), reader.number(row, "points", where)
    )


def _treadwear(reader: _Reader, row: dict[str, Any], where: str) -> TreadwearBand:
    return TreadwearBand(int(reader.number(row, "min", where)), reader.number(row, "points", where))


def _width(reader: _Reader, row: dict[str, Any], where: str) -> WidthBand:
    return WidthBand(int(reader.number(row, "over", where)), reader.number(row, "points", where))


def _weight(reader: _Reader, data: dict[str, Any]) -> WeightRule | None:
    row = reader.table(data, "weight", required=False)
    if not row:
        return None
    rule = WeightRule(
        driver_lb=reader.number(row, "driver_lb", "weight", default=180.0),
        per_lb=reader.number(row, "per_lb", "weight"),
        points=reader.number(row, "points", "weight"),
    )
    if rule.per_lb <= 0:
        raise reader.fail("per_lb must be positive", "weight.per_lb")
    return rule


def _band(reader: _Reader, row: dict[str, Any], where: str) -> Band:
    return Band(reader.text(row, "class", where), reader.number(row, "min", where))


def _equivalent(reader: _Reader, row: dict[str, Any], where: str) -> Equivalent:
    return Equivalent(
        reader.text(row, "series", where),
        reader.text(row, "class", where),
        reader.text(row, "band", where),
    )


def _check_bands(rules: PointsRules, reader: _Reader) -> None:
    if not rules.bands:
        raise reader.fail("at least one [[bands]] entry is needed", "bands")
    names = [band.name for band in rules.bands]
    if len(set(names)) != len(names):
        raise reader.fail("two bands share a class name", "bands")
    mins = [band.min_points for band in rules.bands]
    if len(set(mins)) != len(mins):
        raise reader.fail("two bands start at the same points", "bands")
    unknown = {e.band for e in rules.equivalents} - set(names)
    if unknown:
        raise reader.fail(f"equivalency names unknown band(s): {sorted(unknown)}", "equivalency")
