"""Looking things up on the floor for the supervisor: one ticket with its SLA
clocks, and the tickets behind one heatmap cell.

Both read the FloorState, so they run where it lives: on a worker, under the
poller's lock (``Poller.read`` / ``Runtime.read_floor``). They return frozen
values (tickets are frozen) that may cross to the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cockpit.domain import QueueId, Ticket, TicketId
from cockpit.floor import FloorState
from cockpit.heatmap import HeatmapMode, cell_tickets
from cockpit.sla import SlaClock, clocks


@dataclass(frozen=True, slots=True)
class TicketDetails:
    """A ticket as of the last poll, with its SLA clocks."""

    ticket: Ticket
    clocks: tuple[SlaClock, ...]
    # The server's time of the last poll ("now" for the clocks and the age).
    as_of: datetime


@dataclass(frozen=True, slots=True)
class CellTickets:
    """The tickets behind one heatmap cell, in id order."""

    queue: QueueId
    start: datetime
    bucket: timedelta
    mode: HeatmapMode
    tickets: tuple[Ticket, ...]
    as_of: datetime


def ticket_details(state: FloorState, ticket_id: TicketId) -> TicketDetails | None:
    """The ticket and its clocks; None when the floor no longer holds it."""
    ticket = state.tickets.get(ticket_id)
    if ticket is None or state.server_time is None:
        return None
    return TicketDetails(ticket, clocks(ticket, state.sla), state.server_time)


def cell_details(
    state: FloorState,
    queue: QueueId,
    start: datetime,
    *,
    bucket: timedelta,
    mode: HeatmapMode,
) -> CellTickets:
    """The tickets behind the cell (see :func:`cockpit.heatmap.cell_tickets`)."""
    if state.server_time is None:
        raise ValueError("no data yet: apply a batch first")
    ids = cell_tickets(state, queue, start, bucket=bucket, mode=mode)
    tickets = tuple(state.tickets[t] for t in ids if t in state.tickets)
    return CellTickets(queue, start, bucket, mode, tickets, state.server_time)
