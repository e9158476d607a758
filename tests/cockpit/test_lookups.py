"""Looking up one ticket and the tickets behind a heatmap cell, on a
hand-built floor (what the GUI asks for on a worker)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cockpit.domain import Priority, QueueId, TicketId
from cockpit.floor import FloorState
from cockpit.heatmap import HeatmapMode, build_heatmap
from cockpit.lookups import cell_details, ticket_details
from cockpit.settings import SlaSettings
from cockpit.sla import ClockKind, SlaState
from tests.cockpit.factories import QUEUES, at, batch, ticket

LOG = QueueId("logistics")


@pytest.fixture
def floor() -> FloorState:
    state = FloorState(SlaSettings())
    state.apply(
        batch(
            ticket("late", created=-30, priority=Priority.URGENT, first_response_at=at(-20)),
            ticket("edge", created=-5, priority=Priority.URGENT, subject="付款失败"),
            ticket("calm", created=-1),
            now=10,
            full=True,
            queues=QUEUES,
        )
    )
    return state


def test_one_ticket_with_its_clocks(floor: FloorState) -> None:
    details = ticket_details(floor, TicketId("edge"))
    assert details is not None
    assert details.ticket.subject == "付款失败"
    assert details.as_of == at(10)
    (first,) = [c for c in details.clocks if c.kind is ClockKind.FIRST_RESPONSE]
    assert first.due_at == at(0)
    assert first.state(details.as_of) is SlaState.BREACHED
    assert ticket_details(floor, TicketId("gone")) is None


def test_the_tickets_behind_a_cell(floor: FloorState) -> None:
    grid = build_heatmap(floor)
    found = cell_details(
        floor, LOG, grid.starts[-1], bucket=timedelta(minutes=30), mode=HeatmapMode.BREACHES
    )
    assert [t.id for t in found.tickets] == ["edge"]
    assert (found.queue, found.start, found.as_of) == (LOG, grid.starts[-1], at(10))
    earlier = cell_details(
        floor, LOG, grid.starts[-2], bucket=timedelta(minutes=30), mode=HeatmapMode.AT_RISK
    )
    assert [t.id for t in earlier.tickets] == ["edge", "late"]


def test_no_floor_yet() -> None:
    with pytest.raises(ValueError, match="no data yet"):
        cell_details(
            FloorState(SlaSettings()),
            LOG,
            at(0),
            bucket=timedelta(minutes=30),
            mode=HeatmapMode.BREACHES,
        )
