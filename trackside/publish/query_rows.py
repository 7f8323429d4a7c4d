"""Compliance queries as rows (`query list`, `report queries`; officials.md)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from trackside.core.clock import format_local_time
from trackside.core.queries import Query
from trackside.publish.text_table import text_table

LIST_HEAD = ("id", "subject", "filer", "filed", "fee", "status", "outcome", "fee_due")
REPORT_HEAD = ("id", "subject", "question", "filer", "official", "filed", "fee", "waived_by",
               "status", "outcome", "answer", "answered_by", "fee_due")


def query_document(query: Query) -> dict[str, Any]:
    """One query as JSON: every field of `query list`, with the question and the answer."""
    waiver, answer = query.waiver, query.answer
    return {
        "id": query.id, "subject": query.subject, "question": query.question,
        "filer": query.filer, "official": query.official,
        "filed": format_local_time(query.filed_us, digits=0)[:19], "fee": query.fee,
        "waived_by": waiver.author if waiver else None, "status": query.status,
        "outcome": query.outcome, "answer": answer.answer if answer else None,
        "answered_by": answer.author if answer else None, "fee_due": query.fee_due,
    }


def queries_text(queries: Sequence[Query]) -> str:
    if not queries:
        return "no compliance queries\n"
    rows = [[_cell(query_document(q)[name], name) for name in LIST_HEAD] for q in queries]
    return "\n".join(text_table(LIST_HEAD, rows, right={0, 4, 7})) + "\n"


def queries_csv(queries: Sequence[Query]) -> str:
    """The queries report (`trackside report queries EVENT`): one row per query."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REPORT_HEAD)
    for query in queries:
        document = query_document(query)
        writer.writerow([_cell(document[name], name) for name in REPORT_HEAD])
    return out.getvalue()


def _cell(value: Any, name: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name in ("fee", "fee_due"):
        return f"${value}"
    return str(value)
