"""Per-queue SLA indexes, kept incrementally by :class:`~cockpit.floor.FloorState`.

Every change costs a few O(log n) updates; reading counts is a bisection.
The indexes stay valid as time passes without any ticket changing because
they hold *instants* (due and warn times), never states:

- a **running** clock (open ticket, neither answered nor paused) sits in
  sorted lists of instants; whether it is breached or at risk is a
  bisection at "now". A ticket's *pressing* clock (the one due first, see
  :func:`cockpit.sla.pressing`) goes in ``warn`` (by warn instant) and, once
  that instant has passed, in ``alarmed`` (by due instant); a second running
  clock goes in ``later_warn``/``later_due``, so ticket counts never count a
  ticket twice while the heatmap still sees every clock. Per-bucket counts
  of running clocks serve the heatmap's past buckets.
- each clock kind is also counted **on its own**: the due and warn instants
  of every running clock of that kind (``kind_due`` / ``kind_warn``), so
  per-kind breached (due < now) and at-risk (warn <= now <= due) counts are
  two bisections, and paused clocks of that kind by their state at the
  pause (``paused_breached`` / ``paused_at_risk``).
- a **halted** clock (stopped, or paused while pending) has a fixed outcome;
  it is filed by base bucket (15 min) for the heatmap.
- ``alarmed`` holds the pressing clocks whose warn instant has passed as of
  :attr:`SlaIndex.as_of` (moved forward by :meth:`SlaIndex.advance` on every
  poll, at a cost that grows with the clocks that crossed their warn instant
  since the last poll). Its head (due before now) is the breached tickets;
  the rest are the at-risk ones, already in time-to-breach order.

Times are UTC epoch seconds (floats) in the indexes, and clock kinds and
priorities their plain string values: tuples of floats and strings only are
left alone by the garbage collector, which otherwise walks every entry of a
100,000-ticket floor on each full collection.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sortedcontainers import SortedList

from cockpit.domain import Priority, QueueId, Ticket, TicketId
from cockpit.sla import ClockKind, SlaClock, SlaState, classify

_K = TypeVar("_K", int, str)

# The finest heatmap bucket; coarser ones are whole multiples of it.
BASE_BUCKET_S = 15 * 60

# (instant, ticket, ClockKind value): the entries of the sorted lists.
Entry = tuple[float, TicketId, str]
# (warn instant, ticket, ClockKind value, due instant, Priority value).
WarnEntry = tuple[float, TicketId, str, float, str]
# (ticket, ClockKind value).
ClockRef = tuple[TicketId, str]


def base_bucket(instant: float) -> int:
    """The base bucket (number of 15-minute steps since the epoch) holding ``instant``."""
    return math.floor(instant / BASE_BUCKET_S)


def after(instant: float) -> float:
    """The smallest float above ``instant``: turns "<= t" into "< after(t)"."""
    return math.nextafter(instant, math.inf)


def _by_kind() -> dict[str, SortedList]:
    return {kind.value: SortedList() for kind in ClockKind}


@dataclass(slots=True)
class SlaQueueIndex:
    """The SLA indexes of one queue."""

    # Pressing running clock of each running ticket, by warn instant (WarnEntry).
    warn: SortedList = field(default_factory=SortedList)
    # Per priority: those of them whose warn instant has passed, by due
    # instant (Entry). Every pressing clock already due is in here.
    # Keyed by the Priority value.
    alarmed: dict[str, SortedList] = field(
        default_factory=lambda: {p.value: SortedList() for p in Priority}
    )
    # The second running clock of tickets that have two.
    later_due: SortedList = field(default_factory=SortedList)
    later_warn: SortedList = field(default_factory=SortedList)
    # Open tickets whose clocks are paused (waiting on the customer).
    paused: int = 0
    # Each clock kind on its own (keyed by the ClockKind value): the due and
    # the warn instants of its running clocks, and its paused clocks that
    # read breached / at risk as of their pause.
    kind_due: dict[str, SortedList] = field(default_factory=_by_kind)
    kind_warn: dict[str, SortedList] = field(default_factory=_by_kind)
    paused_breached: dict[str, int] = field(default_factory=dict)
    paused_at_risk: dict[str, int] = field(default_factory=dict)
    # Heatmap, per base bucket: running clocks by due and by warn instant.
    running_due: dict[int, int] = field(default_factory=dict)
    running_warn: dict[int, int] = field(default_factory=dict)
    # Halted clocks by due bucket; the breached ones by due bucket; the ones
    # that had reached their warn instant by warn bucket.
    halted_due: dict[int, set[ClockRef]] = field(default_factory=dict)
    halted_breach: dict[int, set[ClockRef]] = field(default_factory=dict)
    halted_warn: dict[int, set[ClockRef]] = field(default_factory=dict)
    # Base buckets whose heatmap counts changed since the heatmap last read
    # this queue, and what it built then (cockpit.heatmap owns both).
    dirty: set[int] = field(default_factory=set)
    grid: Any = None

    def breached(self, now: float) -> int:
        """Tickets whose pressing clock is past due at ``now`` (= ``as_of``)."""
        return sum(a.bisect_left((now,)) for a in self.alarmed.values())

    def clock_counts(self, kind: str, now: float) -> tuple[int, int]:
        """(breached, at risk) clocks of one kind at ``now``: running ones by
        the boundary rule, paused ones as of their pause."""
        due = self.kind_due.get(kind)
        warn = self.kind_warn.get(kind)
        if due is None or warn is None:
            return 0, 0
        breached = due.bisect_left(now)  # due < now
        warned = warn.bisect_right(now)  # warn <= now (every breached clock warned)
        return (
            breached + self.paused_breached.get(kind, 0),
            warned - breached + self.paused_at_risk.get(kind, 0),
        )

    def running_breached(self, kind: str, now: float) -> int:
        """Running clocks of one kind past due at ``now`` (paused ones aside)."""
        due = self.kind_due.get(kind)
        return 0 if due is None else int(due.bisect_left(now))

    def alarmed_count(self) -> int:
        return sum(len(a) for a in self.alarmed.values())

    def running_due_in(self, start: float, end: float) -> int:
        """Running clocks (any) due in ``[start, end)``; ``end <= as_of``."""
        return sum(
            lst.bisect_left((end,)) - lst.bisect_left((start,))
            for lst in (*self.alarmed.values(), self.later_due)
        )

    def running_warn_in(self, start: float, end: float) -> int:
        """Running clocks (any) whose warn instant lies in ``[start, end)``."""
        return sum(
            lst.bisect_left((end,)) - lst.bisect_left((start,))
            for lst in (self.warn, self.later_warn)
        )

    def running_due_refs(self, start: float, end: float) -> Iterator[ClockRef]:
        """Running clocks (any) due in ``[start, end)``; ``end <= as_of``."""
        for lst in (*self.alarmed.values(), self.later_due):
            for entry in lst.irange((start,), (end,), inclusive=(True, False)):
                yield entry[1], entry[2]

    def running_warn_refs(self, start: float, end: float) -> Iterator[ClockRef]:
        for lst in (self.warn, self.later_warn):
            for entry in lst.irange((start,), (end,), inclusive=(True, False)):
                yield entry[1], entry[2]


class BulkAdds:
    """Additions to sorted lists, held back and made in one sorted update
    per list: filling empty indexes with a whole floor this way sorts each
    list once instead of inserting 100,000 entries one at a time."""

    def __init__(self) -> None:
        self._pending: dict[int, tuple[SortedList, list[object]]] = {}

    def add(self, values: SortedList, item: object) -> None:
        pending = self._pending.get(id(values))
        if pending is None:
            pending = self._pending[id(values)] = (values, [])
        pending[1].append(item)

    def flush(self) -> None:
        for values, items in self._pending.values():
            values.update(items)
        self._pending.clear()


class SlaIndex:
    """All queues' SLA indexes, plus the instant ``alarmed`` is valid for."""

    def __init__(self) -> None:
        self._queues: dict[QueueId, SlaQueueIndex] = {}
        self.as_of = -math.inf
        # While set (a full load), additions wait in it (see BulkAdds).
        self.bulk: BulkAdds | None = None

    def queue(self, queue: QueueId) -> SlaQueueIndex:
        return self._queues.get(queue) or SlaQueueIndex()

    def queues(self) -> dict[QueueId, SlaQueueIndex]:
        return self._queues

    def clear(self) -> None:
        """Forget every ticket; ``as_of`` stays."""
        self._queues.clear()

    def contribute(self, ticket: Ticket, ticket_clocks: tuple[SlaClock, ...], sign: int) -> None:
        """Add (+1) or take back (-1) what ``ticket`` with these clocks adds."""
        idx = self._queues.get(ticket.queue)
        if idx is None:
            idx = self._queues[ticket.queue] = SlaQueueIndex()
        running = [c for c in ticket_clocks if c.running]
        # Clocks come first response first, so only a strictly earlier due reorders.
        if len(running) == 2 and running[1].due_at < running[0].due_at:
            running.reverse()
        for position, clock in enumerate(running):
            self._running(idx, ticket, clock, sign, pressing=position == 0)
        paused = False
        for clock in ticket_clocks:
            if not clock.running:
                _halted(idx, ticket.id, clock, sign)
                paused = paused or clock.paused_at is not None
        if paused:  # only an open (pending) ticket pauses
            idx.paused += sign

    def advance(self, now: float) -> None:
        """Move ``as_of`` to ``now``: clocks whose warn instant was crossed
        join (or, if time went back, leave) ``alarmed``."""
        old = self.as_of
        if now == old:
            return
        low, high = (old, now) if now > old else (now, old)
        for idx in self._queues.values():
            crossed = list(idx.warn.irange((after(low),), (after(high),), inclusive=(True, False)))
            for _, ticket_id, kind, due, priority in crossed:
                _sorted(idx.alarmed[priority], (due, ticket_id, kind), 1 if now > old else -1)
        self.as_of = now

    # --- internals ----------------------------------------------------------

    def _running(
        self, idx: SlaQueueIndex, ticket: Ticket, clock: SlaClock, sign: int, *, pressing: bool
    ) -> None:
        due = clock.due_at.timestamp()
        warn = clock.warn_at.timestamp()
        kind = clock.kind.value
        due_entry: Entry = (due, ticket.id, kind)
        warn_entry: WarnEntry = (warn, ticket.id, kind, due, ticket.priority.value)
        file = self._file
        if pressing:
            file(idx.warn, warn_entry, sign)
            if warn <= self.as_of:
                file(idx.alarmed[ticket.priority.value], due_entry, sign)
        else:
            file(idx.later_due, due_entry, sign)
            file(idx.later_warn, warn_entry, sign)
        due_bucket, warn_bucket = base_bucket(due), base_bucket(warn)
        _count(idx.running_due, due_bucket, sign)
        _count(idx.running_warn, warn_bucket, sign)
        idx.dirty.update((due_bucket, warn_bucket))
        file(idx.kind_due[kind], due, sign)
        file(idx.kind_warn[kind], warn, sign)

    def _file(self, values: SortedList, item: object, sign: int) -> None:
        if sign < 0:
            values.remove(item)
        elif self.bulk is not None:
            self.bulk.add(values, item)
        else:
            values.add(item)


def _halted(idx: SlaQueueIndex, ticket_id: TicketId, clock: SlaClock, sign: int) -> None:
    halted_at = clock.halted_at
    assert halted_at is not None
    ref: ClockRef = (ticket_id, clock.kind.value)
    due_bucket = base_bucket(clock.due_at.timestamp())
    _member(idx.halted_due, due_bucket, ref, sign)
    idx.dirty.add(due_bucket)
    if halted_at > clock.due_at:
        _member(idx.halted_breach, due_bucket, ref, sign)
    if halted_at >= clock.warn_at:
        warn_bucket = base_bucket(clock.warn_at.timestamp())
        _member(idx.halted_warn, warn_bucket, ref, sign)
        idx.dirty.add(warn_bucket)
    if clock.paused_at is not None:
        state = classify(clock.warn_at, clock.due_at, clock.paused_at)
        if state is SlaState.BREACHED:
            _count(idx.paused_breached, clock.kind.value, sign)
        elif state is SlaState.AT_RISK:
            _count(idx.paused_at_risk, clock.kind.value, sign)


def _sorted(values: SortedList, item: object, sign: int) -> None:
    (values.add if sign > 0 else values.remove)(item)


def _count(counts: dict[_K, int], key: _K, sign: int) -> None:
    value = counts.get(key, 0) + sign
    if value:
        counts[key] = value
    else:
        del counts[key]


def _member(buckets: dict[int, set[ClockRef]], key: int, ref: ClockRef, sign: int) -> None:
    if sign > 0:
        buckets.setdefault(key, set()).add(ref)
        return
    members = buckets[key]
    members.remove(ref)
    if not members:
        del buckets[key]
