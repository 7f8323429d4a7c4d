"""Car classing: SCCA Time Trials categories and classes, and points-based indexes.

`classify(CarSpec)` answers with the SCCA class, its category and the rule path; the tables it
reads (listings, exclusion lists, tire widths, kit cars) are CSV files in ``data/``, one
rulebook citation per row. `classify_points(CarSpec, PointsRules)` classes a car by a club's
points-based performance index (IMG style) read from a TOML rule file.
"""

from trackside.classing.car import (
    AlternateSeries,
    CarSpec,
    Drive,
    EngineKind,
    Induction,
    Prep,
    VehicleKind,
    Wheel,
)
from trackside.classing.classes import CarClass, Category
from trackside.classing.classifier import classify
from trackside.classing.errors import (
    ContradictoryInputError,
    IncompleteCarError,
    UnknownCarError,
)
from trackside.classing.result import Classification, Ineligibility, Reason
from trackside.classing.unlimited import corrected_displacement
from trackside.classing.wheels import minimum_wheel_weight
from trackside.classing.years import YearRange, parse_years

__all__ = [
    "AlternateSeries",
    "CarClass",
    "CarSpec",
    "Category",
    "Classification",
    "ContradictoryInputError",
    "Drive",
    "EngineKind",
    "IncompleteCarError",
    "Induction",
    "Ineligibility",
    "Prep",
    "Reason",
    "UnknownCarError",
    "VehicleKind",
    "Wheel",
    "YearRange",
    "classify",
    "corrected_displacement",
    "minimum_wheel_weight",
    "parse_years",
]
