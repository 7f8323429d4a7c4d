"""The `trackside` command (interfaces.md): parse arguments, call a service, print.

Bad input of any kind prints one line, `error: <file:line: field 'x': message>`, to stderr and
exits 1; the services guarantee the database is then exactly as it was. Each module registers
its commands on the shared app when imported, and the app imports a command's module only when
that command runs (the table in `cli/lazy.py`), so `trackside --help` starts in a blink.
"""

from __future__ import annotations

from trackside.cli.common import app


def main() -> None:
    """Entry point of the `trackside` command."""
    app()


__all__ = ["app", "main"]
