"""Fuzzing the import commands in-process (interfaces.md, first paragraph): whatever the file,
an import succeeds or exits 1 with one `error:` line, never a traceback, and an error leaves
the database exactly as it was. SQLite only, a few seconds each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EVENT_TOML
from tests.file_mutations import entries_csv, flags_csv, mutated, passings_csv, toml_edited

EV = "img-tt-r3"
FUZZ = settings(max_examples=20, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def check_import(trackside, dump, path: Path, data: bytes, *args: str) -> None:  # type: ignore[no-untyped-def]
    """Run the import on `data`: success, or one error line and nothing changed."""
    path.write_bytes(data)
    before = dump()
    result = trackside(*args, path)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception))
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        return
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert len(lines[0]) < 1000, lines[0]
    assert dump() == before


@pytest.fixture
def event(trackside, scenario) -> Callable[[str], Path]:  # type: ignore[no-untyped-def]
    """The small event defined; returns where to write a file of a given name."""
    assert trackside("event", "import", scenario.event).exit_code == 0
    return lambda name: scenario.dir / name


@sqlite_only
@FUZZ
@given(data=st.data())
def test_passings_files(trackside, dump, event, data) -> None:  # type: ignore[no-untyped-def]
    content = data.draw(passings_csv().flatmap(mutated))
    check_import(trackside, dump, event("passings.csv"), content, "passings", "import", EV)


@sqlite_only
@FUZZ
@given(data=st.data())
def test_entries_files(trackside, dump, event, data) -> None:  # type: ignore[no-untyped-def]
    content = data.draw(entries_csv().flatmap(mutated))
    check_import(trackside, dump, event("entries.csv"), content, "entries", "import", EV)


@sqlite_only
@FUZZ
@given(data=st.data())
def test_flags_files(trackside, dump, event, data) -> None:  # type: ignore[no-untyped-def]
    content = data.draw(flags_csv().flatmap(mutated))
    check_import(trackside, dump, event("flags.csv"), content, "flags", "import", EV)


@sqlite_only
@FUZZ
@given(content=mutated(EVENT_TOML))
def test_event_files(trackside, dump, event, content: bytes) -> None:  # type: ignore[no-untyped-def]
    check_import(trackside, dump, event("event.toml"), content, "event", "import")


@sqlite_only
@FUZZ
@given(text=toml_edited(EVENT_TOML))
def test_event_files_with_odd_values(trackside, dump, event, text: str) -> None:  # type: ignore[no-untyped-def]
    check_import(trackside, dump, event("event.toml"), text.encode(), "event", "import")


@sqlite_only
@FUZZ
@given(content=st.binary(max_size=300))
def test_random_bytes_as_any_file(trackside, dump, event, content: bytes) -> None:  # type: ignore[no-untyped-def]
    for args in (("passings", "import", EV), ("entries", "import", EV), ("event", "import")):
        check_import(trackside, dump, event("random.dat"), content, *args)
