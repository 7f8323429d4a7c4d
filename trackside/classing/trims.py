"""What a listing's Trim cell asks of a car.

A trim cell holds alternatives ("S, GTS", "Base & Nismo", "Firehawk/Formula/Trans Am"),
exclusions ("non-Z06", "(Non-Fuji Edition)"), induction conditions ("Naturally Aspirated",
"(FI)"), optional detail in parentheses ("(xDrive included)", "(3.0)") and filler ("All", "Base",
"standard"). `TrimRule.score` says how well a car's model and trim words meet it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from trackside.classing.names import fold, has_phrase, spells_start, tokens

FULL = 100.0  # a score at or above FULL means every word the listing asks for is there
CATCH_ALL = FULL - 50  # "Not otherwise classed": only when nothing more specific fits

_FILLER = {"all", "base", "standard", "incl", "included", "including"}
_OPTIONAL = {"base"}  # "Solstice Base" (S6) vs "Solstice" (S5): a tie-breaker, not a must
_NEGATIVE = re.compile(r"\bnon[\s-]+(?P<what>[^,()&/]+?)(?=\s*(?:$|[,()&/]|\bor\b|\band\b))", re.I)
_NATURAL = re.compile(r"\bnaturally\s+asp(?:irated)?\b|\(\s*na\s*\)", re.I)
_FORCED = re.compile(r"\(\s*fi\s*\)|\bnon[\s-]+na\b", re.I)
_CATCH_ALL = re.compile(r"not\s+otherwise\s+classed(?:\s+or\s+excluded)?", re.I)
_PARENS = re.compile(r"\(([^)]*)\)")
# Drive named in a trim is a condition on the car's drive (see `drive.py`), not a trim word.
_DRIVE_WORDS = re.compile(r"\b(?:rwd|fwd|awd|x-?drive|quattro|4matic|4\s*motion)\b", re.I)
_SPLIT = re.compile(r"\s*,\s*|\s+&\s+|\s+\+\s+|\s+or\s+|\s+and\s+")


class InductionNeed(StrEnum):
    ANY = "any"
    NATURAL = "natural"
    FORCED = "forced"


@dataclass(frozen=True)
class TrimRule:
    """A parsed Trim cell."""

    text: str
    alternatives: tuple[tuple[str, ...], ...]
    excluded: tuple[tuple[str, ...], ...]
    optional: tuple[str, ...]
    induction: InductionNeed
    catch_all: bool

    @property
    def generic(self) -> bool:
        return any(not alt for alt in self.alternatives)

    def score(self, words: tuple[str, ...]) -> float:
        """FULL or more when an alternative is fully present; the count of matched words when
        only part of one is; 0 when nothing matches or an excluded phrase is present."""
        if self._excludes(words):
            return 0.0
        bonus = self._bonus(words)
        best = 0.0
        for alternative in self.alternatives:
            matched = _matched_words(words, alternative)
            if matched == len(alternative):
                base = CATCH_ALL if self.catch_all else FULL
                best = max(best, base + 2 * matched + bonus)
            else:
                best = max(best, matched + bonus) if matched else best
        return best


    def whole_name_score(self, words: tuple[str, ...], model: tuple[str, ...]) -> float:
        """The score of an alternative when the car's model and trim words, read as one
        name, start with the listed model followed by it, wherever the user split the name
        ("X3 M" + "Competition" for the row X3 | M Competition); 0 otherwise."""
        fits = [alt for alt in self.alternatives if spells_start(words, model + alt)]
        if not fits or self._excludes(words):
            return 0.0
        base = CATCH_ALL if self.catch_all else FULL
        return base + 2 * max(len(alt) for alt in fits) + self._bonus(words)

    def _excludes(self, words: tuple[str, ...]) -> bool:
        return any(has_phrase(words, phrase) for phrase in self.excluded)

    def _bonus(self, words: tuple[str, ...]) -> float:
        return 0.5 * sum(has_phrase(words, (w,)) for w in self.optional)


def parse_trim(text: str) -> TrimRule:
    """Read a Trim cell into a `TrimRule`."""
    working = _CATCH_ALL.sub(" ", text)
    induction = _induction_need(working)
    working = _NATURAL.sub(" ", _FORCED.sub(" ", working))
    excluded = tuple(tokens(m["what"]) for m in _NEGATIVE.finditer(working))
    working = _NEGATIVE.sub(" ", working)
    optional = tuple(w for inner in _PARENS.findall(working) for w in _content(tokens(inner)))
    working = _DRIVE_WORDS.sub(" ", _PARENS.sub(" ", working))
    optional += tuple(w for w in tokens(working) if w in _OPTIONAL)
    return TrimRule(
        text=text,
        alternatives=_alternatives(working),
        excluded=tuple(e for e in excluded if e),
        optional=optional,
        induction=induction,
        catch_all=bool(_CATCH_ALL.search(text)),
    )


def _induction_need(text: str) -> InductionNeed:
    if _FORCED.search(text):
        return InductionNeed.FORCED
    if _NATURAL.search(text):
        return InductionNeed.NATURAL
    return InductionNeed.ANY


def _alternatives(text: str) -> tuple[tuple[str, ...], ...]:
    parts = [p for chunk in _SPLIT.split(text.strip(" ,-")) for p in _split_slash(chunk)]
    found = tuple(dict.fromkeys(_content(tokens(p)) for p in parts))
    return found or ((),)


def _split_slash(chunk: str) -> list[str]:
    """ "Base/Premium" -> both; "z/28" stays one word (a short or numeric side is no trim)."""
    sides = [s.strip() for s in chunk.split("/")]
    if len(sides) == 1 or any(len(s) <= 1 or s.isdigit() for s in sides):
        return [chunk.replace("/", "")]
    return sides


def _content(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in words if w not in _FILLER)


def _matched_words(words: tuple[str, ...], alternative: tuple[str, ...]) -> int:
    if has_phrase(words, alternative):
        return len(alternative)
    return sum(has_phrase(words, (w,)) for w in alternative)


def mentions(text: str, word: str) -> bool:
    """Whether a trim text names `word` outside parentheses ("535i RWD" mentions "rwd")."""
    return has_phrase(tokens(_PARENS.sub(" ", fold(text))), tokens(word))
