"""`trackside tech list` (docs/tech.md): each car's tech status, who set it and when, pending
cars first; as text and as the JSON document the console's tech screen also shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from trackside.core.tech import CarTech, TechState
from trackside.publish.formats import time_text
from trackside.publish.text_table import text_table

Doc = dict[str, Any]


def tech_row(car: CarTech) -> Doc:
    """One car: its status and the record that set it (empty when never inspected)."""
    record = car.record
    return {"number": car.number, "driver": car.driver, "class": car.car_class,
            "status": str(car.state),
            "reason": record.reason if record else "", "note": record.note if record else "",
            "author": record.author if record else None,
            "recorded": time_text(record.recorded_us) if record else None,
            "changes": car.changes}  # fmt: skip


def tech_document(event_id: str, cars: Sequence[CarTech]) -> Doc:
    """The event's cars with their status, and the numbers still pending."""
    return {"event": event_id, "cars": [tech_row(c) for c in cars],
            "pending": [c.number for c in cars if c.state is TechState.PENDING]}  # fmt: skip


def tech_text(event_id: str, cars: Sequence[CarTech]) -> str:
    rows = [[r["number"], r["driver"], r["class"], r["status"], r["author"] or "",
             _clock(r["recorded"]), "; ".join(p for p in (r["reason"], r["note"]) if p)]
            for r in map(tech_row, cars)]  # fmt: skip
    lines = [f"Tech inspection: {event_id}", ""]
    lines += text_table(["car", "driver", "class", "status", "by", "at", "reason / note"], rows)
    pending = [c.number for c in cars if c.state is TechState.PENDING]
    lines += ["", f"pending: {', '.join(pending)}" if pending else "pending: none"]
    return "\n".join(lines) + "\n"


def _clock(text: str | None) -> str:
    return "" if text is None else text.replace("T", " ")[:19]
