"""An interrupted test run leaves no PostgreSQL server and no cluster directory behind
(tests/pg_cluster.py): pytest in a subprocess on a tiny test holding the cluster, interrupted
once the cluster is up, serially and under xdist; and a run killed outright is cleaned up by the
next one."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.pg_cluster import pg_bin, postmaster_pid, processes_using, remove_stale_clusters

REPO = Path(__file__).resolve().parent.parent
HOLDING = '''
import os, time
from pathlib import Path

def test_hold_the_cluster(postgres_cluster):
    mark = Path(os.environ["TRACKSIDE_PG_MARK"])
    partial = mark.with_suffix(".partial")
    partial.write_text(postgres_cluster.socket_dir)
    partial.replace(mark)  # all at once: the waiting test never reads an empty mark
    time.sleep(300)
'''

AS_FROM_A_TERMINAL = (
    "import signal, sys, pytest; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "sys.exit(pytest.main(sys.argv[1:]))"
)
"""pytest with Ctrl-C raising KeyboardInterrupt, as in a terminal, even when this run was
started in the background (a shell's `&` starts a command with SIGINT ignored)."""

pytestmark = pytest.mark.skipif(pg_bin() is None, reason="no PostgreSQL server binaries")


@pytest.fixture
def start_run(tmp_path: Path) -> Iterator[Callable[..., tuple[subprocess.Popen, Path]]]:
    """Start pytest on the holding test, in its own session (as a terminal or CI job would run
    it); returns once the test holds a running cluster, with the cluster's directory. A run the
    test leaves behind (it failed, or was interrupted itself) is stopped the clean way."""
    started: list[subprocess.Popen] = []

    def start(*mode: str) -> tuple[subprocess.Popen, Path]:
        (tmp_path / "pytest.ini").write_text("[pytest]\n")
        (tmp_path / "test_holding.py").write_text(HOLDING)
        mark = tmp_path / "cluster"
        env = {**os.environ, "TRACKSIDE_PG_MARK": str(mark), "PYTHONPATH": str(REPO)}
        env.pop("PYTEST_XDIST_WORKER", None)
        env.pop("PYTEST_XDIST_TESTRUNUID", None)
        process = subprocess.Popen(
            [sys.executable, "-c", AS_FROM_A_TERMINAL, "-q", "-p", "no:cacheprovider",
             "-p", "tests.conftest", "-o", "timeout=0", *mode, "test_holding.py"],
            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        started.append(process)
        deadline = time.monotonic() + 120
        while not mark.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                output = _end(process)
                raise AssertionError(f"the holding test never got its cluster:\n{output}")
            time.sleep(0.05)
        root = Path(mark.read_text())
        assert postmaster_pid(root / "data") is not None, "the cluster is not running"
        return process, root

    yield start
    for process in started:
        _end(process)


def _end(process: subprocess.Popen) -> str:
    """Stop the run if it is still going (SIGTERM, then SIGKILL); its output."""
    if process.stdout is None or process.stdout.closed:
        return ""  # already read to the end
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    try:
        output = process.communicate(timeout=60)[0]
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        output = process.communicate()[0]
        remove_stale_clusters()
    return (output or b"").decode()


def _assert_cleaned(process: subprocess.Popen, root: Path) -> str:
    try:
        output = process.communicate(timeout=90)[0].decode()
    except subprocess.TimeoutExpired:
        raise AssertionError("the interrupted run did not end within 90 s") from None
    assert processes_using(root) == [], f"a postgres of {root} is still running:\n{output}"
    assert not root.exists(), f"{root} is still there:\n{output}"
    return output


SERIAL = ("-p", "no:xdist")
XDIST = ("-n", "1")


@pytest.mark.parametrize("mode", [SERIAL, XDIST], ids=["serial", "xdist"])
def test_sigterm_to_pytest_stops_and_removes_the_cluster(start_run, mode):
    process, root = start_run(*mode)
    process.send_signal(signal.SIGTERM)  # to pytest alone: a CI runner's timeout, `kill PID`
    output = _assert_cleaned(process, root)
    assert process.returncode == 2, output  # interrupted, as Ctrl-C


@pytest.mark.parametrize("mode", [SERIAL, XDIST], ids=["serial", "xdist"])
def test_ctrl_c_stops_and_removes_the_cluster(start_run, mode):
    process, root = start_run(*mode)
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the whole foreground process group
    output = _assert_cleaned(process, root)
    assert process.returncode == 2, output


def test_a_run_killed_outright_is_cleaned_up_by_the_next(start_run):
    process, root = start_run(*SERIAL)
    os.killpg(process.pid, signal.SIGKILL)  # nothing of it can clean up
    process.wait()
    assert postmaster_pid(root / "data") is not None, "the server outlives a SIGKILLed run"
    assert root in remove_stale_clusters(str(root.parent))  # what the next run does first
    assert processes_using(root) == [] and not root.exists()
