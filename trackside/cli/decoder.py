"""`trackside decoder connect|simulate|clock`: follow a P3 decoder, emulate one, show its clock."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from trackside.cli.common import app, choose, engine_of
from trackside.cli.interrupt import run_until_interrupted
from trackside.core.records import Passing
from trackside.errors import InputError
from trackside.live.decoder_recorder import ClockMode, run_decoder_client
from trackside.publish.formats import time_text
from trackside.services.event_reads import decoder_readings, event_passings, require_stored_event
from trackside.timing.p3.endpoints import DEFAULT_PORT, parse_address, parse_loops
from trackside.timing.p3.faults import Faults
from trackside.timing.p3.intake import ClientStats
from trackside.timing.p3.simulator import DecoderSimulator, run_simulator

ClockOption = Annotated[
    str,
    typer.Option("--clock", help="Decoder clocks: 'local' maps a decoder a second or more off "
                 "this computer's clock to track time; 'decoder' takes them as track time "
                 "(a replay)."),
]


def clock_mode(value: str) -> ClockMode:
    return ClockMode(choose(value, [m.value for m in ClockMode], "--clock"))


decoder_app = typer.Typer(no_args_is_help=True, help="P3 decoders: follow one, or simulate one.")
app.add_typer(decoder_app, name="decoder")

LOGGERS = ("trackside.live.decoder_recorder", "trackside.timing.p3.intake",
           "trackside.timing.p3.simulator", "trackside.timing.p3.stream")


@decoder_app.command("connect")
def connect(
    ctx: typer.Context,
    event: str,
    address: Annotated[str, typer.Argument(metavar="HOST[:PORT]", help="Decoder address.")],
    loop: Annotated[
        list[str] | None,
        typer.Option("--loop", metavar="DECODER=LOOP",
                     help="Loop name of a decoder id (repeat per decoder); unmapped decoders "
                          "are the timing line."),
    ] = None,
    backfill: Annotated[
        bool, typer.Option("--backfill", help="Also fetch what a new decoder already holds.")
    ] = False,
    echo: Annotated[
        bool, typer.Option("--echo", help="Print each passing once it is stored.")
    ] = False,
    clock: ClockOption = "local",
) -> None:
    """Store every passing of the decoder at HOST[:PORT] (default port 5403) until Ctrl-C."""
    host, port = parse_address(address, DEFAULT_PORT)
    loops = parse_loops(loop or [])
    mode = clock_mode(clock)
    engine = engine_of(ctx)
    require_stored_event(engine, event)
    _log_to_stdout()
    typer.echo(f"following the decoder at {host}:{port} for {event} (Ctrl-C to stop)")

    async def follow(stop: asyncio.Event) -> ClientStats:
        return await run_decoder_client(engine, event, host, port, stop=stop, loops=loops,
                                        backfill=backfill, on_passing=_echo if echo else None,
                                        clock=mode)

    stats = run_until_interrupted(follow)
    typer.echo(_stats_line(stats))


def _echo(passing: Passing) -> None:
    typer.echo(f"stored {passing.decoder} {passing.passing_number} {passing.transponder} "
               f"{time_text(passing.time_us)} {passing.loop or '-'}")


def _stats_line(stats: ClientStats) -> str:
    return (f"passings: {stats.passings} stored, {stats.duplicates} duplicates; "
            f"{stats.connections} connections, {stats.resend_requests} resend requests, "
            f"{stats.resets} decoder resets, {stats.clock_readings} clock readings, "
            f"{stats.bad_crc} bad CRC, {stats.bad_frames} bad frames, {stats.refused} refused")


@decoder_app.command("simulate")
def simulate(
    ctx: typer.Context,
    event: Annotated[str | None, typer.Argument(help="Replay this event's stored passings.")]
    = None,
    demo: Annotated[bool, typer.Option("--demo", help="Drive the `make demo` field.")] = False,
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = DEFAULT_PORT,
    speed: Annotated[float, typer.Option("--speed", help="Clock speed-up.")] = 1.0,
    max_gap: Annotated[
        float | None,
        typer.Option("--max-gap", metavar="SECONDS", help="Skip idle stretches longer than this."),
    ] = None,
    drop_connection_every: Annotated[
        int | None, typer.Option("--drop-connection-every", metavar="N")
    ] = None,
    drop_passings: Annotated[float, typer.Option("--drop-passings", metavar="P")] = 0.0,
    duplicate_passings: Annotated[float, typer.Option("--duplicate-passings", metavar="P")] = 0.0,
    corrupt_every: Annotated[int | None, typer.Option("--corrupt-every", metavar="N")] = None,
    reset_after: Annotated[int | None, typer.Option("--reset-after", metavar="N")] = None,
    seed: Annotated[int, typer.Option("--seed")] = 0,
) -> None:
    """Emulate the track's P3 decoders, playing an event's passings (or the demo field).

    Passings go out in (scaled) real time from one decoder per loop; the switches add faults.
    """
    event_id, passings = _field(ctx, event, demo)
    try:
        faults = Faults(drop_connection_every=drop_connection_every, drop_passings=drop_passings,
                        duplicate_passings=duplicate_passings, corrupt_every=corrupt_every,
                        reset_after=reset_after, seed=seed)
        DecoderSimulator(passings, speed=speed, faults=faults)  # bad values fail before listening
    except ValueError as error:
        raise _option_error(error) from None
    _log_to_stdout()

    def ready(simulator: DecoderSimulator, bound: int) -> None:
        typer.echo(_simulator_banner(simulator, event_id, host, bound))

    async def serve(stop: asyncio.Event) -> DecoderSimulator:
        return await run_simulator(passings, host, port, speed=speed, faults=faults, stop=stop,
                                   max_gap_s=max_gap, on_ready=ready)

    simulator = run_until_interrupted(serve)
    typer.echo(f"simulator: {simulator.detected} of {len(simulator.plan)} passings detected, "
               f"{simulator.connections} connections, {simulator.frames_sent} frames sent")


def _option_error(error: ValueError) -> InputError:
    """``drop_passings is a probability ...`` as an error naming ``option --drop-passings``."""
    name, _, rest = str(error).partition(" ")
    if name in Faults.__dataclass_fields__ or name == "speed":
        return InputError(f"{name.replace('_', ' ')} {rest}",
                          source=f"option --{name.replace('_', '-')}")
    return InputError(str(error), source="argument EVENT")


def _field(ctx: typer.Context, event: str | None, demo: bool) -> tuple[str, Sequence[Passing]]:
    """The event id and passings to play: the event's stored passings, or the demo field."""
    if demo == (event is not None):
        raise InputError("give an EVENT or --demo (one of them)", source="arguments")
    if event is None:
        from trackside.demo.generator import generate_event
        from trackside.demo.run import DEMO_SEED

        generated = generate_event(seed=DEMO_SEED)
        return generated.event_id, generated.passings
    passings = event_passings(engine_of(ctx), event)
    if not passings:
        raise InputError(f"event {event!r} has no passings to play", source="argument EVENT")
    return event, passings


def _simulator_banner(simulator: DecoderSimulator, event_id: str, host: str, port: int) -> str:
    mapping = {d: loop for d, loop in simulator.decoder_loops.items() if loop is not None}
    loops = " ".join(f"--loop {d}={loop}" for d, loop in mapping.items())
    named = ", ".join(f"{d} = {loop or 'timing line'}"
                      for d, loop in simulator.decoder_loops.items())
    return (f"P3 decoder simulator on {host}:{port}: {len(simulator.plan)} passings, "
            f"decoders {named}\n"
            f"follow it with: trackside decoder connect {event_id} {host}:{port} {loops}".rstrip())


@decoder_app.command("clock")
def clock(ctx: typer.Context, event: str) -> None:
    """List the decoder clock readings of an event (track time = RTC + offset)."""
    readings = decoder_readings(engine_of(ctx), event)
    typer.echo("decoder,rtc,track,offset_s,recorded")
    for r in readings:
        typer.echo(f"{r.decoder},{time_text(r.rtc_us)},{time_text(r.track_us)},"
                   f"{r.offset_us / 1e6:.6f},{time_text(r.recorded_us)}")


def _log_to_stdout() -> None:
    """Client and simulator notes (connects, resends, resets, bad frames) as plain lines."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name in LOGGERS:
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
