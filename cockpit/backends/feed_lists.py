"""What a feed client holds of the small versioned lists (agents, queues).

The server numbers their changes (docs/feed-api.md, "Versions"): the last
ticket page names the current versions, and ``GET /agents?since=V`` answers
with only the agents changed since ``V`` (``"full": false``) or, for a
version it does not know, with all of them. A server without versions
answers every time with the whole list, which is taken as such.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from cockpit.backends import feed_codec as codec
from cockpit.backends.base import PayloadError

T = TypeVar("T")


class KnownList(Generic[T]):
    """The items of one list as last received, and their version."""

    def __init__(self, name: str, decode: Callable[[object], T], key: Callable[[T], str]) -> None:
        self.name = name
        self._decode = decode
        self._key = key
        self.items: dict[str, T] = {}
        self.version: str | None = None

    def forget(self) -> None:
        """Ask for the whole list next time."""
        self.items = {}
        self.version = None

    def current(self, versions: Mapping[str, Any] | None) -> bool:
        """Whether the server's named version is the one held (nothing to ask)."""
        if versions is None or self.version is None:
            return False
        return versions.get(self.name) == self.version

    def take(self, payload: object) -> bool:
        """Merge one answer; returns whether anything changed."""
        items = codec.read_list(payload, self.name, self._decode)
        assert isinstance(payload, Mapping)  # read_list checked it
        version = payload.get("version")
        if version is not None and not isinstance(version, str):
            raise PayloadError("response.version: expected a string")
        if payload.get("full", True) is not False:
            fresh = {self._key(item): item for item in items}
            changed = fresh != self.items or list(fresh) != list(self.items)
            self.items = fresh
        else:
            changed = False
            for item in items:
                ident = self._key(item)
                changed = changed or self.items.get(ident) != item
                self.items[ident] = item
        self.version = version
        return changed

    def params(self) -> dict[str, str | int]:
        return {} if self.version is None else {"since": self.version}
