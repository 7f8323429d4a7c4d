"""Post-event reports (SCCA TT Appendix B 3.1; officials.md): the Participant Report, the
compliance queries report, and the results' publication state with its deadlines."""

from __future__ import annotations

from sqlalchemy import Engine

from trackside.core.publication import Publication, publication
from trackside.core.satisfactory import satisfactory_marks
from trackside.publish.participant_report import participant_csv
from trackside.publish.query_rows import queries_csv
from trackside.services.queries import list_queries
from trackside.services.session_cache import scored_event
from trackside.store.facts import definitions_in


def participant_report(engine: Engine, event_id: str) -> str:
    """The Participant Report CSV (Appendix B 3.1.2 B)."""
    facts, scored = scored_event(engine, event_id)
    marks = satisfactory_marks(facts, scored.event, scored.sessions)
    return participant_csv(facts, scored.event, marks)


def queries_report(engine: Engine, event_id: str) -> str:
    """Every compliance query of the event as CSV, with its waiver, answer and fee due."""
    return queries_csv(list_queries(engine, event_id))


def publication_state(engine: Engine, event_id: str) -> Publication:
    with engine.connect() as conn:
        return publication(definitions_in(conn, event_id))
