"""How make, model and trim text is compared: tokens, phrases and spellings.

The listings print names loosely ("Type R", "GT-R", "RX7" and "RX-7", "4cy", "3.8L"), and people
type them loosely too. Both sides go through `tokens`, and a listing phrase is found in a car's
tokens when some run of consecutive tokens spells it ("type r" in "Type-R" or "TypeR").
"""

from __future__ import annotations

import re
import unicodedata

# One spelling per make, as the data files store it.
MAKE_ALIASES = {
    "vw": "Volkswagen",
    "volkswagon": "Volkswagen",
    "infinity": "Infiniti",
    "mercedes-benz": "Mercedes",
    "mercedes benz": "Mercedes",
    "benz": "Mercedes",
    "chevy": "Chevrolet",
    "alfa": "Alfa Romeo",
    "mini cooper": "Mini",
    "bmw m": "BMW",
}

# Other names people use for a listed model (listing model -> extra spellings).
MODEL_ALIASES = {
    "mx-5 miata": ("mx-5", "miata", "mx5"),
    "miata/mx-5": ("miata", "mx-5"),
    "miata": ("mx-5",),
    "evo": ("lancer evolution", "evolution", "lancer evo"),
    "lancer evolution": ("evo", "evolution"),
    "crown vic": ("crown victoria",),
    "guilia": ("giulia",),
    "cruz": ("cruze",),
    "mazda2": ("2",),
    "mazda3": ("3",),
    "2": ("mazda2",),
    "3": ("mazda3",),
    "mazdaspeed 3": ("mazdaspeed3",),
    "mazdaspeed 6": ("mazdaspeed6",),
    "s": ("model s",),
    "frs": ("fr-s",),
    "86": ("gt86", "gt 86"),
    "celica supra": ("supra",),
    "3 series": ("3-series", "3er"),
    "3-series": ("3 series",),
    "350/370 z": ("350z", "370z"),
    "240/260/280z": ("240z", "260z", "280z"),
    "720s": ("720 s",),
}

_TOKEN = re.compile(r"\d+\.\d+[a-z]*|[a-z0-9]+")
_CYLINDERS = re.compile(r"^(\d{1,2})(?:cyl|cy|cylinder|cylinders)$")
_DROPPED = {"l"}  # "3.8 L", "1.8 L": the unit carries no meaning once "3.8" is a token


def fold(text: str) -> str:
    """Lower case without accents: "Protegé" -> "protege"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def tokens(text: str) -> tuple[str, ...]:
    """Words of a name: "GT4 4.0 L" -> ("gt4", "4.0"); "4 cyl" -> ("4cyl",)."""
    raw = [_unit_free(t) for t in _TOKEN.findall(fold(text))]
    merged: list[str] = []
    for token in raw:
        if token in _DROPPED:
            continue
        if merged and merged[-1].isdigit() and token in ("cyl", "cy", "cylinder", "cylinders"):
            merged[-1] = f"{merged[-1]}cyl"
            continue
        merged.append(_cylinders(token))
    return tuple(merged)


def _unit_free(token: str) -> str:
    return token[:-1] if re.fullmatch(r"\d+\.\d+l", token) else token


def _cylinders(token: str) -> str:
    match = _CYLINDERS.match(token)
    return f"{match[1]}cyl" if match else token


def has_phrase(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """True when consecutive `words` spell `phrase` (ignoring where the word breaks fall)."""
    target = "".join(phrase)
    if not target:
        return True
    for start in range(len(words)):
        spelled = ""
        for word in words[start:]:
            spelled += word
            if spelled == target:
                return True
            if len(spelled) >= len(target) or not target.startswith(spelled):
                break
    return False


def spells_start(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """True when the first `words` spell `phrase` and end where a word ends: "X3M
    Competition", "X3 M Competition" and "X3-M Competition" all start with X3 + M Competition,
    "323" does not start with "3"."""
    target, spelled = "".join(phrase), ""
    for word in words:
        spelled += word
        if spelled == target:
            return True
        if not target.startswith(spelled):
            return False
    return False


def canonical_make(make: str) -> str:
    """The data files' spelling of a make ("VW" -> "Volkswagen"); unknown makes unchanged."""
    key = " ".join(fold(make).split())
    return MAKE_ALIASES.get(key, make.strip())


def same_make(listed: str, given: str) -> bool:
    return fold(listed) == fold(canonical_make(given))


def model_spellings(model: str) -> tuple[tuple[str, ...], ...]:
    """Token phrases that name a listed model: its "/" alternatives and known aliases."""
    key = fold(model)
    names = [model, *MODEL_ALIASES.get(key, ())]
    if "/" in model and " " not in model.split("/")[0]:
        names.extend(_slash_alternatives(model))
    return tuple(dict.fromkeys(tokens(n) for n in names if tokens(n)))


def _slash_alternatives(model: str) -> list[str]:
    """ "M3/M4" -> M3, M4; "C63/C63S" -> C63, C63S; "240/242/244/245" -> each."""
    return [part.strip() for part in model.split("/") if part.strip()]


def names_model(spelling: tuple[str, ...], model_words: tuple[str, ...]) -> bool:
    """Does a car's model text name this listed model? Short names ("2", "Z", "S") must be
    the whole model, so a Mazda CX-3 is not a Mazda 3."""
    if len("".join(spelling)) <= 2:
        return "".join(spelling) == "".join(model_words)
    return has_phrase(model_words, spelling)
