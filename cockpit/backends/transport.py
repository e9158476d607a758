"""Whole-request deadlines and cut-off detection underneath requests/urllib3.

``requests`` timeouts limit each socket operation, not the request: a server
that trickles a byte every half second holds a worker forever. Here every
socket read of a guarded request first checks the request's monotonic
deadline and shrinks the socket timeout to what is left of it, so the
request as a whole (headers and body, retries included) ends on time.

The same reads notice when the server closes the connection before the
header block ended; ``http.client`` would otherwise take the half-sent
headers for a complete, empty answer.

A :class:`Guard` is per request and per thread (:func:`guarded`); the
connection classes below only act while one is in place, so unguarded use of
the same session behaves exactly like plain ``requests``.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


class Guard:
    """One request's deadline, and what its socket reads saw go wrong."""

    def __init__(self, deadline_s: float, *, monotonic: Callable[[], float] = time.monotonic):
        self.deadline_s = deadline_s
        self._monotonic = monotonic
        self._end = monotonic() + deadline_s
        self.expired = False  # a read was refused or timed out at the deadline
        self.headers_cut = False  # the connection closed inside the header block

    def remaining(self) -> float:
        return self._end - self._monotonic()


_local = threading.local()


@contextmanager
def guarded(guard: Guard) -> Iterator[Guard]:
    """Apply ``guard`` to every socket read of this thread inside the block."""
    previous = getattr(_local, "guard", None)
    _local.guard = guard
    try:
        yield guard
    finally:
        _local.guard = previous


def current_guard() -> Guard | None:
    guard = getattr(_local, "guard", None)
    return guard if isinstance(guard, Guard) else None


class _GuardedReader(io.RawIOBase):
    """The socket's raw reader with the deadline checked before every read."""

    def __init__(self, raw: Any, sock: socket.socket, guard: Guard) -> None:
        super().__init__()
        self._raw = raw
        self._sock = sock
        self.guard = guard
        self._read_timeout = sock.gettimeout()  # what urllib3 set: the per-read timeout
        self.eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        remaining = self.guard.remaining()
        if remaining <= 0:
            self.guard.expired = True
            raise TimeoutError("the request's deadline has passed")
        per_read = self._read_timeout
        self._sock.settimeout(remaining if per_read is None else min(per_read, remaining))
        try:
            count: int | None = self._raw.readinto(buffer)
        except TimeoutError:
            if self.guard.remaining() <= 0:
                self.guard.expired = True
            raise
        finally:
            # A kept-alive connection must not carry a nearly spent deadline
            # into its next request's send.
            with contextlib.suppress(OSError):
                self._sock.settimeout(per_read)
        if not count:
            self.eof = True
        return count or 0

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


class _GuardedResponse(http.client.HTTPResponse):
    def __init__(self, sock: socket.socket, *args: Any, **kwargs: Any) -> None:
        super().__init__(sock, *args, **kwargs)
        self._guard_reader: _GuardedReader | None = None
        guard = current_guard()
        if guard is not None:
            raw = self.fp.detach()
            self._guard_reader = _GuardedReader(raw, sock, guard)
            self.fp = io.BufferedReader(self._guard_reader)

    def begin(self) -> None:
        super().begin()
        reader = self._guard_reader
        # A complete header block ends with an empty line, found in what was
        # read; reaching the end of the stream while reading it means the
        # server hung up half-way (http.client would accept that as complete).
        if reader is not None and reader.eof:
            reader.guard.headers_cut = True
            raise http.client.IncompleteRead(b"", None)


class _GuardedHTTPConnection(HTTPConnection):
    response_class = _GuardedResponse


class _GuardedHTTPSConnection(HTTPSConnection):
    response_class = _GuardedResponse


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class GuardedAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections honour the thread's :class:`Guard`."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _GuardedHTTPPool,
            "https": _GuardedHTTPSPool,
        }
