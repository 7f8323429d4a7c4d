"""Bad car descriptions, each with a message a registrar can act on."""

from __future__ import annotations

from trackside.errors import InputError


class UnknownCarError(InputError):
    """The make/model/year/trim matches no listing; `closest` holds the nearest listings."""

    def __init__(self, message: str, closest: tuple[str, ...], *, field: str = "model") -> None:
        lines = [message]
        if closest:
            lines.append("closest listings: " + "; ".join(closest))
        super().__init__("\n".join(lines), field=field)
        self.closest = closest


class ContradictoryInputError(InputError):
    """Inputs that cannot all be true (AWD on a 2WD-only listing, weight under physics)."""


class IncompleteCarError(InputError):
    """The car reaches a category whose rules need facts that were not given."""
