"""Every error is one line with exit 1 in the user's words (issue "Trust: …", item 4), also for
the top-level options and for values the option's type refuses."""

from __future__ import annotations

from typer.testing import CliRunner

from trackside.cli import app


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_an_unknown_top_level_option_is_one_line_with_exit_1():
    result = _run("--bogus")
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: No such option: --bogus (see '") and line.endswith(" --help')")


def test_a_number_option_given_text_says_what_it_expected(tmp_path):
    result = _run("--db", str(tmp_path / "t.db"), "penalty", "add", "ev", "1", "track-limits",
                  "--lap", "x")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: option --lap: expected a whole number, got 'x'"
    result = _run("--db", str(tmp_path / "t.db"), "penalty", "add", "ev", "1", "time-penalty",
                  "--seconds=two")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: option --seconds: expected a number, got 'two'"
