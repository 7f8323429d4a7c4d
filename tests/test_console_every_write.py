"""Every write endpoint the server has, found from its own OpenAPI document rather than listed
by hand, so an endpoint added later is covered too (console.md: "Everything public stays
readable without an account; every change needs one"; issue 15: "no account → 401 on every
write endpoint"): without an account each answers 401 and stores nothing, and an account whose
role may change nothing (`driver-coach` is in no row of console.md's table) is refused by each
and stores nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from tests.console_server import EVENT, Console, console_server

SIGN_IN = {"/login", "/logout"}
"""Signing in needs no account, by design; signing out ends one (tests/test_console_auth)."""


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    with console_server(tmp_path_factory.mktemp("every-write")) as running:
        yield running


@pytest.fixture(scope="module")
def writes(console: Console) -> list[tuple[str, str]]:
    """(method, path) of every operation that is not a read, path parameters filled in."""
    schema = httpx.get(console.url + "/api/openapi.json", timeout=10).json()
    found = []
    for path, operations in schema["paths"].items():
        for method in operations:
            if method.upper() in {"GET", "HEAD", "OPTIONS"} or path in SIGN_IN:
                continue
            filled = re.sub(r"\{event[^}]*\}", EVENT, path)
            found.append((method.upper(), re.sub(r"\{[^}]+\}", "1", filled)))
    return sorted(found)


def test_the_server_lists_the_write_endpoints_of_every_screen(writes):
    paths = {path for _, path in writes}
    for expected in ("flags", "decisions", "finalize", "transponders", "passings", "entries",
                     "tech", "reclassifications", "pit-stops", "driver-changes", "contacts"):
        assert f"/api/events/{EVENT}/{expected}" in paths, expected


def test_no_account_is_401_on_every_write_the_server_has(console: Console, writes):
    before = console.rows()
    for method, path in writes:
        answer = httpx.request(method, console.url + path, json={}, timeout=10)
        assert answer.status_code == 401, (method, path, answer.text)
    assert console.rows() == before


def test_a_role_that_may_change_nothing_changes_nothing(console: Console, writes):
    before = console.rows()
    headers = {"Authorization": f"Bearer {console.tokens['driver-coach']}"}
    for method, path in writes:
        answer = httpx.request(method, console.url + path, json={}, headers=headers,
                               timeout=10)
        assert answer.status_code in (403, 404, 409, 422), (method, path, answer.text)
    assert console.rows() == before
