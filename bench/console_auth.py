"""Benchmark: what authenticating one console request costs (docs/console.md): a sign-in's
argon2id password check (right and wrong password, and an unknown name, which verifies against
a dummy hash so that it takes as long), and the per-request lookups of an API token and a
session cookie (a SHA-256 and one indexed read each), on a SQLite file; and what the sign-in
limit kept in the database adds (docs/console.md, "Signing in"): its check (one indexed read
per key) before every sign-in, the failure written after a wrong one, and a whole sign-in
(limit check, password check, new session)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from measure import interleaved, line, median

from trackside.services import accounts, sign_in_limit
from trackside.store import open_engine


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        engine = open_engine(f"sqlite:///{Path(directory) / 'bench.db'}")
        for number in range(50):
            accounts.add_user(engine, f"official{number}", ["timing-chief"], "paddock-2026")
        token = accounts.new_token(engine, "official7")
        cookie = accounts.sign_in(engine, "official7").cookie
        keys = ("user:official7", "addr:10.0.0.7")
        for _ in range(5):  # some failures to count, fewer than the limit
            sign_in_limit.record_failure(engine, keys)

        def whole_sign_in() -> object:
            assert sign_in_limit.retry_after_us(engine, keys) is None
            assert accounts.check_password(engine, "official7", "paddock-2026") is not None
            return accounts.sign_in(engine, "official7")

        variants = {
            "sign-in, right password": lambda: accounts.check_password(
                engine, "official7", "paddock-2026"),
            "sign-in, wrong password": lambda: accounts.check_password(
                engine, "official7", "guess"),
            "sign-in, unknown name": lambda: accounts.check_password(engine, "nobody", "guess"),
            "request, API token": lambda: accounts.token_account(engine, token),
            "request, session cookie": lambda: accounts.session_account(engine, cookie),
            "sign-in limit, check": lambda: sign_in_limit.retry_after_us(engine, keys),
            "sign-in limit, failure recorded": lambda: sign_in_limit.record_failure(
                engine, ("user:guesser", "addr:10.0.0.9")),
            "sign-in, whole (limit, password, session)": whole_sign_in,
        }
        times = interleaved(variants)
        engine.dispose()
    print("console auth bench: 50 accounts on SQLite")
    for name, timing in times.items():
        print(line(name, timing))
    ms = {name: median(t.cpu) * 1000 for name, t in times.items()}
    print(f"console_auth: password_cpu_ms={ms['sign-in, right password']:.1f} "
          f"unknown_name_cpu_ms={ms['sign-in, unknown name']:.1f} "
          f"token_cpu_ms={ms['request, API token']:.2f} "
          f"cookie_cpu_ms={ms['request, session cookie']:.2f} "
          f"limit_check_cpu_ms={ms['sign-in limit, check']:.2f} "
          f"failure_cpu_ms={ms['sign-in limit, failure recorded']:.2f} "
          f"whole_sign_in_cpu_ms={ms['sign-in, whole (limit, password, session)']:.1f}")


if __name__ == "__main__":
    main()
