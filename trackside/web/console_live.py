"""The officials' screens kept live (issue 15: "live parts over the existing SSE"): what the
timing stand and race control show of a snapshot, as one JSON document per screen, and the
streams that send it again whenever the event's snapshot changes.

Each document is whole (a few kB: the sessions' flags and clocks, 25 passings, the unknown
transponders; or the decisions and one session's standings): an official's page replaces what
changed without a patch protocol, and a handful of officials' pages cost little next to the
public boards. The streams share the public boards' fan-out (bounded queues, slow listeners
dropped, every stream ended when the server stops: `web/live_feeds.py`).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from trackside.core.flags_in_force import flag_standings, flags_in_force
from trackside.core.records import DecisionKind
from trackside.core.session_clock import session_clock
from trackside.live.fanout import Fanout, Subscriber
from trackside.live.hub import LiveHub
from trackside.live.live_event import LiveSnapshot
from trackside.publish.decision_rows import decision_row
from trackside.publish.flag_rows import flag_row
from trackside.publish.passing_rows import recent_passings, time_of_day, unknown_transponders
from trackside.rules import escalation_prompts
from trackside.services.decisions import listings_of
from trackside.services.tech import tech_marks
from trackside.web.board import Doc
from trackside.web.flag_labels import flag_label
from trackside.web.live_feeds import View, sse_message, view_board
from trackside.web.rendering import clock_text

EVERY_S = 0.25
"""At most one document per screen this often: a decoder's 20 passings a second make 4 (each
document reads every passing of the event; live timing's own work comes first)."""
TIMING = "timing"
RACE_CONTROL = "race-control"
STANDING_FIELDS = ("position", "number", "driver", "class", "best", "gap", "laps")


@dataclass(frozen=True, slots=True)
class ConsoleView:
    """One officials' screen of an event (race control: with the session its standings show;
    None: the session running now)."""

    event_id: str
    screen: str
    session_id: str | None = None


def timing_doc(snapshot: LiveSnapshot, wall: float | None = None,
               tech: dict[str, str] | None = None) -> Doc:
    """The timing stand: track time, each session's flag, clock and flags, the recent passings
    (unknown transponders with `number` None; `tech`: the status of a car tech has not passed,
    docs/tech.md) and the unknown transponders."""
    tech = tech or {}
    facts = snapshot.facts
    track_us = snapshot.track_us(snapshot.wall if wall is None else wall)
    flags, standings = flags_in_force(facts), flag_standings(facts)
    sessions = []
    for s in facts.event.sessions:
        clock = session_clock(facts.event, s.id, flags, snapshot.windows, track_us)
        sessions.append({
            "id": s.id, "flag": flag_label(clock.flag),
            "state": clock.flag.value if clock.flag else "", "phase": clock.phase,
            "running": clock.running and snapshot.clock.ticking,
            "green_elapsed_us": clock.green_elapsed_us, "remaining_us": clock.remaining_us,
            "elapsed": clock_text(clock.green_elapsed_us),
            "remaining": clock_text(clock.remaining_us),
            "flags": [flag_row(st) for st in standings if st.flag.session_id == s.id],
        })  # fmt: skip
    return {
        "event": snapshot.event_id,
        "track_time": "" if track_us is None else time_of_day(track_us)[:8],
        "track_us": track_us, "ticking": snapshot.clock.ticking,
        "rate": round(snapshot.clock.rate, 3),
        "sessions": sessions,
        "provisional": snapshot.scored.event.provisional,
        "passings": [{**p, "tech": tech.get(p["number"] or "")} for p in recent_passings(facts)],
        "unknown": unknown_transponders(facts),
    }  # fmt: skip


NOT_REVOCABLE_HERE = {DecisionKind.REVOKE.value, DecisionKind.RESULTS_OFFICIAL.value,
                      DecisionKind.REVOKE_FLAG.value, DecisionKind.RECLASSIFY.value}  # fmt: skip
"""Decisions race control shows without a revoke form (live and server-rendered alike): revoked
elsewhere (a flag's revoke on the timing stand, a reclassification on tech's screen, tech.md)
or not at all."""


def decision_rows(snapshot: LiveSnapshot) -> list[Doc]:
    """Every decision, oldest first, with its escalation and whether it may be revoked here."""
    prompts = escalation_prompts(snapshot.facts)
    rows = [decision_row(item.decision, item.revoked_by, prompts.get(item.decision.id))
            for item in listings_of(snapshot.facts.decisions)]  # fmt: skip
    return [{**r, "revocable": r["revoked_by"] is None and r["kind"] not in NOT_REVOCABLE_HERE}
            for r in rows]  # fmt: skip


def race_control_doc(snapshot: LiveSnapshot, session_id: str | None,
                     wall: float | None = None) -> Doc:  # fmt: skip
    """Race control: every decision, and the standings of `session_id` (None: the session
    running now) as the live board ranks them."""
    doc: Doc = {"event": snapshot.event_id, "decisions": decision_rows(snapshot),
                "session": session_id, "session_name": None, "standings": []}  # fmt: skip
    try:
        board = view_board(snapshot, View(snapshot.event_id, session_id),
                           snapshot.wall if wall is None else wall)  # fmt: skip
    except LookupError:  # an event without sessions
        return doc
    doc.update(session=board["session"], session_name=board["session_name"],
               standings=[{k: row.get(k) for k in STANDING_FIELDS} for row in board["rows"]])
    return doc


def console_doc(snapshot: LiveSnapshot, view: ConsoleView, wall: float | None = None,
                tech: dict[str, str] | None = None) -> Doc:
    if view.screen == TIMING:
        return timing_doc(snapshot, wall, tech)
    return race_control_doc(snapshot, view.session_id, wall)


@dataclass(slots=True)
class _ScreenState:
    doc: Doc
    version: int


class ConsoleFeeds:
    """The officials' screens being watched: each new snapshot of their event is turned into
    each screen's document once, sent to every page showing it when it changed."""

    def __init__(self, hub: LiveHub, fanout: Fanout) -> None:
        self.hub, self.fanout = hub, fanout
        self._screens: dict[ConsoleView, _ScreenState] = {}
        self._sent: dict[str, float] = {}
        """Event -> when its screens' documents were last made (monotonic seconds)."""
        self._due: set[str] = set()
        """Events whose documents are to be made again shortly."""
        hub.add_listener(self.on_snapshot)

    async def subscribe(self, view: ConsoleView) -> Subscriber:
        """A listener of `view`; its first message is the screen's whole document."""
        snapshot = await asyncio.to_thread(self.hub.follow, view.event_id)
        self.hub.hold(view.event_id)
        state = self._screens.get(view)
        if state is None:  # made on the loop: no snapshot can come between it and the listener
            latest = self.hub.latest(view.event_id) or snapshot
            doc = console_doc(latest, view, time.monotonic(), self._tech(view.event_id))
            state = self._screens[view] = _ScreenState(doc, 1)
        return self.fanout.subscribe(view, _message(view, state))

    def unsubscribe(self, subscriber: Subscriber) -> None:
        self.hub.release(subscriber.topic.event_id)  # type: ignore[attr-defined]
        self.fanout.unsubscribe(subscriber)
        if self.fanout.count(subscriber.topic) == 0:
            self._screens.pop(subscriber.topic, None)  # type: ignore[arg-type]

    def on_snapshot(self, snapshot: LiveSnapshot) -> None:
        """Make the event's documents now, or once `EVERY_S` has passed since the last time."""
        event_id = snapshot.event_id
        if event_id in self._due or not any(v.event_id == event_id for v in self._screens):
            return
        wait = self._sent.get(event_id, -EVERY_S) + EVERY_S - time.monotonic()
        if wait <= 0:
            self._refresh(event_id)
        else:
            self._due.add(event_id)
            asyncio.get_running_loop().call_later(wait, self._refresh, event_id)

    def _refresh(self, event_id: str) -> None:
        """Each watched screen of the event from its latest snapshot, sent when it changed."""
        self._due.discard(event_id)
        self._sent[event_id] = time.monotonic()
        snapshot = self.hub.latest(event_id)
        tech = self._tech(event_id) if any(
            v.event_id == event_id and v.screen == TIMING for v in self._screens) else None
        for view, state in list(self._screens.items()):
            if view.event_id != event_id or snapshot is None:
                continue
            if self.fanout.count(view) == 0:
                del self._screens[view]
                continue
            doc = console_doc(snapshot, view, self._sent[event_id], tech)
            if doc != state.doc:
                state.doc, state.version = doc, state.version + 1
                self.fanout.publish(view, _message(view, state))


    def _tech(self, event_id: str) -> dict[str, str]:
        """Car number -> tech status of the cars tech has not passed (one indexed read)."""
        return tech_marks(self.hub.engine, event_id)


def _message(view: ConsoleView, state: _ScreenState) -> bytes:
    return sse_message(view.screen, state.version, {**state.doc, "version": state.version})
