"""Max Category 8.1.1-8.5.1: which Max class an engine or motor belongs to.

Each class lists engine envelopes by kind (4-cycle; rotary or 2-cycle; electric), induction,
and whether the engine is modified (Max 6.4.2). The envelopes overlap ("up to 4.5 L" in M3 and
"up to 6.4 L" in M2), so an engine goes to the slowest class whose envelope holds it. Max 1 has
no upper limit: an engine past every Max 2-5 envelope is Max 1.

Reading taken where the rulebook is silent: a modified single-unit forced-induction engine is
grouped with multi-unit and added forced induction (M1 8.1.1.D names "Modified or Multi-unit";
M2 8.2.1.E / M3 8.3.1.E give the limits for that group).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from trackside.classing.car import CarSpec, EngineKind, Induction
from trackside.classing.classes import CarClass
from trackside.classing.result import Reason


class EngineGroup(StrEnum):
    NA_STOCK = "unmodified naturally aspirated"
    NA_MODIFIED = "modified naturally aspirated"
    FI_SINGLE_STOCK = "unmodified single-unit forced induction"
    FI_OTHER = "modified, multi-unit or added forced induction"
    EV_STOCK = "electric with OE batteries and motors"
    EV_MODIFIED = "electric with modified batteries or motors"


@dataclass(frozen=True)
class Envelope:
    """One lettered line of a Max class: the engines it admits."""

    car_class: CarClass
    rule: str
    groups: frozenset[EngineGroup]
    piston_l: float | None = None  # 4-cycle displacement limit
    rotary_l: float | None = None  # rotary or 2-cycle displacement limit
    kw: float | None = None

    def holds(self, car: CarSpec, group: EngineGroup) -> bool:
        limit = _limit_for(self, car)
        return group in self.groups and limit is not None and _size(car) <= limit

    def describe(self, car: CarSpec) -> str:
        """ "unmodified naturally aspirated 4-cycle up to 1.9 L" for the car's engine kind."""
        groups = " or ".join(sorted(g.value for g in self.groups))
        limit = _amount(car, _limit_for(self, car))
        if car.engine is EngineKind.ELECTRIC:
            return f"{groups}, up to {limit}"
        return f"{groups} {_kind_name(car)} up to {limit}"


@dataclass(frozen=True)
class Above:
    """One lettered line of Max 1: engines greater than a size."""

    rule: str
    groups: frozenset[EngineGroup]
    piston_l: float | None = None
    rotary_l: float | None = None
    kw: float | None = None

    def holds(self, car: CarSpec, group: EngineGroup) -> bool:
        limit = _limit_for(self, car)
        return group in self.groups and limit is not None and _size(car) > limit


G = EngineGroup
NA_ANY = frozenset({G.NA_STOCK, G.NA_MODIFIED})
M = "Max Category 8"

ENVELOPES: tuple[Envelope, ...] = (
    Envelope(CarClass.M5, f"{M}.5.1.A", frozenset({G.NA_STOCK}), piston_l=1.9),
    Envelope(CarClass.M5, f"{M}.5.1.B", frozenset({G.NA_STOCK}), rotary_l=1.25),
    Envelope(CarClass.M5, f"{M}.5.1.C", frozenset({G.EV_STOCK}), kw=100),
    Envelope(CarClass.M4, f"{M}.4.1.A", frozenset({G.NA_STOCK}), piston_l=2.9),
    Envelope(CarClass.M4, f"{M}.4.1.B", frozenset({G.NA_STOCK}), rotary_l=1.5),
    Envelope(CarClass.M4, f"{M}.4.1.C", frozenset({G.NA_MODIFIED}), piston_l=1.9, rotary_l=1.25),
    Envelope(CarClass.M4, f"{M}.4.1.D", frozenset({G.FI_SINGLE_STOCK}), 1.9, 1.25),
    Envelope(CarClass.M4, f"{M}.4.1.E", frozenset({G.EV_STOCK}), kw=175),
    Envelope(CarClass.M4, f"{M}.4.1.F", frozenset({G.EV_MODIFIED}), kw=100),
    Envelope(CarClass.M3, f"{M}.3.1.A", frozenset({G.NA_STOCK}), piston_l=4.5),
    Envelope(CarClass.M3, f"{M}.3.1.B", frozenset({G.NA_STOCK}), rotary_l=2.0),
    Envelope(CarClass.M3, f"{M}.3.1.C", frozenset({G.NA_MODIFIED}), piston_l=2.9, rotary_l=1.5),
    Envelope(CarClass.M3, f"{M}.3.1.D", frozenset({G.FI_SINGLE_STOCK}), 2.9, 1.5),
    Envelope(CarClass.M3, f"{M}.3.1.E", frozenset({G.FI_OTHER}), piston_l=1.9, rotary_l=1.25),
    Envelope(CarClass.M3, f"{M}.3.1.F", frozenset({G.EV_STOCK}), kw=250),
    Envelope(CarClass.M3, f"{M}.3.1.G", frozenset({G.EV_MODIFIED}), kw=100),
    Envelope(CarClass.M2, f"{M}.2.1.A", frozenset({G.NA_STOCK}), piston_l=6.4),
    Envelope(CarClass.M2, f"{M}.2.1.B", frozenset({G.NA_STOCK}), rotary_l=2.0),
    Envelope(CarClass.M2, f"{M}.2.1.C", frozenset({G.NA_MODIFIED}), piston_l=4.5, rotary_l=2.0),
    Envelope(CarClass.M2, f"{M}.2.1.D", frozenset({G.FI_SINGLE_STOCK}), 4.5, 2.0),
    Envelope(CarClass.M2, f"{M}.2.1.E", frozenset({G.FI_OTHER}), piston_l=2.9, rotary_l=1.5),
    Envelope(CarClass.M2, f"{M}.2.1.F", frozenset({G.EV_STOCK}), kw=400),
    Envelope(CarClass.M2, f"{M}.2.1.G", frozenset({G.EV_MODIFIED}), kw=250),
)
MAX1_LINES: tuple[Above, ...] = (
    Above(f"{M}.1.1.A", NA_ANY, piston_l=6.4),
    Above(f"{M}.1.1.B", NA_ANY, rotary_l=2.0),
    Above(f"{M}.1.1.C", frozenset({G.FI_SINGLE_STOCK, G.FI_OTHER}), piston_l=4.5, rotary_l=4.5),
    Above(f"{M}.1.1.D", frozenset({G.FI_OTHER}), piston_l=2.9, rotary_l=1.75),
    Above(f"{M}.1.1.E", frozenset({G.EV_STOCK, G.EV_MODIFIED}), kw=400),
)


def engine_group(car: CarSpec) -> EngineGroup:
    """Max 6.4.2: modified or not, and how the engine is fed."""
    if car.engine is EngineKind.ELECTRIC:
        return G.EV_MODIFIED if car.engine_modified else G.EV_STOCK
    boosted = car.induction is not Induction.NATURAL or car.forced_induction_added
    if not boosted:
        return G.NA_MODIFIED if car.engine_modified else G.NA_STOCK
    single_stock = car.induction is Induction.SINGLE and not car.forced_induction_added
    return G.FI_SINGLE_STOCK if single_stock and not car.engine_modified else G.FI_OTHER


def engine_class(car: CarSpec) -> tuple[CarClass, Reason]:
    """The slowest Max class whose envelope holds the engine, with the line that admits it."""
    group = engine_group(car)
    engine = describe_engine(car)
    for envelope in ENVELOPES:
        if envelope.holds(car, group):
            text = f"engine {engine}: within {envelope.describe(car)}"
            return envelope.car_class, Reason(text, envelope.rule)
    line = next((a for a in MAX1_LINES if a.holds(car, group)), None)
    rule = line.rule if line else f"{M}.1.1"
    return CarClass.M1, Reason(f"engine {engine}: beyond every Max 2-5 limit", rule)


def describe_engine(car: CarSpec) -> str:
    """ "2.0 L 4-cycle, unmodified single-unit forced induction"."""
    if car.engine is EngineKind.ELECTRIC:
        return f"{_amount(car, car.motor_kw)} electric, {engine_group(car).value}"
    return f"{_amount(car, car.displacement_l)} {_kind_name(car)}, {engine_group(car).value}"


def _kind_name(car: CarSpec) -> str:
    names = {EngineKind.ROTARY: "rotary", EngineKind.TWO_CYCLE: "2-cycle"}
    return names.get(car.engine, "4-cycle")


def _amount(car: CarSpec, value: float | None) -> str:
    if car.engine is EngineKind.ELECTRIC:
        return f"{value:g} kW"
    return f"{litres(value)} L" if value is not None else "?"


def litres(value: float) -> str:
    """2 -> "2.0", 1.25 -> "1.25": displacement as the rulebook writes it."""
    text = f"{value:.3f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _limit_for(line: Envelope | Above, car: CarSpec) -> float | None:
    if car.engine is EngineKind.ELECTRIC:
        return line.kw
    if car.engine in (EngineKind.ROTARY, EngineKind.TWO_CYCLE):
        return line.rotary_l
    return line.piston_l


def _size(car: CarSpec) -> float:
    value = car.motor_kw if car.engine is EngineKind.ELECTRIC else car.displacement_l
    assert value is not None, "engine size is checked before classing in Max"
    return value
