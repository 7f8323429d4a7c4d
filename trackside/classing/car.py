"""`CarSpec`: what a registrar or a competitor tells trackside about a car."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Drive(StrEnum):
    TWO_WHEEL = "2wd"
    ALL_WHEEL = "awd"


class EngineKind(StrEnum):
    """Max Category 8: 4-cycle, rotary, 2-cycle or electric."""

    FOUR_CYCLE = "4-cycle"
    ROTARY = "rotary"
    TWO_CYCLE = "2-cycle"
    ELECTRIC = "electric"


class Induction(StrEnum):
    """The engine's OE induction: none, one turbo/supercharger, or more than one unit."""

    NATURAL = "natural"
    SINGLE = "single"
    MULTI = "multi"


class Prep(StrEnum):
    """The least permissive ruleset the car's modifications fit within (rules VII)."""

    SPORT = "sport"
    TUNER = "tuner"
    MAX = "max"
    UNLIMITED = "unlimited"


class VehicleKind(StrEnum):
    PRODUCTION = "production"
    KIT = "kit"  # a kit car or reproduction (Max Category, Eligible Kit Cars)
    RACER = "racer"  # formula car, sports racer or special (Unlimited Category 4)


class AlternateSeries(StrEnum):
    """Declared alternate-series preparation (Sport 10.7, Tuner 10.2)."""

    SOLO_STREET = "solo-street"
    SOLO_SSC = "solo-ssc"
    SHOWROOM_STOCK = "showroom-stock"
    NATIONAL_TOURING = "national-touring"  # NT2, NT3, NT4
    SPEC_MIATA = "spec-miata"
    SOLO_STREET_TOURING = "solo-street-touring"


class Wheel(BaseModel):
    """A non-OE wheel (Sport 3.1.1.F): rim diameter and width in inches, weight in lb."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    diameter_in: float = Field(gt=0)
    width_in: float = Field(gt=0)
    weight_lb: float = Field(gt=0)


class CarSpec(BaseModel):
    """A car as entered: identity, tires, wheels, weight, engine and declared preparation.

    Weights are in pounds, widths in millimetres (tires) and inches (wheels), displacement in
    litres. `weight_lb` is the competition weight with driver; `curb_weight_lb` the OE curb
    weight (for the Max 95% rule)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    year: int
    make: str = Field(min_length=1)
    model: str = Field(min_length=1)
    trim: str = ""
    drive: Drive = Drive.TWO_WHEEL
    tire_width_mm: int = Field(description="section width of the widest tire")
    oe_tire_width_mm: int | None = None
    treadwear: int | None = Field(default=None, description="UTQG treadwear; None if unrated")
    dot: bool = True
    tire_model: str = ""
    oe_tires: bool = Field(default=False, description="tires as delivered on this model/trim")
    wheels: tuple[Wheel, ...] = Field(default=(), description="non-OE wheels")
    weight_lb: float | None = None
    curb_weight_lb: float | None = None
    engine: EngineKind = EngineKind.FOUR_CYCLE
    displacement_l: float | None = None
    motor_kw: float | None = None
    induction: Induction = Induction.NATURAL
    forced_induction_units: int | None = None
    forced_induction_added: bool = False
    engine_modified: bool = False
    prep: Prep = Prep.SPORT
    low_production: bool = Field(default=False, description="fewer than 1,000 made that year")
    kind: VehicleKind = VehicleKind.PRODUCTION
    racer_class: str = Field(default="", description="e.g. 'Formula Vee' for a RACER")
    alternate_series: AlternateSeries | None = None
    modifications: tuple[str, ...] = ()

    @property
    def description(self) -> str:
        return " ".join(p for p in (str(self.year), self.make, self.model, self.trim) if p)

    @property
    def boost_units(self) -> int:
        """Forced-induction units on the engine as run (0 when naturally aspirated)."""
        if self.forced_induction_units is not None:
            return self.forced_induction_units
        if self.induction is Induction.MULTI:
            return 2
        has_boost = self.induction is Induction.SINGLE or self.forced_induction_added
        return 1 if has_boost else 0
