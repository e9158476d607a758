"""Fixtures for the fault tests: one small simulated floor per module (its
clock runs 60 times real time, so the data keeps moving), and per test a
fresh fault proxy, runtime, bridge and status bar."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cockpit.clock import ScaledClock
from cockpit.runtime.runtime import Runtime
from cockpit.sim import SimServer
from tests.faults.proxy import FaultProxy
from tests.faults.rig import START, TOKEN, Heartbeat, Rig, fault_settings, small_floor
from widgets.bridge import Bridge
from widgets.status_bar import StatusBarView


@pytest.fixture(scope="module")
def sim_server() -> Iterator[SimServer]:
    server = SimServer(small_floor(), ScaledClock(START, 60), port=0, token=TOKEN)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def rig(
    qtbot: QtBot, qapp: QApplication, sim_server: SimServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Rig]:
    monkeypatch.setenv("COCKPIT_FEED_TOKEN", TOKEN)
    proxy = FaultProxy(sim_server.url)
    proxy.start()
    runtime = Runtime(fault_settings(), backend_url=f"sim://127.0.0.1:{proxy.port}")
    bridge = Bridge()
    bar = StatusBarView(backend_url=runtime.backend_url)
    qtbot.addWidget(bar)
    bar.bind(bridge)
    rig = Rig(qtbot, proxy, sim_server.url, runtime, bridge, bar, Heartbeat())
    bridge.attach(runtime)
    bridge.healthChanged.connect(rig.healths.append)
    runtime.start()
    rig.heartbeat.start()
    try:
        rig.wait(lambda: runtime.poller is not None)
        assert runtime.poller is not None
        runtime.poller.subscribe(on_batch=lambda batch, _state: rig.batches.append(batch))
        yield rig
    finally:
        rig.heartbeat.stop()
        bridge.detach()
        proxy.set_fault(proxy.fault.__class__.NONE)
        runtime.shutdown()
        proxy.stop()
