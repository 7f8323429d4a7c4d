"""Group suggestions as text and JSON (`trackside groups suggest`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from trackside.core.group_suggestions import RULE, Suggestion
from trackside.publish.formats import lap_time
from trackside.publish.text_table import text_table

HEAD = ("group", "grid", "no", "driver", "license", "events", "best", "now in", "why")


def suggestions_document(found: Sequence[Suggestion]) -> list[dict[str, Any]]:
    return [{"group": s.group, "grid": s.grid, "number": s.candidate.number,
             "driver": s.candidate.driver, "license": s.candidate.grade and str(s.candidate.grade),
             "experience": s.candidate.experience, "best_us": s.candidate.best_us,
             "current_group": s.candidate.group, "why": s.why} for s in found]


def suggestions_text(found: Sequence[Suggestion]) -> str:
    rows = [[s.group, str(s.grid), s.candidate.number, s.candidate.driver,
             str(s.candidate.grade or "-"), str(s.candidate.experience),
             lap_time(s.candidate.best_us, "-"),
             s.candidate.group if s.candidate.group != s.group else "", s.why] for s in found]
    lines = [f"Suggested groups ({RULE}); the registrar decides", ""]
    return "\n".join(lines + text_table(HEAD, rows, right={1, 5})) + "\n"
