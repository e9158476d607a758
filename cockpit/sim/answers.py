"""Encoded feed answers kept for reuse while the source has not changed.

A source that knows when it changes (the relay: once per poll of its help
desk) names the current state with a *generation*. Answers are encoded once
per generation and request (path and query) and handed to every client that
asks the same, with only ``server_time`` put in front: twenty desks at the
same cursor cost one encoding, not twenty.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

import orjson

MAX_ENTRIES = 64
MAX_BYTES = 16 << 20  # a cold load's big pages come and go; incremental answers are small


class AnswerCache:
    """Bodies without ``server_time``, for one generation at a time."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self._max = max_entries
        self._max_bytes = max_bytes
        self._bytes = 0
        self._generation: Hashable | None = None
        self._bodies: OrderedDict[Hashable, bytes] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, generation: Hashable, key: Hashable) -> bytes | None:
        if generation != self._generation:
            self._generation = generation
            self._bodies.clear()
            self._bytes = 0
        body = self._bodies.get(key)
        if body is None:
            self.misses += 1
        else:
            self.hits += 1
            self._bodies.move_to_end(key)
        return body

    def put(self, generation: Hashable, key: Hashable, body: bytes) -> None:
        if generation != self._generation or key in self._bodies:
            return  # the source moved on while this was built
        self._bodies[key] = body
        self._bytes += len(body)
        while len(self._bodies) > self._max or self._bytes > self._max_bytes:
            _, dropped = self._bodies.popitem(last=False)
            self._bytes -= len(dropped)


def stamped(server_time: str, body: bytes) -> bytes:
    """``body`` (an encoded JSON object) with ``server_time`` as its first key."""
    head = b'{"server_time":' + orjson.dumps(server_time)
    if body == b"{}":
        return head + b"}"
    return head + b"," + body[1:]
