"""The relay's change log: the latest version of each ticket it polled,
numbered in one change sequence, so that a desk's cursor is such a number
and each desk is sent only what changed since (:mod:`cockpit.relay`)."""

from __future__ import annotations

import threading

import orjson
from sortedcontainers import SortedList

from cockpit.backends.feed_codec import ticket_to_json
from cockpit.domain import Ticket, TicketId
from cockpit.sim.feed import ChangePage, CursorExpired


class ChangeLog:
    """The latest version of each ticket, numbered in order of change.

    Thread-safe: the poll worker writes, request threads read.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seq = 0
        # Cursors below this belong to an earlier era (before a full reload).
        self._era_start = 0
        self._latest: dict[TicketId, tuple[int, Ticket]] = {}
        self._order: SortedList = SortedList()  # (seq, ticket id)
        # Each ticket version's JSON, encoded when first asked for.
        self._encoded: dict[TicketId, bytes] = {}

    @property
    def seq(self) -> int:
        return self._seq

    def reset(self) -> None:
        with self._lock:
            self._latest.clear()
            self._order.clear()
            self._encoded.clear()
            self._era_start = self._seq + 1

    def put(self, tickets: list[Ticket], *, encode: bool = False) -> None:
        """Number the new versions; ``encode``: their JSON now, once for all
        desks (else when first asked for: a full load's are encoded by the
        first desk that loads, not while every desk waits)."""
        with self._lock:
            for ticket in tickets:
                self._put(ticket)
                if encode:
                    self._encode(ticket)

    def _put(self, ticket: Ticket) -> None:
        old = self._latest.get(ticket.id)
        if old is not None:
            self._order.remove((old[0], ticket.id))
        self._seq += 1
        self._latest[ticket.id] = (self._seq, ticket)
        self._order.add((self._seq, ticket.id))
        self._encoded.pop(ticket.id, None)

    def get(self, ticket_id: TicketId) -> Ticket | None:
        with self._lock:
            entry = self._latest.get(ticket_id)
            return None if entry is None else entry[1]

    def forget_missing(self, keep: dict[TicketId, Ticket]) -> int:
        """Drop tickets the relay's floor no longer holds (pruned history)."""
        with self._lock:
            gone = [t for t in self._latest if t not in keep]
            for ticket_id in gone:
                seq, _ = self._latest.pop(ticket_id)
                self._order.remove((seq, ticket_id))
                self._encoded.pop(ticket_id, None)
            return len(gone)

    def page(self, cursor: int | None, limit: int) -> ChangePage:
        with self._lock:
            if cursor is not None and (cursor < self._era_start - 1 or cursor > self._seq):
                raise CursorExpired(f"cursor {cursor} is not from this relay's current load")
            start = self._era_start - 1 if cursor is None else cursor
            entries = list(self._order.irange((start + 1,), None, inclusive=(True, True)))
            chosen = entries[:limit]
            tickets = [self._latest[ticket_id][1] for _, ticket_id in chosen]
            encoded = [self._encode(ticket) for ticket in tickets]
            next_cursor = chosen[-1][0] if chosen else max(start, self._era_start - 1)
            if len(entries) <= limit:
                next_cursor = self._seq  # nothing left: the newest number
            return ChangePage(
                tickets=tickets,
                next_cursor=next_cursor,
                has_more=len(entries) > limit,
                full=cursor is None,
                encoded=encoded,
            )

    def _encode(self, ticket: Ticket) -> bytes:
        found = self._encoded.get(ticket.id)
        if found is None:
            found = self._encoded[ticket.id] = orjson.dumps(ticket_to_json(ticket))
        return found

    def stats(self) -> tuple[int, int, int]:
        with self._lock:
            return self._era_start, self._seq, len(self._latest)
