"""Opening an up-to-date database is cheap: the shipped head read from the version files as
text is Alembic's own head, and no Alembic is imported to find there is nothing to do."""

from __future__ import annotations

import subprocess
import sys

from trackside.store import open_engine
from trackside.store.migrate import current_revision, head_revision, shipped_head


def test_the_head_read_as_text_is_alembics_head():
    assert shipped_head() == head_revision() is not None


def test_opening_an_up_to_date_database_does_not_import_alembic(tmp_path):
    db = tmp_path / "t.db"
    open_engine(str(db)).dispose()  # created and migrated (Alembic)
    code = ("import sys\nfrom trackside.store import open_engine\n"
            "open_engine(sys.argv[1]).dispose()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n")
    done = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True,
                          check=True)  # fmt: skip
    assert done.stdout.strip() == "[]"


def test_a_new_database_is_still_migrated_to_the_head(tmp_path):
    engine = open_engine(str(tmp_path / "new.db"))
    assert current_revision(engine) == head_revision()
    engine.dispose()
