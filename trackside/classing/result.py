"""`Classification`: the class, the category, and the reasons, each citing its rule."""

from __future__ import annotations

from collections.abc import Callable
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
class MissingInput:
    """An input the class inside the category depends on: its neutral key (`displacement`),
    what it is, and the rule that makes it matter."""

    key: str
    what: str
    reason: Reason

    def sentence(self, name: Namer) -> str:
        return f"needs {name(self.key)}, the {self.what}: {self.reason.sentence()}"


Namer = Callable[[str], str]
"""How a front end names an input by its neutral key (`displacement` → `--displacement`)."""


def _as_key(key: str) -> str:
    return key


@dataclass(frozen=True)
class Classification:
    """The answer for one car. `reasons` is the rule path to `car_class`; `not_eligible`
    says why each category below it (or a listed class) does not apply.

    When the category is known but the class inside it needs inputs that were not given,
    `car_class` is None, `within` is the category, `candidates` the classes it can be and
    `missing` the inputs that decide it."""

    car_class: CarClass | None
    reasons: tuple[Reason, ...]
    not_eligible: tuple[Ineligibility, ...] = ()
    notes: tuple[str, ...] = field(default=())
    within: Category | None = None
    candidates: tuple[CarClass, ...] = ()
    missing: tuple[MissingInput, ...] = ()

    @property
    def category(self) -> Category:
        if self.car_class is not None:
            return self.car_class.category
        assert self.within is not None
        return self.within

    @property
    def complete(self) -> bool:
        return self.car_class is not None

    def summary(self, name: Namer = _as_key) -> str:
        """One line: "Tuner 3: listed (Tuner Category 10.5); tire 275 mm ≤ 285 mm ... ."""
        steps = [r.sentence() for r in self.reasons]
        if self.missing:
            steps.append("the class needs " + ", ".join(name(m.key) for m in self.missing))
        return f"{self._name()}: {'; '.join(steps)}"

    def explain(self, name: Namer = _as_key) -> str:
        """Several lines for a person: class, rule path, what is missing, where it is not
        eligible, notes. `name` names each missing input the way the user types it."""
        lines = [self._heading()]
        lines += [f"  - {r.sentence()}" for r in self.reasons]
        lines += [f"  ? {m.sentence(name)}" for m in self.missing]
        lines += [f"  x {i.sentence()}" for i in self.not_eligible]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The JSON twin of `explain`; `missing` names inputs by their neutral keys."""
        return {
            "class": self.car_class.value if self.car_class else None,
            "class_title": self.car_class.title if self.car_class else None,
            "category": self.category.value,
            "complete": self.complete,
            "candidates": [c.value for c in self.candidates],
            "missing": [
                {"field": m.key, "what": m.what, "text": m.reason.text, "rule": m.reason.rule}
                for m in self.missing
            ],
            "summary": self.summary(),
            "reasons": [{"text": r.text, "rule": r.rule} for r in self.reasons],
            "not_eligible": [
                {"category": i.category.value, "text": i.reason.text, "rule": i.reason.rule}
                for i in self.not_eligible
            ],
            "notes": list(self.notes),
        }

    def _heading(self) -> str:
        if self.car_class is None:
            return f"{self.category.value} Category, class not decided ({self._choices()})"
        return f"{self.car_class.title}, {self.category.value} Category"

    def _choices(self) -> str:
        return " or ".join(c.value for c in self.candidates)

    def _name(self) -> str:
        if self.car_class is None:
            return f"{self.category.value} ({self._choices()}, not decided)"
        if self.category is Category.REGIONAL:
            return self.car_class.title
        return f"{self.category.value} {self.car_class.value[1:]}"
