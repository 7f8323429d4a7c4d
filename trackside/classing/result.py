"""`Classification`: the class, the category, and the reasons, each citing its rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from trackside.classing.classes import CarClass, Category


@dataclass(frozen=True)
class Reason:
    """One step of the answer: what was found, and the rule that makes it count."""

    text: str
    rule: str

    def sentence(self) -> str:
        return f"{self.text} ({self.rule})" if self.rule else self.text


@dataclass(frozen=True)
class Ineligibility:
    """Why the car is not in a category (or a class) it might have been in."""

    category: Category
    reason: Reason

    def sentence(self) -> str:
        return f"not {self.category.value}: {self.reason.sentence()}"


@dataclass(frozen=True)
class Classification:
    """The answer for one car. `reasons` is the rule path to `car_class`; `not_eligible`
    says why each category below it (or a listed class) does not apply."""

    car_class: CarClass
    reasons: tuple[Reason, ...]
    not_eligible: tuple[Ineligibility, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def category(self) -> Category:
        return self.car_class.category

    def summary(self) -> str:
        """One line: "Tuner 3: listed (Tuner Category 10.5); tire 275 mm ≤ 285 mm ... ."""
        path = "; ".join(r.sentence() for r in self.reasons)
        return f"{self._name()}: {path}"

    def explain(self) -> str:
        """Several lines for a person: class, rule path, where it is not eligible, notes."""
        lines = [f"{self.car_class.title}, {self.category.value} Category"]
        lines += [f"  - {r.sentence()}" for r in self.reasons]
        lines += [f"  x {i.sentence()}" for i in self.not_eligible]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The JSON twin of `explain`."""
        return {
            "class": self.car_class.value,
            "class_title": self.car_class.title,
            "category": self.category.value,
            "summary": self.summary(),
            "reasons": [{"text": r.text, "rule": r.rule} for r in self.reasons],
            "not_eligible": [
                {"category": i.category.value, "text": i.reason.text, "rule": i.reason.rule}
                for i in self.not_eligible
            ],
            "notes": list(self.notes),
        }

    def _name(self) -> str:
        if self.category is Category.REGIONAL:
            return self.car_class.title
        return f"{self.category.value} {self.car_class.value[1:]}"
