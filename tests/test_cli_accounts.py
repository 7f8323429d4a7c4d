"""`trackside user add|list|disable|token` (console.md, "Accounts — CLI"), on SQLite and
PostgreSQL: argon2id password hashes, tokens stored as their hash only, bad input refused in one
line with nothing stored."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import select
from typer.testing import CliRunner, Result

from tests.conftest import dump_rows
from trackside.cli import app
from trackside.services.accounts import check_password, secret_hash, token_account
from trackside.store import open_engine
from trackside.store.schema import account_tokens, accounts

User = Callable[..., Result]


@pytest.fixture
def user(db_url: str) -> User:
    """`trackside --db DB user ARGS...` with `stdin` as its standard input."""
    runner = CliRunner()

    def run(*args: str, stdin: str = "") -> Result:
        return runner.invoke(app, ["--db", db_url, "user", *args], input=stdin)

    return run


def test_user_add_stores_an_argon2id_hash_and_the_roles(user: User, engine) -> None:
    added = user("add", "sue", "--role", "timing-chief", "--role", "event-lead",
                 stdin="correct horse\n")
    assert added.exit_code == 0, added.output
    assert added.output == "user sue: event-lead, timing-chief\n"
    with engine.connect() as conn:
        (stored,) = conn.execute(select(accounts.c.password_hash)).scalars().all()
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    assert check_password(engine, "sue", "correct horse").roles == ("event-lead", "timing-chief")
    assert check_password(engine, "sue", "wrong") is None


def test_user_list_shows_roles_and_disabled_accounts(user: User) -> None:
    assert user("add", "sue", "--role", "timing-chief", stdin="pw1\n").exit_code == 0
    assert user("add", "cd", "--role", "competition-director", stdin="pw2\n").exit_code == 0
    assert user("disable", "cd").output == "user cd: disabled\n"
    listed = json.loads(user("list", "--format", "json").output)
    assert listed == [
        {"name": "cd", "roles": ["competition-director"], "disabled": True},
        {"name": "sue", "roles": ["timing-chief"], "disabled": False},
    ]
    text = user("list").output.splitlines()
    assert text == ["cd                   competition-director  (disabled)",
                    "sue                  timing-chief"]


def test_a_disabled_account_cannot_sign_in_nor_use_its_token(user: User, engine) -> None:
    user("add", "sue", "--role", "timing-chief", stdin="pw\n")
    token = user("token", "sue").output.strip()
    assert token_account(engine, token).name == "sue"
    user("disable", "sue")
    assert check_password(engine, "sue", "pw") is None
    assert token_account(engine, token) is None


def test_user_token_is_shown_once_and_stored_as_its_hash(user: User, engine) -> None:
    user("add", "board", "--role", "timing-chief", stdin="pw\n")
    first, second = (user("token", "board").output.strip() for _ in range(2))
    assert first != second and len(first) >= 43  # 32 random bytes, URL-safe base64
    with engine.connect() as conn:
        hashes = conn.execute(select(account_tokens.c.token_hash)).scalars().all()
    assert sorted(hashes) == sorted([secret_hash(first), secret_hash(second)])
    assert first not in hashes


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (("add", "sue", "--role", "flagger"), "pw\n",
     "error: option --role: unknown role 'flagger'; expected one of event-lead, "
     "competition-director, timing-chief, registrar, tech, driver-coach, pit-marshal\n"),
    (("add", "sue", "--role", "tech"), "\n", "error: password: the password is empty\n"),
    (("add", "no one", "--role", "tech"), "pw\n",
     "error: argument NAME: expected a name of letters, digits and . _ @ -, got 'no one'\n"),
    (("disable", "ghost"), "", "error: argument NAME: no account 'ghost'\n"),
    (("token", "ghost"), "", "error: argument NAME: no account 'ghost'\n"),
])  # fmt: skip
def test_bad_input_is_one_line_and_nothing_is_stored(
    user: User, db_url: str, args: tuple[str, ...], stdin: str, message: str
) -> None:
    engine = open_engine(db_url)
    before = dump_rows(engine)
    result = user(*args, stdin=stdin)
    assert (result.exit_code, result.output) == (1, message)
    assert dump_rows(engine) == before
    engine.dispose()


def test_a_second_account_of_the_same_name_is_refused(user: User) -> None:
    assert user("add", "sue", "--role", "tech", stdin="pw\n").exit_code == 0
    again = user("add", "sue", "--role", "registrar", stdin="pw\n")
    assert (again.exit_code, again.output) == (1, "error: argument NAME: account 'sue' already "
                                                   "exists\n")
    assert json.loads(user("list", "--format", "json").output)[0]["roles"] == ["tech"]
