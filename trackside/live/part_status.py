"""The state of each part `trackside serve` runs beside the web server (the decoder client,
the RMonitor output), as the pages show it: ``decoder: reconnecting (connection refused)``."""

from __future__ import annotations

from typing import NamedTuple


class PartState(NamedTuple):
    name: str
    state: str
    """``running``, ``connected``, ``reconnecting``, ``restarting`` or ``stopped``."""
    reason: str | None = None

    @property
    def healthy(self) -> bool:
        return self.state in ("running", "connected")

    @property
    def text(self) -> str:
        return f"{self.name}: {self.state}" + (f" ({self.reason})" if self.reason else "")


class PartStatus:
    """The latest state of every part, by name, in the order they were first reported."""

    def __init__(self) -> None:
        self._states: dict[str, PartState] = {}

    def set(self, name: str, state: str, reason: str | None = None) -> None:
        self._states[name] = PartState(name, state, reason)

    def states(self) -> list[PartState]:
        return list(self._states.values())

    def doc(self) -> list[dict[str, object]]:
        """The states as the JSON twins show them."""
        return [{"name": s.name, "state": s.state, "reason": s.reason, "text": s.text}
                for s in self._states.values()]  # fmt: skip
