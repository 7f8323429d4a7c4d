"""One answer for a described car, shared by `trackside classify` and the web classing page:
the SCCA class with its rule path and, when a points index is asked for, its band."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trackside.classing.car import CarSpec
from trackside.classing.classifier import classify
from trackside.classing.fields import car_spec
from trackside.classing.index import (
    PointsClassification,
    classify_points,
    load_example_points_rules,
    load_points_rules,
)
from trackside.classing.result import Classification, Namer
from trackside.errors import InputError

EXAMPLE_INDEX = "example"
"""`--points example`: the IMG-style example index shipped in `data/img_example.toml`."""


@dataclass(frozen=True)
class CarAnswer:
    car: CarSpec
    scca: Classification
    points: PointsClassification | None = None

    def to_dict(self) -> dict[str, Any]:
        document = {"car": self.car.model_dump(mode="json"), **self.scca.to_dict()}
        if self.points is not None:
            document["points"] = self.points.to_dict()
        return document

    def explain(self, name: Namer = str) -> str:
        """The answer for a person; `name` names a missing input as the user types it."""
        lines = [self.car.description, self.scca.explain(name)]
        if self.points is not None:
            lines.append(self.points.explain())
        return "\n".join(lines)


def answer(
    values: Mapping[str, Any],
    *,
    source: str | None = None,
    points: str | None = None,
    allow_unlisted: bool = False,
) -> CarAnswer:
    """Classify the car `values` describe; `points` is a rule file path or "example".

    Errors about the car carry `source` and the input's neutral key in `field`, for the
    front end to name as its user typed it."""
    car = car_spec(values, source=source)
    try:
        scca = classify(car, allow_unlisted=allow_unlisted)
    except InputError as err:
        err.source = err.source or source
        raise
    if not points:
        return CarAnswer(car, scca)
    rules = (load_example_points_rules() if points == EXAMPLE_INDEX
             else load_points_rules(Path(points)))  # fmt: skip
    return CarAnswer(car, scca, classify_points(car, rules))
