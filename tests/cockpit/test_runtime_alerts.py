"""The runtime's alert and floor-read wiring, without Qt: one alert engine
evaluates every view on the poll worker, acknowledgements and snoozes run on
the I/O pool and reach the alert listeners in order with who and when, the
floor can be read off the GUI thread, the incident engine's overdue
checklist steps join the same alerts, and the database records what the
engine logged."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from cockpit.alert_rules import AlertRule, Severity
from cockpit.alerts import AlertUpdate, EventKind
from cockpit.clock import ManualClock
from cockpit.incidents.model import Action
from cockpit.incidents.playbook import load_library
from cockpit.metrics import FloorView
from cockpit.runtime.runtime import Runtime
from cockpit.settings import Settings
from cockpit.sim import FloorSimulator, SimConfig, SimServer
from cockpit.store.incidents import IncidentStore, NewEvent
from cockpit.store.models import AlertEventRow

TOKEN = "runtime-alerts-" + "z" * 20
# 00:30 in Shanghai: the promotion-night peak, when urgent tickets breach.
START = datetime(2026, 11, 10, 16, 30, tzinfo=UTC)


@pytest.fixture
def sim_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("COCKPIT_FEED_TOKEN", TOKEN)
    sim = FloorSimulator(SimConfig.default(), seed=3, start=START)
    with SimServer(sim, ManualClock(START), port=0, token=TOKEN) as server:
        yield "sim://" + server.url.removeprefix("http://")


def _wait(done: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_alerts_follow_the_polls_and_record_who_acted(sim_url: str, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cockpit.db'}"
    runtime = Runtime(Settings(poll_interval_s=0.3, database_url=db), backend_url=sim_url)
    updates: list[AlertUpdate] = []
    views: list[FloorView] = []
    threads: set[str] = set()

    def on_alerts(update: AlertUpdate) -> None:
        threads.add(threading.current_thread().name)
        updates.append(update)

    runtime.subscribe(on_view=views.append, on_health=lambda _h: None)
    runtime.subscribe_alerts(on_alerts=on_alerts)
    try:
        runtime.start()
        _wait(lambda: bool(views) and any(u.active for u in updates))
        assert runtime.housekeeping is not None
        alert = next(u for u in updates if u.active).active[0]
        assert "count" in alert.details or alert.queue is not None

        acked = runtime.run_floor_op(runtime.acknowledge_alert, alert.id, who="sup-wang")
        assert acked.result(timeout=10).acknowledged_by == "sup-wang"
        snoozed = runtime.run_floor_op(
            runtime.snooze_alert, alert.id, duration=timedelta(minutes=15), who="lead-li"
        ).result(timeout=10)
        assert snoozed.snoozed_by == "lead-li"
        _wait(lambda: any(e.kind is EventKind.SNOOZED for e in updates[-1].events))
        acts = [(e.kind, e.who) for u in updates for e in u.events if e.who is not None]
        assert acts == [(EventKind.ACKNOWLEDGED, "sup-wang"), (EventKind.SNOOZED, "lead-li")]
        (latest,) = [a for a in updates[-1].active if a.id == alert.id]
        assert latest.acknowledged_by == "sup-wang"
        seqs = [e.seq for u in updates for e in u.events]
        assert seqs == sorted(seqs)

        # the floor, read on the I/O pool under the poll lock
        count = runtime.run_floor_op(runtime.read_floor, lambda state: len(state.tickets))
        assert count.result(timeout=10) > 0

        # the database writer stores what the engine logged, before and after it opened
        _wait(lambda: ("snoozed", "lead-li") in _stored(db))
        stored = _stored(db)
        assert ("acknowledged", "sup-wang") in stored
        assert stored.count(("raised", None)) >= len(updates[0].events)
    finally:
        runtime.shutdown()
    assert "MainThread" not in threads


def _stored(url: str) -> list[tuple[str, str | None]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(AlertEventRow.kind, AlertEventRow.who)).all()
    finally:
        engine.dispose()
    return [(kind, who) for kind, who in rows]


def test_overdue_checklist_steps_join_the_alerts(sim_url: str, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cockpit.db'}"
    incident_id = _incident_declared(db, minutes_ago=20)  # two 15-minute steps are overdue
    settings = Settings(poll_interval_s=0.3, database_url=db)
    runtime = Runtime(settings, backend_url=sim_url, incident_tick_s=0.2)
    updates: list[AlertUpdate] = []
    runtime.subscribe_alerts(on_alerts=updates.append)
    try:
        runtime.start()
        _wait(lambda: _overdue(updates) == {"inform_supervisor", "switch_scripts"})
        alert = next(a for a in updates[-1].active if a.rule is AlertRule.CHECKLIST_OVERDUE)
        assert alert.severity is Severity.CRITICAL  # a critical incident
        assert alert.details["incident"] == incident_id
        assert float(str(alert.details["overdue_s"])) >= 5 * 60

        def done() -> None:
            engine = runtime.require_engine()
            engine.complete_step(incident_id, "switch_scripts", who="lead-li")

        runtime.run_op(done).result(timeout=10)
        _wait(lambda: _overdue(updates) == {"inform_supervisor"})  # cleared on the next tick
        _wait(lambda: ("cleared", "switch_scripts") in _stored_steps(db))
        assert ("raised", "inform_supervisor") in _stored_steps(db)
    finally:
        runtime.shutdown()


def _overdue(updates: list[AlertUpdate]) -> set[str]:
    if not updates:
        return set()
    active = updates[-1].active
    return {str(a.details["step"]) for a in active if a.rule is AlertRule.CHECKLIST_OVERDUE}


def _incident_declared(db: str, *, minutes_ago: float) -> int:
    """An open service outage, declared a while ago (by another desk)."""
    playbook = load_library().get("service_outage")
    declared = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    store = IncidentStore.open(db)
    try:
        created = store.create(
            kind=playbook.kind,
            playbook_id=playbook.id,
            playbook=playbook.to_json(),
            severity=playbook.severity,
            summary="登录失败激增",
            variables={},
            declared=NewEvent(Action.DECLARE.value, "lead-li", declared),
        )
        assert created is not None
        return created[0].id
    finally:
        store.close()


def _stored_steps(url: str) -> list[tuple[str, str]]:
    """(kind, step) of the stored checklist alert events."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            query = select(AlertEventRow.kind, AlertEventRow.details).where(
                AlertEventRow.rule == AlertRule.CHECKLIST_OVERDUE.value
            )
            rows = connection.execute(query).all()
    finally:
        engine.dispose()
    return [(kind, str(details.get("step"))) for kind, details in rows]


def test_the_runtime_alerts_use_the_settings_targets_and_repeats() -> None:
    from cockpit.domain import Priority
    from cockpit.settings import AlertSettings, SlaSettings, SlaTarget

    sla = SlaSettings(queue_overrides={"refund": {Priority.MEDIUM: SlaTarget(first_response_s=60)}})
    settings = Settings(sla=sla, alerts=AlertSettings(repeat_critical_s=60))
    runtime = Runtime(settings)
    try:
        assert runtime.alerts.sla is sla
        assert runtime.alerts.settings.repeat_critical_s == 60
        assert runtime.alerts.thresholds is settings.thresholds
    finally:
        runtime.shutdown()
