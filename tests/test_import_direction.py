"""The house stays in order (DESIGN.md, "Packages"): every import points down the package list,
the core imports only the standard library and itself, and SQL is written only in `store/`."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "trackside"
ORDER = ["errors", "core", "rules", "classing", "publish", "timing", "store", "services", "live",
         "demo", "web", "cli"]  # fmt: skip
"""DESIGN.md's list from the ground floor up: a package imports only packages before it."""
RANK = {name: index for index, name in enumerate(ORDER)}
SQL_TYPES = {"Engine", "Connection"}
"""What a module outside `store/` may take from SQLAlchemy: the handles it passes down (and
`sqlalchemy.exc`, to tell a user the database cannot be reached)."""


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def _room(path: Path, root: Path = PACKAGE) -> str:
    return path.relative_to(root).parts[0].removesuffix(".py")


def _imports(path: Path) -> list[tuple[int, str, tuple[str, ...]]]:
    """(line, module, names) of every import in the file, wherever it stands."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0:
            found.append((node.lineno, node.module or "", tuple(a.name for a in node.names)))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, ()) for alias in node.names]
    return found


def _upward(path: Path, root: Path = PACKAGE) -> list[str]:
    me = _room(path, root)
    if me not in RANK:
        return []
    wrong = []
    for line, module, _names in _imports(path):
        parts = module.split(".")
        if parts[0] == "trackside" and len(parts) > 1 and RANK.get(parts[1], -1) > RANK[me]:
            wrong.append(f"{path.relative_to(root.parent)}:{line}: {me} imports {module}")
    return wrong


def test_every_module_belongs_to_a_room_of_the_list():
    rooms = {_room(p) for p in _modules()} - {"__init__", "__main__"}
    assert rooms <= set(ORDER), rooms - set(ORDER)


def test_no_import_points_up_the_package_list():
    wrong = [line for path in _modules() for line in _upward(path)]
    assert wrong == []


def test_the_core_imports_only_the_standard_library_and_itself():
    wrong = []
    for path in _modules():
        if _room(path) != "core":
            continue
        for line, module, _names in _imports(path):
            top = module.split(".")[0]
            own = module.split(".")[:2] == ["trackside", "core"]
            if top not in sys.stdlib_module_names and not own:
                wrong.append(f"{path.name}:{line}: {module}")
    assert wrong == []


def test_sql_is_written_only_in_the_store():
    wrong = []
    for path in _modules():
        if _room(path) == "store":
            continue
        for line, module, names in _imports(path):
            if module.split(".")[0] != "sqlalchemy" or module == "sqlalchemy.exc":
                continue
            if module != "sqlalchemy" or not set(names) <= SQL_TYPES:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {module} {names}")
    assert wrong == []


@pytest.mark.parametrize("room", ["core", "store"])
def test_the_check_sees_a_wrong_import(tmp_path, room):
    """The check itself can fail: an upward import in a sample module is found."""
    sample = tmp_path / "trackside" / room / "probe.py"
    sample.parent.mkdir(parents=True)
    sample.write_text("import os\nfrom trackside.cli import app\n", encoding="utf-8")
    found = _upward(sample, tmp_path / "trackside")
    assert found == [f"trackside/{room}/probe.py:2: {room} imports trackside.cli"]
