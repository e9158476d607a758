"""Breach forecast and staffing on hand-built floors."""

from __future__ import annotations

import pytest

from cockpit.domain import AgentState, Batch, Priority, Ticket
from cockpit.floor import FloorState
from cockpit.forecast import Forecaster, move, what_if
from cockpit.metrics import compute_view
from cockpit.settings import SlaSettings
from tests.cockpit.factories import QUEUES, agent, at, ticket


def answered(n: int, queue: str, *, prefix: str) -> list[Ticket]:
    """``n`` tickets answered within the last 15 minutes (one a minute)."""
    return [
        ticket(f"{prefix}{i}", queue, created=-14 + i - 1, first_response_at=at(-14 + i))
        for i in range(n)
    ]


def floor(tickets: list[Ticket], agents: list[object]) -> tuple[FloorState, Forecaster]:
    state = FloorState(SlaSettings())
    batch = Batch(tuple(tickets), "1", at(0), agents=tuple(agents), queues=QUEUES, full=True)  # type: ignore[arg-type]
    state.apply(batch)
    forecaster = Forecaster()
    forecaster.observe(tickets)
    return state, forecaster


def overloaded() -> tuple[FloorState, Forecaster]:
    # Logistics: 2 busy agents answered 10 tickets in 15 min (one each 3 min);
    # 12 urgent tickets wait, due 1–12 minutes from now (created 4–-7 min ago).
    waiting = [
        ticket(f"W{i}", "logistics", created=-4 + i, priority=Priority.URGENT) for i in range(12)
    ]
    calm = answered(3, "refund", prefix="R")
    agents = [
        agent("a1", AgentState.BUSY, "logistics"),
        agent("a2", AgentState.BUSY, "logistics"),
        *(agent(f"r{i}", AgentState.AVAILABLE, "refund") for i in range(6)),
        agent("r9", AgentState.BUSY, "refund"),
    ]
    return floor([*answered(10, "logistics", prefix="A"), *waiting, *calm], agents)


def test_a_backlog_of_urgent_tickets_forecasts_breaches() -> None:
    state, forecaster = overloaded()
    result = forecaster.forecast(compute_view(state, backend="t"), state)
    logistics = next(q for q in result.queues if q.queue == "logistics")
    assert logistics.waiting == 12
    assert logistics.capacity_per_min == pytest.approx(10 / 15, rel=1e-3)
    h15, h30, h60 = logistics.horizons
    # 12 clocks due within 12 min, 2/3 answered a minute: about 4 met, 8 late.
    assert h15.due >= 12
    assert 6 <= h15.breaches <= 10
    assert h15.breaches <= h30.breaches <= h60.breaches
    assert h15.service_level == pytest.approx(1 - h15.breaches / h15.due, abs=0.05)
    refund = next(q for q in result.queues if q.queue == "refund")
    assert all(h.breaches == 0 for h in refund.horizons)


def test_staffing_says_who_is_short_and_suggests_a_move() -> None:
    state, forecaster = overloaded()
    result = forecaster.forecast(compute_view(state, backend="t"), state)
    rows = {r.queue: r for r in result.staffing}
    logistics, refund = rows["logistics"], rows["refund"]  # type: ignore[index]
    assert logistics.agents_online == 2
    assert logistics.needed_now > logistics.agents_online
    assert refund.needed_now < refund.agents_online
    suggestion = logistics.move
    assert suggestion is not None
    assert (suggestion.source, suggestion.target) == ("refund", "logistics")
    assert suggestion.agents == logistics.needed_forecast - logistics.agents_online
    assert suggestion.target_service_level >= logistics.target
    assert suggestion.target_service_level == what_if(logistics, 2 + suggestion.agents)
    assert refund.move is None


def test_a_move_that_cannot_happen_says_why() -> None:
    state, forecaster = overloaded()
    rows = {
        r.queue: r for r in forecaster.forecast(compute_view(state, backend="t"), state).staffing
    }
    with pytest.raises(ValueError, match="cannot move 9"):
        move(rows, "logistics", "refund", 9)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="same"):
        move(rows, "refund", "refund", 1)  # type: ignore[arg-type]


def test_an_empty_floor_forecasts_nothing() -> None:
    state, forecaster = floor([], [])
    result = forecaster.forecast(compute_view(state, backend="t"), state)
    for q in result.queues:
        assert [h.breaches for h in q.horizons] == [0, 0, 0]
    assert all(r.needed_now == 0 for r in result.staffing)
