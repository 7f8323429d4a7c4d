"""Officials' accounts (console.md, "Accounts"): added, listed, disabled; API tokens; signing in.

Passwords are hashed with argon2id; API tokens and session cookies are random 32-byte secrets
stored as their SHA-256 (a lookup key: they carry 256 bits, nothing to guess). Each change is
one transaction.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine

from trackside.core.roles import parse_role
from trackside.errors import InputError
from trackside.store import accounts as stored
from trackside.store.database import writing
from trackside.store.journal import now_us

SESSION_US = 12 * 3600 * 1_000_000
"""A sign-in lasts an event day."""
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
"""argon2id with OWASP's recommended minimum (19 MiB, 2 passes, one lane): a sign-in costs about
35 ms of CPU instead of the library default's 210 ms, CPU the event laptop needs for live
timing (bench/console_auth.py). A stored hash names its own parameters, so these may change."""
_DUMMY_HASH = _hasher.hash("not a password")
"""Verified against when the name is unknown, so both take as long."""


@dataclass(frozen=True, slots=True)
class Account:
    """Who is signed in (or a listed account): name and roles."""

    name: str
    roles: tuple[str, ...]
    disabled: bool = False


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A new browser session: the cookie's secret and the CSRF token of its forms."""

    cookie: str
    csrf: str


def _public(account: stored.StoredAccount) -> Account:
    return Account(account.name, account.roles, account.disabled_us is not None)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def add_user(engine: Engine, name: str, roles: Iterable[str], password: str) -> Account:
    """A new account with at least one role and a non-empty password."""
    if not NAME.match(name):
        raise InputError(f"expected a name of letters, digits and . _ @ -, got {name!r}",
                         source="argument NAME")  # fmt: skip
    try:
        parsed = sorted({parse_role(role).value for role in roles})
    except ValueError as err:
        raise InputError(str(err), source="option --role") from None
    if not parsed:
        raise InputError("give at least one --role", source="option --role")
    if not password:
        raise InputError("the password is empty", source="password")
    password_hash = _hasher.hash(password)
    with writing(engine) as conn:
        if stored.account_named(conn, name) is not None:
            raise InputError(f"account {name!r} already exists", source="argument NAME")
        stored.insert_account(conn, name, password_hash, parsed)
    return Account(name, tuple(parsed))


def list_users(engine: Engine) -> list[Account]:
    with engine.connect() as conn:
        return [_public(account) for account in stored.all_accounts(conn)]


def disable_user(engine: Engine, name: str) -> Account:
    """Disable the account: it can no longer sign in, and its sessions and tokens stop."""
    with writing(engine) as conn:
        account = _existing(conn, name)
        if account.disabled_us is None:
            stored.disable_account(conn, account.id)
    return Account(account.name, account.roles, True)


def new_token(engine: Engine, name: str) -> str:
    """A new API token for the account (shown once: only its hash is kept)."""
    token = secrets.token_urlsafe(32)
    with writing(engine) as conn:
        account = _existing(conn, name)
        if account.disabled_us is not None:
            raise InputError(f"account {name!r} is disabled", source="argument NAME")
        stored.insert_token(conn, account.id, secret_hash(token))
    return token


def _existing(conn, name: str) -> stored.StoredAccount:  # type: ignore[no-untyped-def]
    account = stored.account_named(conn, name)
    if account is None:
        raise InputError(f"no account {name!r}", source="argument NAME")
    return account


def check_password(engine: Engine, name: str, password: str) -> Account | None:
    """The enabled account when `password` is its password; None otherwise."""
    with engine.connect() as conn:
        account = stored.account_named(conn, name)
    if account is None or account.disabled_us is not None:
        _verify(_DUMMY_HASH, password)
        return None
    return _public(account) if _verify(account.password_hash, password) else None


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def token_account(engine: Engine, token: str) -> Account | None:
    """The enabled account holding this API token."""
    with engine.connect() as conn:
        account = stored.account_of_token(conn, secret_hash(token))
    return None if account is None else _public(account)


def sign_in(engine: Engine, name: str) -> SignedIn:
    """A new session for the (checked) account `name`."""
    cookie, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with writing(engine) as conn:
        account = _existing(conn, name)
        stored.insert_session(conn, account.id, secret_hash(cookie), csrf,
                              now_us() + SESSION_US)  # fmt: skip
    return SignedIn(cookie, csrf)


def session_account(engine: Engine, cookie: str) -> tuple[Account, str] | None:
    """The account signed in with this cookie and its session's CSRF token."""
    with engine.connect() as conn:
        session = stored.session_of(conn, secret_hash(cookie), now_us())
    return None if session is None else (_public(session.account), session.csrf)


def sign_out(engine: Engine, cookie: str) -> None:
    with writing(engine) as conn:
        stored.end_session(conn, secret_hash(cookie))
