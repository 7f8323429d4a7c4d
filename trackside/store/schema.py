"""The tables. Passings, flags and decisions are a journal: rows are only ever inserted.
`events` and `entries` are the current definitions; `event_versions` and `entry_versions` keep
every definition ever stored, with who stored it and when (also only ever inserted).

This is the schema the code reads and writes; `migrations/` creates it in a database.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

ID = BigInteger().with_variant(Integer, "sqlite")
"""Journal ids: 64-bit, and SQLite's INTEGER so that they are its rowid (autoincrement)."""

events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("date", String(10), nullable=False),
    Column("definition", JSON, nullable=False),
    Column("updated_us", BigInteger, nullable=False),
)

entries = Table(
    "entries",
    metadata,
    Column("event_id", String(64), ForeignKey("events.id"), primary_key=True),
    Column("number", String(16), primary_key=True),
    Column("transponder", String(64), nullable=False),
    Column("first_name", Text, nullable=False),
    Column("last_name", Text, nullable=False),
    Column("car_class", String(64), nullable=False),
    Column("run_group", String(64), nullable=False),
    Column("member_id", String(64)),
    Column("license", String(64)),
    Column("year", String(8)),
    Column("make", Text),
    Column("model", Text),
    Column("trim", Text),
    Column("email", Text),
    Column("team", Text),
    Column("extra", JSON, nullable=False),
    UniqueConstraint("event_id", "transponder", name="uq_entries_event_transponder"),
)

passings = Table(
    "passings",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False),
    Column("time_us", BigInteger, nullable=False),
    Column("transponder", String(64), nullable=False),
    Column("loop", String(32)),
    Column("decoder", String(64)),
    Column("passing_number", BigInteger),
    Column("source", String(32), nullable=False),
    Column("session_id", String(64)),
    Column("identity", String(200), nullable=False),
    Column("rtc_us", BigInteger),  # a live decoder's own clock; time_us is it at track time
    UniqueConstraint("event_id", "identity", name="uq_passings_event_identity"),
    Index("ix_passings_event_time", "event_id", "time_us"),
    Index("ix_passings_event_id", "event_id", "id"),  # the newest id (passing_snapshots.py)
)

flags = Table(
    "flags",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False),
    Column("session_id", String(64), nullable=False),
    Column("state", String(16), nullable=False),
    Column("time_us", BigInteger, nullable=False),
    Column("author", Text, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),
    UniqueConstraint("event_id", "session_id", "state", "time_us", name="uq_flags_fact"),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False),
    Column("number", String(16)),
    Column("kind", String(32), nullable=False),
    Column("session_id", String(64)),
    Column("lap", Integer),
    Column("at_us", BigInteger),
    Column("seconds", Float),
    Column("reason", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("created_us", BigInteger, nullable=False),
    Column("revokes", ID),
    Column("flag_id", ID),  # the flag a revoke-flag decision revokes (migration 0005)
    Column("run", Integer),  # the run a run decision names (migration 0007)
    Column("count", Integer),  # cones a `cones` decision adds (migration 0007)
    Column("other_number", String(16)),  # the second car of a `contact` (migration 0008)
    Column("served_us", BigInteger),  # when a drive-through or stop-and-go was served
    Column("serves", ID),  # the decision a `penalty-served` serves
    Column("query_id", ID),  # the compliance query a penalty answers (migration 0009)
    Column("car_class", String(32)),  # the class a `reclassify` moves a car to (0014_tech)
    ForeignKeyConstraint(["revokes"], ["decisions.id"], name="fk_decisions_revokes"),
    UniqueConstraint("revokes", name="uq_decisions_revokes"),
    Index("ix_decisions_event", "event_id"),
)

decoder_clock = Table(
    "decoder_clock",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False),
    Column("decoder", String(64), nullable=False),
    Column("rtc_us", BigInteger, nullable=False),
    Column("track_us", BigInteger, nullable=False),
    Column("offset_us", BigInteger, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),
    Index("ix_decoder_clock_event", "event_id", "decoder"),
)
"""Each reading of a decoder's clock: its RTC against track time (`track_us = rtc_us +
offset_us`), taken by the decoder client once per connection and after a decoder reset."""

event_versions = Table(
    "event_versions",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("definition", JSON, nullable=False),
    Column("author", Text, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),
    UniqueConstraint("event_id", "version", name="uq_event_versions_version"),
)
"""Every definition an event has had: version 1 is the first import, each change the next."""

entry_versions = Table(
    "entry_versions",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False),
    Column("number", String(16), nullable=False),
    Column("version", Integer, nullable=False),
    Column("entry", JSON, nullable=False),
    Column("author", Text, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),
    UniqueConstraint("event_id", "number", "version", name="uq_entry_versions_version"),
)
"""Every state a car number's entry has had: `entry` holds its `entries` column values."""

light_lines = Table(
    "light_lines",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False),
    Column("session_id", String(64), nullable=False),
    Column("protocol", String(32), nullable=False),
    Column("source", Text, nullable=False),  # the file (and line) or the serial port
    Column("raw", Text, nullable=False),
    Column("received_us", BigInteger, nullable=False),
    Index("ix_light_lines_event", "event_id", "session_id"),
)
"""Every raw line a timing-light system sent or a file held, as it came (tracksprint.md)."""

trips = Table(
    "trips",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False),
    Column("session_id", String(64), nullable=False),
    Column("channel", String(8), nullable=False),
    Column("time_us", BigInteger, nullable=False),
    Column("line_id", ID, ForeignKey("light_lines.id")),
    UniqueConstraint("event_id", "session_id", "channel", "time_us", name="uq_trips_fact"),
    Index("ix_trips_event_time", "event_id", "time_us"),
)
"""Timing-light trips read from the raw lines: the same trip twice is one fact."""

releases = Table(
    "releases",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False),
    Column("session_id", String(64), nullable=False),
    Column("number", String(16), nullable=False),
    Column("time_us", BigInteger, nullable=False),
    Column("author", Text, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),
    UniqueConstraint("event_id", "session_id", "number", "time_us", name="uq_releases_fact"),
)
"""The starter's releases of cars from the grid."""

roster_drivers = Table(
    "roster_drivers",
    metadata,
    Column("event_id", String(64), ForeignKey("events.id"), primary_key=True),
    Column("number", String(16), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("first_name", Text, nullable=False),
    Column("last_name", Text, nullable=False),
    Column("member_id", String(64)),
    Column("driver_transponder", String(64)),
    Column("author", Text, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),
)
"""Each car's drivers in roster order (endurance.md, `roster import`): a definition like
`entries`, not the journal; importing a car's roster again replaces that car's rows."""

pit_stops = Table(
    "pit_stops",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False),
    Column("session_id", String(64), nullable=False),
    Column("number", String(16), nullable=False),
    Column("in_us", BigInteger, nullable=False),
    Column("out_us", BigInteger, nullable=False),
    Column("author", Text, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),
)
"""Pit stops recorded by officials (`trackside pit stop`): the same stop again while it is in
force adds nothing (`store/race_facts.append_pit_stop`)."""

driver_changes = Table(
    "driver_changes",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False),
    Column("session_id", String(64), nullable=False),
    Column("number", String(16), nullable=False),
    Column("driver", Text, nullable=False),
    Column("at_us", BigInteger, nullable=False),
    Column("author", Text, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),
    Index("ix_driver_changes_event", "event_id", "session_id"),
)
"""Driver changes declared by officials (`trackside driver change`)."""

drivers = Table(
    "drivers",
    metadata,
    Column("member_id", String(64), primary_key=True),
    Column("first_name", Text, nullable=False),
    Column("last_name", Text, nullable=False),
    Column("birth_date", String(10)),
    Column("membership", String(64)),
    Column("membership_expires", String(10)),
    Column("license", String(16)),
    Column("license_issuer", Text),
    Column("license_expires", String(10)),
    Column("email", Text),
)
"""Each driver's current record by member id (officials.md, `drivers import`)."""

driver_versions = Table(
    "driver_versions",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("member_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("driver", JSON, nullable=False),
    Column("author", Text, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),
    UniqueConstraint("member_id", "version", name="uq_driver_versions_version"),
)
"""Every state a driver's record has had: `driver` holds its `drivers` column values."""

minor_forms = Table(
    "minor_forms",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("member_id", String(64), nullable=False),
    Column("year", Integer, nullable=False),
    Column("parental_consent", Boolean, nullable=False),
    Column("minor_ack", Boolean, nullable=False),
    Column("unrestricted_license", Boolean, nullable=False),
    Column("author", Text, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),
)
"""Minors' forms received (SCCA TT II.2): a form once recorded for a year stays on file."""

license_grants = Table(
    "license_grants",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("member_id", String(64), nullable=False),
    Column("grade", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),
)
"""Licenses granted by officials (SCCA TT II.4.C, II.5.C, II.6: experience, Pro)."""

queries = Table(
    "queries",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False),
    Column("subject", String(16), nullable=False),
    Column("question", Text, nullable=False),
    Column("filer", Text, nullable=False),
    Column("official", Boolean, nullable=False),
    Column("filed_us", BigInteger, nullable=False),
    Column("fee", Integer, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),
)
"""Compliance queries as filed, with the fee due then (SCCA TT Rules Compliance Query 3)."""

query_actions = Table(
    "query_actions",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False),
    Column("query_id", ID, ForeignKey("queries.id"), nullable=False),
    Column("action", String(16), nullable=False),
    Column("outcome", String(16)),
    Column("answer", Text),
    Column("author", Text, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),
)
"""A query's waiver (3.E) or answer (3.F), appended; the query row is never changed."""

race_record_revokes = Table(
    "race_record_revokes",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False),
    Column("record", String(16), nullable=False),  # `pit-stop` or `driver-change`
    Column("record_id", ID, nullable=False),
    Column("reason", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),
    UniqueConstraint("event_id", "record", "record_id", name="uq_race_record_revokes"),
)
"""A pit stop or driver change recorded by mistake: the row stays, this one says it no longer
counts, who said so and why."""

series = Table(
    "series",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("definition", JSON, nullable=False),
    Column("updated_us", BigInteger, nullable=False),
)
"""Each season's current definition (championship.md, "Series file"), as imported."""

series_events = Table(
    "series_events",
    metadata,
    Column("series_id", String(64), ForeignKey("series.id"), primary_key=True),
    Column("event_id", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Index("ix_series_events_event", "event_id"),
)
"""The current series' events (a trackside event or a results-only one), in file order."""

series_versions = Table(
    "series_versions",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("series_id", String(64), ForeignKey("series.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("definition", JSON, nullable=False),
    Column("author", Text, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),
    UniqueConstraint("series_id", "version", name="uq_series_versions_version"),
)
"""Every definition a series has had, who imported it and when."""

result_imports = Table(
    "result_imports",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("event_id", String(64), nullable=False),
    Column("name", Text, nullable=False),
    Column("date", String(10), nullable=False),
    Column("source", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),
    Index("ix_result_imports_event", "event_id"),
)
"""Each import of a results-only event's results (`trackside results import`): the newest
import of an event is its results, the earlier ones are kept."""

result_rows = Table(
    "result_rows",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("import_id", ID, ForeignKey("result_imports.id"), nullable=False),
    Column("line", Integer, nullable=False),
    Column("number", String(16), nullable=False),
    Column("first_name", Text, nullable=False),
    Column("last_name", Text, nullable=False),
    Column("car_class", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("class_position", Integer),
    Column("position", Integer),
    Column("member_id", String(64)),
    Column("team", Text),
    Column("total_us", BigInteger),
    Column("best_lap_us", BigInteger),
    Index("ix_result_rows_import", "import_id"),
)
"""The rows of one results import, as the file gave them (times in microseconds)."""

series_bonuses = Table(
    "series_bonuses",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("series_id", String(64), ForeignKey("series.id"), nullable=False),
    Column("event_id", String(64), nullable=False),
    Column("number", String(16), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("created_us", BigInteger, nullable=False),
)
"""Officials' bonus points (`trackside series bonus`)."""

identity_merges = Table(
    "identity_merges",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("series_id", String(64), ForeignKey("series.id"), nullable=False),
    Column("a", Text, nullable=False),
    Column("b", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("created_us", BigInteger, nullable=False),
)
"""`trackside drivers merge`: identity key `b` stands under `a` in the series."""

series_revokes = Table(
    "series_revokes",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("series_id", String(64), ForeignKey("series.id"), nullable=False),
    Column("target", String(16), nullable=False),
    Column("target_id", BigInteger, nullable=False),
    Column("reason", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("created_us", BigInteger, nullable=False),
    UniqueConstraint("series_id", "target", "target_id", name="uq_series_revokes_target"),
)
"""`series bonus-revoke` (target `bonus`) and `drivers unmerge` (target `merge`): the bonus or
merge with id `target_id` no longer stands; itself an audited decision, never undone."""

tech_status = Table(
    "tech_status",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False),
    Column("number", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),
    Index("ix_tech_status_event", "event_id", "number"),
)
"""Each change of a car's tech inspection status (`pending`, `passed`, `failed`: docs/tech.md):
appended, never overwritten; a car's status is its newest row (migration 0014_tech)."""

JOURNAL = (passings, flags, decisions, decoder_clock, event_versions, entry_versions,
           light_lines, trips, releases, pit_stops, driver_changes, race_record_revokes,
           driver_versions, minor_forms, license_grants, queries, query_actions,
           series_versions, result_imports, result_rows, series_bonuses, identity_merges,
           series_revokes, tech_status)
"""Append-only tables: nothing here is ever UPDATEd or DELETEd."""

results_cache = Table(
    "results_cache",
    metadata,
    Column("event_id", String(64), ForeignKey("events.id"), primary_key=True),
    Column("session_id", String(64), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("since_us", BigInteger),
    Column("until_us", BigInteger),
    Column("payload", LargeBinary, nullable=False),
    Column("stored_us", BigInteger, nullable=False),
)
"""Each session's scored result as last computed, with the fingerprint of the facts it was
computed from and the span of passings it depends on (`core.session_inputs`). Not part of
the journal: any row may be deleted at any time and is computed again when next asked for."""

passing_snapshots = Table(
    "passing_snapshots",
    metadata,
    Column("event_id", String(64), ForeignKey("events.id"), primary_key=True),
    Column("last_id", BigInteger, nullable=False),
    Column("count", Integer, nullable=False),
    Column("format", String(32), nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("stored_us", BigInteger, nullable=False),
)
"""Each event's passings with ids up to `last_id` (`count` of them), packed in one row
(`store/passing_snapshots.py`, migration 0008): read instead of the rows themselves. Not part
of the journal: any row may be deleted at any time and is written again on a later read."""

class_results_cache = Table(
    "class_results_cache",
    metadata,
    Column("event_id", String(64), ForeignKey("events.id"), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("stored_us", BigInteger, nullable=False),
)
"""A trackside event's class results as a season reads them, with the fingerprint of the
journal rows they come from (`services/season_results.py`). Not part of the journal."""

CACHES = (results_cache, passing_snapshots, class_results_cache)
"""Tables holding only what can be computed again from the journal and the definitions."""

# --- the officials' console: accounts, roles, API tokens, sign-in sessions (console.md) -------

accounts = Table(
    "accounts",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_us", BigInteger, nullable=False),
    Column("disabled_us", BigInteger),
    UniqueConstraint("name", name="uq_accounts_name"),
)
"""An official's account: an argon2id password hash, disabled (never deleted) when they go."""

account_roles = Table(
    "account_roles",
    metadata,
    Column("account_id", ID, ForeignKey("accounts.id"), primary_key=True),
    Column("role", String(32), primary_key=True),
)

account_tokens = Table(
    "account_tokens",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("account_id", ID, ForeignKey("accounts.id"), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("created_us", BigInteger, nullable=False),
    UniqueConstraint("token_hash", name="uq_account_tokens_hash"),
)
"""API tokens for scripts and scoreboards: the SHA-256 of a random 32-byte secret."""

console_sessions = Table(
    "console_sessions",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("account_id", ID, ForeignKey("accounts.id"), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_us", BigInteger, nullable=False),
    Column("expires_us", BigInteger, nullable=False),
    Column("ended_us", BigInteger),
    UniqueConstraint("token_hash", name="uq_console_sessions_hash"),
)
"""Signed-in browsers: the session cookie's hash and the CSRF token its forms carry."""

sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False),
    Column("failed_us", BigInteger, nullable=False),
    Index("ix_sign_in_failures_key", "key", "failed_us"),
    Index("ix_sign_in_failures_time", "failed_us"),
)
"""Failed sign-ins by key (`user:NAME`, `addr:HOST`), kept for the limit's window only."""

ACCOUNTS = (accounts, account_roles, account_tokens, console_sessions)
"""Who may change what (not facts of any event)."""

manual_passings = Table(
    "manual_passings",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False),
    Column("identity", String(200), nullable=False),
    Column("number", String(16), nullable=False),
    Column("author", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),
    Index("ix_manual_passings_event", "event_id"),
)
"""Who inserted a passing by hand, for which car and why (the passing itself is in `passings`,
source `manual`, found by its identity). Only ever inserted, as the journal is."""
