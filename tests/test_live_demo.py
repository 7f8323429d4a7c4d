"""`make demo` (issue 3): `trackside demo --live` replays the day's last session through the
decoder simulator into a running server, and the live results end where the batch demo's are."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

TRACKSIDE = [sys.executable, "-c", "from trackside.cli import main; main()"]
EVENT = "tt-thunderhill-2026-05-16"


@pytest.mark.timeout(600)  # its own deadlines below: a whole demo day on a loaded machine
def test_the_live_demo_ends_with_the_batch_demo_results(tmp_path: Path):
    batch_db = f"sqlite:///{tmp_path / 'batch.db'}"
    subprocess.run([*TRACKSIDE, "--db", batch_db, "demo", "--out", str(tmp_path / "batch")],
                   check=True, capture_output=True, timeout=300)  # fmt: skip
    demo = subprocess.Popen(
        [*TRACKSIDE, "demo", "--live", "--speed", "150", "--port", "0", "--out",
         str(tmp_path / "out")],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        output = _read_until(demo, "The replay is over", timeout=240)
    finally:
        demo.send_signal(signal.SIGINT)
        demo.wait(timeout=30)
    page = re.search(r"Open (http://\S+) to watch", output)
    assert page and page.group(1).endswith(f"/events/{EVENT}/live?session=TA3-A")
    for note in ("green flag, TA3-A", "red flag, TA3-A", "flag-violation for car 499",
                 "checkered flag, TA3-A"):
        assert f"race control: {note}" in output
    live_db = f"sqlite:///{tmp_path / 'out' / 'live' / 'live.db'}"
    for args in (["--session", "TA3-A", "--format", "json"], ["--format", "csv"]):
        assert _results(live_db, args) == _results(batch_db, args)
    assert demo.returncode == 0, output


def _read_until(process: subprocess.Popen, marker: str, timeout: float) -> str:
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if marker in line:
            return "".join(lines)
        found = re.search(r"Open (http://\S+) to watch", line)
        if found:  # the page is up while the session runs
            assert httpx.get(found.group(1), timeout=10).status_code == 200
    raise AssertionError("the live demo did not finish:\n" + "".join(lines))


def _results(db_url: str, args: list[str]) -> str:
    result = subprocess.run([*TRACKSIDE, "--db", db_url, "results", EVENT, *args],
                            check=True, capture_output=True, text=True, timeout=120)
    return re.sub(r'"generated_at": "[^"]*"', "", result.stdout)
