"""Who takes which ticket: waiting lines per (queue, tier) and idle people.

Waiting lines are heaps ordered by priority, then age, so a free agent
takes the most pressing, oldest ticket in O(log n). Idle people are kept
per waiting line in the order they became idle, so an arriving ticket goes
to whoever has waited longest.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping

from cockpit.domain import Role
from cockpit.sim.records import AgentRec, Key, TicketRec

# (priority rank, created, serial, ticket id, token)
_Entry = tuple[int, int, int, str, int]


class Dispatcher:
    """The waiting lines and the idle people of one floor."""

    def __init__(self, records: Mapping[str, TicketRec]) -> None:
        self._records = records
        self._waiting: dict[Key, list[_Entry]] = {}
        self._idle: dict[Key, dict[str, AgentRec]] = {}
        self._serial = 0

    def enqueue(self, rec: TicketRec) -> None:
        """Put ``rec`` in its waiting line (it must be open and unassigned work)."""
        self._serial += 1
        entry = (rec.priority.rank, rec.created, self._serial, rec.id, rec.token)
        heapq.heappush(self._waiting.setdefault(rec.key, []), entry)

    def enqueue_many(self, recs: list[TicketRec]) -> None:
        """Bulk version of :meth:`enqueue` (heapify once per line)."""
        for rec in recs:
            self._serial += 1
            entry = (rec.priority.rank, rec.created, self._serial, rec.id, rec.token)
            self._waiting.setdefault(rec.key, []).append(entry)
        for line in self._waiting.values():
            heapq.heapify(line)

    def _head(self, key: Key) -> _Entry | None:
        line = self._waiting.get(key)
        while line:
            head = line[0]
            rec = self._records.get(head[3])
            if rec is not None and rec.token == head[4]:
                return head
            heapq.heappop(line)  # stale: the ticket moved on meanwhile
        return None

    def take_for(self, agent: AgentRec) -> TicketRec | None:
        """Pop the ticket ``agent`` should take next, or None when nothing waits."""
        for group in agent.serves:
            best: _Entry | None = None
            best_key: Key | None = None
            for key in group:
                head = self._head(key)
                if head is not None and (best is None or head < best):
                    best, best_key = head, key
            if best is not None and best_key is not None:
                heapq.heappop(self._waiting[best_key])
                return self._records[best[3]]
        return None

    def idle_for(self, key: Key) -> AgentRec | None:
        """The idle person who should take a ticket arriving in ``key``.

        In agents' lines (tier 0) an idle agent is preferred to an idle lead:
        leads help out but stay free for escalations while they can.
        """
        idle = self._idle.get(key)
        if not idle:
            return None
        fallback: AgentRec | None = None
        for agent in idle.values():
            if key[1] > 0 or agent.role is Role.AGENT:
                return agent
            if fallback is None:
                fallback = agent
        return fallback

    def mark_idle(self, agent: AgentRec) -> None:
        for group in agent.serves:
            for key in group:
                self._idle.setdefault(key, {})[agent.id] = agent

    def mark_unavailable(self, agent: AgentRec) -> None:
        for group in agent.serves:
            for key in group:
                idle = self._idle.get(key)
                if idle is not None:
                    idle.pop(agent.id, None)

    def waiting_count(self) -> int:
        """Entries in all lines, stale ones included (for diagnostics)."""
        return sum(len(line) for line in self._waiting.values())
