"""Alembic, driven from code: every open upgrades the database to the newest revision.

Opening an up-to-date database (every command, every time) does not import Alembic: the
shipped head is read from the version files as text and compared with `alembic_version`.
Anything else (a new, old or unusual database, version files that are not one plain chain)
goes through Alembic itself."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(
    r"""^(down_revision|revision) \s* (?::[^=\n]*)? = \s*
        (?:"([^"\n]*)" | '([^'\n]*)' | (None)) \s*$""",
    re.MULTILINE | re.VERBOSE,
)
"""`revision = "0003"` or `down_revision: str | None = None` at the start of a line."""


def alembic_config(connection: Connection | None = None) -> Config:
    """A programmatic Alembic config pointing at the migrations shipped in the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def shipped_head() -> str | None:
    """The head of the shipped version files, read as text; None unless they are one chain of
    plain `revision = "..."` / `down_revision = "..."` assignments (then ask Alembic)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        if path.name == "__init__.py":
            continue
        found = {m[0]: m[1] or m[2] or None for m in _REVISION.findall(path.read_text("utf-8"))}
        if not found.get("revision") or "down_revision" not in found:
            return None
        revisions.add(found["revision"])
        if found["down_revision"] is not None:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and parents <= revisions else None


def _stored_revisions(engine: Engine) -> list[str]:
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return []
        return list(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())


def upgrade_to_head(engine: Engine) -> None:
    """Apply every migration not yet applied, in one transaction; a no-op when up to date."""
    head = shipped_head()
    if head is not None and _stored_revisions(engine) == [head]:
        return
    if current_revision(engine) == head_revision():
        return
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
