"""What the decoder simulator will send: a field's passings as P3 decoders would number them.

Each loop gets a decoder of its own (ids ``D0000C01``, ``D0000C02``, ..., the busiest loop
first), numbering its passings from 1 in time order. A simulated reset after the first
``reset_after`` passings restarts every decoder's numbers at 1 and sets its clock back by
``RESET_JUMP_US``. ``expected_passings`` is what a client must end up storing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from trackside.core.records import Passing
from trackside.timing.p3.epochs import qualified
from trackside.timing.p3.facts import SOURCE

FIRST_DECODER = 0xD0000C01
RESET_JUMP_US = 3_600_000_000
"""How far a simulated decoder reset sets the decoder clock back: one hour."""


class WirePassing(NamedTuple):
    """One passing as a simulated decoder reports it."""

    decoder: str
    epoch: int
    number: int
    transponder: int
    rtc_us: int
    """Time on the decoder's clock (earlier than track time after a reset)."""
    true_us: int
    """When it happens on the track (the simulator's schedule)."""


def assign_decoders(passings: Sequence[Passing]) -> dict[str | None, str]:
    """A decoder id for each loop the passings name, the busiest loop first."""
    counts = Counter(p.loop for p in passings)
    order = sorted(counts, key=lambda loop: (-counts[loop], loop is None, loop or ""))
    return {loop: f"{FIRST_DECODER + index:08X}" for index, loop in enumerate(order)}


def plan_wire(
    passings: Sequence[Passing],
    decoders: Mapping[str | None, str],
    reset_after: int | None = None,
) -> list[WirePassing]:
    """The passings in time order, numbered per decoder, with the reset (if any) applied."""
    ordered = sorted(passings, key=lambda p: (p.time_us, p.transponder, p.loop or ""))
    numbers: Counter[str] = Counter()
    plan = []
    for index, passing in enumerate(ordered):
        epoch = 1 if reset_after is not None and index >= reset_after else 0
        if epoch and index == reset_after:
            numbers.clear()
        decoder = decoders[passing.loop]
        numbers[decoder] += 1
        rtc_us = passing.time_us - epoch * RESET_JUMP_US
        plan.append(WirePassing(decoder, epoch, numbers[decoder], _transponder(passing),
                                rtc_us, passing.time_us))
    return plan


def expected_passings(
    plan: Sequence[WirePassing], loops: Mapping[str, str | None]
) -> list[Passing]:
    """The passings a client storing everything the simulator sends ends up with, given the
    loop name it maps each decoder id to."""
    return [
        Passing(p.rtc_us, str(p.transponder), loops.get(p.decoder), qualified(p.decoder, p.epoch),
                p.number, SOURCE)
        for p in plan
    ]


def _transponder(passing: Passing) -> int:
    try:
        number = int(passing.transponder)
    except ValueError:
        number = -1
    if not 0 <= number <= 0xFFFFFFFF:
        raise ValueError(
            f"transponder {passing.transponder!r} is not a number a P3 decoder can send"
        )
    return number
