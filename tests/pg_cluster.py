"""The tests' throwaway PostgreSQL cluster: started once per run, stopped on every way out.

One cluster serves the whole run. Run serially, the `postgres_cluster` fixture starts it in the
pytest process on first use. Run under pytest-xdist, the controller process starts it (in a
background thread, while the workers start and collect) and hands its address to every worker;
each test still gets a database of its own. The controller is the process that Ctrl-C, a CI
timeout or `kill` reaches first and the one xdist never kills, so it is the one that cleans up.

It is stopped (`pg_ctl stop -m immediate`, then its directory removed) by whichever comes first:
the fixture's finalizer or `pytest_unconfigure`, an `atexit` hook, or SIGTERM, which
`install_sigterm_handler` turns into KeyboardInterrupt so that pytest ends the run as it does for
Ctrl-C. A cluster left by a run that could not clean up (SIGKILL, power cut) is removed by the
next run's `remove_stale_clusters`.

Each cluster lives in a temporary directory ``trackside-pg-*`` holding ``owner`` (the pid and
start time of the process that owns it), ``data/`` (the cluster), ``log`` and ``status``
(``ready`` or ``failed: why``, written once the server is up or could not start).
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PREFIX = "trackside-pg-"
STARTUP_S = 120.0
"""How long a worker waits for the controller's cluster (initdb on a loaded machine)."""
UNOWNED_STALE_S = 3600.0
"""A directory without an owner file and without a server is left alone for this long (it may
be another checkout's run between mkdtemp and initdb)."""


def pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def missing_binaries_message() -> str:
    return ("PostgreSQL server binaries (initdb, pg_ctl) not found: "
            "run `make system-deps`; PostgreSQL tests cannot run")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the `postgres` user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


# --- processes ---------------------------------------------------------------------------------


def _start_time(pid: int) -> str | None:
    """The kernel's start time of process `pid` (None if there is no such process): with the pid,
    it names one process even after the pid is reused."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def owner_mark() -> str:
    return f"{os.getpid()} {_start_time(os.getpid())}"


def _owner_alive(mark: str) -> bool:
    pid, _, started = mark.strip().partition(" ")
    return pid.isdigit() and _start_time(int(pid)) == started


def postmaster_pid(data: Path) -> int | None:
    """The pid in the cluster's postmaster.pid if that process is still a postgres server."""
    try:
        pid = int((data / "postmaster.pid").read_text().split()[0])
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError, IndexError):
        return None
    return pid if str(data).encode() in command else None


def processes_using(root: Path) -> list[int]:
    """Pids of every process whose command line names `root` (a postgres of that cluster)."""
    found = []
    needle = str(root).encode()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if needle in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
    return found


def _stop_server(data: Path, bin_dir: Path | None) -> None:
    """`pg_ctl stop -m immediate`; SIGKILL the postmaster if that did not do it."""
    pid = postmaster_pid(data)
    if pid is None:
        return
    if bin_dir is not None:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(
                _as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                              "-w", "-t", "30", "stop"]),
                capture_output=True, timeout=60,
            )
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        if postmaster_pid(data) is None:
            return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


# --- the cluster -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PostgresCluster:
    port: int
    socket_dir: str

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    @property
    def status_file(self) -> Path:
        return Path(self.socket_dir) / "status"

    def wait_ready(self, timeout_s: float = STARTUP_S) -> None:
        """Wait for the owner (the xdist controller) to report the server up; raise if it
        failed or never said."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                status = self.status_file.read_text()
                if status == "ready":
                    return
                if status.startswith("failed"):
                    raise RuntimeError(f"the test PostgreSQL cluster did not start: {status}")
            time.sleep(0.05)
        raise RuntimeError(f"the test PostgreSQL cluster in {self.socket_dir} did not start "
                           f"within {timeout_s:.0f} s")


class OwnedCluster:
    """A cluster this process started and must stop: `start` (or `start_in_background`), then
    `stop`, which is idempotent and also registered with atexit."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix=PREFIX))
        (self.root / "owner").write_text(owner_mark())
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self.data = self.root / "data"
        self.cluster = PostgresCluster(_free_port(), str(self.root))
        self._lock = threading.Lock()
        self._stopping = False
        self._stopped = False
        self._thread: threading.Thread | None = None
        atexit.register(self.stop)

    def start(self) -> PostgresCluster:
        """initdb + pg_ctl start on 127.0.0.1; raises (after cleaning up) if either fails."""
        try:
            self._start()
        except BaseException as error:
            self._report(f"failed: {error}")
            self.stop()
            raise
        self._report("ready")
        return self.cluster

    def start_in_background(self) -> PostgresCluster:
        """Start on a thread; `PostgresCluster.wait_ready` tells when it is up."""
        def run() -> None:
            try:
                self._start()
            except Exception as error:
                self._report(f"failed: {error}")
            else:
                self._report("ready")

        self._thread = threading.Thread(target=run, name="trackside-pg-start", daemon=True)
        self._thread.start()
        return self.cluster

    def _start(self) -> None:
        port, root = self.cluster.port, self.root
        for command in (
            [str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", "postgres",
             "--auth=trust", "-E", "UTF8", "--no-sync"],
            [str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l", str(root / "log"),
             "-w", "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off "
             "-c synchronous_commit=off -c full_page_writes=off", "start"],
        ):
            if self._stopping:
                raise RuntimeError("stopped before it started")
            process = subprocess.Popen(_as_postgres(command), stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, text=True)
            _spare.add(process.pid)
            try:
                output, _ = process.communicate()
            finally:
                _spare.discard(process.pid)
            if process.returncode != 0:
                raise RuntimeError(f"{Path(command[0]).name} failed: {output.strip()[-2000:]}")

    def _report(self, status: str) -> None:
        with contextlib.suppress(OSError):
            partial = self.root / "status.partial"
            partial.write_text(status)
            partial.replace(self.root / "status")

    def stop(self) -> None:
        """Stop the server and remove the directory; safe to call again, from any exit path.
        SIGINT and SIGTERM wait until it is done (a second Ctrl-C must not leave it half-way)."""
        main = threading.current_thread() is threading.main_thread()
        blocked = {signal.SIGINT, signal.SIGTERM}
        if main:
            signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
        try:
            with self._lock:
                if self._stopped:
                    return
                self._stopping = True
                if self._thread is not None and self._thread is not threading.current_thread():
                    self._thread.join(STARTUP_S)
                _stop_server(self.data, self.bin_dir)
                shutil.rmtree(self.root, ignore_errors=True)
                self._stopped = True
        finally:
            if main:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, blocked)


# --- leftovers of earlier runs ------------------------------------------------------------------


def remove_stale_clusters(tmp: str | None = None) -> list[Path]:
    """Stop and remove the clusters of runs that are gone: an owner file naming a process that
    no longer exists, or (a directory from before owner files) a postmaster.pid whose server is
    dead. Clusters of runs still going, this checkout's or another's, are left alone."""
    removed = []
    for root in Path(tmp or tempfile.gettempdir()).glob(f"{PREFIX}*"):
        try:
            if not root.is_dir() or (os.geteuid() != 0 and root.stat().st_uid != os.geteuid()):
                continue  # another user's: not ours to judge
        except OSError:
            continue
        data = root / "data"
        try:
            mark: str | None = (root / "owner").read_text()
        except FileNotFoundError:
            mark = None
        except OSError:
            continue
        stale = False
        if mark is not None:
            stale = not _owner_alive(mark)
        elif (data / "postmaster.pid").exists():
            stale = postmaster_pid(data) is None
        else:
            with contextlib.suppress(OSError):
                stale = time.time() - root.stat().st_mtime > UNOWNED_STALE_S
        if stale:
            _stop_server(data, pg_bin())
            shutil.rmtree(root, ignore_errors=True)
            removed.append(root)
    return removed


# --- SIGTERM -----------------------------------------------------------------------------------


_spare: set[int] = set()
"""Children not to pass SIGTERM on to: initdb and pg_ctl, while the cluster starts."""
_forward = False


def _children() -> list[int]:
    """This process's child processes (under xdist, in the controller: the workers)."""
    found = []
    me = os.getpid()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == me:
                    found.append(int(entry.name))
    return found


def _interrupt(signum: int, frame: object) -> None:
    if _forward:  # workers stop at once, as on Ctrl-C, rather than when xdist gives up on them
        for pid in _children():
            if pid not in _spare:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGTERM)
    raise KeyboardInterrupt(f"signal {signum}")


def install_sigterm_handler(*, forward_to_children: bool = False) -> None:
    """SIGTERM (a CI timeout, `kill`) ends the run the way Ctrl-C does: KeyboardInterrupt, so
    that pytest stops, runs every finalizer and exits (status 2). The xdist controller passes
    it on to its workers, which do the same."""
    global _forward
    if threading.current_thread() is threading.main_thread() and \
            signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None, _interrupt):
        _forward = forward_to_children
        signal.signal(signal.SIGTERM, _interrupt)
