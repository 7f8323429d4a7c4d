"""Each series event's class results (championship.md): a trackside event's from its event
results (through the per-session results cache, so a penalty or `finalize` is followed the
next time standings are read, with no recompute command), a results-only event's from its
newest import. A trackside event's class results are kept by the fingerprint of everything
they depend on (`store/season_fingerprints.py`): an unchanged event is not scored again."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence

from sqlalchemy import Engine

from trackside.core.series_inputs import class_results
from trackside.core.series_records import ClassResult, EventInfo, EventPart
from trackside.errors import InputError
from trackside.services.session_cache import code_version, scored_event
from trackside.store.class_results_cache import cached_class_results, store_class_results
from trackside.store.imported_results import imported_events, imported_results
from trackside.store.season_fingerprints import event_digests
from trackside.store.series import scored_events

log = logging.getLogger(__name__)


def series_results(
    engine: Engine, event_ids: Sequence[str],
    part_of: Callable[[str], EventPart] = lambda _: EventPart.RACE,
) -> tuple[list[EventInfo], dict[str, tuple[ClassResult, ...]]]:
    """The events (in the series file's order) and their class results; `part_of` says which
    classification of a race event the series scores (`SeriesDef.part_of`)."""
    with engine.connect() as conn:
        scored = scored_events(conn, event_ids)
        imported = imported_events(conn, [e for e in event_ids if e not in scored])
        digests = {eid: _fingerprint(d, part_of(eid))
                   for eid, d in event_digests(conn, scored).items()}  # fmt: skip
        kept = cached_class_results(conn, digests)
        results: dict[str, tuple[ClassResult, ...]] = {
            eid: imported_results(conn, imported[eid]) for eid in imported}
    infos = []
    for index, eid in enumerate(event_ids):
        if eid in scored:
            infos.append(EventInfo(eid, scored[eid][0], scored[eid][1], index, True))
        elif eid in imported:
            infos.append(EventInfo(eid, imported[eid].name, imported[eid].date, index, False))
        else:
            raise InputError(f"event {eid!r} of the series is neither in this database nor "
                             "imported", source="argument SERIES")  # fmt: skip
    fresh = []
    for eid in scored:
        if eid in kept:
            results[eid] = kept[eid]
            continue
        facts, scored_now = scored_event(engine, eid)
        try:
            results[eid] = class_results(facts.event, scored_now.event, facts.entries,
                                         scored_now.sessions, part_of(eid))  # fmt: skip
        except ValueError as err:
            raise InputError(str(err), source="argument SERIES",
                             field=f"event[{event_ids.index(eid) + 1}].part") from None
        fresh.append((eid, digests[eid], results[eid]))
    _store_quietly(engine, fresh)
    return infos, results


def _fingerprint(digest: str, part: EventPart = EventPart.RACE) -> str:
    """The cache key of an event's class results: its digest, the scoring code's version and
    the part scored (a series scoring a SprintDuro's Sprint keys its own results)."""
    return hashlib.sha256(f"{code_version()}|{part}|{digest}".encode()).hexdigest()


def _store_quietly(engine: Engine, rows: list) -> None:  # type: ignore[type-arg]
    try:
        store_class_results(engine, rows)
    except Exception:  # noqa: BLE001 - the cache is optional; the results are already made
        log.warning("season cache: could not store %d event(s)", len(rows), exc_info=True)
