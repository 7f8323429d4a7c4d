"""Publishing an event: its results site from the stored facts."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from trackside.publish import write_site
from trackside.services.session_cache import scored_event


def publish_site(engine: Engine, event_id: str, out_dir: Path) -> list[Path]:
    """Score the event and write its site (HTML pages with JSON and CSV twins) to `out_dir`;
    the files written."""
    _, results = scored_event(engine, event_id,
                              generated_at=datetime.now().isoformat(timespec="seconds"))
    return write_site(results.event, list(results.sessions.values()), out_dir)
