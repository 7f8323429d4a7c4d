"""A real `trackside serve` over a SQLite file holding the small event of tests/conftest.py and
one account per console role (console.md), each with an API token; helpers to sign in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.conftest import ENTRIES_CSV, EVENT_TOML, FLAGS_CSV, PASSINGS_CSV, dump_rows
from tests.live_server import LiveServer, live_server
from trackside.core.roles import Role
from trackside.services import import_entries, import_event, import_flags, import_passings
from trackside.services.accounts import add_user, new_token
from trackside.store import open_engine

EVENT = "img-tt-r3"
PASSWORD = "paddock-2026"
ACCOUNTS = {role.value: role.value.replace("-", "") for role in Role}
"""Role -> the name of the account holding only that role (`timingchief`, ...)."""


@dataclass
class Console:
    server: LiveServer
    tokens: dict[str, str]
    """Role -> the API token of the account holding it."""

    @property
    def url(self) -> str:
        return self.server.url

    def post(self, path: str, body: dict | None = None, *, role: str | None = None,
             **kwargs) -> httpx.Response:  # fmt: skip
        headers = kwargs.pop("headers", {})
        if role is not None:
            headers["Authorization"] = f"Bearer {self.tokens[role]}"
        return httpx.post(self.url + path, json=body, headers=headers, timeout=10, **kwargs)

    def rows(self) -> dict:
        """Every stored row (tests/conftest.py `dump_rows`)."""
        engine = open_engine(self.server.db_url, migrate=False)
        try:
            return dump_rows(engine)
        finally:
            engine.dispose()

    @contextmanager
    def signed_in(self, role: str) -> Iterator[httpx.Client]:
        """A client signed in (session cookie) as the account holding `role`."""
        with httpx.Client(base_url=self.url, timeout=10) as client:
            answer = client.post("/login", data={"username": ACCOUNTS[role],
                                                 "password": PASSWORD})  # fmt: skip
            assert answer.status_code == 303, answer.text
            yield client


def prepare(directory: Path) -> str:
    """The event, its entries, passings and flags, and the accounts, in a new SQLite file."""
    files = {}
    for name, text in (("event.toml", EVENT_TOML), ("entries.csv", ENTRIES_CSV),
                       ("passings.csv", PASSINGS_CSV), ("flags.csv", FLAGS_CSV)):
        files[name] = directory / name
        files[name].write_text(text, encoding="utf-8")
    db_url = f"sqlite:///{directory / 'console.db'}"
    engine = open_engine(db_url)
    try:
        import_event(engine, files["event.toml"])
        import_entries(engine, EVENT, files["entries.csv"])
        import_passings(engine, EVENT, files["passings.csv"])
        import_flags(engine, EVENT, files["flags.csv"])
        for role, name in ACCOUNTS.items():
            add_user(engine, name, [role], PASSWORD)
    finally:
        engine.dispose()
    return db_url


@contextmanager
def console_server(directory: Path, *extra: str) -> Iterator[Console]:
    db_url = prepare(directory)
    engine = open_engine(db_url, migrate=False)
    try:
        tokens = {role: new_token(engine, name) for role, name in ACCOUNTS.items()}
    finally:
        engine.dispose()
    with live_server(db_url, EVENT, *extra) as server:
        yield Console(server, tokens)
