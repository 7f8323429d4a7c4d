"""The decoder client's bookkeeping, without I/O: records in, passings to store and requests to
send out.

Per decoder it keeps a ``PassingLog`` of the current reset epoch. Each connection starts with a
GET_TIME (asked again until answered); the first record from a decoder on a connection brings a
RESEND of every wanted number and a catch-up RESEND from the highest number stored; gaps are
asked for again every ``retry_s``; a quiet line is probed with a RESEND past the highest number;
the numbers below the first one stored are looked back at, a window at a time, down to the
first passing from before the event's date (passings lost before the first one arrived). A
passing that proves a reset opens a new epoch (``epochs.py``) and asks the decoder for its new
numbers from 1. See ``docs/decoder.md``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from trackside.core.records import Passing
from trackside.timing.p3.addressed import decoder_of, resend
from trackside.timing.p3.clock_reading import DecoderClock
from trackside.timing.p3.encode import encode_record
from trackside.timing.p3.epochs import qualified, split_qualified
from trackside.timing.p3.facts import passing_to_fact
from trackside.timing.p3.fields import GetTimeField
from trackside.timing.p3.numbering import MAX_JUMP, PassingLog, Verdict
from trackside.timing.p3.plausible import Refusal, TimeWindow, clock_refusal, passing_refusal
from trackside.timing.p3.record_types import RecordType
from trackside.timing.p3.records import Record
from trackside.timing.p3.requests import get_time_request

log = logging.getLogger("trackside.timing.p3.intake")

CATCH_UP = 100_000
"""Passing numbers asked for past the highest stored when (re)connecting or probing."""
LOOK_BACK = 100
"""Numbers asked for at a time below the lowest stored (passings lost before it arrived)."""
CLOCK_ATTEMPTS = 5

Stored = Mapping[str, Sequence[tuple[int, str, int]]]
"""``(passing_number, transponder, time_us)`` already in the journal, by decoder name."""


@dataclass
class ClientStats:
    """What a decoder client has done since it started."""

    connections: int = 0
    disconnects: int = 0
    frames: int = 0
    passings: int = 0
    duplicates: int = 0
    older: int = 0
    resend_requests: int = 0
    resets: int = 0
    clock_readings: int = 0
    bad_crc: int = 0
    bad_frames: int = 0
    bad_passings: int = 0
    refused: int = 0
    """Records that cannot be stored (``plausible.py``: a time outside the plausible window, a
    number too wide) or a passing number too far ahead (``numbering.MAX_JUMP``): skipped."""
    abandoned: int = 0


@dataclass(frozen=True)
class IntakeSettings:
    loops: Mapping[str, str] = field(default_factory=dict)
    """Loop name of each decoder id (``D0000C01`` -> ``SF``); unmapped decoders get no loop,
    which scoring takes as the timing line."""
    fallback_decoder: str | None = None
    """Decoder name for records that carry no DECODER_ID."""
    event_start_us: int | None = None
    """When the event starts (its date, 00:00 track time): a decoder's passings from before
    then are from an earlier day and not taken from its memory."""
    backfill: bool = False
    """Take a decoder's whole memory (from passing number 1), however old."""
    retry_s: float = 2.0
    idle_probe_s: float = 2.0
    max_attempts: int = 20


@dataclass
class Batch:
    """What one read produced: passings to store, clock readings to store, requests to send."""

    passings: list[Passing] = field(default_factory=list)
    clocks: list[DecoderClock] = field(default_factory=list)
    requests: list[bytes] = field(default_factory=list)


@dataclass
class _Decoder:
    base: str
    epoch: int
    log: PassingLog

    @property
    def name(self) -> str:
        return qualified(self.base, self.epoch)


@dataclass
class _Connection:
    """Per-connection state: decoders heard from, clocks read, when the clock was asked."""

    greeted: set[str] = field(default_factory=set)
    clocked: set[str] = field(default_factory=set)
    time_asked_at: float = 0.0
    time_asked_us: int = 0
    time_attempts: int = 1
    last_activity: float = 0.0


class Intake:
    """Decides, record by record, what to store and what to ask the decoder for."""

    def __init__(
        self,
        stored: Stored,
        settings: IntakeSettings | None = None,
        *,
        stats: ClientStats | None = None,
    ) -> None:
        self.settings = settings or IntakeSettings()
        self.stats = stats or ClientStats()
        self._loops = {key.upper(): loop for key, loop in self.settings.loops.items()}
        self._decoders = _resume(stored, self._floor(), self.settings.backfill)
        self._crossings = _crossings(stored)
        self._line = _Connection()

    def decoder_names(self) -> dict[str, str]:
        """Each decoder id and the name its current epoch's passings are stored under."""
        return {base: state.name for base, state in self._decoders.items()}

    def connected(self, now: float, wall_us: int) -> list[bytes]:
        """A new connection: ask for the decoder clock."""
        self._line = _Connection(time_asked_at=now, time_asked_us=wall_us, last_activity=now)
        return [get_time_request()]

    def receive(self, records: Iterable[Record], now: float, wall_us: int) -> Batch:
        batch = Batch()
        for record in records:
            decoder = decoder_of(record) or self.settings.fallback_decoder
            if decoder is None:
                continue
            if decoder not in self._line.greeted:
                self._greet(decoder, batch, now)
            if record.record_type == RecordType.PASSING:
                self._passing(record, decoder, batch, now, wall_us)
            elif record.record_type == RecordType.GET_TIME:
                self._clock(record, decoder, batch, wall_us)
        return batch

    def tick(self, now: float, wall_us: int) -> list[bytes]:
        """Requests due now: an unanswered GET_TIME, look-backs, gaps, an idle probe."""
        line = self._line
        requests = self._clock_retry(now, wall_us)
        for base in sorted(line.greeted):
            state = self._decoders[base]
            self._maybe_look_back(state)
            requests += self._gap_requests(state, now)
        if now - line.last_activity >= self.settings.idle_probe_s:
            line.last_activity = now
            requests += [self._catch_up(self._decoders[base], probe=True)
                         for base in sorted(line.greeted) if self._decoders[base].log.highest]
        return requests

    # --- greeting, catching up, gaps ----------------------------------------------------

    def _floor(self) -> int | None:
        return None if self.settings.backfill else self.settings.event_start_us

    def _state(self, decoder: str) -> _Decoder:
        state = self._decoders.get(decoder)
        if state is None:
            origin = 1 if self.settings.backfill else None
            passing_log = PassingLog(origin=origin, floor_us=self._floor())
            state = self._decoders[decoder] = _Decoder(decoder, 0, passing_log)
        return state

    def _greet(self, decoder: str, batch: Batch, now: float) -> None:
        """First record from a decoder on this connection: ask again for every wanted number,
        then catch up on what came after the highest."""
        self._line.greeted.add(decoder)
        state = self._state(decoder)
        requests = self._gap_requests(state, now, retry_s=0.0)
        if state.log.highest is not None or state.log.origin is not None:
            requests.append(self._catch_up(state))
        batch.requests += requests

    def _catch_up(self, state: _Decoder, probe: bool = False) -> bytes:
        """RESEND from the highest number stored (itself included, to check the decoder still
        has the same passing under it), or from the epoch's origin."""
        highest = state.log.highest
        first = (highest + 1 if probe else highest) if highest is not None else state.log.origin
        assert first is not None
        log.log(logging.DEBUG if probe else logging.INFO,
                "resend %s %d.. (catching up)", state.base, first)
        self.stats.resend_requests += 1
        return resend(state.base, first, first + CATCH_UP)

    def _maybe_look_back(self, state: _Decoder) -> None:
        """Want the next window of numbers below the lowest stored, if it may hold ours."""
        lowest = state.log.lowest
        if state.log.look_back(LOOK_BACK):
            log.info("decoder %s: looking back below passing %s", state.base, lowest)

    def _gap_requests(
        self, state: _Decoder, now: float, retry_s: float | None = None
    ) -> list[bytes]:
        retry_s = self.settings.retry_s if retry_s is None else retry_s
        runs, abandoned = state.log.due(now, retry_s, self.settings.max_attempts)
        if abandoned:
            self.stats.abandoned += abandoned
            log.warning("decoder %s: gave up on %d passing numbers after %d requests",
                        state.base, abandoned, self.settings.max_attempts)
        for first, last in runs:
            log.info("resend %s %d-%d (gap)", state.base, first, last)
        self.stats.resend_requests += len(runs)
        return [resend(state.base, first, last) for first, last in runs]

    # --- passings ------------------------------------------------------------------------

    def _window(self, wall_us: int) -> TimeWindow:
        return TimeWindow.around(self.settings.event_start_us, wall_us)

    def _refuse(self, record: Record, decoder: str, refusal: Refusal) -> None:
        """Count and log (with the frame's bytes) a record that is not stored."""
        self.stats.refused += 1
        log.warning("decoder %s: %s record refused, field '%s': %s; frame %s", decoder,
                    record.name, refusal.field, refusal.reason, encode_record(record).hex())

    def _passing(
        self, record: Record, decoder: str, batch: Batch, now: float, wall_us: int
    ) -> None:
        refusal = passing_refusal(record, self._window(wall_us))
        if refusal is not None:
            self._refuse(record, decoder, refusal)
            return
        try:
            fact = passing_to_fact(record, decoder=decoder)
        except ValueError as error:
            self.stats.bad_passings += 1
            log.warning("PASSING record skipped: %s", error)
            return
        self._line.last_activity = now
        state = self._decoders[decoder]
        number = fact.passing_number
        if number is not None and not self._judge(state, record, fact, batch, wall_us):
            return
        batch.passings.append(fact._replace(decoder=state.name, loop=self._loops.get(decoder)))

    def _judge(
        self, state: _Decoder, record: Record, fact: Passing, batch: Batch, wall_us: int
    ) -> bool:
        """Record the passing in the log; True when it is new and to be stored."""
        number = fact.passing_number
        assert number is not None
        verdict = state.log.verdict(number, fact.transponder, fact.time_us)
        if verdict is Verdict.JUMP:
            reference = state.log.highest or state.log.origin
            self._refuse(record, state.base, Refusal(
                "passing_number", f"{number} is more than {MAX_JUMP} past {reference}"))
            return False
        if verdict is Verdict.DUPLICATE:
            self.stats.duplicates += 1
            return False
        if verdict is Verdict.OLD:
            self.stats.older += 1
            state.log.add_old(number, fact.transponder, fact.time_us)
            return False
        if verdict is Verdict.RESET:
            self._reset(state, batch, wall_us, f"passing {number} does not match")
        state.log.add(number, fact.transponder, fact.time_us)
        return self._first_crossing(state.base, fact)

    def _first_crossing(self, base: str, fact: Passing) -> bool:
        """One crossing (transponder, time) of a decoder is stored once, whatever number or
        epoch it comes under: a passing filed under the old epoch just before a reset was seen
        is not stored again when the decoder sends it under its new number."""
        crossings = self._crossings.setdefault(base, set())
        key = (fact.transponder, fact.time_us)
        if key in crossings:
            self.stats.duplicates += 1
            return False
        crossings.add(key)
        return True

    # --- the clock -----------------------------------------------------------------------

    def _clock(self, record: Record, decoder: str, batch: Batch, wall_us: int) -> None:
        rtc_us = record.number(GetTimeField.RTC_TIME)
        if not rtc_us:
            return
        refusal = clock_refusal(record, self._window(wall_us))
        if refusal is not None:
            self._refuse(record, decoder, refusal)
            return
        state = self._decoders[decoder]
        if state.log.clock_went_back(rtc_us):
            self._reset(state, batch, wall_us, "its clock went back")
        asked = self._line.time_asked_us
        track_us = (asked + wall_us) // 2 if asked else wall_us
        reading = DecoderClock(state.name, rtc_us, track_us, track_us - rtc_us, wall_us)
        batch.clocks.append(reading)
        self._line.clocked.add(decoder)
        self.stats.clock_readings += 1
        log.info("clock %s: offset %+.3f s (track time minus decoder RTC)",
                 state.name, reading.offset_us / 1e6)

    def _clock_retry(self, now: float, wall_us: int) -> list[bytes]:
        """GET_TIME again when a decoder heard from has not answered the last one."""
        line = self._line
        unanswered = line.greeted - line.clocked
        if (not unanswered or line.time_attempts >= CLOCK_ATTEMPTS
                or now - line.time_asked_at < self.settings.retry_s):
            return []
        line.time_attempts += 1
        line.time_asked_at, line.time_asked_us = now, wall_us
        return [get_time_request()]

    def _reset(self, state: _Decoder, batch: Batch, wall_us: int, why: str) -> None:
        """The decoder restarted its passing numbers: open a new epoch and ask for all of it."""
        lost = state.log.abandon()
        state.epoch += 1
        state.log = PassingLog(origin=1)
        self.stats.resets += 1
        self.stats.abandoned += lost
        log.warning("decoder %s was reset (%s): its new passings are stored as %s%s",
                    state.base, why, state.name,
                    f"; {lost} wanted numbers before the reset can no longer be fetched"
                    if lost else "")
        self._line.time_asked_us = wall_us
        self._line.clocked.discard(state.base)
        batch.requests += [get_time_request(), self._catch_up(state)]


def _crossings(stored: Stored) -> dict[str, set[tuple[str, int]]]:
    """(transponder, time) of every stored passing, by decoder id (all epochs together)."""
    crossings: dict[str, set[tuple[str, int]]] = {}
    for name, rows in stored.items():
        base, _ = split_qualified(name)
        crossings.setdefault(base, set()).update((t, time) for _, t, time in rows)
    return crossings


def _resume(stored: Stored, floor_us: int | None, backfill: bool) -> dict[str, _Decoder]:
    """Each decoder's latest epoch, rebuilt from the passings already in the journal."""
    latest: dict[str, tuple[int, str]] = {}
    for name in stored:
        base, epoch = split_qualified(name)
        if base not in latest or epoch > latest[base][0]:
            latest[base] = (epoch, name)
    decoders = {}
    for base, (epoch, name) in latest.items():
        whole = epoch > 0 or backfill
        passing_log = PassingLog(stored[name], origin=1 if whole else None,
                                 floor_us=None if whole else floor_us)
        decoders[base] = _Decoder(base, epoch, passing_log)
    return decoders
