"""The at-risk and breached lists: open tickets by time to breach.

Both are walks from the head of the per-queue ``alarmed`` indexes (see
:mod:`cockpit.sla_index`), merged across queues, so building them costs
O(rows · log queues), never a scan of the floor. One row per ticket, for its
pressing clock (the one due first); ``SlaRow.clocks`` carries the state of
every clock of the ticket, so a ticket late on its first response and on
its resolution shows both. Paused tickets (pending on the customer)
are in neither list: their clocks do not run; the queues count them apart.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import chain, islice

from sortedcontainers import SortedList

from cockpit.domain import AgentId, Kind, Priority, QueueId, TicketId
from cockpit.floor import FloorState
from cockpit.sla import ClockKind, SlaClock, SlaState
from cockpit.sla_index import Entry

DEFAULT_LIMIT = 200


@dataclass(frozen=True, slots=True)
class ClockState:
    """One clock of a listed ticket, as it reads now."""

    kind: ClockKind
    state: SlaState
    due_at: datetime
    # Negative once breached; a halted clock reads as of when it halted.
    seconds_to_breach: float
    # Waiting on the customer: the clock reads as of the pause.
    paused: bool = False
    # Stopped for good (answered, or the ticket finished).
    stopped: bool = False


def clock_states(ticket_clocks: tuple[SlaClock, ...], now: datetime) -> tuple[ClockState, ...]:
    """Every clock's state at ``now``, first response first."""
    return tuple(
        ClockState(
            kind=c.kind,
            state=c.state(now),
            due_at=c.due_at,
            seconds_to_breach=c.seconds_to_breach(now),
            paused=c.paused_at is not None,
            stopped=c.stopped_at is not None,
        )
        for c in ticket_clocks
    )


@dataclass(frozen=True, slots=True)
class SlaRow:
    """One ticket on the at-risk or breached list."""

    ticket: TicketId
    queue: QueueId
    priority: Priority
    kind: Kind
    clock: ClockKind
    state: SlaState
    created_at: datetime
    # Seconds since the ticket was created.
    age_s: float
    assignee: AgentId | None
    due_at: datetime
    # Negative once breached.
    seconds_to_breach: float
    subject: str = ""
    # Every clock of the ticket (the pressing one included), first response first.
    clocks: tuple[ClockState, ...] = ()

    def clock_state(self, kind: ClockKind) -> ClockState | None:
        return next((c for c in self.clocks if c.kind is kind), None)


def at_risk_rows(state: FloorState, limit: int = DEFAULT_LIMIT) -> tuple[SlaRow, ...]:
    """At-risk tickets (warned, not yet breached), nearest to breach first."""
    now = _now(state)
    heads = (
        alarmed.irange(minimum=(now,))
        for idx in state.sla_index.queues().values()
        for alarmed in idx.alarmed.values()
    )
    return tuple(_row(state, entry, SlaState.AT_RISK) for entry in islice(_merge(heads), limit))


def breached_rows(state: FloorState, limit: int = DEFAULT_LIMIT) -> tuple[SlaRow, ...]:
    """Breached tickets, up to ``limit``: urgent ones first, then the others;
    most overdue first within each."""
    now = _now(state)
    indexes = list(state.sla_index.queues().values())
    urgent = _merge(_breached_heads(idx.alarmed[Priority.URGENT.value], now) for idx in indexes)
    others = _merge(
        _breached_heads(alarmed, now)
        for idx in indexes
        for priority, alarmed in idx.alarmed.items()
        if priority != Priority.URGENT.value
    )
    entries = islice(chain(urgent, others), limit)
    return tuple(_row(state, entry, SlaState.BREACHED) for entry in entries)


def _breached_heads(alarmed: SortedList, now: float) -> Iterator[Entry]:
    """Entries due strictly before ``now``, most overdue first."""
    return iter(alarmed.irange(maximum=(now,), inclusive=(True, False)))


def _merge(iterables: Iterable[Iterable[Entry]]) -> Iterator[Entry]:
    return heapq.merge(*iterables)


def _now(state: FloorState) -> float:
    if state.server_time is None:
        raise ValueError("no data yet: apply a batch first")
    return state.sla_index.as_of


def _row(state: FloorState, entry: Entry, sla_state: SlaState) -> SlaRow:
    due, ticket_id, clock = entry
    ticket = state.tickets[ticket_id]
    assert state.server_time is not None
    now = state.server_time
    due_at = datetime.fromtimestamp(due, UTC)
    return SlaRow(
        ticket=ticket_id,
        queue=ticket.queue,
        priority=ticket.priority,
        kind=ticket.kind,
        clock=ClockKind(clock),
        state=sla_state,
        created_at=ticket.created_at,
        age_s=(now - ticket.created_at).total_seconds(),
        assignee=ticket.assignee,
        due_at=due_at,
        seconds_to_breach=(due_at - now).total_seconds(),
        subject=ticket.subject,
        clocks=clock_states(state.clocks_of(ticket), now),
    )
