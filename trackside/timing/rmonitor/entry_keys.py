"""One entry per transponder, one transponder per car number: how feed cars become entries.

An event keys entries by car number and by transponder. A feed may carry two cars with one
number (Sebring 2009: cars 9 and 21 of the ALMS field and of the field after the reset): the
first keeps the number, the later one is entered as `<number>-<session>` (`9-run3`), with a
warning. A transponder already entered under another number stays that entry: the feed's car
counts as it, with a warning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from trackside.core.records import Entry


class EntryBook:
    """The numbers and transponders entered so far (those stored before, then admitted)."""

    def __init__(self, entered: Mapping[str, str] | None = None) -> None:
        """`entered`: transponder by car number of the entries already in the event."""
        self.transponders: dict[str, str] = dict(entered or {})
        self.numbers: dict[str, str] = {t: n for n, t in self.transponders.items()}

    def admit(self, entry: Entry) -> tuple[Entry | None, str | None]:
        """The entry to add (renumbered when its number is taken), or None when its
        transponder is entered already; and a warning when the feed's number is not kept."""
        known = self.numbers.get(entry.transponder)
        if known is not None:
            return None, None if known == entry.number else _counts_as(entry, known)
        taken = self.transponders.get(entry.number)
        if taken is None:
            self._enter(entry.number, entry.transponder)
            return entry, None
        key = self._free_key(entry)
        self._enter(key, entry.transponder)
        return replace(entry, number=key), _renumbered(entry, taken, key)

    def update(self, key: str, entry: Entry) -> Entry:
        """An admitted entry's newer details under its key (its transponder may change)."""
        old = self.transponders.get(key)
        if old is not None and self.numbers.get(old) == key:
            del self.numbers[old]
        self._enter(key, entry.transponder)
        return replace(entry, number=key)

    def transponder_of(self, number: str) -> str | None:
        return self.transponders.get(number)

    def _enter(self, number: str, transponder: str) -> None:
        self.transponders[number] = transponder
        self.numbers[transponder] = number

    def _free_key(self, entry: Entry) -> str:
        key = f"{entry.number}-{entry.group}" if entry.group else f"{entry.number}-2"
        count = 1
        while key in self.transponders:
            count += 1
            key = f"{entry.number}-{entry.group}-{count}"
        return key


def _renumbered(entry: Entry, taken: str, key: str) -> str:
    return (
        f"car {entry.number!r} of {entry.group} carries transponder {entry.transponder} but "
        f"car {entry.number!r} is transponder {taken}: entered as {key!r}"
    )


def _counts_as(entry: Entry, known: str) -> str:
    return (
        f"car {entry.number!r} of {entry.group} carries transponder {entry.transponder}, "
        f"which is car {known!r} in this event: its passings count for car {known!r}"
    )
