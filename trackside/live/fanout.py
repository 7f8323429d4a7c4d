"""Fan-out of messages to live listeners: one bounded queue per listener, never waited on.

Publishing puts a message in every listener's queue without awaiting. A listener whose queue is
full is too slow to follow (a phone in a dead spot, a stalled connection): it is dropped and its
stream ends, and the browser reconnects for a fresh copy. The engine never blocks on a listener.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator, Hashable

QUEUE_SIZE = 64


class Subscriber:
    """One listener of one topic: its pending messages; `None` in the queue ends the stream."""

    def __init__(self, topic: Hashable, size: int = QUEUE_SIZE) -> None:
        self.topic = topic
        self.queue: asyncio.Queue[bytes | None] = asyncio.Queue(size)
        self.dropped = False

    def offer(self, message: bytes) -> bool:
        """Queue a message; False when the queue is full."""
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:
            return False
        return True

    def waiting(self) -> bytes:
        """The messages queued behind the one just read, joined: a reader that fell behind
        (a busy server, a slow link) catches up in one write, not one write per update. The
        end of the stream, if queued, stays queued."""
        parts = []
        while not self.queue.empty():
            message = self.queue.get_nowait()
            if message is None:
                self.queue.put_nowait(None)
                break
            parts.append(message)
        return b"".join(parts)

    def close(self) -> None:
        """End the stream: pending messages are discarded, the reader sees the end next."""
        while not self.queue.empty():
            self.queue.get_nowait()
        self.queue.put_nowait(None)

    async def messages(self, keepalive_s: float, keepalive: bytes) -> AsyncIterator[bytes]:
        """Messages until closed; `keepalive` after `keepalive_s` seconds of silence."""
        while True:
            try:
                async with asyncio.timeout(keepalive_s):
                    message = await self.queue.get()
            except TimeoutError:
                yield keepalive
                continue
            if message is None:
                return
            yield message


class Fanout:
    """Topics and their subscribers. Use from the event loop's thread only."""

    def __init__(self, queue_size: int = QUEUE_SIZE) -> None:
        self._queue_size = queue_size
        self._topics: dict[Hashable, set[Subscriber]] = defaultdict(set)
        self.dropped = 0

    def subscribe(self, topic: Hashable, first: bytes | None = None) -> Subscriber:
        subscriber = Subscriber(topic, self._queue_size)
        if first is not None:
            subscriber.offer(first)
        self._topics[topic].add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        listeners = self._topics.get(subscriber.topic)
        if listeners is not None:
            listeners.discard(subscriber)
            if not listeners:
                del self._topics[subscriber.topic]

    def close_all(self) -> None:
        """End every subscriber's stream."""
        for listeners in list(self._topics.values()):
            for subscriber in list(listeners):
                subscriber.close()
        self._topics.clear()

    def topics(self) -> list[Hashable]:
        return list(self._topics)

    def count(self, topic: Hashable | None = None) -> int:
        if topic is None:
            return sum(len(s) for s in self._topics.values())
        return len(self._topics.get(topic, ()))

    def publish(self, topic: Hashable, message: bytes) -> int:
        """Queue `message` for every subscriber of `topic`; drops the slow ones. Delivered count."""
        delivered = 0
        for subscriber in list(self._topics.get(topic, ())):
            if subscriber.offer(message):
                delivered += 1
            else:
                self._drop(subscriber)
        return delivered

    def _drop(self, subscriber: Subscriber) -> None:
        subscriber.dropped = True
        self.dropped += 1
        self.unsubscribe(subscriber)
        subscriber.close()
