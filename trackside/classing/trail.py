"""`Trail`: the reasons gathered while a car is walked through the categories."""

from __future__ import annotations

from dataclasses import dataclass, field

from trackside.classing.classes import CarClass, Category
from trackside.classing.result import Classification, Ineligibility, MissingInput, Reason


@dataclass
class Trail:
    """Reasons toward the class, reasons against other categories, and notes; local to one
    `classify` call, turned into an immutable `Classification` at the end."""

    reasons: list[Reason] = field(default_factory=list)
    against: list[Ineligibility] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    missing: list[MissingInput] = field(default_factory=list)

    def step(self, text: str, rule: str) -> None:
        self.reasons.append(Reason(text, rule))

    def add(self, reason: Reason) -> None:
        self.reasons.append(reason)

    def not_in(self, category: Category, text: str, rule: str) -> None:
        self.against.append(Ineligibility(category, Reason(text, rule)))

    def reject(self, category: Category, reason: Reason) -> None:
        self.against.append(Ineligibility(category, reason))

    def need(self, key: str, what: str, text: str, rule: str) -> None:
        """The class depends on input `key` (a neutral key), which was not given."""
        self.missing.append(MissingInput(key, what, Reason(text, rule)))

    def note(self, text: str) -> None:
        self.notes.append(text)

    def restart(self) -> list[Reason]:
        """Drop the reasons of a category that did not take the car; return them."""
        dropped, self.reasons = self.reasons, []
        return dropped

    def result(self, found: CarClass | Undecided) -> Classification:
        """The answer: a class, or a category whose class needs `missing` inputs."""
        gathered = (tuple(self.reasons), tuple(self.against), tuple(self.notes))
        if isinstance(found, CarClass):
            return Classification(found, *gathered)
        return Classification(None, *gathered, within=found.category,
                              candidates=found.candidates, missing=tuple(self.missing))


@dataclass(frozen=True)
class Undecided:
    """A stage's answer when the category is certain but the class needs more inputs (the
    trail's `missing`): the category and the classes the car can be in."""

    category: Category
    candidates: tuple[CarClass, ...]
