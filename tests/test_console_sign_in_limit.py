"""The sign-in rate limit (console.md, "Sign-in and sessions"): more than 10 failed sign-ins
for one username or one address within 10 minutes are answered 429 until the window passes."""

from __future__ import annotations

import itertools
import time

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.console_server import PASSWORD, console_server, prepare
from tests.live_server import live_server
from trackside.services import sign_in_limit
from trackside.store import open_engine
from trackside.store.schema import sign_in_failures

S = 1_000_000
T0 = 1_780_000_000 * S
"""A wall-clock time (microseconds) the failures below are counted from."""

# Failures at these seconds, then the question "may `user:sue` try at t?" -> seconds to wait.
WINDOW = [  # failures, t, retry after (None: may try now)
    ([0] * 9, 1, None),                       # 9 failures: the 10th attempt is heard
    ([0] * 10, 1, 599.0),                     # 10 failures: the 11th is refused
    ([0] * 10, 599, 1.0),
    ([0] * 10, 600, None),                    # the window has passed
    ([0] * 5 + [300] * 10, 600, 300.0),       # the 5 at 0 have gone; 10 remain
    ([0] * 5 + [300] * 5 + [599], 601, None),  # 6 within the window
    ([0, 100, 200, 300, 400, 500, 510, 520, 530, 540], 550, 50.0),
]  # fmt: skip


def _wait_s(engine, keys, t: float) -> float | None:
    wait = sign_in_limit.retry_after_us(engine, keys, T0 + round(t * S))
    return None if wait is None else wait / S


@pytest.mark.parametrize(("failures", "t", "wait"), WINDOW)
def test_the_window_of_ten_failures_in_ten_minutes(engine, failures, t, wait):
    for at in failures:
        sign_in_limit.record_failure(engine, ["user:sue"], T0 + at * S)
    assert _wait_s(engine, ["user:sue"], t) == wait
    assert _wait_s(engine, ["user:bob"], t) is None
    assert _wait_s(engine, ["user:bob", "user:sue"], t) == wait  # the longest wait of any key


def test_recording_a_failure_forgets_those_whose_window_has_passed(engine):
    sign_in_limit.record_failure(engine, ["user:sue", "addr:10.0.0.7"], T0)
    sign_in_limit.record_failure(engine, ["user:ann"], T0 + 300 * S)
    sign_in_limit.record_failure(engine, ["user:bob"], T0 + 600 * S)  # the first two's window
    with engine.connect() as conn:
        kept = conn.execute(select(sign_in_failures.c.key, sign_in_failures.c.failed_us)).all()
    assert sorted(kept) == [("user:ann", T0 + 300 * S), ("user:bob", T0 + 600 * S)]


def test_two_servers_on_one_database_share_the_failures(db_url):
    """Two engines (as two server processes would open) on one SQLite file or PostgreSQL
    database: 5 failures through each make the 11th attempt through either wait."""
    first, second = open_engine(db_url), open_engine(db_url)
    try:
        for i in range(10):
            sign_in_limit.record_failure((first, second)[i % 2], ["user:sue"], T0 + i * S)
        assert _wait_s(first, ["user:sue"], 10) == _wait_s(second, ["user:sue"], 10) == 590.0
    finally:
        first.dispose()
        second.dispose()


_keys = itertools.count()


@settings(deadline=None, max_examples=40,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(0, 3000), max_size=30), st.integers(0, 3000))
def test_refused_exactly_when_ten_failures_lie_within_the_window(engine, failures, t):
    key = f"user:k{next(_keys)}"  # one key per example: the examples share the database
    for at in sorted(failures):
        sign_in_limit.record_failure(engine, [key], T0 + at * S, window_us=10**15)  # no pruning
    now = max([t, *failures])
    recent = [f for f in failures if f > now - 600]
    assert (_wait_s(engine, [key], now) is not None) == (len(recent) >= 10)


def _sign_in(url: str, name: str, password: str) -> int:
    return httpx.post(url + "/login", data={"username": name, "password": password},
                      timeout=10).status_code  # fmt: skip


def test_the_eleventh_failed_sign_in_for_a_name_is_429_even_with_the_password(tmp_path):
    with console_server(tmp_path) as console:
        started = time.monotonic()
        assert [_sign_in(console.url, "timingchief", f"guess {i}") for i in range(10)] == \
            [401] * 10
        answer = httpx.post(console.url + "/login", timeout=10,
                            data={"username": "timingchief", "password": PASSWORD})
        assert answer.status_code == 429
        elapsed = time.monotonic() - started
        assert 600 - elapsed <= int(answer.headers["Retry-After"]) <= 601
        assert "set-cookie" not in answer.headers


def test_ten_failures_from_one_address_stop_every_name_from_it(tmp_path):
    with console_server(tmp_path) as console:
        assert [_sign_in(console.url, f"nobody{i}", "x") for i in range(10)] == [401] * 10
        assert _sign_in(console.url, "eventlead", PASSWORD) == 429


def test_a_restarted_server_still_refuses_the_eleventh(tmp_path):
    """The failures are in the database: a new server on the same SQLite file still answers
    429, and so does a second server running beside it."""
    db_url = prepare(tmp_path)
    with live_server(db_url, "img-tt-r3") as first:
        assert [_sign_in(first.url, "timingchief", f"guess {i}") for i in range(10)] == \
            [401] * 10
    with live_server(db_url, "img-tt-r3") as restarted, \
            live_server(db_url, "img-tt-r3") as beside:  # fmt: skip
        for server in (restarted, beside):
            answer = httpx.post(server.url + "/login", timeout=10,
                                data={"username": "timingchief", "password": PASSWORD})
            assert answer.status_code == 429
            assert 0 < int(answer.headers["Retry-After"]) <= 601
        assert _sign_in(beside.url, "eventlead", PASSWORD) == 429  # the address is held too


def test_two_running_servers_count_failures_together(tmp_path):
    db_url = prepare(tmp_path)
    with live_server(db_url, "img-tt-r3") as one, live_server(db_url, "img-tt-r3") as two:
        assert [_sign_in(s.url, f"nobody{i}", "x") for i, s in enumerate([one, two] * 5)] == \
            [401] * 10
        assert _sign_in(one.url, "registrar", PASSWORD) == 429
        assert _sign_in(two.url, "registrar", PASSWORD) == 429
