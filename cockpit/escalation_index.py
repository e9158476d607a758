"""The escalation indexes FloorState keeps, so that each poll reads the
escalations picture without scanning the floor.

A flag is raised once a wait is over its limit, i.e. once the wait began
before ``now - limit``; so each flag is a sorted list of the instants its
waits began, and counting flagged tickets is a bisection whatever the
limits. Rows come from walks from the heads of these lists, at most
``limit`` per section:

- **escalated**: open tickets above agent level, highest level first, then
  longest at it (every level is counted exactly in the summary);
- **flagged at agent level**: collaborations without an answer and urgent
  tickets not reported, most overdue first.

Entries are tuples of plain numbers and strings (left alone by the garbage
collector).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice

from sortedcontainers import SortedList

from cockpit.domain import EscalationLevel, Kind, Priority, Status, Ticket, TicketId
from cockpit.escalations import EscalationRow, cutoffs_at, row_at
from cockpit.settings import EscalationSettings
from cockpit.sla import OPEN_STATUSES

# (wait began, ticket)
Began = tuple[float, TicketId]


@dataclass(frozen=True, slots=True)
class EscalationSummary:
    """Exact counts over the whole floor (the rows may be cut at a limit)."""

    lead: int = 0
    supervisor: int = 0
    pr_legal: int = 0
    collab_no_answer: int = 0
    customer_not_updated: int = 0
    urgent_not_reported: int = 0


@dataclass(slots=True)
class EscalationIndex:
    # (-level, at level since, ticket) of open tickets above agent level.
    escalated: SortedList = field(default_factory=SortedList)
    # Collaborations waiting on another department, split by level so the
    # agent-level walk never has to skip escalated ones.
    collab_agent: SortedList = field(default_factory=SortedList)
    collab_escalated: SortedList = field(default_factory=SortedList)
    # Escalated complaints, by the last customer update.
    complaints: SortedList = field(default_factory=SortedList)
    # Open urgent tickets below supervisor level, by creation.
    urgent_agent: SortedList = field(default_factory=SortedList)
    urgent_lead: SortedList = field(default_factory=SortedList)

    def clear(self) -> None:
        for values in self._lists():
            values.clear()

    def contribute(self, ticket: Ticket, sign: int) -> None:
        """Add (+1) or take back (-1) what ``ticket`` files here."""
        if ticket.status not in OPEN_STATUSES:
            return
        for values, item in self._entries(ticket):
            (values.add if sign > 0 else values.remove)(item)

    def replace(self, old: Ticket, new: Ticket) -> None:
        """Swap ``old`` for ``new``, touching only the entries that differ
        (most updates file the same entries, often none)."""
        # Keyed by the list's identity: SortedList's own == compares every element.
        before = {(id(v), i): v for v, i in self._entries(old)} if _open(old) else {}
        after = {(id(v), i): v for v, i in self._entries(new)} if _open(new) else {}
        if before.keys() == after.keys():
            return
        for key, values in before.items():
            if key not in after:
                values.remove(key[1])
        for key, values in after.items():
            if key not in before:
                values.add(key[1])

    def summary(self, now: datetime, limits: EscalationSettings) -> EscalationSummary:
        cut = cutoffs_at(now, limits)
        return EscalationSummary(
            lead=self._at_level(EscalationLevel.LEAD),
            supervisor=self._at_level(EscalationLevel.SUPERVISOR),
            pr_legal=self._at_level(EscalationLevel.PR_LEGAL),
            collab_no_answer=_before(self.collab_agent, cut.collab)
            + _before(self.collab_escalated, cut.collab),
            customer_not_updated=_before(self.complaints, cut.customer),
            urgent_not_reported=_before(self.urgent_agent, cut.urgent)
            + _before(self.urgent_lead, cut.urgent),
        )

    def rows(
        self,
        tickets: Mapping[TicketId, Ticket],
        now: datetime,
        limits: EscalationSettings,
        limit: int,
    ) -> tuple[EscalationRow, ...]:
        """Escalated rows (highest level, longest at it first), then flagged
        agent-level rows (most overdue first); at most ``limit`` of each."""
        cut = cutoffs_at(now, limits)
        escalated = (tickets[entry[2]] for entry in islice(self.escalated, limit))
        late = islice(self._flagged_at_agent_level(now, limits), limit)
        rows = [row_at(t, now, cut) for t in escalated]
        rows.extend(row_at(tickets[ticket_id], now, cut) for ticket_id in late)
        return tuple(row for row in rows if row is not None)

    # --- internals -------------------------------------------------------------

    def _flagged_at_agent_level(
        self, now: datetime, limits: EscalationSettings
    ) -> Iterator[TicketId]:
        """Agent-level tickets carrying a flag, by when the flag was raised."""
        cut = cutoffs_at(now, limits)
        collab_s, urgent_s = limits.collab_no_answer_s, limits.urgent_report_s
        walks = (
            ((began + collab_s, ticket) for began, ticket in _heads(self.collab_agent, cut.collab)),
            ((began + urgent_s, ticket) for began, ticket in _heads(self.urgent_agent, cut.urgent)),
        )
        seen: set[TicketId] = set()
        for _, ticket_id in heapq.merge(*walks):
            if ticket_id not in seen:
                seen.add(ticket_id)
                yield ticket_id

    def _entries(self, ticket: Ticket) -> Iterator[tuple[SortedList, object]]:
        level = ticket.escalation
        escalated = level is not EscalationLevel.AGENT
        if escalated:
            since = ticket.escalated_at or ticket.created_at
            yield self.escalated, (-int(level), since.timestamp(), ticket.id)
        if ticket.status is Status.WAITING_OTHER:
            began = (ticket.waiting_since or ticket.updated_at).timestamp()
            yield (self.collab_escalated if escalated else self.collab_agent), (began, ticket.id)
        if escalated and ticket.kind is Kind.COMPLAINT:
            updated = ticket.last_customer_update_at or ticket.escalated_at or ticket.created_at
            yield self.complaints, (updated.timestamp(), ticket.id)
        if ticket.priority is Priority.URGENT and level < EscalationLevel.SUPERVISOR:
            lists = self.urgent_lead if escalated else self.urgent_agent
            yield lists, (ticket.created_at.timestamp(), ticket.id)

    def _at_level(self, level: EscalationLevel) -> int:
        values = self.escalated
        return int(values.bisect_left((-int(level) + 1,)) - values.bisect_left((-int(level),)))

    def _lists(self) -> tuple[SortedList, ...]:
        return (
            self.escalated,
            self.collab_agent,
            self.collab_escalated,
            self.complaints,
            self.urgent_agent,
            self.urgent_lead,
        )


def _open(ticket: Ticket) -> bool:
    return ticket.status in OPEN_STATUSES


def _before(values: SortedList, cutoff: datetime) -> int:
    """How many waits began strictly before ``cutoff`` (are over their limit)."""
    return int(values.bisect_left((cutoff.timestamp(),)))


def _heads(values: SortedList, cutoff: datetime) -> Iterator[Began]:
    return iter(values.irange(maximum=(cutoff.timestamp(),), inclusive=(True, False)))
