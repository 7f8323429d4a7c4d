"""Series, their events, officials' bonuses and identity merges (championship.md): the current
definition in `series` and `series_events`, every version in `series_versions`; bonuses and
merges are only ever appended."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, func, select

from trackside.core.series_records import Bonus, BonusKind, Merge, SeriesDef
from trackside.errors import InputError
from trackside.store.journal import now_us
from trackside.store.schema import (
    events,
    identity_merges,
    series,
    series_bonuses,
    series_events,
    series_revokes,
)
from trackside.store.schema import series_versions as versions
from trackside.timing.series_file import parse_series_definition


def save_series(
    conn: Connection, definition: SeriesDef, raw: dict[str, Any], author: str
) -> bool | None:
    """Store the series as its newest version: True when new, False when changed, None when
    the same definition was already stored (nothing written)."""
    stored = conn.execute(select(series.c.definition).where(series.c.id == definition.id)
                          ).scalar_one_or_none()  # fmt: skip
    if stored == raw:
        return None
    recorded = now_us()
    values = {"name": definition.name, "definition": raw, "updated_us": recorded}
    if stored is None:
        conn.execute(series.insert().values(id=definition.id, **values))
    else:
        conn.execute(series.update().where(series.c.id == definition.id).values(values))
    conn.execute(delete(series_events).where(series_events.c.series_id == definition.id))
    conn.execute(series_events.insert(), [
        {"series_id": definition.id, "event_id": event_id, "position": index}
        for index, event_id in enumerate(definition.events)])  # fmt: skip
    last = conn.execute(select(func.max(versions.c.version))
                        .where(versions.c.series_id == definition.id)).scalar_one() or 0
    conn.execute(versions.insert().values(series_id=definition.id, version=last + 1,
                                          definition=raw, author=author, recorded_us=recorded))
    return stored is None


def series_in(conn: Connection, series_id: str) -> SeriesDef:
    """The stored series; InputError naming the SERIES argument when unknown."""
    raw = conn.execute(select(series.c.definition).where(series.c.id == series_id)
                       ).scalar_one_or_none()  # fmt: skip
    if raw is None:
        raise InputError(f"no series {series_id!r} (import it with `trackside series import "
                         "FILE.toml`)", source="argument SERIES")  # fmt: skip
    return parse_series_definition(raw, source=f"series {series_id}")


def all_series(conn: Connection) -> list[tuple[str, str]]:
    """(id, name) of every series, by id."""
    return [tuple(row) for row in conn.execute(select(series.c.id, series.c.name)
                                               .order_by(series.c.id))]  # fmt: skip


def series_of_event(conn: Connection, event_id: str) -> list[str]:
    """The series an event belongs to."""
    query = select(series_events.c.series_id).where(series_events.c.event_id == event_id)
    return sorted(conn.execute(query).scalars())


def bonuses_in(conn: Connection, series_id: str, *, revoked: bool = False) -> list[Bonus]:
    """The series' bonuses that stand (also the revoked ones with `revoked`)."""
    c = series_bonuses.c
    query = select(c.id, c.event_id, c.number, c.kind, c.author, c.reason, c.created_us).where(
        c.series_id == series_id).order_by(c.id)
    gone = set() if revoked else revoked_ids(conn, series_id, "bonus")
    return [Bonus(i, e, n, BonusKind(k), a, r, t) for i, e, n, k, a, r, t in conn.execute(query)
            if i not in gone]  # fmt: skip


def append_bonus(conn: Connection, series_id: str, bonus: Bonus) -> int:
    result = conn.execute(series_bonuses.insert().values(
        series_id=series_id, event_id=bonus.event_id, number=bonus.number, kind=str(bonus.kind),
        reason=bonus.reason, author=bonus.author, created_us=now_us()))  # fmt: skip
    return int(result.inserted_primary_key[0])


def merges_in(conn: Connection, series_id: str, *, revoked: bool = False) -> list[Merge]:
    """The series' identity merges that stand (also the revoked ones with `revoked`)."""
    c = identity_merges.c
    query = select(c.id, c.a, c.b, c.author, c.reason, c.created_us).where(
        c.series_id == series_id).order_by(c.id)
    gone = set() if revoked else revoked_ids(conn, series_id, "merge")
    return [Merge(*row) for row in conn.execute(query) if row[0] not in gone]


def revoked_ids(conn: Connection, series_id: str, target: str) -> set[int]:
    """Ids of the series' bonuses (`bonus`) or merges (`merge`) revoked."""
    c = series_revokes.c
    query = select(c.target_id).where(c.series_id == series_id, c.target == target)
    return {int(i) for i in conn.execute(query).scalars()}


def append_revoke(conn: Connection, series_id: str, target: str, target_id: int, author: str,
                  reason: str) -> int:  # fmt: skip
    result = conn.execute(series_revokes.insert().values(
        series_id=series_id, target=target, target_id=target_id, reason=reason, author=author,
        created_us=now_us()))  # fmt: skip
    return int(result.inserted_primary_key[0])


def append_merge(conn: Connection, series_id: str, a: str, b: str, author: str,
                 reason: str) -> int:  # fmt: skip
    result = conn.execute(identity_merges.insert().values(
        series_id=series_id, a=a, b=b, reason=reason, author=author, created_us=now_us()))
    return int(result.inserted_primary_key[0])


def scored_events(conn: Connection, event_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Event id -> (name, date) of those of these events trackside scores (`events`)."""
    query = select(events.c.id, events.c.name, events.c.date).where(
        events.c.id.in_(sorted(set(event_ids))))
    return {eid: (name, date) for eid, name, date in conn.execute(query)}
