"""Benchmark: what authenticating one console request costs (docs/console.md): a sign-in's
argon2id password check (right and wrong password, and an unknown name, which verifies against
a dummy hash so that it takes as long), and the per-request lookups of an API token and a
session cookie (a SHA-256 and one indexed read each), on a SQLite file."""

from __future__ import annotations

import tempfile
from pathlib import Path

from measure import interleaved, line, median

from trackside.services import accounts
from trackside.store import open_engine


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        engine = open_engine(f"sqlite:///{Path(directory) / 'bench.db'}")
        for number in range(50):
            accounts.add_user(engine, f"official{number}", ["timing-chief"], "paddock-2026")
        token = accounts.new_token(engine, "official7")
        cookie = accounts.sign_in(engine, "official7").cookie
        variants = {
            "sign-in, right password": lambda: accounts.check_password(
                engine, "official7", "paddock-2026"),
            "sign-in, wrong password": lambda: accounts.check_password(
                engine, "official7", "guess"),
            "sign-in, unknown name": lambda: accounts.check_password(engine, "nobody", "guess"),
            "request, API token": lambda: accounts.token_account(engine, token),
            "request, session cookie": lambda: accounts.session_account(engine, cookie),
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
          f"cookie_cpu_ms={ms['request, session cookie']:.2f}")


if __name__ == "__main__":
    main()
