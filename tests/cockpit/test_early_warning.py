"""The early-warning service after each poll: surges, forecast, staffing,
and backlog-recovery mode started by a resolved incident."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cockpit.domain import AgentState, QueueId
from cockpit.early_warning import EarlyWarning
from cockpit.early_warning_json import early_warning_json
from cockpit.floor import FloorState
from cockpit.metrics import QueueFigures, compute_view
from cockpit.ranking import rank_queues
from cockpit.settings import SlaSettings
from tests.cockpit.factories import QUEUES, agent, at, batch, ticket


@dataclass
class Incident:
    id: int
    declared_at: datetime
    resolved_at: datetime | None


def poll(early: EarlyWarning, state: FloorState, *tickets: object, now: float,
         full: bool = False) -> None:  # fmt: skip
    agents = (
        agent("a1", AgentState.BUSY, "logistics"),
        agent("a2", AgentState.AVAILABLE, "refund"),
    )
    b = batch(*tickets, now=now, full=full, agents=agents, queues=QUEUES)  # type: ignore[arg-type]
    state.apply(b)
    early.on_batch(b, state)
    early.on_view(compute_view(state, backend="t"))


def test_each_poll_gives_a_view_with_forecast_and_staffing_for_every_queue() -> None:
    early, state = EarlyWarning(), FloorState(SlaSettings())
    poll(early, state, ticket("A", created=-5), now=0, full=True)
    view = early.latest
    assert view is not None
    assert view.generated_at == at(0)
    assert [q.queue for q in view.forecast.queues] == ["logistics", "refund"]
    document = early_warning_json(view)
    assert document["surges"] == []
    assert [f["queue"] for f in document["forecast"]] == ["logistics", "refund"]
    assert [h["minutes"] for h in document["forecast"][0]["horizons"]] == [15, 30, 60]
    assert document["staffing"][0]["agents_online"] == 1
    assert early_warning_json(None) == {"surges": [], "forecast": [], "staffing": []}


def test_agents_needed_comes_from_the_latest_forecast() -> None:
    early, state = EarlyWarning(), FloorState(SlaSettings())
    logistics = QueueFigures(queue=QueueId("logistics"), name="logistics")
    assert early.agents_needed(logistics) is None  # no forecast yet
    # Twelve logistics tickets in the last quarter hour: a rate to staff for.
    arrivals = [ticket(f"L{i}", queue="logistics", created=-i) for i in range(12)]
    poll(early, state, *arrivals, now=0, full=True)
    latest = early.latest
    assert latest is not None
    rows = {row.queue: row.needed_now for row in latest.forecast.staffing}
    assert rows["logistics"] >= 1
    view = compute_view(state, backend="t")
    by_queue = {f.queue: f for f in view.queues}
    assert early.agents_needed(by_queue[QueueId("logistics")]) == rows["logistics"]
    # The ranking's staffing hook: one agent online on logistics.
    ranked = {r.queue: r for r in rank_queues(view.queues, agents_needed=early.agents_needed)}
    assert ranked[QueueId("logistics")].agents_needed == rows["logistics"]
    assert ranked[QueueId("logistics")].agents_short == max(0, rows["logistics"] - 1)


def test_a_resolved_incident_starts_backlog_recovery_that_ends_itself() -> None:
    early, state = EarlyWarning(), FloorState(SlaSettings())
    poll(early, state, now=-90, full=True)
    for minute in range(-89, 0):  # two waiting before; the incident piles up nine more
        new = [ticket(f"B{minute}", created=minute)] if minute in (-80, -70) else []
        if minute > -30 and minute % 3 == 0:
            new.append(ticket(f"I{minute}", created=minute))
        poll(early, state, *new, now=minute)
    early.watch_incidents([Incident(1, at(-30), None)])  # learns what exists
    assert early.latest is not None and early.latest.recovery is None  # noqa: PT018
    early.watch_incidents([Incident(1, at(-30), at(0))])
    poll(early, state, now=0)
    status = early.latest.recovery
    assert status is not None
    assert (status.baseline, status.backlog, status.done) == (2, 11, False)
    assert status.oldest[0].ticket == "B-80"
    answered = [
        ticket(t.id, created=(t.created_at - at(0)).total_seconds() / 60,
               first_response_at=at(5), updated_at=at(5))
        for t in state.tickets.values() if t.id.startswith("I")
    ]  # fmt: skip
    poll(early, state, *answered, now=5)
    assert early.latest.recovery is not None
    assert early.latest.recovery.done
    for minute in range(6, 20):
        poll(early, state, now=minute)
    assert early.latest.recovery is None  # shown a while, then gone
