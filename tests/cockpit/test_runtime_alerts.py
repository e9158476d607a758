"""The runtime's alert and floor-read wiring, without Qt: one alert engine
evaluates every view on the poll worker, acknowledgements and snoozes run on
the I/O pool and reach the alert listeners in order with who and when, the
floor can be read off the GUI thread, and the database records what the
engine logged."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from cockpit.alerts import AlertUpdate, EventKind
from cockpit.clock import ManualClock
from cockpit.metrics import FloorView
from cockpit.runtime.runtime import Runtime
from cockpit.settings import Settings
from cockpit.sim import FloorSimulator, SimConfig, SimServer
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
