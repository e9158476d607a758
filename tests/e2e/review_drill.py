"""A scripted outage on the simulator, on a manual clock, recorded the way
the cockpit records a real one: every poll through the metrics recorder,
every view through the alert engine (alerts logged in the database), the
incident run by the engine. Used by the review tests, the PDF test and
``tools/review_sample.py`` (the README's picture).

Timeline (minutes from START, one poll a minute): polls from 0; the outage
(×8 arrivals on payment, login, app crash) starts at 32; declared at 40;
notes, steps and a status update during it; one reply to the matching
open tickets at 62.5; resolved at 70; polls go on to
100, so the baseline (10, 40], the incident (40, 70] and the recovery
(70, 100] are all covered.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from cockpit.alerts import AlertEngine
from cockpit.backends.feed import FeedBackend
from cockpit.clock import ManualClock
from cockpit.domain import AgentState, Ticket
from cockpit.incidents.engine import IncidentEngine
from cockpit.incidents.playbook import load_library
from cockpit.incidents.webhooks import WebhookSender
from cockpit.recording import MetricsRecorder
from cockpit.runtime.executors import ImmediateExecutor
from cockpit.runtime.poller import Poller
from cockpit.settings import Settings
from cockpit.sim import FloorSimulator, Scenario, ScenarioKind, SimConfig, SimServer
from cockpit.store.alert_log import DbAlertLog
from cockpit.store.bundle import Stores

START = datetime(2026, 11, 11, 16, 0, tzinfo=UTC)  # midnight in Shanghai
TOKEN = "review-drill-" + "z" * 20
OUTAGE_AT = 32
DECLARE_AT = 40
BULK_AT = 62
RESOLVE_AT = 70
END_AT = 100


@dataclass
class Drill:
    sim: FloorSimulator
    server: SimServer
    clock: ManualClock
    stores: Stores
    settings: Settings
    incident_id: int = 0
    # At each poll: the time, and the distinct people on duty per the simulator.
    polls: list[tuple[datetime, int]] = field(default_factory=list)
    # At each poll: the oldest waiting customer on the floor (seconds), per the simulator.
    oldest: list[tuple[datetime, float]] = field(default_factory=list)
    # At each poll: customers waiting past their first-response target, per the simulator.
    waiting_past: list[tuple[datetime, int]] = field(default_factory=list)

    def at(self, minutes: float) -> datetime:
        return START + timedelta(minutes=minutes)

    def tickets(self) -> list[Ticket]:
        with self.server.lock:
            return self.sim.tickets()


def _truth_at_poll(drill: Drill) -> None:
    with drill.server.lock:
        on_duty = sum(1 for a in drill.sim.agents() if a.state is not AgentState.OFFLINE)
        truth = drill.sim.truth(drill.settings.sla)
    now = drill.clock.now()
    drill.polls.append((now, on_duty))
    drill.oldest.append((now, max((q.oldest_wait_s for q in truth.values()), default=0.0)))
    drill.waiting_past.append((now, sum(q.waiting_past_target for q in truth.values())))


@contextmanager
def recorded_drill(db_url: str, *, seed: int = 11) -> Iterator[Drill]:
    """Run the whole drill (see the module doc) and hand over its result."""
    sim = FloorSimulator(SimConfig.default(warmup=timedelta(hours=3)), seed=seed, start=START)
    clock = ManualClock(START)
    settings = Settings(poll_interval_s=60.0)
    stores = Stores.open(db_url)
    with SimServer(sim, clock, port=0, token=TOKEN) as server:
        with server.lock:
            sim.inject(
                Scenario(
                    ScenarioKind.OUTAGE,
                    start=START + timedelta(minutes=OUTAGE_AT),
                    multiplier=8.0,
                    duration=timedelta(minutes=RESOLVE_AT - OUTAGE_AT - 5),
                )
            )
        backend = FeedBackend(server.url, token=TOKEN)
        drill = Drill(sim, server, clock, stores, settings)
        try:
            _run(drill, backend)
            yield drill
        finally:
            backend.close()
            stores.close()


def _run(drill: Drill, backend: FeedBackend) -> None:
    immediate = ImmediateExecutor()
    poller = Poller(backend, settings=drill.settings, clock=drill.clock)
    MetricsRecorder(drill.stores.metrics, immediate).attach(poller)
    alerts = AlertEngine(
        thresholds=drill.settings.thresholds,
        log=DbAlertLog(drill.stores.alerts, immediate),
        clock=drill.clock,
    )
    poller.subscribe(on_view=alerts.evaluate)
    webhooks = WebhookSender(secrets=lambda _: None)
    engine = IncidentEngine(
        drill.stores.incidents,
        backend,
        library=load_library(),
        clock=drill.clock,
        webhooks=webhooks,
    )

    def poll_until(minute: int) -> None:
        while drill.clock.now() < drill.at(minute):
            drill.clock.advance(timedelta(minutes=1))
            assert poller.poll_once() is not None, poller.health
            _truth_at_poll(drill)

    try:
        assert poller.poll_once() is not None, poller.health
        _truth_at_poll(drill)
        poll_until(DECLARE_AT)
        change = engine.declare(
            "service_outage",
            summary="支付与登录大面积失败 · payments and log-in failing",
            who="lead-li",
            variables={"eta": "01:30"},
        )
        drill.incident_id = change.incident.id
        poll_until(DECLARE_AT + 8)
        engine.complete_step(drill.incident_id, "switch_scripts", who="lead-li")
        engine.note(drill.incident_id, "支付网关超时，技术组排查中", who="lead-li")
        poll_until(DECLARE_AT + 20)
        engine.complete_step(drill.incident_id, "inform_supervisor", who="sup-wang")
        engine.status_update(drill.incident_id, "回滚进行中，预计 01:30 恢复", who="sup-wang")
        poll_until(BULK_AT)
        # Half a minute later, one reply to every matching open ticket: many
        # first responses at once, counted by the next poll.
        drill.clock.advance(timedelta(seconds=30))
        engine.bulk_reply(drill.incident_id, "outage_ack", tickets=drill.tickets(), who="lead-li")
        drill.clock.advance(timedelta(seconds=30))
        assert poller.poll_once() is not None, poller.health
        _truth_at_poll(drill)
        poll_until(RESOLVE_AT)
        engine.resolve(drill.incident_id, summary="支付网关回滚完成", who="sup-wang")
        poll_until(END_AT)
    finally:
        engine.close()
        webhooks.close()
