"""Accounts, tokens and sign-in sessions in the store, on SQLite and PostgreSQL (console.md,
"Accounts", "Sign-in and sessions"): a session lasts until sign-out, expiry or the account's
disabling; migration 0010_console goes down and up again."""

from __future__ import annotations

from alembic import command
from alembic.script import ScriptDirectory

from trackside.services import accounts
from trackside.store import open_engine
from trackside.store.journal import now_us
from trackside.store.migrate import alembic_config, current_revision, head_revision

REVISION = "0010_console"
"""This branch's migration (the accounts tables)."""


def test_a_session_lasts_until_sign_out(engine):
    accounts.add_user(engine, "sue", ["timing-chief", "event-lead"], "pw")
    signed = accounts.sign_in(engine, "sue")
    account, csrf = accounts.session_account(engine, signed.cookie)
    assert (account.name, account.roles, csrf) == ("sue", ("event-lead", "timing-chief"),
                                                   signed.csrf)
    assert accounts.session_account(engine, signed.csrf) is None  # the CSRF token is no cookie
    accounts.sign_out(engine, signed.cookie)
    assert accounts.session_account(engine, signed.cookie) is None


def test_disabling_ends_sessions_and_tokens(engine):
    accounts.add_user(engine, "max", ["competition-director"], "pw")
    cookie = accounts.sign_in(engine, "max").cookie
    token = accounts.new_token(engine, "max")
    accounts.disable_user(engine, "max")
    assert accounts.session_account(engine, cookie) is None
    assert accounts.token_account(engine, token) is None


def test_an_expired_session_is_no_session(engine, monkeypatch):
    accounts.add_user(engine, "sue", ["tech"], "pw")
    cookie = accounts.sign_in(engine, "sue").cookie
    later = now_us() + accounts.SESSION_US + 1
    monkeypatch.setattr(accounts, "now_us", lambda: later)
    assert accounts.session_account(engine, cookie) is None


def test_migration_0008_goes_down_and_up_again(db_url):
    before = ScriptDirectory.from_config(alembic_config()).get_revision(REVISION).down_revision
    engine = open_engine(db_url)
    try:
        accounts.add_user(engine, "sue", ["tech"], "pw")
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), before)
        assert current_revision(engine) == before
    finally:
        engine.dispose()
    engine = open_engine(db_url)
    try:
        assert current_revision(engine) == head_revision()
        assert accounts.list_users(engine) == []
    finally:
        engine.dispose()
