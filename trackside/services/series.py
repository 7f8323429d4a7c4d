"""Series use cases (championship.md): import a series file, an official's bonus point, an
audited identity merge; each one transaction, a refusal stores nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine

from trackside.core.identities import Identities, identity_key, normalised
from trackside.core.series_inputs import has_sprint
from trackside.core.series_records import Bonus, BonusKind, EventPart, SeriesDef
from trackside.errors import InputError, shown
from trackside.rules.points import points_scheme
from trackside.services.season_results import series_results
from trackside.store.database import writing
from trackside.store.facts import definitions_in
from trackside.store.imported_results import imported_events
from trackside.store.series import (
    append_bonus,
    append_merge,
    append_revoke,
    bonuses_in,
    merges_in,
    revoked_ids,
    save_series,
    scored_events,
    series_in,
)
from trackside.timing.series_file import read_series_file
from trackside.timing.toml_lines import field_line


@dataclass(frozen=True, slots=True)
class SeriesReport:
    id: str
    events: int
    outcome: str
    """`imported`, `updated` or `unchanged`."""


def import_series(engine: Engine, path: Path, author: str) -> SeriesReport:
    """Store the series file (the same `series.id` again updates it); every event it names
    must be in this database or imported (`results import`)."""
    read = read_series_file(path)
    with writing(engine) as conn:
        _check_events(conn, read.series.events, path)
        _check_parts(conn, read.series, path)
        saved = save_series(conn, read.series, read.definition, author)
    outcome = {True: "imported", False: "updated", None: "unchanged"}[saved]
    return SeriesReport(read.series.id, len(read.series.events), outcome)


def _check_events(conn: Connection, event_ids: tuple[str, ...], path: Path) -> None:
    known = set(scored_events(conn, event_ids))
    known |= set(imported_events(conn, event_ids))
    for index, event_id in enumerate(event_ids, start=1):
        if event_id not in known:
            field = f"event[{index}].id"
            text = path.read_text(encoding="utf-8-sig")
            raise InputError(
                f"unknown event {event_id!r} (import it with `trackside event import` or "
                "`trackside results import`)", source=str(path), line=field_line(text, field),
                field=field)  # fmt: skip


def _check_parts(conn: Connection, series: SeriesDef, path: Path) -> None:
    """`part = "sprint"` names a trackside event whose race has a Sprint (sprint_min)."""
    scored = scored_events(conn, [eid for eid, _ in series.parts])
    for event_id, part in series.parts:
        index = series.events.index(event_id) + 1
        field = f"event[{index}].part"
        if part is EventPart.SPRINT and (
                event_id not in scored or not has_sprint(definitions_in(conn, event_id).event)):
            text = path.read_text(encoding="utf-8-sig")
            raise InputError(f"event {event_id!r} has no race with a Sprint part (sprint_min) "
                             "to score as a sprint event", source=str(path),
                             line=field_line(text, field), field=field)  # fmt: skip


def add_bonus(
    engine: Engine, series_id: str, event_id: str, number: str, kind: str, author: str,
    reason: str = "",
) -> Bonus:
    """An official's +1 (`img`: on-the-move or fast-five), at most one of each kind per class
    and event; the car must have an entry in that event of the series."""
    if not author.strip():
        raise InputError("an official's bonus needs --by NAME", source="option --by")
    try:
        chosen = BonusKind(kind)
    except ValueError:
        raise InputError(f"expected one of {', '.join(k.value for k in BonusKind)}, got "
                         f"{shown(kind)}", source="option --kind") from None  # fmt: skip
    with engine.connect() as conn:
        series = series_in(conn, series_id)
    scheme = points_scheme(series.scheme)
    if chosen not in scheme.bonus_kinds:
        raise InputError(f"the {scheme.name} scheme gives no {chosen} bonus",
                         source="option --kind")
    if event_id not in series.events:
        raise InputError(f"event {event_id!r} is not in series {series_id!r} (its events: "
                         f"{', '.join(series.events)})", source="argument EVENT")  # fmt: skip
    _, results = series_results(engine, [event_id], series.part_of)
    entry = next((r for r in results[event_id] if r.number == number), None)
    if entry is None:
        raise InputError(f"no car {number!r} in event {event_id!r}", source="argument NUMBER")
    with writing(engine) as conn:
        class_of = {r.number: r.car_class for r in results[event_id]}
        for other in bonuses_in(conn, series_id):
            if (other.event_id, other.kind) == (event_id, chosen) and \
                    class_of.get(other.number) == entry.car_class:
                raise InputError(
                    f"class {entry.car_class} of {event_id} already has its {chosen} bonus "
                    f"(car {other.number}, by {other.author})", source="argument NUMBER")
        bonus = Bonus(0, event_id, number, chosen, author.strip(), reason)
        return Bonus(append_bonus(conn, series_id, bonus), event_id, number, chosen,
                     author.strip(), reason)  # fmt: skip


@dataclass(frozen=True, slots=True)
class MergeReport:
    id: int
    a: str
    b: str


def merge_drivers(
    engine: Engine, series_id: str, a: str, b: str, author: str, reason: str
) -> MergeReport:
    """Make competitor B one with A in the series (an audited decision). A and B are a member
    id or a full name (team name in a team series) of the series' results."""
    if not author.strip():
        raise InputError("a merge needs --by NAME", source="option --by")
    if not reason.strip():
        raise InputError("a merge needs --reason TEXT", source="option --reason")
    with engine.connect() as conn:
        series = series_in(conn, series_id)
        merges = merges_in(conn, series_id)
    _, results = series_results(engine, series.events, series.part_of)
    keys = {identity_key(r, series.scores) for rows in results.values() for r in rows}
    key_a = _resolve(a, keys, "argument A", series_id)
    key_b = _resolve(b, keys, "argument B", series_id)
    if Identities(merges).same(key_a, key_b):
        raise InputError(f"{a!r} and {b!r} are already one competitor", source="argument B")
    with writing(engine) as conn:
        merge_id = append_merge(conn, series_id, key_a, key_b, author.strip(), reason.strip())
    return MergeReport(merge_id, key_a, key_b)


def _resolve(name: str, keys: set[str], source: str, series_id: str) -> str:
    for key in (f"member:{name.strip()}", f"name:{normalised(name)}", f"team:{normalised(name)}"):
        if key in keys:
            return key
    raise InputError(f"no competitor {name!r} in the results of series {series_id!r} (a "
                     "member id or a full name)", source=source)  # fmt: skip



@dataclass(frozen=True, slots=True)
class RevokeReport:
    id: int
    target: str
    """`bonus` or `merge`."""
    target_id: int
    what: str
    """The revoked decision in words, for the command's line."""


def revoke_bonus(
    engine: Engine, series_id: str, bonus_id: str, author: str, reason: str
) -> RevokeReport:
    """Revoke an official's bonus (an audited decision): the standings no longer count it, and
    its class and event may be given that kind again."""
    with writing(engine) as conn:
        target_id = _revocable(conn, series_id, author, reason, bonus_id)
        bonus = next((b for b in bonuses_in(conn, series_id, revoked=True) if b.id == target_id),
                     None)  # fmt: skip
        if bonus is None:
            raise InputError(f"no bonus {target_id} in series {series_id!r}", source="argument ID")
        if target_id in revoked_ids(conn, series_id, "bonus"):
            raise InputError(f"bonus {target_id} is already revoked", source="argument ID")
        revoke_id = append_revoke(conn, series_id, "bonus", target_id, author.strip(),
                                  reason.strip())  # fmt: skip
    return RevokeReport(revoke_id, "bonus", target_id,
                        f"+1 {bonus.kind} to car {bonus.number} at {bonus.event_id}")


def unmerge_drivers(
    engine: Engine, series_id: str, merge_id: str, author: str, reason: str
) -> RevokeReport:
    """Revoke an identity merge (an audited decision): B stands as its own competitor again
    (the merges after it still stand)."""
    with writing(engine) as conn:
        target_id = _revocable(conn, series_id, author, reason, merge_id)
        merge = next((m for m in merges_in(conn, series_id, revoked=True) if m.id == target_id),
                     None)  # fmt: skip
        if merge is None:
            raise InputError(f"no merge {target_id} in series {series_id!r}", source="argument ID")
        if target_id in revoked_ids(conn, series_id, "merge"):
            raise InputError(f"merge {target_id} is already revoked", source="argument ID")
        revoke_id = append_revoke(conn, series_id, "merge", target_id, author.strip(),
                                  reason.strip())  # fmt: skip
    return RevokeReport(revoke_id, "merge", target_id, f"{merge.b} is {merge.a}")


def _revocable(conn: Connection, series_id: str, author: str, reason: str, raw_id: str) -> int:
    """The id to revoke, once the series exists and the revoke has its author and reason."""
    if not author.strip():
        raise InputError("a revoke needs --by NAME", source="option --by")
    if not reason.strip():
        raise InputError("a revoke needs --reason TEXT", source="option --reason")
    series_in(conn, series_id)
    try:
        return int(raw_id)
    except ValueError:
        raise InputError(f"expected a whole number (the id the decision printed), got "
                         f"{shown(raw_id)}", source="argument ID") from None  # fmt: skip
