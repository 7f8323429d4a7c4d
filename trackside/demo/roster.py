"""The entry list of a demo day: drivers, their cars, classes, groups, numbers and transponders.

Classes and cars follow the SCCA Time Trials National Tour classing tables
(`shared/rules/scca-time-trials-rules.txt`): Sport, Tuner, Max and Unlimited categories.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from dataclasses import dataclass

GROUPS = ("Novice", "Intermediate", "Advanced")

GROUP_SHARE = {"Novice": 0.28, "Intermediate": 0.36, "Advanced": 0.36}

GROUP_SKILL = {"Novice": (1.07, 1.15), "Intermediate": (1.035, 1.085), "Advanced": (1.0, 1.05)}
"""Pace multiplier range over the class's reference lap (1.0 = a national-level driver)."""

GROUP_SCATTER = {"Novice": 0.010, "Intermediate": 0.006, "Advanced": 0.0035}
"""Lap-to-lap scatter (standard deviation, as a fraction of the lap)."""


@dataclass(frozen=True, slots=True)
class CarClass:
    code: str
    name: str
    reference_lap_s: float
    """A national-level driver's lap of Thunderhill East (4.8 km) in a well-prepared car."""
    cars: tuple[tuple[str, str, str, int, int], ...]
    """(make, model, trim, first year, last year) as listed in the classing tables."""


CLASSES = (
    CarClass("U1", "Unlimited 1", 108.5, (
        ("Porsche", "911 GT3", "Cup-based build", 2007, 2015),
        ("Mitsubishi", "Lancer Evolution", "X time attack build", 2008, 2015),
        ("Honda", "S2000", "turbo aero build", 2000, 2009),
        ("BMW", "M3", "E92 aero build", 2008, 2013),
        ("Nissan", "GT-R", "R35 aero build", 2009, 2016),
    )),
    CarClass("M2", "Max 2", 113.5, (
        ("Chevrolet", "Corvette", "Z51", 2014, 2019),
        ("Chevrolet", "Camaro SS", "1LE", 2017, 2022),
        ("Ford", "Mustang", "GT Performance Pack", 2015, 2023),
        ("BMW", "M3", "E46 S54", 2001, 2006),
        ("Porsche", "Cayman S", "987.2", 2009, 2012),
    )),
    CarClass("S2", "Sport 2", 118.5, (
        ("Ford", "Mustang", "GT350", 2016, 2020),
        ("Chevrolet", "Camaro SS", "1LE", 2017, 2022),
        ("Toyota", "GR Supra", "3.0", 2020, 2022),
        ("Porsche", "Cayman", "GTS", 2014, 2016),
        ("Tesla", "Model 3", "Performance", 2018, 2022),
        ("Lexus", "RC F", "", 2015, 2022),
        ("Nissan", "Z", "Nismo", 2023, 2024),
    )),
    CarClass("T3", "Tuner 3", 120.5, (
        ("Honda", "Civic", "Type R", 2017, 2021),
        ("Hyundai", "Veloster N", "", 2019, 2022),
        ("Ford", "Focus RS", "", 2016, 2018),
        ("Subaru", "WRX STI", "", 2015, 2021),
        ("Toyota", "GR86", "", 2022, 2024),
        ("Toyota", "GR Corolla", "", 2023, 2024),
        ("BMW", "M3", "E46", 2001, 2006),
        ("Porsche", "Cayman S", "987.1", 2006, 2008),
    )),
    CarClass("T4", "Tuner 4", 124.5, (
        ("Mazda", "MX-5 Miata", "ND", 2016, 2023),
        ("Mazda", "MX-5 Miata", "NC", 2006, 2015),
        ("Honda", "S2000", "AP2", 2004, 2009),
        ("Subaru", "BRZ", "", 2013, 2021),
        ("Scion", "FR-S", "", 2013, 2016),
        ("Volkswagen", "Golf GTI", "Mk7", 2015, 2021),
        ("Ford", "Fiesta ST", "", 2014, 2019),
        ("BMW", "330i", "E46", 2001, 2005),
    )),
    CarClass("S4", "Sport 4", 126.0, (
        ("Ford", "Focus ST", "", 2013, 2018),
        ("Honda", "Civic", "Si", 2017, 2020),
        ("BMW", "228i", "Sport", 2014, 2016),
        ("Volkswagen", "Golf GTI", "", 2015, 2021),
        ("Subaru", "WRX", "Premium", 2022, 2023),
        ("Hyundai", "Kona N", "", 2022, 2024),
        ("MINI", "Cooper S", "", 2014, 2020),
        ("Porsche", "Cayman", "2.7", 2006, 2008),
    )),
    CarClass("S5", "Sport 5", 129.5, (
        ("Mazda", "MX-5 Miata", "Club", 2016, 2023),
        ("Honda", "Civic", "Sport Hatchback", 2016, 2021),
        ("BMW", "325i", "E46", 2001, 2005),
        ("Fiat", "124 Spider", "Classica", 2017, 2020),
        ("Acura", "TSX", "", 2009, 2014),
        ("Volkswagen", "GTI", "2.0T", 2006, 2009),
    )),
)

CLASS_SHARE = {
    "Novice": {"U1": 0, "M2": 1, "S2": 3, "T3": 3, "T4": 3, "S4": 5, "S5": 5},
    "Intermediate": {"U1": 1, "M2": 2, "S2": 4, "T3": 4, "T4": 4, "S4": 4, "S5": 3},
    "Advanced": {"U1": 3, "M2": 4, "S2": 4, "T3": 4, "T4": 4, "S4": 3, "S5": 2},
}
"""Relative weights of each class inside each run group."""

FIRST_NAMES = (
    "Ann", "Ben", "Carla", "Dev", "Elena", "Felix", "Grace", "Hector", "Isla", "Jamal",
    "Kenji", "Laura", "Mateo", "Nadia", "Owen", "Priya", "Quinn", "Rosa", "Sam", "Tara",
    "Umar", "Vera", "Wes", "Ximena", "Yusuf", "Zoe", "Aaron", "Brianna", "Chris", "Dana",
    "Ethan", "Fiona", "Gabe", "Hannah", "Ivan", "Jess", "Kyle", "Lena", "Miguel", "Nora",
    "Oscar", "Paige", "Raj", "Sofia", "Trent", "Uma", "Victor", "Whitney", "Andre", "Bella",
    "Colin", "Diego", "Erin", "Frank", "Gina", "Hugo", "Ingrid", "Jon", "Kara", "Luis",
    "Maya", "Nate", "Olga", "Pete", "Rachel", "Scott", "Tess", "Vince", "Wendy", "Alex",
    "Brett", "Cory", "Derek", "Emily", "Gus", "Holly", "Jake", "Kim", "Lucas", "Mei",
)

LAST_NAMES = (
    "Lee", "Nguyen", "Garcia", "Patel", "Kowalski", "Okafor", "Hansen", "Rossi", "Tanaka",
    "Schmidt", "Murphy", "Silva", "Cohen", "Fischer", "Moreau", "Novak", "Reyes", "Kim",
    "Larsen", "O'Brien", "Dubois", "Hughes", "Ramirez", "Sato", "Walsh", "Becker", "Chen",
    "Duarte", "Ellis", "Foster", "Gallagher", "Hayes", "Ibarra", "Jensen", "Keller", "Lopez",
    "Mendoza", "Nakamura", "Olsen", "Price", "Quintero", "Russo", "Sullivan", "Torres",
    "Underwood", "Vasquez", "Weber", "Young", "Zimmerman", "Abbott", "Brooks", "Castillo",
    "Delgado", "Erikson", "Flores", "Grant", "Holm", "Iverson", "Jovanovic", "Kaur", "Lindqvist",
    "MacLeod", "Navarro", "Ortiz", "Petrov", "Ramos", "Stewart", "Thompson", "Valdez", "Wong",
    "Bianchi", "Carter", "Dunn", "Evans", "Ferreira", "Gomez", "Hart", "Ito", "Jacobs", "Khan",
)

TEAMS = ("", "", "", "", "Redline Motorsport", "Apex Hunters", "NorCal Track Rats",
         "Sierra Time Attack", "Bay Area BMW CCA", "Pacific Miata Club")


@dataclass(frozen=True, slots=True)
class Entrant:
    """One entered car and driver, with the hidden pace the simulation drives it at."""

    number: str
    first_name: str
    last_name: str
    car_class: str
    group: str
    transponder: str
    member_id: str
    year: int
    make: str
    model: str
    trim: str
    team: str
    pace_s: float
    scatter: float

    def row(self) -> dict[str, str]:
        """The entries.csv row (interfaces.md, Entries)."""
        handle = f"{self.first_name}.{self.last_name}".lower().replace("'", "")
        return {
            "number": self.number, "first_name": self.first_name, "last_name": self.last_name,
            "class": self.car_class, "group": self.group, "transponder": self.transponder,
            "member_id": self.member_id, "license": "TT" if self.group != "Novice" else "TT-N",
            "year": str(self.year), "make": self.make, "model": self.model, "trim": self.trim,
            "email": f"{handle}@example.com", "team": self.team,
        }


def class_by_code(code: str) -> CarClass:
    return next(c for c in CLASSES if c.code == code)


def build_roster(rng: random.Random, cars: int) -> list[Entrant]:
    """`cars` entrants with unique names, numbers and transponders, sorted by number."""
    groups = _group_sizes(cars)
    names = _unique_names(rng, cars)
    numbers = rng.sample(range(2, max(1000, cars + 2)), cars)  # 4 digits beyond 998 cars
    transponders = draw_transponders(rng, cars)
    entrants = []
    for i, group in enumerate(g for g, n in groups.items() for _ in range(n)):
        entrants.append(
            _entrant(rng, group, names[i], str(numbers[i]), transponders[i])
        )
    return sorted(entrants, key=lambda e: int(e.number))


def draw_transponders(rng: random.Random, count: int, taken: Collection[str] = ()) -> list[str]:
    """Unique 7-digit MyLaps-style transponder numbers not in `taken`."""
    out: list[str] = []
    while len(out) < count:
        code = str(rng.randrange(1_000_000, 10_000_000))
        if code not in taken and code not in out:
            out.append(code)
    return out


def _group_sizes(cars: int) -> dict[str, int]:
    novice = round(cars * GROUP_SHARE["Novice"])
    intermediate = round(cars * GROUP_SHARE["Intermediate"])
    return {"Novice": novice, "Intermediate": intermediate,
            "Advanced": cars - novice - intermediate}


def _unique_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    pairs = [(f, last) for f in FIRST_NAMES for last in LAST_NAMES]
    if count > len(pairs):
        raise ValueError(f"at most {len(pairs)} cars have distinct driver names")
    return rng.sample(pairs, count)


def _entrant(
    rng: random.Random, group: str, name: tuple[str, str], number: str, transponder: str
) -> Entrant:
    shares = CLASS_SHARE[group]
    code = rng.choices(list(shares), weights=list(shares.values()))[0]
    car_class = class_by_code(code)
    make, model, trim, first, last = rng.choice(car_class.cars)
    low, high = GROUP_SKILL[group]
    return Entrant(
        number=number, first_name=name[0], last_name=name[1], car_class=code, group=group,
        transponder=transponder, member_id=str(rng.randrange(100_000, 999_999)),
        year=rng.randint(first, last), make=make, model=model, trim=trim,
        team=rng.choice(TEAMS), pace_s=car_class.reference_lap_s * rng.uniform(low, high),
        scatter=GROUP_SCATTER[group],
    )
