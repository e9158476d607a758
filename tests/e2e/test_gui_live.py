"""The real window on the real runtime, polling a simulator over HTTP: rows
appear after the first poll, health turns stale when the simulator stops and
live again when it returns, and shutdown leaves no thread behind."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cockpit.clock import ScaledClock
from cockpit.runtime.health import HealthState
from cockpit.runtime.runtime import Runtime
from cockpit.settings import Settings
from cockpit.sim import FloorSimulator, SimConfig, SimServer
from widgets.app import CockpitSession, Translations

pytestmark = pytest.mark.e2e
START = datetime(2026, 11, 10, 16, 30, tzinfo=UTC)


@pytest.fixture
def simulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FloorSimulator, ScaledClock]]:
    monkeypatch.setenv("COCKPIT_FEED_TOKEN", "gui-e2e")
    # The floor's clock must move: the same answer over and over is not live.
    return FloorSimulator(SimConfig.default(), seed=5, start=START), ScaledClock(START, 10)


def test_window_follows_the_simulator_and_its_outage(
    qtbot: QtBot, qapp: QApplication, simulator: tuple[FloorSimulator, ScaledClock], tmp_path
) -> None:  # type: ignore[no-untyped-def]
    sim, clock = simulator
    server = SimServer(sim, clock, port=0, token="gui-e2e")
    server.start()
    port = int(server.url.rsplit(":", 1)[1])
    settings = Settings(poll_interval_s=0.2, stale_after_polls=3)
    runtime = Runtime(settings, backend_url=f"sim://127.0.0.1:{port}")
    state = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    session = CockpitSession(qapp, runtime, translations=Translations(qapp), state=state)
    health = []
    session.bridge.healthChanged.connect(lambda h: health.append(h.state))
    try:
        session.start()
        model = session.window.queue_panel.model
        qtbot.waitUntil(lambda: model.rowCount() == len(sim.queues()), timeout=15_000)
        qtbot.waitUntil(lambda: health[-1] is HealthState.LIVE, timeout=5_000)

        server.stop()
        qtbot.waitUntil(lambda: health[-1] is HealthState.STALE, timeout=15_000)
        assert "stale" in session.window.status.health_badge.property("health")

        server = SimServer(sim, clock, port=port, token="gui-e2e")
        server.start()
        runtime.poll_now()
        qtbot.waitUntil(lambda: health[-1] is HealthState.LIVE, timeout=15_000)
    finally:
        session.shutdown()
        server.stop()
    assert not [t for t in threading.enumerate() if t.name.startswith(("cockpit", "APScheduler"))]
