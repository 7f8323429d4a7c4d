"""Which drive a listing or a model implies, so a contradicting entry is caught.

The listings name the drive in some trims ("535i RWD", "440i xDrive", "S3 Quattro Wagon",
"Legacy L FWD"); some models were only ever sold with all-wheel drive. The tire-width limits
differ by drive (Sport 3.2.3, Tuner 3.2.2), so a wrong drive would give a wrong class.
"""

from __future__ import annotations

from trackside.classing.car import Drive
from trackside.classing.names import has_phrase, same_make, tokens
from trackside.classing.trims import mentions

TWO_WHEEL_WORDS = ("rwd", "fwd")
ALL_WHEEL_WORDS = ("awd", "xdrive", "x-drive", "quattro", "4matic", "4 motion", "dual motor")

# Models sold only with all-wheel drive (make, model words).
ALL_WHEEL_ONLY = (
    ("Nissan", "GT-R"),
    ("Subaru", "WRX"),
    ("Subaru", "STI"),
    ("Mitsubishi", "Evo"),
    ("Mitsubishi", "Lancer Evolution"),
    ("Ford", "Focus RS"),
    ("Volkswagen", "Golf R"),
    ("Volkswagen", "R32"),
    ("Audi", "RS3"),
    ("Audi", "RS5"),
    ("Audi", "RS6"),
    ("Audi", "TT RS"),
    ("Toyota", "GR Corolla"),
    ("Toyota", "Corolla GR"),
    ("Porsche", "Macan"),
)


def listing_drive(trim: str) -> Drive | None:
    """The drive a listing's trim names outside parentheses, or None when it names none."""
    if any(mentions(trim, word) for word in TWO_WHEEL_WORDS):
        return Drive.TWO_WHEEL
    if any(mentions(trim, word) for word in ALL_WHEEL_WORDS):
        return Drive.ALL_WHEEL
    return None


def all_wheel_only(make: str, model: str, trim: str) -> str | None:
    """The model name when the car is a model only sold with AWD, else None."""
    words = tokens(f"{model} {trim}")
    for listed_make, listed_model in ALL_WHEEL_ONLY:
        if same_make(listed_make, make) and has_phrase(words, tokens(listed_model)):
            return f"{listed_make} {listed_model}"
    return None
