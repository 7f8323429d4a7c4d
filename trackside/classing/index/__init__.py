"""Points-based performance indexes (IMG style): a TOML rule file, a car, a class band."""

from trackside.classing.index.rules import (
    PointsRules,
    load_example_points_rules,
    load_points_rules,
    parse_points_rules,
)
from trackside.classing.index.scoring import (
    PointsClassification,
    PointsLine,
    classify_points,
    equivalent_band,
)

__all__ = [
    "PointsClassification",
    "PointsLine",
    "PointsRules",
    "classify_points",
    "equivalent_band",
    "load_example_points_rules",
    "load_points_rules",
    "parse_points_rules",
]
