"""`lights import` and `lights replay` (docs/lights.md): every raw line is journaled and its
trips stored in one transaction; a refused file stores nothing; the csv protocol's bad rows
are one-line errors naming file:line:field; a session read again after a mapping fix adds
only the trips that differ."""

from __future__ import annotations

import pytest

from tests.scenario import t
from trackside.core.records import LightChannel
from trackside.errors import InputError
from trackside.services import import_event
from trackside.services.lights import import_lights, replay_lights
from trackside.store import load_facts
from trackside.store.run_facts import light_lines_in

EVENT = """\
[event]
id = "ts"
name = "TrackSprint"
date = "2026-05-16"

[[session]]
id = "TS1"
format = "time-attack"
"""
START, FINISH = LightChannel.START, LightChannel.FINISH


@pytest.fixture
def event(engine, tmp_path):
    path = tmp_path / "ts.toml"
    path.write_text(EVENT, encoding="utf-8")
    import_event(engine, path, by="Timing")
    return engine


def _trips(engine):
    return [(x.channel, x.time_us) for x in load_facts(engine, "ts").trips]


def _raw(engine):
    with engine.connect() as conn:
        return [row[3] for row in light_lines_in(conn, "ts", "TS1")]


def test_a_csv_file_journals_every_line_and_its_trips(event, tmp_path):
    path = tmp_path / "lights.csv"
    path.write_text("time,channel\n09:00:00.000,start\n09:01:02.345,finish\n"
                    "2026-05-16T09:02:00,START\n", encoding="utf-8")
    report = import_lights(event, "ts", "TS1", path, "csv")
    assert (report.lines, report.trips_added) == (3, 3)
    assert _trips(event) == [(START, t("09:00:00")), (FINISH, t("09:01:02.345")),
                             (START, t("09:02:00"))]
    assert _raw(event)[1] == "09:01:02.345,finish"
    again = import_lights(event, "ts", "TS1", path, "csv")
    assert again.trips_added == 0 and len(_trips(event)) == 3


@pytest.mark.parametrize(("rows", "message"), [
    ("09:00:00,start\n09:00:61,finish\n", "lights.csv:3: field 'time': expected ISO 8601"),
    ("09:00:00,start\n09:01:00,split\n", "lights.csv:3: field 'channel': expected start, "
                                         "finish, got 'split'"),
    ("2026-05-16T09:00:00+02:00,start\n",
     "lights.csv:2: field 'time': a UTC offset is not allowed"),
])  # fmt: skip
def test_a_bad_csv_row_refuses_the_file_and_stores_nothing(event, tmp_path, rows, message):
    path = tmp_path / "lights.csv"
    path.write_text("time,channel\n" + rows, encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_lights(event, "ts", "TS1", path, "csv")
    assert message in str(err.value) and "\n" not in str(err.value)
    assert _trips(event) == [] and _raw(event) == []


def test_a_csv_without_its_columns_names_line_one(event, tmp_path):
    path = tmp_path / "lights.csv"
    path.write_text("when,eye\n09:00:00,start\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"lights.csv:1: field 'time': missing required"):
        import_lights(event, "ts", "TS1", path, "csv")


def test_a_chrono_capture_with_noise_and_a_wrap_keeps_every_line(event, tmp_path):
    path = tmp_path / "chrono.txt"
    lines = ["A990000", "garbage!!", "B005000", "C001000", "\xf8", "B000000", "A010000"]
    path.write_text("\n".join(lines) + "\n", encoding="latin-1")
    report = import_lights(event, "ts", "TS1", path, "jac-chrono",
                           first_trip_at_us=t("09:00:00"))
    assert report.lines == 7 and report.trips_added == 3
    assert _trips(event) == [(START, t("09:00:00")), (FINISH, t("09:00:15")),
                             (START, t("09:00:20"))]  # the clock wrapped at 1000 s
    kinds = [text.split(": ")[1] for text in report.reports]
    assert kinds == ["noise", "split", "error", "reset"]
    assert all(f"{path}:" in text and "raw " in text for text in report.reports)
    assert _raw(event) == lines


def test_a_jac_normal_capture_with_its_raw_lead_bytes(event, tmp_path):
    """A capture as a serial logger writes it: arrival time, tab, then the timer's bytes with
    the 0x80 lead byte (not UTF-8: the file reads as Windows-1252, 0x80 as the euro sign)."""
    path = tmp_path / "jac.txt"
    path.write_bytes(b"09:01:10.500\t\x80005550\r\n09:01:40.250\t\x80052550\r\n"
                     b"09:02:00\t\x80000000\r\n")
    report = import_lights(event, "ts", "TS1", path, "jac-normal")
    assert (report.lines, report.trips_added) == (3, 4)
    assert sorted(_trips(event), key=lambda trip: trip[1]) == [
        (START, t("09:00:15")), (START, t("09:00:45")), (FINISH, t("09:01:10.500")),
        (FINISH, t("09:01:40.250"))]  # 55.500 and 55.250 s (digits least significant first)
    assert [text.split(": ")[1] for text in report.reports] == ["reset"]


def test_a_mapping_fix_replays_the_journaled_lines_and_adds_only_what_differs(event, tmp_path):
    path = tmp_path / "chrono.txt"
    path.write_text("A100000\nB160000\nA200000\n", encoding="utf-8")
    import_lights(event, "ts", "TS1", path, "jac-chrono", first_trip_at_us=t("09:00:00"))
    same = replay_lights(event, "ts", "TS1", "jac-chrono", first_trip_at_us=t("09:00:00"))
    assert (same.lines, same.trips_added) == (3, 0)
    fixed = replay_lights(event, "ts", "TS1", "jac-chrono", first_trip_at_us=t("09:00:00.5"))
    assert fixed.trips_added == 3 and len(_trips(event)) == 6  # trips are never deleted
    assert len(_raw(event)) == 3  # no raw line added


def test_the_commands_import_and_replay(trackside, tmp_path):
    toml = tmp_path / "ts.toml"
    toml.write_text(EVENT, encoding="utf-8")
    assert trackside("event", "import", toml).exit_code == 0
    path = tmp_path / "t.txt"
    path.write_text("A000000123\nZB99900009\nB000060123\n", encoding="utf-8")
    result = trackside("lights", "import", "ts", "TS1", path, "--protocol", "tlink",
                       "--first-trip-at", "09:00:00")
    assert result.exit_code == 0, result.output
    assert "3 lines journaled; trips: 2 added" in result.stdout
    assert "battery" in result.stderr
    result = trackside("lights", "replay", "ts", "TS1", "--protocol", "tlink",
                       "--first-trip-at", "09:00:00")
    assert "trips: 0 added, 2 already present" in result.stdout
    bad = trackside("lights", "import", "ts", "TS1", path, "--protocol", "morse")
    assert bad.exit_code == 1 and "unknown protocol 'morse'" in bad.stderr
    missing = trackside("lights", "import", "ts", "TS9", path, "--protocol", "tlink")
    assert missing.exit_code == 1 and "no session 'TS9'" in missing.stderr
