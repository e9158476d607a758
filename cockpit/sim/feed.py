"""The simulator's ticket book and change feed.

Every change to a ticket takes the next number of one global sequence; a
sorted index from sequence number to ticket makes "what changed since
cursor C" a range scan, O(log n + page). Finished tickets are forgotten
once they are older than the retention, so memory stays bounded.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from datetime import datetime
from itertools import islice
from typing import NamedTuple

from sortedcontainers import SortedDict

from cockpit.domain import Ticket
from cockpit.sim.records import TicketRec, TimeCache


class CursorExpired(Exception):
    """The cursor is unknown to this floor or older than what it still remembers."""


class ChangePage(NamedTuple):
    """One page of the change feed. ``next_cursor`` is passed back as the
    cursor of the next call; ``full`` is true on the pages of a full load.
    ``encoded``, when given, holds each ticket's JSON already encoded (the
    relay keeps it per ticket version, so desks do not cost an encoding each).
    ``complete_to``, when given, is the time up to which the change list is
    complete, when that is earlier than the answer's ``server_time`` (a
    relay's copy is complete to its last poll of the help desk)."""

    tickets: list[Ticket]
    next_cursor: int
    has_more: bool
    full: bool
    encoded: Sequence[bytes] | None = None
    complete_to: datetime | None = None


class TicketBook:
    """All tickets the floor remembers, indexed by their last change."""

    def __init__(self, retention_us: int, dt: TimeCache) -> None:
        self.records: dict[str, TicketRec] = {}
        self._retention_us = retention_us
        self._dt = dt
        self._index: SortedDict = SortedDict()  # seq -> ticket id
        self._seq = 0
        self._finished: deque[tuple[int, str]] = deque()
        # The highest sequence number at which a since-forgotten ticket
        # finished: a cursor below it may have missed that finish.
        self._watermark = 0

    @property
    def seq(self) -> int:
        """The number of the latest change."""
        return self._seq

    def __len__(self) -> int:
        return len(self.records)

    def add(self, rec: TicketRec) -> None:
        self.records[rec.id] = rec
        self._stamp(rec)

    def touch(self, rec: TicketRec, now: int) -> None:
        """Record that ``rec`` changed at ``now`` (call after mutating it)."""
        rec.updated = now
        del self._index[rec.seq]
        self._stamp(rec)

    def _stamp(self, rec: TicketRec) -> None:
        self._seq += 1
        rec.seq = self._seq
        rec.cached = None
        self._index[self._seq] = rec.id
        if rec.finish_seq == 0 and not rec.status.is_open:
            rec.finish_seq = self._seq
            # Tickets finish at the engine's current time, so this stays in order.
            self._finished.append((rec.resolved or rec.updated, rec.id))

    def prune(self, now: int) -> int:
        """Forget tickets that finished at or before ``now - retention``."""
        horizon = now - self._retention_us
        dropped = 0
        while self._finished and self._finished[0][0] <= horizon:
            _, ticket_id = self._finished.popleft()
            rec = self.records.pop(ticket_id)
            del self._index[rec.seq]
            self._watermark = max(self._watermark, rec.finish_seq)
            dropped += 1
        return dropped

    def check_cursor(self, cursor: int) -> None:
        if cursor < 0 or cursor > self._seq:
            raise CursorExpired(f"cursor {cursor} is unknown to this floor")
        if cursor < self._watermark:
            raise CursorExpired(f"cursor {cursor} is older than the retained history")

    def page(self, cursor: int | None, limit: int) -> ChangePage:
        """Tickets changed after ``cursor`` in change order, at most ``limit``.

        Without a cursor this is the first page of a full load: every ticket
        the book remembers (all open ones and those finished within the
        retention). Later pages of a full load use the returned cursor and
        are ordinary incremental pages.
        """
        if limit < 1:
            raise ValueError("limit must be at least 1")
        start = 0 if cursor is None else cursor
        if cursor is not None:
            self.check_cursor(cursor)
        seqs = list(islice(self._index.irange(minimum=start + 1), limit + 1))
        has_more = len(seqs) > limit
        seqs = seqs[:limit]
        tickets = [self.records[self._index[s]].to_ticket(self._dt) for s in seqs]
        next_cursor = seqs[-1] if has_more else self._seq
        return ChangePage(tickets, next_cursor, has_more, cursor is None)
