"""FloorState: the tickets, agents and queues the cockpit currently knows,
with per-queue indexes kept up to date incrementally.

``apply(batch)`` costs O(changes · log n): every changed ticket first takes
back what its previous version contributed to the indexes, then adds its new
contribution. Figures are then read from the indexes with a few bisections,
so a poll's cost grows with what changed, not with the size of the floor.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sortedcontainers import SortedList

from cockpit.domain import Agent, AgentId, Batch, Queue, QueueId, Ticket, TicketId
from cockpit.settings import SlaSettings

HISTORY = timedelta(hours=24)


@dataclass(slots=True)
class QueueIndex:
    """Sorted timestamps (UTC epoch seconds) for one queue's windows."""

    open: int = 0
    # (created, id) of open tickets still waiting for a first response.
    waiting: SortedList = field(default_factory=SortedList)
    arrivals: SortedList = field(default_factory=SortedList)
    resolutions: SortedList = field(default_factory=SortedList)
    first_responses: SortedList = field(default_factory=SortedList)
    # The subset of first_responses that met their target.
    first_responses_met: SortedList = field(default_factory=SortedList)


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
        if batch.full:
            self._reset()
            touched.update(self._index)
        if batch.queues is not None:
            self.queues = {q.id: q for q in batch.queues}
            touched.update(self.queues)
        if batch.agents is not None:
            self.agents = {a.id: a for a in batch.agents}
        for ticket in batch.tickets:
            touched.update(self._upsert(ticket))
        self.server_time = batch.server_time
        self.cursor = batch.cursor
        touched.update(self._prune(batch.server_time - self.history))
        return touched

    def _reset(self) -> None:
        self.tickets.clear()
        self._index.clear()
        self._finished.clear()

    def _upsert(self, ticket: Ticket) -> tuple[QueueId, ...]:
        old = self.tickets.get(ticket.id)
        if old is not None:
            if old.updated_at > ticket.updated_at:
                return ()  # an older version arrived late: keep the newer one
            self._contribute(old, -1)
        self.tickets[ticket.id] = ticket
        self._contribute(ticket, +1)
        return (
            (ticket.queue,)
            if old is None or old.queue == ticket.queue
            else (ticket.queue, old.queue)
        )

    def _prune(self, horizon: datetime) -> set[QueueId]:
        cutoff = horizon.timestamp()
        pruned: set[QueueId] = set()
        while self._finished and self._finished[0][0] < cutoff:
            _, ticket_id = self._finished[0]
            ticket = self.tickets.pop(ticket_id)
            self._contribute(ticket, -1)
            pruned.add(ticket.queue)
        return pruned

    def _contribute(self, ticket: Ticket, sign: int) -> None:
        """Add (+1) or take back (-1) everything ``ticket`` adds to the indexes."""
        idx = self._index.get(ticket.queue)
        if idx is None:
            idx = self._index[ticket.queue] = QueueIndex()
        change = idx.waiting.add if sign > 0 else idx.waiting.remove
        created = ticket.created_at.timestamp()
        (idx.arrivals.add if sign > 0 else idx.arrivals.remove)(created)
        if ticket.is_open:
            idx.open += sign
            if ticket.first_response_at is None:
                change((created, ticket.id))
        else:
            finished = (ticket.resolved_at or ticket.updated_at).timestamp()
            (self._finished.add if sign > 0 else self._finished.remove)((finished, ticket.id))
            if ticket.resolved_at is not None:
                (idx.resolutions.add if sign > 0 else idx.resolutions.remove)(finished)
        if ticket.first_response_at is not None:
            responded = ticket.first_response_at.timestamp()
            (idx.first_responses.add if sign > 0 else idx.first_responses.remove)(responded)
            if self.first_response_met(ticket):
                met = idx.first_responses_met
                (met.add if sign > 0 else met.remove)(responded)

    def first_response_met(self, ticket: Ticket) -> bool:
        """Whether the ticket's first response came within its target. Assumes it has one."""
        assert ticket.first_response_at is not None
        if ticket.first_response_due is not None:
            return ticket.first_response_at <= ticket.first_response_due
        target = self.sla.target(ticket.queue, ticket.priority).first_response
        return target is None or ticket.first_response_at - ticket.created_at <= target

    def replace_sla(self, sla: SlaSettings) -> None:
        """New SLA policy: rebuild the indexes (rare; O(floor))."""
        self.sla = sla
        tickets = list(self.tickets.values())
        self._reset()
        for ticket in tickets:
            self.tickets[ticket.id] = ticket
            self._contribute(ticket, +1)


def agents_by_queue(
    agents: Iterable[Agent], queues: Iterable[QueueId]
) -> Mapping[QueueId, list[Agent]]:
    """Agents per queue by skill; an agent with several skills counts in each."""
    result: dict[QueueId, list[Agent]] = {q: [] for q in queues}
    for agent in agents:
        for skill in agent.skills:
            result.setdefault(skill, []).append(agent)
    return result
