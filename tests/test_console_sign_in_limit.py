"""The sign-in rate limit (console.md, "Sign-in and sessions"): more than 10 failed sign-ins
for one username or one address within 10 minutes are answered 429 until the window passes."""

from __future__ import annotations

import time

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.console_server import PASSWORD, console_server
from trackside.web.sign_in_limit import SignInLimit


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


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


@pytest.mark.parametrize(("failures", "t", "wait"), WINDOW)
def test_the_window_of_ten_failures_in_ten_minutes(failures, t, wait):
    clock = Clock()
    limit = SignInLimit(clock=clock)
    for at in failures:
        clock.now = 1000.0 + at
        limit.failed(["user:sue"])
    clock.now = 1000.0 + t
    assert limit.retry_after(["user:sue"]) == wait
    assert limit.retry_after(["user:bob"]) is None


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # a shared machine
@given(st.lists(st.floats(0, 3000), max_size=40), st.floats(0, 3000))
def test_refused_exactly_when_ten_failures_lie_within_the_window(failures, t):
    clock = Clock()
    limit = SignInLimit(clock=clock)
    for at in sorted(failures):
        clock.now = at
        limit.failed(["k"])
    clock.now = max([t, *failures])
    recent = [f for f in failures if f > clock.now - 600]
    assert (limit.retry_after(["k"]) is not None) == (len(recent) >= 10)


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
