"""`lights connect` against a real pseudo-terminal: pyserial opens the slave's path (through a
symlink, as a udev name would be), the test writes timer records including noise, battery and
error records, then closes the pty (the cable unplugged) and opens a new one at the same name:
the recorder survives, reconnects and stores every trip."""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time

from tests.scenario import t
from trackside.core.records import LightChannel
from trackside.live.lights_recorder import record_lights
from trackside.services import import_event
from trackside.store import load_facts
from trackside.store.database import open_engine
from trackside.store.run_facts import light_lines_in

EVENT = '[event]\nid = "ts"\nname = "TS"\ndate = "2026-05-16"\n\n[[session]]\nid = "TS1"\n' \
        'format = "time-attack"\n'


def _plug(link):
    master, slave = os.openpty()
    if os.path.lexists(link):
        os.unlink(link)
    os.symlink(os.ttyname(slave), link)
    return master, slave


def _connections(events):
    return sum(": connected (" in e for e in events)


def _wait(predicate, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_the_recorder_survives_noise_and_an_unplugged_port(tmp_path):
    engine = open_engine(f"sqlite:///{tmp_path / 'ts.db'}")
    toml = tmp_path / "ts.toml"
    toml.write_text(EVENT, encoding="utf-8")
    import_event(engine, toml, by="Timing")
    link = str(tmp_path / "ttyLIGHTS")
    master, slave = _plug(link)
    clock = iter(range(t("09:00:00"), t("10:00:00"), 1_000_000))  # one second per line
    events: list[str] = []
    stop = asyncio.Event()
    done: dict[str, object] = {}

    def run():
        async def main():
            task = asyncio.ensure_future(record_lights(
                engine, "ts", "TS1", link, "jac-chrono", stop=stop, backoff=(0.05, 0.2),
                on_event=events.append, track_clock=lambda: next(clock)))
            while not done.get("stop"):
                await asyncio.sleep(0.05)
            stop.set()
            done["stats"] = await task
        asyncio.run(main())

    thread = threading.Thread(target=run)
    thread.start()

    def lines():
        with engine.connect() as conn:
            return [row[3] for row in light_lines_in(conn, "ts", "TS1")]

    try:
        assert _wait(lambda: _connections(events) == 1)
        os.write(master, b"\x80A000100\r\n" + b"@@noise@@\r\n" + b"\xf8\n" + b"\x80B001100\r\n")
        assert _wait(lambda: len(lines()) == 4), lines()
        os.close(master)  # unplugged
        os.close(slave)
        assert _wait(lambda: any("lost" in e or "cannot open" in e for e in events))
        master, slave = _plug(link)  # plugged back: a new pty at the same name
        assert _wait(lambda: _connections(events) >= 2), "\n".join(events)
        os.write(master, b"\x80A002100\r\n\x80B003100\r\n")
        assert _wait(lambda: len(lines()) == 6), "\n".join(events)
    finally:
        done["stop"] = True
        thread.join(10)
        for fd in (master, slave):
            with contextlib.suppress(OSError):
                os.close(fd)
    stats = done["stats"]
    assert stats.connections >= 2 and stats.trips == 4
    trips = [(x.channel, x.time_us) for x in load_facts(engine, "ts").trips]
    start, finish = LightChannel.START, LightChannel.FINISH
    assert trips == [(start, t("09:00:00")), (finish, t("09:00:01")),
                     (start, t("09:00:02")), (finish, t("09:00:03"))]
    assert any("noise" in e and "@@noise@@" in e for e in events)
    assert any("error" in e and "0xF8" in e for e in events)
    assert lines()[1] == "@@noise@@"
    engine.dispose()


def test_a_farmtek_record_is_whole_when_the_line_goes_quiet(tmp_path):
    """The Polaris console sends CR SO SI before a time and nothing after it (the capture in
    runningman260/Autocross_TimingControl): the recorder must not wait for the next record's
    CR, a whole run later, to store the finish; the record's arrival is its first byte."""
    engine = open_engine(f"sqlite:///{tmp_path / 'ts.db'}")
    toml = tmp_path / "ts.toml"
    toml.write_text(EVENT, encoding="utf-8")
    import_event(engine, toml, by="Timing")
    link = str(tmp_path / "ttyFARMTEK")
    master, slave = _plug(link)
    now = {"us": t("10:01:00")}
    events: list[str] = []
    stop = asyncio.Event()
    done: dict[str, object] = {}

    def run():
        async def main():
            task = asyncio.ensure_future(record_lights(
                engine, "ts", "TS1", link, "polaris", stop=stop, on_event=events.append,
                track_clock=lambda: now["us"]))
            while not done.get("stop"):
                await asyncio.sleep(0.05)
            stop.set()
            done["stats"] = await task
        asyncio.run(main())

    thread = threading.Thread(target=run)
    thread.start()

    def lines():
        with engine.connect() as conn:
            return [row[3] for row in light_lines_in(conn, "ts", "TS1")]

    try:
        assert _wait(lambda: _connections(events) == 1)
        os.write(master, b"\r\x0e\x0f 52.06 ")  # car 1's finish: its run time, no end
        assert _wait(lambda: len(lines()) == 1), "\n".join(events)
        now["us"] = t("10:02:00")
        os.write(master, b"\r\r\x0e\x0f 61.485 ")
        assert _wait(lambda: len(lines()) == 2), "\n".join(events)
        now["us"] = t("10:03:00")
        os.write(master, b"\r\r\x0e\x0f 127.042 (M)")  # stopped by hand: no trip
        os.write(master, b"\r^ RESTART-IGNORE TIME ^ ")
        assert _wait(lambda: len(lines()) == 4), "\n".join(events)
    finally:
        done["stop"] = True
        thread.join(10)
        for fd in (master, slave):
            with contextlib.suppress(OSError):
                os.close(fd)
    assert lines() == ["\x0e\x0f 52.06 ", "\x0e\x0f 61.485 ", "\x0e\x0f 127.042 (M)",
                       "^ RESTART-IGNORE TIME ^ "]
    start, finish = LightChannel.START, LightChannel.FINISH
    trips = [(x.channel, x.time_us) for x in load_facts(engine, "ts").trips]
    assert sorted(trips, key=lambda trip: trip[1]) == [
        (start, t("10:00:07.940")), (start, t("10:00:58.515")),
        (finish, t("10:01:00")), (finish, t("10:02:00"))]
    assert any("manual-stop" in e and "127.042" in e for e in events)
    assert any(e.startswith("reset") or "reset:" in e for e in events)
    engine.dispose()
