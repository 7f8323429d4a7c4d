"""A real `trackside serve` over a SQLite file holding the small race day of
tests/test_cli_race.py (practice, qualifying, a 10-minute race with pit loops; three cars, two
rosters), a compliance query filed about car 12, and one account per console role
(tests/console_server.py) — for the race screens and endpoints of the console."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.console_server import ACCOUNTS, PASSWORD, Console
from tests.live_server import live_server
from tests.test_cli_race import ENTRIES_CSV, EV, EVENT_TOML, FLAGS_CSV, ROSTER_CSV, _passings_csv
from trackside.services import import_entries, import_event, import_flags, import_passings
from trackside.services.accounts import add_user, new_token
from trackside.services.queries import file_query
from trackside.services.race import import_roster
from trackside.services.times import event_time
from trackside.store import open_engine

__all__ = ["ACCOUNTS", "EV", "PASSWORD", "Console", "prepare_race", "race_console"]


def prepare_race(directory: Path) -> str:
    """The race day, its roster, one query and the accounts, in a new SQLite file."""
    files = {}
    for name, text in (("event.toml", EVENT_TOML), ("entries.csv", ENTRIES_CSV),
                       ("roster.csv", ROSTER_CSV), ("passings.csv", _passings_csv()),
                       ("flags.csv", FLAGS_CSV)):  # fmt: skip
        files[name] = directory / name
        files[name].write_text(text, encoding="utf-8")
    db_url = f"sqlite:///{directory / 'race-console.db'}"
    engine = open_engine(db_url)
    try:
        import_event(engine, files["event.toml"])
        import_entries(engine, EV, files["entries.csv"])
        import_roster(engine, EV, files["roster.csv"], "Registrar")
        import_passings(engine, EV, files["passings.csv"])
        import_flags(engine, EV, files["flags.csv"])
        file_query(engine, EV, "12", "is the rear wing legal?", "Team Apex",
                   event_time(engine, EV, "12:15:00"))
        for role, name in ACCOUNTS.items():
            add_user(engine, name, [role], PASSWORD)
    finally:
        engine.dispose()
    return db_url


@contextmanager
def race_console(directory: Path) -> Iterator[Console]:
    db_url = prepare_race(directory)
    engine = open_engine(db_url, migrate=False)
    try:
        tokens = {role: new_token(engine, name) for role, name in ACCOUNTS.items()}
    finally:
        engine.dispose()
    with live_server(db_url, EV) as server:
        yield Console(server, tokens)
