"""The decoder clock table (migration 0002) and the `trackside decoder` commands' handling of
bad input, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

from alembic import command
from sqlalchemy import Engine, inspect
from typer.testing import Result

from tests.conftest import Scenario
from trackside.store import open_engine
from trackside.store.decoders import (
    append_decoder_clock,
    decoder_clocks,
    latest_offsets,
    numbered_passings,
)
from trackside.store.migrate import alembic_config, current_revision, head_revision
from trackside.timing.p3.clock_reading import DecoderClock

S = 1_000_000
NINE = 1778922000 * S


def test_migrations_add_the_clock_table_and_the_raw_clock_column_in_place(db_url: str) -> None:
    old = open_engine(db_url, migrate=False)
    with old.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    assert "decoder_clock" not in inspect(old).get_table_names()
    old.dispose()
    engine = open_engine(db_url)
    assert current_revision(engine) == head_revision()
    assert "decoder_clock" in inspect(engine).get_table_names()
    assert "rtc_us" in {c["name"] for c in inspect(engine).get_columns("passings")}
    engine.dispose()


def test_clock_readings_are_appended_and_read_back(
    engine: Engine, trackside: Callable[..., Result], loaded: Scenario
) -> None:
    first = DecoderClock("D0000C01", NINE, NINE + 5 * S, 5 * S, NINE + 5 * S)
    second = DecoderClock("D0000C01", NINE + 60 * S, NINE + 66 * S, 6 * S, NINE + 66 * S)
    with engine.begin() as conn:
        append_decoder_clock(conn, loaded.event_id, first)
        append_decoder_clock(conn, loaded.event_id, second)
    with engine.connect() as conn:
        assert decoder_clocks(conn, loaded.event_id) == [first, second]
        assert latest_offsets(conn, loaded.event_id) == {"D0000C01": 6 * S}
        numbers = numbered_passings(conn, loaded.event_id)
    assert sorted(numbers["D1"])[0] == (1, "1001", 1778922060 * S)
    result = trackside("decoder", "clock", loaded.event_id)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "decoder,rtc,track,offset_s,recorded",
        "D0000C01,2026-05-16T09:00:00.000,2026-05-16T09:00:05.000,5.000000,"
        "2026-05-16T09:00:05.000",
        "D0000C01,2026-05-16T09:01:00.000,2026-05-16T09:01:06.000,6.000000,"
        "2026-05-16T09:01:06.000",
    ]


def _error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    return lines[0]


def test_connect_refuses_a_bad_address(trackside: Callable[..., Result], loaded: Scenario) -> None:
    line = _error(trackside("decoder", "connect", loaded.event_id, "127.0.0.1:http"))
    assert line == ("error: argument HOST[:PORT]: port 'http' is not a number from 1 to 65535")


def test_connect_refuses_a_bad_loop_mapping(
    trackside: Callable[..., Result], loaded: Scenario
) -> None:
    line = _error(trackside("decoder", "connect", loaded.event_id, "127.0.0.1", "--loop", "SF"))
    assert line == "error: option --loop: expected DECODER=LOOP (D0000C01=SF), got 'SF'"


def test_connect_refuses_an_unknown_event(trackside: Callable[..., Result]) -> None:
    line = _error(trackside("decoder", "connect", "nope", "127.0.0.1:5403"))
    assert line.startswith("error: argument EVENT: no event 'nope'")


def test_simulate_needs_an_event_or_demo(trackside: Callable[..., Result]) -> None:
    assert _error(trackside("decoder", "simulate")) == (
        "error: arguments: give an EVENT or --demo (one of them)")


def test_simulate_refuses_bad_fault_switches(
    trackside: Callable[..., Result], loaded: Scenario
) -> None:
    line = _error(trackside("decoder", "simulate", loaded.event_id, "--drop-passings", "2"))
    assert line == ("error: option --drop-passings: drop passings is a probability from 0 to 1, "
                    "got 2.0")
