"""FloorState: the tickets, agents and queues the cockpit currently knows,
with per-queue indexes kept up to date incrementally.

``apply(batch)`` costs O(changes · log n): every changed ticket takes back
what its previous version contributed to the indexes and adds its new
contribution (touching only the entries that differ). Figures are then read
from the indexes with a few bisections, so a poll's cost grows with what
changed, not with the size of the floor.
The SLA indexes (:mod:`cockpit.sla_index`) and the escalation indexes
(:mod:`cockpit.escalation_index`) are kept the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sortedcontainers import SortedList

from cockpit.domain import Agent, AgentId, Batch, Queue, QueueId, Status, Ticket, TicketId
from cockpit.escalation_index import EscalationIndex
from cockpit.settings import SlaSettings
from cockpit.sla import OPEN_STATUSES, ClockKind, SlaClock, clocks
from cockpit.sla_index import BulkAdds, SlaIndex

HISTORY = timedelta(hours=24)
# Twice the default list limits (200 at-risk + 200 breached rows).
_CLOCK_CACHE_SIZE = 800


@dataclass(slots=True)
class QueueIndex:
    """Sorted timestamps (UTC epoch seconds) for one queue's windows."""

    open: int = 0
    # (created, id) of open tickets still waiting for a first response.
    waiting: SortedList = field(default_factory=SortedList)
    arrivals: SortedList = field(default_factory=SortedList)
    resolutions: SortedList = field(default_factory=SortedList)
    first_responses: SortedList = field(default_factory=SortedList)
    # The subset of first_responses that met their target (or had none).
    first_responses_met: SortedList = field(default_factory=SortedList)
    # The service level's parts and each clock's outcomes (docs/metrics.md),
    # by the instant the clock stopped: first responses of tickets with a
    # first-response clock, at/before their due instant and after it;
    # tickets finished unanswered after their first-response due instant;
    # resolutions at/before their due instant and after it.
    answered_in_target: SortedList = field(default_factory=SortedList)
    answered_late: SortedList = field(default_factory=SortedList)
    abandoned_late: SortedList = field(default_factory=SortedList)
    resolved_in_target: SortedList = field(default_factory=SortedList)
    resolved_late: SortedList = field(default_factory=SortedList)


class FloorState:
    """Mutable, owned by the poller's worker thread; never shared with the GUI."""

    def __init__(self, sla: SlaSettings, *, history: timedelta = HISTORY) -> None:
        self.sla = sla
        self.history = history
        self.tickets: dict[TicketId, Ticket] = {}
        self.agents: dict[AgentId, Agent] = {}
        self.queues: dict[QueueId, Queue] = {}
        self.server_time: datetime | None = None
        self.cursor: str | None = None
        self._index: dict[QueueId, QueueIndex] = {}
        # (finished at, id) of finished tickets, oldest first, for pruning.
        self._finished: SortedList = SortedList()
        self.sla_index = SlaIndex()
        self.escalation_index = EscalationIndex()
        # Clocks of recently listed tickets (the at-risk and breached rows),
        # valid while the ticket object and the policy are the same.
        self._clock_cache: dict[TicketId, tuple[Ticket, tuple[SlaClock, ...]]] = {}

    # --- reading ---------------------------------------------------------------

    def index(self, queue: QueueId) -> QueueIndex:
        return self._index.get(queue) or QueueIndex()

    def queue_ids(self) -> list[QueueId]:
        """Known queues in the backend's order, then queues seen only on tickets."""
        ids = list(self.queues)
        ids.extend(q for q in self._index if q not in self.queues)
        return ids

    # --- writing ---------------------------------------------------------------

    def apply(self, batch: Batch) -> set[QueueId]:
        """Merge one batch; return the queues whose tickets changed."""
        touched: set[QueueId] = set()
        if batch.queues is not None:
            self.queues = {q.id: q for q in batch.queues}
            touched.update(self.queues)
        if batch.agents is not None:
            self.agents = {a.id: a for a in batch.agents}
        if batch.full:
            touched.update(self._index)
            self._reset()
            self._load(batch.tickets)
            touched.update(self._index)
        else:
            for ticket in batch.tickets:
                touched.update(self._upsert(ticket))
        self.server_time = batch.server_time
        self.cursor = batch.cursor
        touched.update(self._prune(batch.server_time - self.history))
        self.sla_index.advance(batch.server_time.timestamp())
        return touched

    def _reset(self) -> None:
        self.tickets.clear()
        self._index.clear()
        self._finished.clear()
        self.sla_index.clear()
        self.escalation_index.clear()

    def _load(self, tickets: Iterable[Ticket]) -> None:
        """Fill the emptied indexes (a full load, a new policy): each sorted
        list is built once from all its entries (see BulkAdds). A ticket
        listed twice counts in its last version only, as if upserted."""
        bulk = BulkAdds()
        self.sla_index.bulk = bulk
        try:
            for ticket in {t.id: t for t in tickets}.values():
                self.tickets[ticket.id] = ticket
                ticket_clocks = clocks(ticket, self.sla)
                for values, item in self._entries(ticket, ticket_clocks):
                    bulk.add(values, item)
                self._count(ticket, +1)
                self.sla_index.contribute(ticket, ticket_clocks, +1)
        finally:
            self.sla_index.bulk = None
            bulk.flush()

    def _upsert(self, ticket: Ticket) -> tuple[QueueId, ...]:
        old = self.tickets.get(ticket.id)
        # No "older version arrived late" check on updated_at: batches come in
        # the feed's change order (the poller refuses replays), so the version
        # that arrives last is the newest, even when a fast clock stamped the
        # one before it in the future.
        self.tickets[ticket.id] = ticket
        if old is None:
            self._contribute(ticket, +1, clocks(ticket, self.sla))
            return (ticket.queue,)
        if _sla_key(old) == _sla_key(ticket):
            # The common update (a note, an assignee, a progress stamp): every
            # index entry is a function of the SLA key, so only the
            # escalation entries (other fields) can differ.
            self.escalation_index.replace(old, ticket)
            return (ticket.queue,)
        self._replace(old, ticket, clocks(ticket, self.sla))
        return (ticket.queue,) if old.queue == ticket.queue else (ticket.queue, old.queue)

    def _prune(self, horizon: datetime) -> set[QueueId]:
        cutoff = horizon.timestamp()
        pruned: set[QueueId] = set()
        while self._finished and self._finished[0][0] < cutoff:
            _, ticket_id = self._finished[0]
            ticket = self.tickets.pop(ticket_id)
            self._contribute(ticket, -1, clocks(ticket, self.sla))
            pruned.add(ticket.queue)
        return pruned

    def _contribute(self, ticket: Ticket, sign: int, ticket_clocks: tuple[SlaClock, ...]) -> None:
        """Add (+1) or take back (-1) everything ``ticket`` adds to the indexes."""
        for values, item in self._entries(ticket, ticket_clocks):
            (values.add if sign > 0 else values.remove)(item)
        self._count(ticket, sign)
        self.sla_index.contribute(ticket, ticket_clocks, sign)

    def _replace(self, old: Ticket, new: Ticket, new_clocks: tuple[SlaClock, ...]) -> None:
        """Swap ``old`` for ``new`` (SLA keys differ) in the indexes, touching
        only the sorted-list entries that differ."""
        old_clocks = clocks(old, self.sla)
        before = self._entries(old, old_clocks)
        after = self._entries(new, new_clocks)
        for values, item in before:
            if not _holds(after, values, item):
                values.remove(item)
        for values, item in after:
            if not _holds(before, values, item):
                values.add(item)
        if old.status in OPEN_STATUSES:
            self._index[old.queue].open -= 1
        if new.status in OPEN_STATUSES:
            self._index[new.queue].open += 1
        self.escalation_index.replace(old, new)
        self.sla_index.contribute(old, old_clocks, -1)
        self.sla_index.contribute(new, new_clocks, +1)

    def _entries(
        self, ticket: Ticket, ticket_clocks: tuple[SlaClock, ...]
    ) -> list[tuple[SortedList, object]]:
        """The sorted-list entries ``ticket`` files: (list, item) pairs."""
        idx = self._index.get(ticket.queue)
        if idx is None:
            idx = self._index[ticket.queue] = QueueIndex()
        created = ticket.created_at.timestamp()
        entries: list[tuple[SortedList, object]] = [(idx.arrivals, created)]
        if ticket.status in OPEN_STATUSES:
            if ticket.first_response_at is None:
                entries.append((idx.waiting, (created, ticket.id)))
        else:
            finished = (ticket.resolved_at or ticket.updated_at).timestamp()
            entries.append((self._finished, (finished, ticket.id)))
            if ticket.resolved_at is not None:
                entries.append((idx.resolutions, finished))
        if ticket.first_response_at is not None:
            responded = ticket.first_response_at.timestamp()
            entries.append((idx.first_responses, responded))
            if _first_response_met(ticket, ticket_clocks):
                entries.append((idx.first_responses_met, responded))
        entries.extend(_outcomes(idx, ticket, ticket_clocks))
        return entries

    def _count(self, ticket: Ticket, sign: int) -> None:
        """The open count and the escalation indexes (open tickets only)."""
        if ticket.status in OPEN_STATUSES:
            self._index[ticket.queue].open += sign
            self.escalation_index.contribute(ticket, sign)

    def first_response_met(self, ticket: Ticket) -> bool:
        """Whether the ticket's first response came within its target. Assumes it has one."""
        return _first_response_met(ticket, clocks(ticket, self.sla))

    def clocks_of(self, ticket: Ticket) -> tuple[SlaClock, ...]:
        """The ticket's clocks under the current policy, cached for the
        tickets the lists show poll after poll (bounded)."""
        cached = self._clock_cache.get(ticket.id)
        if cached is not None and cached[0] is ticket:
            return cached[1]
        if len(self._clock_cache) >= _CLOCK_CACHE_SIZE:
            self._clock_cache.clear()
        result = clocks(ticket, self.sla)
        self._clock_cache[ticket.id] = (ticket, result)
        return result

    def first_response_clock(self, ticket: Ticket) -> SlaClock | None:
        """The ticket's first-response clock under the current policy, if it has one."""
        return next(
            (c for c in clocks(ticket, self.sla) if c.kind is ClockKind.FIRST_RESPONSE), None
        )

    def replace_sla(self, sla: SlaSettings) -> None:
        """New SLA policy: rebuild the indexes (rare; O(floor))."""
        self.sla = sla
        self._clock_cache.clear()
        tickets = list(self.tickets.values())
        self._reset()
        self._load(tickets)


def _holds(entries: list[tuple[SortedList, object]], values: SortedList, item: object) -> bool:
    # Lists compare by identity: SortedList's own == compares every element.
    return any(v is values and i == item for v, i in entries)


def _sla_key(ticket: Ticket) -> tuple[object, ...]:
    """Everything a ticket's clocks and SLA index entries depend on (the
    policy aside): two versions with equal keys file the same entries."""
    pending = ticket.status is Status.PENDING
    is_open = ticket.status in OPEN_STATUSES
    # updated_at stands in for a missing finish or pending time (see cockpit.sla).
    fallback = (not is_open and ticket.resolved_at is None) or (
        pending and ticket.pending_since is None
    )
    return (
        ticket.queue,
        ticket.priority,
        is_open,
        pending,
        ticket.created_at,
        ticket.first_response_at,
        ticket.resolved_at,
        ticket.pending_since if pending else None,
        ticket.first_response_due,
        ticket.resolution_due,
        ticket.updated_at if fallback else None,
    )


def _outcomes(
    idx: QueueIndex, ticket: Ticket, ticket_clocks: tuple[SlaClock, ...]
) -> list[tuple[SortedList, object]]:
    """Entries for the clocks that stopped for good, by outcome (see QueueIndex)."""
    entries: list[tuple[SortedList, object]] = []
    for clock in ticket_clocks:
        stopped = clock.stopped_at
        if stopped is None:
            continue
        late = stopped > clock.due_at
        when = stopped.timestamp()
        if clock.kind is ClockKind.RESOLUTION:
            entries.append((idx.resolved_late if late else idx.resolved_in_target, when))
        elif ticket.first_response_at is not None:
            entries.append((idx.answered_late if late else idx.answered_in_target, when))
        elif late:  # finished without an answer, after the due instant
            entries.append((idx.abandoned_late, when))
    return entries


def _first_response_met(ticket: Ticket, ticket_clocks: tuple[SlaClock, ...]) -> bool:
    """Answered at or before the due instant (the SLA boundary rule); met when no target."""
    assert ticket.first_response_at is not None
    first = next((c for c in ticket_clocks if c.kind is ClockKind.FIRST_RESPONSE), None)
    return first is None or ticket.first_response_at <= first.due_at


def agents_by_queue(
    agents: Iterable[Agent], queues: Iterable[QueueId]
) -> Mapping[QueueId, list[Agent]]:
    """Agents per queue by skill; an agent with several skills counts in each."""
    result: dict[QueueId, list[Agent]] = {q: [] for q in queues}
    for agent in agents:
        for skill in agent.skills:
            result.setdefault(skill, []).append(agent)
    return result
