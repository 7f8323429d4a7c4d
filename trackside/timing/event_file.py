"""The event file's content (interfaces.md, Event file) checked and turned into an `EventDef`.

The parsed TOML is stored as JSON (`events.definition`) and decoded with the same checks, so
what is stored always reads back as the definition that was imported.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any

from trackside.core.drivers import GRADES
from trackside.core.formats import FormatRegistry, UnknownFormat
from trackside.core.known_formats import FORMATS
from trackside.core.records import (
    ENTRY_CHECKS,
    OFFICIAL_ROLES,
    RUN_FORMATS,
    TIMINGS,
    EventDef,
    GroupDef,
    OfficialDef,
    RoundDef,
    Scoring,
    SessionDef,
    SessionFormat,
    Track,
)
from trackside.errors import InputError, shown
from trackside.rules import RULESETS
from trackside.timing.event_keys import GROUP_KEYS, LATER_SESSION_KEYS
from trackside.timing.race_settings import race_settings

MAX_NAME = 64
"""Characters of a session id, group or loop name (the database's column sizes)."""

EVENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")
RESERVED_IDS = frozenset({"add", "list", "revoke"})
"""Words `trackside flag` reads as its subcommands: an event id cannot be one."""
TIME_OF_DAY = re.compile(r"[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?")


class _Reader:
    """Typed access to one table of the definition, errors naming `source` and the field."""

    def __init__(self, table: Any, prefix: str, source: str | None) -> None:
        self.prefix = prefix
        self.source = source
        if not isinstance(table, dict):
            raise self.error("expected a table", "")
        self.table = table

    def error(self, message: str, key: str) -> InputError:
        field = f"{self.prefix}.{key}" if key else self.prefix
        return InputError(message, source=self.source, field=field)

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
        value = self.table.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) and bool not in _as_tuple(kind):
            raise self.error(f"expected {_describe(kind)}, got {shown(value)}", key)
        if not isinstance(value, kind):
            raise self.error(f"expected {_describe(kind)}, got {shown(value)}", key)
        if isinstance(value, float) and not math.isfinite(value):
            raise self.error(f"expected a finite number, got {value!r}", key)
        return value

    def name(self, key: str, default: str | None = None, limit: int = MAX_NAME) -> str | None:
        """Text of at most `limit` characters."""
        value = self.get(key, str, default)
        if value is not None and len(value) > limit:
            raise self.error(f"longer than {limit} characters: {shown(value)}", key)
        return value

    def names(self, key: str) -> tuple[str, ...]:
        """A list of non-empty names (each at most `MAX_NAME` characters)."""
        values = self.get(key, list, [])
        if not all(isinstance(v, str) and 0 < len(v) <= MAX_NAME for v in values):
            raise self.error(f"expected a list of names (at most {MAX_NAME} characters each)",
                             key)
        return tuple(values)

    def check_kinds(self, kinds: dict[str, Any]) -> None:
        """Each key of `kinds` present has its kind (settings stored, not yet used)."""
        for key, kind in kinds.items():
            self.get(key, kind)

    def required(self, key: str, kind: type | tuple[type, ...]) -> Any:
        value = self.get(key, kind)
        if value is None or value == "":
            raise self.error("required", key)
        return value

    def choice(self, key: str, enum: Callable[[str], Any], allowed: tuple[str, ...], default: str):
        value = self.get(key, str, default)
        if value not in allowed:
            raise self.error(f"expected one of {', '.join(allowed)}; got {shown(value)}", key)
        return enum(value)

    def positive(self, key: str, default: float | None, *, integer: bool = False) -> Any:
        value = self.get(key, int if integer else (int, float), default)
        if value is not None and value <= 0:
            raise self.error(f"must be greater than 0, got {value!r}", key)
        return value


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _describe(kind: type | tuple[type, ...]) -> str:
    names = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
             list: "a list", dict: "a table"}
    return " or ".join(names.get(k, k.__name__) for k in _as_tuple(kind))


def normalize_definition(data: dict[str, Any]) -> dict[str, Any]:
    """TOML dates and times as ISO text, so the definition can be stored as JSON."""
    if isinstance(data, dict):
        return {key: normalize_definition(value) for key, value in data.items()}
    if isinstance(data, list):
        return [normalize_definition(value) for value in data]
    if isinstance(data, dt.date | dt.time | dt.datetime):
        return data.isoformat()
    return data


def parse_event_definition(
    data: dict[str, Any], source: str | None = None, formats: FormatRegistry = FORMATS
) -> EventDef:
    """Check a parsed event file (normalized) and build its `EventDef`. Raises InputError, also
    for a session whose format no scorer of this build handles (never scored as another)."""
    event = _Reader(data.get("event"), "event", source)
    event_id = event.required("id", str)
    if not EVENT_ID.match(event_id):
        raise event.error("use letters, digits, '.', '_' or '-' (at most 64)", "id")
    lunch_end = event.get("lunch_end", str, "13:00")
    if not TIME_OF_DAY.fullmatch(lunch_end):
        raise event.error(f"expected a time of day like 13:00, got {shown(lunch_end)}",
                          "lunch_end")
    groups = _groups(data.get("group", []), source)
    if event_id in RESERVED_IDS:
        raise event.error(f"{event_id!r} is a word of `trackside flag` (reserved: "
                          f"{', '.join(sorted(RESERVED_IDS))}); choose another id", "id")
    sessions = _sessions(data.get("session", []), source, formats)
    return EventDef(
        id=event_id,
        name=event.required("name", str),
        date=_date(event),
        days=event.positive("days", 1, integer=True),
        ruleset=event.choice("ruleset", str, tuple(sorted(RULESETS)), "scca-tt"),
        scoring=event.choice("scoring", Scoring, tuple(Scoring), Scoring.ROUNDS),
        min_lap_us=round(event.positive("min_lap_s", 20.0) * 1_000_000),
        awards_per_class=_awards(event),
        track=_track(data.get("track", {}), source),
        sessions=sessions,
        rounds=_rounds(data.get("round", []), sessions, source),
        groups=groups,
        lunch_end=lunch_end,
        entry_checks=event.choice("entry_checks", str, ENTRY_CHECKS, "warn"),
        officials=_officials(data.get("official", []), source),
    )


def _date(event: _Reader) -> str:
    text = event.required("date", str)
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise event.error(f"expected a date like 2026-05-16, got {shown(text)}", "date") from None


def _awards(event: _Reader) -> int | None:
    """The event file's awards per class; None leaves it to the rulebook."""
    value = event.get("awards_per_class", int)
    if value is not None and value < 0:
        raise event.error(f"must be 0 or more, got {value}", "awards_per_class")
    return value


def _track(table: Any, source: str | None) -> Track:
    track = _Reader(table, "track", source)
    return Track(
        name=track.get("name", str, ""),
        length_m=track.positive("length_m", None),
        start_finish_loop=track.name("start_finish_loop", limit=32) or None,
    )


def _sessions(
    tables: Any, source: str | None, formats: FormatRegistry
) -> tuple[SessionDef, ...]:
    if not isinstance(tables, list):
        raise InputError("expected [[session]] tables", source=source, field="session")
    sessions: list[SessionDef] = []
    for index, table in enumerate(tables, start=1):
        session = _session(_Reader(table, f"session[{index}]", source), formats)
        if any(s.id == session.id for s in sessions):
            raise InputError(f"session id {shown(session.id)} is used twice", source=source,
                             field=f"session[{index}].id")
        sessions.append(session)
    return tuple(sessions)


def _session(session: _Reader, formats: FormatRegistry) -> SessionDef:
    session_id = session.required("id", str)
    session.name("id")
    start = session.get("start", str)
    if start is not None and not TIME_OF_DAY.fullmatch(start):
        raise session.error(f"expected a time of day like 09:00, got {shown(start)}", "start")
    session.check_kinds(LATER_SESSION_KEYS)
    session.get("rmonitor_run", int)
    fmt = _format(session, session_id, formats)
    duration_min = session.positive("duration_min", None)
    if fmt == SessionFormat.RACE and duration_min is None:
        raise session.error("required for a race session (the scheduled race length in "
                            "minutes)", "duration_min")
    return SessionDef(
        id=session_id,
        name=session.get("name", str, "") or session_id,
        format=fmt,
        scored=session.get("scored", bool, True),
        groups=session.names("groups"),
        start=start,
        duration_min=duration_min,
        **(_run_settings(session) if fmt in RUN_FORMATS else {}),
        race=race_settings(session, duration_min) if fmt == SessionFormat.RACE else None,
    )


def _run_settings(session: _Reader) -> dict[str, Any]:
    """A tracksprint or hillclimb session's timing settings (tracksprint.md, "Session
    settings"): `loops` timing names both loops, `lights` timing names neither."""
    timing = session.get("timing", str)
    if timing is None:
        raise session.error(f"required for a {session.get('format', str)} session "
                            f"(one of {', '.join(TIMINGS)})", "timing")
    if timing not in TIMINGS:
        raise session.error(f"expected one of {', '.join(TIMINGS)}; got {shown(timing)}",
                            "timing")
    loops = {key: session.name(key, limit=32) or None for key in ("start_loop", "finish_loop")}
    for key, loop in loops.items():
        if timing == "loops" and loop is None:
            raise session.error('required with timing = "loops"', key)
        if timing == "lights" and loop is not None:
            raise session.error('applies to timing = "loops" only (lights timing has no loops)',
                                key)
    if timing == "loops" and loops["start_loop"] == loops["finish_loop"]:
        raise session.error("the start and finish loops must differ "
                            f"(both {shown(loops['start_loop'])})", "finish_loop")
    return {
        "timing": timing,
        **loops,
        "cone_penalty_us": _micros(session, "cone_penalty_s", 2.0),
        "max_runs": session.positive("max_runs", None, integer=True),
        "duplicate_read_us": _micros(session, "duplicate_read_s", 1.0),
    }


def _micros(session: _Reader, key: str, default: float) -> int:
    """A setting in seconds (0 or more) as integer microseconds."""
    value = session.get(key, (int, float), default)
    if value < 0:
        raise session.error(f"must be 0 or more, got {value!r}", key)
    return round(value * 1_000_000)


def _format(session: _Reader, session_id: str, formats: FormatRegistry) -> str:
    """A format a registered scorer handles (interfaces.md, Event file)."""
    value = session.get("format", str, "time-attack")
    try:
        formats.scorer_for(SessionDef(session_id, format=value))
    except UnknownFormat as unknown:
        raise session.error(str(unknown), "format") from None
    return value


def _rounds(tables: Any, sessions: tuple[SessionDef, ...], source: str | None):
    if not isinstance(tables, list):
        raise InputError("expected [[round]] tables", source=source, field="round")
    known = {s.id for s in sessions}
    rounds: list[RoundDef] = []
    for index, table in enumerate(tables, start=1):
        reader = _Reader(table, f"round[{index}]", source)
        name = reader.required("name", str)
        if any(r.name == name for r in rounds):
            raise reader.error(f"round name {shown(name)} is used twice", "name")
        names = reader.required("sessions", list)
        for session_id in names:
            if not isinstance(session_id, str):
                raise reader.error(f"expected a list of session ids, got {shown(session_id)}",
                                   "sessions")
            if session_id not in known:
                raise reader.error(f"no session {shown(session_id)} in this event", "sessions")
        rounds.append(RoundDef(name=name, sessions=tuple(names)))
    return tuple(rounds)


PASSING_VALUES = range(0, 5)
"""Passing rules values (SCCA TT Appendix B 3.1.2 B 7)."""


def _groups(tables: Any, source: str | None) -> tuple[GroupDef, ...]:
    """`[[group]]` tables (officials.md): a name once each, `passing` 0..4, `min_license` a
    license grade (SCCA TT II.3-II.6)."""
    if not isinstance(tables, list):
        raise InputError("expected [[group]] tables", source=source, field="group")
    groups: list[GroupDef] = []
    for index, table in enumerate(tables, start=1):
        reader = _Reader(table, f"group[{index}]", source)
        name = reader.required("name", str)
        reader.name("name")
        reader.check_kinds(GROUP_KEYS)
        if any(g.name == name for g in groups):
            raise reader.error(f"group {shown(name)} is defined twice", "name")
        passing = reader.get("passing", int)
        if passing is not None and passing not in PASSING_VALUES:
            raise reader.error(f"expected 0 to 4 (SCCA TT Appendix B 3.1.2 B 7), got {passing}",
                               "passing")
        grade = reader.get("min_license", str)
        if grade is not None and grade not in GRADES:
            raise reader.error(f"expected one of {', '.join(GRADES)}; got {shown(grade)}",
                               "min_license")
        groups.append(GroupDef(name, passing, grade))
    return tuple(groups)


def _officials(tables: Any, source: str | None) -> tuple[OfficialDef, ...]:
    """`[[official]]` tables: a name and one of the roles of SCCA TT Appendix C 1.1; one
    person may hold several roles (Appendix C 1.5)."""
    if not isinstance(tables, list):
        raise InputError("expected [[official]] tables", source=source, field="official")
    found = []
    for index, table in enumerate(tables, start=1):
        reader = _Reader(table, f"official[{index}]", source)
        name = reader.required("name", str).strip()
        role = reader.choice("role", str, OFFICIAL_ROLES, "")
        found.append(OfficialDef(name, role))
    return tuple(found)
