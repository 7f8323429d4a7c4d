"""The command table (`cli/lazy.py`) says what the command modules really register, and a
command imports only what it runs: `trackside --help` no command module, no database."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import subprocess
import sys

import typer.main
from typer.testing import CliRunner

import trackside.cli
from trackside.cli import app
from trackside.cli.lazy import COMMANDS, Listed

COMMAND_MODULES = {lazy.module for lazy in COMMANDS.values()}


def _import_every_command_module() -> list[str]:
    names = [f"trackside.cli.{m.name}" for m in pkgutil.iter_modules(trackside.cli.__path__)]
    for name in names:
        importlib.import_module(name)
    return names


def _one_line(help_text: str | None) -> str:
    """What `--help` lists for a command: the first paragraph of its help."""
    return inspect.cleandoc(help_text or "").split("\n\n")[0].strip()


def _registered() -> dict[str, tuple[set[str], str]]:
    """Every top-level command and group: the modules defining its callbacks, its help."""
    _import_every_command_module()
    found: dict[str, tuple[set[str], str]] = {}
    for info in app.registered_commands:
        name = info.name or typer.main.get_command_name(info.callback.__name__)
        found[name] = ({info.callback.__module__}, _one_line(info.help or info.callback.__doc__))
    for group in app.registered_groups:
        sub = group.typer_instance
        found[group.name] = (_callback_modules(sub), _one_line(sub.info.help))
    return found


def _callback_modules(sub: typer.Typer) -> set[str]:
    """The modules of a group's commands, its subgroups' included."""
    modules = {c.callback.__module__ for c in sub.registered_commands}
    return modules.union(*(_callback_modules(g.typer_instance) for g in sub.registered_groups))


def test_the_table_names_every_command_its_module_and_its_help():
    registered = _registered()
    assert sorted(COMMANDS) == sorted(registered), "cli/lazy.py COMMANDS drifted"
    for name, (modules, help_text) in registered.items():
        assert modules == {COMMANDS[name].module}, f"{name}: defined in {sorted(modules)}"
        assert COMMANDS[name].help == help_text, f"{name}: help in COMMANDS differs"
        assert "\n" not in COMMANDS[name].help


def test_every_command_resolves_to_the_real_one():
    _import_every_command_module()
    group = typer.main.get_group(app)
    assert list(group.commands) == list(COMMANDS)
    for name in COMMANDS:
        assert not isinstance(group.commands[name], Listed), name


def _fresh(*args: str) -> dict:
    """`trackside ARGS` in a new interpreter: its output and the modules it imported."""
    code = (
        "import json, sys\n"
        "from typer.testing import CliRunner\n"
        "from trackside.cli import app\n"
        "r = CliRunner().invoke(app, sys.argv[1:], terminal_width=100)\n"
        "print(json.dumps({'exit': r.exit_code, 'output': r.output,\n"
        "                  'modules': sorted(sys.modules)}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=True, env={"COLUMNS": "100", "PATH": "/usr/bin:/bin",
                                           "PYTHONPATH": ":".join(sys.path)})  # fmt: skip
    return json.loads(done.stdout)


def test_help_lists_every_command_as_the_modules_say_without_importing_them():
    fresh = _fresh("--help")
    _import_every_command_module()
    eager = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "100"}, terminal_width=100)
    assert fresh["exit"] == 0
    assert fresh["output"] == eager.output
    assert COMMAND_MODULES & set(fresh["modules"]) == set()
    heavy = ("sqlalchemy", "alembic", "fastapi", "uvicorn", "trackside.services",
             "trackside.store", "trackside.live", "trackside.timing", "trackside.publish")
    assert [m for m in fresh["modules"] if m.split(".")[0] in heavy or m.startswith(heavy)] == []


def test_a_command_imports_its_own_module_only():
    fresh = _fresh("flag", "--help")
    _import_every_command_module()
    eager = CliRunner().invoke(app, ["flag", "--help"], env={"COLUMNS": "100"},
                               terminal_width=100)  # fmt: skip
    assert fresh["output"] == eager.output
    assert COMMAND_MODULES & set(fresh["modules"]) == {"trackside.cli.flags"}
    assert not [m for m in fresh["modules"] if m.startswith(("sqlalchemy", "trackside.services"))]


def test_a_group_lists_its_subcommands_once_imported():
    fresh = _fresh("penalty", "--help")
    assert fresh["exit"] == 0
    for sub in ("add", "list", "revoke"):
        assert f" {sub} " in fresh["output"]
