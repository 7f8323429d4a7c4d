"""The SCCA Time Trials categories and classes (rules VII: Sport, Tuner, Max, Unlimited)."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    SPORT = "Sport"
    TUNER = "Tuner"
    MAX = "Max"
    UNLIMITED = "Unlimited"
    REGIONAL = "Regional"  # Unlimited Category 4: suggested sports-racer/formula classes


class CarClass(StrEnum):
    """A class by its abbreviation, listed from the slowest to the fastest within a category."""

    S6 = "S6"
    S5 = "S5"
    S4 = "S4"
    S3 = "S3"
    S2 = "S2"
    S1 = "S1"
    T5 = "T5"
    T4 = "T4"
    T3 = "T3"
    T2 = "T2"
    T1 = "T1"
    M5 = "M5"
    M4 = "M4"
    M3 = "M3"
    M2 = "M2"
    M1 = "M1"
    U2 = "U2"
    U1 = "U1"
    TTV = "TTV"
    TTN = "TTN"
    TTW = "TTW"
    TTA = "TTA"
    TTS = "TTS"

    @property
    def category(self) -> Category:
        return _CATEGORY_BY_LETTER[self.value[0] if not self.value.startswith("TT") else "R"]

    @property
    def title(self) -> str:
        """ "Tuner 3 (T3)"; the regional classes by their rulebook names."""
        if self.category is Category.REGIONAL:
            return f"{_REGIONAL_TITLES[self]} ({self.value})"
        return f"{self.category.value} {self.value[1]} ({self.value})"

    @property
    def rank(self) -> int:
        """Position in the ladder S6 < ... < S1 < T5 < ... < T1 < M5 < ... < M1 < U2 < U1.

        A car moves up this ladder as it gains preparation, tire or power: the order used
        by "bump up" and by the tests that more tire never moves a car down."""
        return list(CarClass).index(self)

    def faster(self) -> CarClass | None:
        """The next faster class in the same category (S3 -> S2), None at the top."""
        siblings = [c for c in CarClass if c.category is self.category]
        index = siblings.index(self)
        return siblings[index + 1] if index + 1 < len(siblings) else None


_CATEGORY_BY_LETTER = {
    "S": Category.SPORT,
    "T": Category.TUNER,
    "M": Category.MAX,
    "U": Category.UNLIMITED,
    "R": Category.REGIONAL,
}
_REGIONAL_TITLES = {
    CarClass.TTS: "Time Trial Special",
    CarClass.TTA: "Time Trial Atlantic",
    CarClass.TTW: "Time Trial Winged",
    CarClass.TTN: "Time Trial Non-Winged",
    CarClass.TTV: "Time Trial V",
}
