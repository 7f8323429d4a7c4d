"""The `trackside` command (interfaces.md): parse arguments, call a service, print.

Bad input of any kind prints one line, `error: <file:line: field 'x': message>`, to stderr and
exits 1; the services guarantee the database is then exactly as it was. Each module registers
its commands on the shared app when imported.
"""

from __future__ import annotations

import trackside.cli.rmonitor  # noqa: F401  (registration)
import trackside.cli.serve  # noqa: F401  (registration)
from trackside.cli import (  # noqa: F401  (registration)
    classify,
    decisions,
    decoder,
    demo,
    events,
    flags,
    passings,
    results,
)
from trackside.cli.common import app


def main() -> None:
    """Entry point of the `trackside` command."""
    app()


__all__ = ["app", "main"]
