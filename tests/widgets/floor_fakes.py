"""A hand-built floor and a fake runtime for the floor panels' Qt tests.

:class:`FakeFloorHost` does what ``cockpit.runtime.Runtime`` does for the
panels, on the calling thread: reads the FloorState it holds, runs a real
AlertEngine, and tells the alert listener (the bridge) about every change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future
from datetime import datetime, timedelta
from typing import Any, TypeVar

from cockpit.alerts import Alert, AlertEngine, AlertUpdate
from cockpit.clock import ManualClock
from cockpit.domain import EscalationLevel, Kind, Priority, Status, Ticket
from cockpit.floor import FloorState
from cockpit.incidents.checklist import IncidentAlert
from cockpit.metrics import FloorView, compute_view
from cockpit.runtime.executors import ImmediateExecutor
from cockpit.settings import SlaSettings
from tests.cockpit.factories import QUEUES, at, batch, ticket

T = TypeVar("T")
SECOND = 1 / 60


def urgent(tid: str, created: float, **fields: object) -> Ticket:
    """First response due 5 min after ``created``, at risk from 4 min."""
    return ticket(tid, created=created, priority=Priority.URGENT, **fields)


def hand_built_floor() -> FloorState:
    """Now is T0 + 10 min. In logistics, 30-minute columns 45, 46, 47 start at
    -60, -30 and 0 minutes: "late" breached in column 46; "edge" and
    "second" breached in column 47, "now" (due this very instant) and
    "soon" (2 min left) warned there. In refunds, a lead-level complaint
    whose customer has waited 3.5 h (its resolution breached an hour ago)
    and one at PR / legal. Urgent tickets nobody reported; web links."""
    state = FloorState(SlaSettings())
    tickets = (
        urgent("late", -30, first_response_at=at(-20)),
        urgent("met", -40, first_response_at=at(-38)),
        urgent("edge", -5, subject="付款失败", url="https://desk.example.com/t/edge"),
        urgent("now", 5, subject="物流没更新", url="javascript:alert(1)"),
        urgent("second", 5 - SECOND),
        # high: first response due 30 min after creation, warned from 24 min
        ticket("soon", created=-18, priority=Priority.HIGH, assignee="agent-7"),
        ticket(
            "angry",
            "refund",
            created=-300,
            kind=Kind.COMPLAINT,
            priority=Priority.HIGH,
            first_response_at=at(-290),
            escalation=EscalationLevel.LEAD,
            escalated_at=at(-200),
            assignee="lead-li",
            subject="退款三天未到账",
        ),
        ticket(
            "pr",
            "refund",
            created=-100,
            kind=Kind.COMPLAINT,
            first_response_at=at(-95),
            escalation=EscalationLevel.PR_LEGAL,
            escalated_at=at(-60),
            last_customer_update_at=at(-30),
        ),
        ticket("quiet", created=-2, status=Status.OPEN),
    )
    state.apply(batch(*tickets, now=10, full=True, queues=QUEUES))
    return state


def floor_view(state: FloorState) -> FloorView:
    return compute_view(state, backend="sim://127.0.0.1:8765")


class FakeFloorHost:
    """The floor panels' runtime, synchronous: ops run at once on the caller's thread."""

    def __init__(self, state: FloorState, *, now: datetime | None = None) -> None:
        self.state = state
        self.clock = ManualClock(now or state.server_time or at(10))
        self.engine = AlertEngine(clock=self.clock, ids=_ids())
        self.reads = 0
        self._listeners: list[Callable[[AlertUpdate], None]] = []
        self._seq = 0

    # --- what the panels call ------------------------------------------------------

    def subscribe_alerts(self, *, on_alerts: Callable[[AlertUpdate], None]) -> None:
        self._listeners.append(on_alerts)

    def acknowledge_alert(self, alert_id: str, *, who: str) -> Alert:
        alert = self.engine.acknowledge(alert_id, who)
        self._publish_since()
        return alert

    def snooze_alert(self, alert_id: str, *, duration: timedelta, who: str) -> Alert:
        alert = self.engine.snooze(alert_id, until=self.clock.now() + duration, who=who)
        self._publish_since()
        return alert

    def run_floor_op(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return ImmediateExecutor().submit(fn, *args, **kwargs)

    def read_floor(self, fn: Callable[[FloorState], T]) -> T:
        self.reads += 1
        return fn(self.state)

    # --- what the poll worker would do ---------------------------------------------

    def evaluate(self, view: FloorView) -> AlertUpdate:
        update = self.engine.evaluate(view)
        self._publish(update)
        return update

    # --- what the database worker would do after an incident tick -------------------

    def observe_incidents(self, alerts: Sequence[IncidentAlert], now: datetime) -> AlertUpdate:
        update = self.engine.observe_incidents(alerts, now)
        self._publish(update)
        return update

    def _publish_since(self) -> None:
        events = tuple(self.engine.log.events(since=self._seq))
        self._publish(AlertUpdate(events, self.engine.active()))

    def _publish(self, update: AlertUpdate) -> None:
        if update.events:
            self._seq = update.events[-1].seq
        for listener in self._listeners:
            listener(update)


def _ids() -> Callable[[], str]:
    counter = iter(range(1, 10_000))
    return lambda: f"A{next(counter)}"
