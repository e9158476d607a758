"""Versions of the feed's small lists (agents, queues), so that a client
that has them is sent only what changed.

A :class:`VersionedList` numbers every change to an item (by id) in one
sequence; its version is that number, prefixed with a token of this server
run so a version from another run (or another server) is never mistaken for
one of ours. :meth:`VersionedList.since` answers with the items changed
after a version, or with the whole list when the version is unknown, or
older than the last removal (a removal cannot be told as a change).

Not thread-safe: :class:`~cockpit.sim.api.FeedApi` calls it under its lock.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")


class Changed(NamedTuple, Generic[T]):
    """What a client at some version is to be sent."""

    items: list[T]
    version: str
    full: bool


class VersionedList(Generic[T]):
    """The latest version of each item, numbered in order of change."""

    def __init__(self, key: Callable[[T], str], *, run: str | None = None) -> None:
        self._key = key
        self._run = run or secrets.token_hex(4)
        self._seq = 0
        self._full_below = 0  # versions below this need the whole list
        self._items: dict[str, tuple[int, T]] = {}
        self._last: Sequence[T] | None = None

    @property
    def version(self) -> str:
        return f"{self._run}.{self._seq}"

    def update(self, items: Sequence[T]) -> None:
        """Take the source's current list; unchanged items keep their number."""
        if items is self._last:
            return  # the same list object as last time: nothing to compare
        self._last = items
        seen: set[str] = set()
        for item in items:
            ident = self._key(item)
            seen.add(ident)
            old = self._items.get(ident)
            if old is None or old[1] != item:
                self._seq += 1
                self._items[ident] = (self._seq, item)
        gone = [ident for ident in self._items if ident not in seen]
        if gone:
            for ident in gone:
                del self._items[ident]
            self._seq += 1
            self._full_below = self._seq

    def since(self, version: str | None) -> Changed[T]:
        """The items changed after ``version`` (all of them if it is not ours)."""
        after = self._parse(version)
        if after is None or after < self._full_below:
            items = [item for _, item in self._items.values()]
            return Changed(items, self.version, True)
        items = [item for seq, item in self._items.values() if seq > after]
        return Changed(items, self.version, False)

    def _parse(self, version: str | None) -> int | None:
        run, _, number = (version or "").partition(".")
        if run != self._run or not number.isdigit() or int(number) > self._seq:
            return None
        return int(number)
