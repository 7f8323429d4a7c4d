"""Accounts, roles, API tokens and sign-in sessions: every query of the console's tables.

Hashes come in already made (`services/accounts.py`): nothing here sees a password or a token.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from trackside.store.journal import now_us
from trackside.store.schema import account_roles, account_tokens, accounts, console_sessions


@dataclass(frozen=True, slots=True)
class StoredAccount:
    id: int
    name: str
    password_hash: str
    roles: tuple[str, ...]
    created_us: int
    disabled_us: int | None


@dataclass(frozen=True, slots=True)
class StoredSession:
    account: StoredAccount
    csrf: str
    expires_us: int


def insert_account(conn: Connection, name: str, password_hash: str, roles: list[str]) -> int:
    """A new account holding `roles`; its id."""
    account_id = conn.execute(accounts.insert().values(
        name=name, password_hash=password_hash, created_us=now_us())).inserted_primary_key[0]
    conn.execute(account_roles.insert(), [{"account_id": account_id, "role": r} for r in roles])
    return int(account_id)


def account_named(conn: Connection, name: str) -> StoredAccount | None:
    row = conn.execute(select(accounts).where(accounts.c.name == name)).first()
    return None if row is None else _account(conn, row)


def all_accounts(conn: Connection) -> list[StoredAccount]:
    rows = conn.execute(select(accounts).order_by(accounts.c.name)).all()
    return [_account(conn, row) for row in rows]


def _account(conn: Connection, row) -> StoredAccount:  # type: ignore[no-untyped-def]
    roles = conn.execute(select(account_roles.c.role)
                         .where(account_roles.c.account_id == row.id)).scalars().all()  # fmt: skip
    return StoredAccount(row.id, row.name, row.password_hash, tuple(sorted(roles)),
                         row.created_us, row.disabled_us)  # fmt: skip


def disable_account(conn: Connection, account_id: int) -> None:
    """Mark the account disabled now: its sessions and tokens stop working with it."""
    conn.execute(accounts.update().where(accounts.c.id == account_id)
                 .values(disabled_us=now_us()))  # fmt: skip


def insert_token(conn: Connection, account_id: int, token_hash: str) -> None:
    conn.execute(account_tokens.insert().values(account_id=account_id, token_hash=token_hash,
                                                created_us=now_us()))  # fmt: skip


def account_of_token(conn: Connection, token_hash: str) -> StoredAccount | None:
    """The enabled account the token belongs to."""
    row = conn.execute(
        select(accounts).join(account_tokens, account_tokens.c.account_id == accounts.c.id)
        .where(account_tokens.c.token_hash == token_hash, accounts.c.disabled_us.is_(None))
    ).first()  # fmt: skip
    return None if row is None else _account(conn, row)


def insert_session(
    conn: Connection, account_id: int, token_hash: str, csrf: str, expires_us: int
) -> None:
    conn.execute(console_sessions.insert().values(
        account_id=account_id, token_hash=token_hash, csrf=csrf, created_us=now_us(),
        expires_us=expires_us))  # fmt: skip


def session_of(conn: Connection, token_hash: str, at_us: int) -> StoredSession | None:
    """The open, unexpired session of an enabled account with this cookie hash."""
    s = console_sessions.c
    row = conn.execute(
        select(accounts, s.csrf, s.expires_us)
        .join(console_sessions, s.account_id == accounts.c.id)
        .where(s.token_hash == token_hash, s.ended_us.is_(None), s.expires_us > at_us,
               accounts.c.disabled_us.is_(None))
    ).first()  # fmt: skip
    return None if row is None else StoredSession(_account(conn, row), row.csrf, row.expires_us)


def end_session(conn: Connection, token_hash: str) -> None:
    conn.execute(console_sessions.update()
                 .where(console_sessions.c.token_hash == token_hash,
                        console_sessions.c.ended_us.is_(None))
                 .values(ended_us=now_us()))  # fmt: skip
