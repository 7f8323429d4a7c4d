"""The history of an event's entries: each version of each car's entry, who stored it, when,
and what it changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from trackside.errors import InputError
from trackside.services.checks import require_event
from trackside.services.entries import listed_entry
from trackside.store.entry_versions import EntryVersion, entry_versions_of

SHOWN_CHANGES = 3
"""Changed fields named in a change's description; more are counted."""


@dataclass(frozen=True, slots=True)
class EntryChange:
    number: str
    version: int
    author: str
    recorded_us: int
    change: str
    """What this version changed, in a few words."""
    entry: dict[str, Any]
    """The entry as this version left it, with the CSV's column names."""


def entry_history(engine: Engine, event_id: str, number: str | None = None) -> list[EntryChange]:
    """Every version of the event's entries (or car `number`'s), by number then version."""
    with engine.connect() as conn:
        require_event(conn, event_id)
        versions = entry_versions_of(conn, event_id, number)
    if number is not None and not versions:
        raise InputError(f"no entry for car {number!r} in event {event_id!r}",
                         source="argument NUMBER")
    return _changes(versions)


def _changes(versions: list[EntryVersion]) -> list[EntryChange]:
    changes, before = [], {}
    for version in versions:
        entry = listed_entry(version.entry)
        text = change_text(before.get(version.number), entry)
        changes.append(EntryChange(version.number, version.version, version.author,
                                   version.recorded_us, text, entry))
        before[version.number] = entry
    return changes


def change_text(before: dict[str, Any] | None, after: dict[str, Any]) -> str:
    """`entered (class S2, group Advanced, transponder 1001)`, or the fields that differ:
    `class S2 -> S1, transponder 1001 -> 1004`."""
    if before is None:
        return (f"entered (class {after['class']}, group {after['group']}, "
                f"transponder {after['transponder']})")
    old, new = _fields(before), _fields(after)
    changed = [name for name in {**old, **new} if old.get(name) != new.get(name)]
    if not changed:
        return "no change"
    shown = [f"{name} {_text(old.get(name))} -> {_text(new.get(name))}"
             for name in changed[:SHOWN_CHANGES]]
    more = len(changed) - SHOWN_CHANGES
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _fields(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry's fields, its extra columns among them."""
    fields = {name: value for name, value in entry.items() if name != "extra"}
    return {**fields, **entry.get("extra", {})}


def _text(value: Any) -> str:
    return "-" if value in (None, "") else str(value)
