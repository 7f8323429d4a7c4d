"""The sign-in rate limit (console.md, "Sign-in and sessions"): more than 10 failed sign-ins for
one username or one address within 10 minutes are answered 429 until the window passes.

Kept in the server's memory: a restart forgets it, as it forgets nothing else that matters."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable

LIMIT = 10
WINDOW_S = 600.0


class SignInLimit:
    """Failed sign-ins per key (`user:NAME`, `addr:HOST`) within the last `window_s`."""

    def __init__(self, limit: int = LIMIT, window_s: float = WINDOW_S,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        self.limit, self.window_s, self.clock = limit, window_s, clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def retry_after(self, keys: Iterable[str]) -> float | None:
        """Seconds until a sign-in for `keys` is heard again; None when it may be tried now."""
        now = self.clock()
        waits = []
        with self._lock:
            for key in keys:
                failures = self._recent(key, now)
                if not failures:
                    del self._failures[key]  # forget a key once its window has passed
                elif len(failures) >= self.limit:
                    waits.append(failures[-self.limit] + self.window_s - now)
        return max(waits) if waits else None

    def failed(self, keys: Iterable[str]) -> None:
        now = self.clock()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()
        return failures
