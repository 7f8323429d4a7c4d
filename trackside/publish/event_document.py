"""The event document: an event's definition, its sessions with their flag and every flag
recorded for them (revoked ones marked), its entry count and classes. `trackside event show
--format json` prints it; GET /api/events/{id} serves it with the addresses of the event's pages
added (`PageLinks`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from trackside.core.event_results import awards_per_class
from trackside.core.flags_in_force import flag_standings, flags_in_force
from trackside.core.periods import SessionWindow
from trackside.core.publication import Publication, publication
from trackside.core.records import EventDef, EventFacts, RoundDef, SessionDef, Track
from trackside.core.session_clock import SessionClock, session_clock
from trackside.publish.flag_rows import flag_row
from trackside.publish.formats import time_text
from trackside.publish.ordering import event_classes
from trackside.rules import event_rules

Doc = dict[str, Any]


@dataclass(frozen=True, slots=True)
class DefinitionChange:
    """The definition's newest version: its number counts them; who stored it and when."""

    versions: int
    author: str
    recorded_us: int


@dataclass(frozen=True)
class PageLinks:
    """Addresses of the pages beside a served document: the event's and each session's."""

    event: Mapping[str, str] = field(default_factory=dict)
    sessions: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def event_document(
    facts: EventFacts,
    *,
    provisional: bool,
    windows: Sequence[SessionWindow],
    track_us: int | None = None,
    links: PageLinks | None = None,
    definition: DefinitionChange | None = None,
) -> Doc:
    """The document of `facts`' event; each session's flag and phase at `track_us` (None:
    after every recorded flag)."""
    event, links = facts.event, links or PageLinks()
    in_force = flags_in_force(facts)
    states = {s.id: session_clock(event, s.id, in_force, windows, track_us)
              for s in event.sessions}  # fmt: skip
    flags = _flags_by_session(facts)
    return {
        "id": event.id,
        "event": event.id,
        **_definition(event),
        "sessions": [
            _session(s, states[s.id], flags.get(s.id, []), links.sessions.get(s.id, {}))
            for s in event.sessions
        ],
        "rounds": [_round(r) for r in event.rounds],
        "entries": len(facts.entries),
        "classes": event_classes(facts),
        "provisional": provisional,
        "publication": publication_document(publication(facts)),
        "definition": _definition_change(definition),
        **links.event,
    }


def publication_document(state: Publication) -> Doc:
    """Who declared the results official and when, and the rulebook's deadlines (SCCA TT
    Appendix B 3.1.1 seven days, 3.1.2 fourteen days)."""
    return {
        "official": state.official,
        "by": state.by,
        "at": time_text(state.at_us) if state.at_us is not None else None,
        "last_day": state.last_day,
        "official_results_due": state.results_due,
        "participant_report_due": state.report_due,
    }


def _definition(event: EventDef) -> Doc:
    return {
        "name": event.name,
        "date": event.date,
        "days": event.days,
        "ruleset": event.ruleset,
        "scoring": str(event.scoring),
        "min_lap_s": event.min_lap_s,
        "awards_per_class": awards_per_class(event, event_rules(event.ruleset)),
        "track": _track(event.track),
        "lunch_end": event.lunch_end,
        "entry_checks": event.entry_checks,
        "groups": [{"name": g.name, "passing": g.passing, "min_license": g.min_license}
                   for g in event.groups],
        "officials": [{"name": o.name, "role": o.role} for o in event.officials],
    }


def _definition_change(change: DefinitionChange | None) -> Doc:
    return {
        "versions": change.versions if change else 0,
        "changed_by": change.author if change else None,
        "changed_at": time_text(change.recorded_us) if change else None,
    }


def _track(track: Track) -> Doc:
    return {
        "name": track.name,
        "length_m": track.length_m,
        "start_finish_loop": track.start_finish_loop,
    }


def _flags_by_session(facts: EventFacts) -> dict[str, list[Doc]]:
    """Every recorded flag of each session, in time order."""
    rows: dict[str, list[Doc]] = defaultdict(list)
    for standing in flag_standings(facts):
        rows[standing.flag.session_id].append(flag_row(standing))
    return rows


def _session(
    session: SessionDef, state: SessionClock, flags: list[Doc], links: Mapping[str, str]
) -> Doc:
    return {
        "id": session.id,
        "name": session.name,
        "format": str(session.format),
        "scored": session.scored,
        "groups": list(session.groups),
        "start": session.start,
        "duration_min": session.duration_min,
        "flag": state.flag and str(state.flag),
        "phase": state.phase,
        "flags": flags,
        **links,
    }


def _round(round_def: RoundDef) -> Doc:
    return {"name": round_def.name, "sessions": list(round_def.sessions)}
