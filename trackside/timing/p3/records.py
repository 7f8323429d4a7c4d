"""A decoded P3 record: its type, header version and flags, and its fields as raw bytes.

Fields stay as the wire gave them (``{tof: bytes}``, in frame order) so that re-encoding a
record gives back the identical frame; ``value``/``named`` interpret them on demand.
"""

from __future__ import annotations

from typing import NamedTuple

from trackside.timing.p3.fields import FieldValue, decode_value, interpreters
from trackside.timing.p3.framing import DEFAULT_VERSION
from trackside.timing.p3.record_types import record_type_name


class Record(NamedTuple):
    record_type: int
    fields: dict[int, bytes]
    version: int = DEFAULT_VERSION
    flags: int = 0

    @property
    def name(self) -> str:
        """``PASSING``, ``STATUS``, ... or ``0x1234`` for an unknown record type."""
        return record_type_name(self.record_type)

    def value(self, tof: int) -> FieldValue | None:
        """The field interpreted (int, text, or raw bytes when unknown); None when absent."""
        raw = self.fields.get(tof)
        return None if raw is None else decode_value(self.record_type, tof, raw)

    def number(self, tof: int) -> int | None:
        """The field as an unsigned little-endian int; None when absent."""
        raw = self.fields.get(tof)
        return None if raw is None else int.from_bytes(raw, "little")

    def named(self) -> dict[str, FieldValue]:
        """Every field by name (``0x42`` for unknown ids), values interpreted."""
        table = interpreters(self.record_type)
        named = {}
        for tof, raw in self.fields.items():
            name, interpret = table[tof]
            named[name] = interpret(raw)
        return named
