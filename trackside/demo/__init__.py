"""The demo: a seeded, realistic Time Trials day (`generator`) and `run_demo`, which imports it,
scores it and publishes the results (`make demo`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from trackside.demo.generator import GeneratedEvent, generate_event

if TYPE_CHECKING:
    from trackside.demo.run import run_demo

__all__ = ["GeneratedEvent", "generate_event", "run_demo"]


def __getattr__(name: str) -> Any:
    """`run_demo` is imported on first use: the generator alone needs no database."""
    if name == "run_demo":
        from trackside.demo.run import run_demo

        return run_demo
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
