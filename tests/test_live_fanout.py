"""Fan-out to live listeners (issue 3, "Live engine"): every listener gets every message in
order; a slow one is dropped, never waited on."""

from __future__ import annotations

import asyncio

from trackside.live.fanout import Fanout


def test_every_listener_gets_every_message_in_order():
    async def scenario() -> list[list[bytes]]:
        fanout = Fanout(queue_size=8)
        listeners = [fanout.subscribe("TA1", first=b"board") for _ in range(3)]
        other = fanout.subscribe("TA2")
        for n in range(5):
            assert fanout.publish("TA1", b"patch %d" % n) == 3
        assert other.queue.empty()
        return [[listener.queue.get_nowait() for _ in range(6)] for listener in listeners]

    for received in asyncio.run(scenario()):
        assert received == [b"board"] + [b"patch %d" % n for n in range(5)]


def test_a_slow_listener_is_dropped_and_its_stream_ends():
    async def scenario() -> tuple[list[bytes], list[bytes], Fanout]:
        fanout = Fanout(queue_size=4)
        slow = fanout.subscribe("TA1")
        fast = fanout.subscribe("TA1")
        got: list[bytes] = []

        async def read_fast() -> None:
            async for message in fast.messages(5, b""):
                got.append(message)
                if len(got) == 10:
                    return

        reader = asyncio.create_task(read_fast())
        for n in range(10):
            fanout.publish("TA1", b"%d" % n)
            await asyncio.sleep(0.001)  # the fast reader keeps up; the slow one never reads
        await asyncio.wait_for(reader, 10)
        assert slow.dropped and not fast.dropped and fanout.count("TA1") == 1
        rest = [m async for m in slow.messages(5, b"")]  # ends at once, nothing stale
        return got, rest, fanout

    got, rest, fanout = asyncio.run(scenario())
    assert got == [b"%d" % n for n in range(10)]
    assert rest == [] and fanout.dropped == 1


def test_a_silent_stream_sends_keepalives():
    async def scenario() -> bytes:
        listener = Fanout().subscribe("TA1")
        stream = listener.messages(0.01, b": keep-alive\n\n")
        return await asyncio.wait_for(anext(stream), 10)

    assert asyncio.run(scenario()) == b": keep-alive\n\n"


def test_a_reader_behind_gets_the_waiting_messages_in_one_write_and_the_end_after_them():
    """The SSE stream writes the message read and those queued behind it at once
    (`web/stream.py`): in order, none lost, the stream's end still after them."""
    async def scenario() -> tuple[bytes, bytes, list[bytes]]:
        fanout = Fanout()
        listener = fanout.subscribe("TA1")
        for n in range(3):
            fanout.publish("TA1", b"%d" % n)
        stream = listener.messages(5, b"")
        first = await anext(stream)
        caught_up = first + listener.waiting()
        fanout.publish("TA1", b"3")
        listener.close()
        return caught_up, listener.waiting(), [m async for m in stream]

    caught_up, after_close, rest = asyncio.run(scenario())
    assert caught_up == b"012"
    assert after_close == b"" and rest == []  # close() discards pending messages, then ends
