"""A bigger floor's full load (many 1,000-ticket pages) through the proxy:
decoding and merging run on the poll worker and never hold the GUI thread
for 100 ms or more."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cockpit.clock import ScaledClock
from cockpit.runtime.health import HealthState
from cockpit.runtime.runtime import Runtime
from cockpit.sim import FloorSimulator, SimConfig, SimServer
from tests.faults.proxy import TICKETS, FaultProxy
from tests.faults.rig import START, TOKEN, Heartbeat, fault_settings
from widgets.bridge import Bridge

pytestmark = pytest.mark.e2e


@pytest.fixture
def big_server() -> Iterator[SimServer]:
    config = SimConfig(tickets_per_day=40_000, warmup=timedelta(hours=12), promotion_night=False)
    sim = FloorSimulator(config, seed=3, start=START)
    server = SimServer(sim, ScaledClock(START, 10), port=0, token=TOKEN)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_a_full_load_of_many_pages_does_not_stall_the_gui(
    qtbot: QtBot, qapp: QApplication, big_server: SimServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COCKPIT_FEED_TOKEN", TOKEN)
    pages = 12  # at least: the floor holds over 12,000 tickets
    proxy = FaultProxy(big_server.url)
    proxy.start()
    settings = fault_settings().model_copy(update={"poll_interval_s": 1.0})
    runtime = Runtime(settings, backend_url=f"sim://127.0.0.1:{proxy.port}")
    bridge = Bridge()
    bridge.attach(runtime)
    heartbeat = Heartbeat()
    try:
        runtime.start()
        heartbeat.start()
        qtbot.waitUntil(
            lambda: (
                bridge.last_health is not None
                and bridge.last_health.state is HealthState.LIVE
                and bridge.last_view is not None
                and len(proxy.requests(path=TICKETS)) >= pages + 3
            ),
            timeout=60_000,
        )
        heartbeat.stop()
    finally:
        bridge.detach()
        runtime.shutdown()
        proxy.stop()
    assert bridge.last_view is not None
    assert sum(f.open for f in bridge.last_view.queues) > 0
    print(
        f"full load: max GUI stall {heartbeat.max_gap_s * 1000:.0f} ms "
        f"(wall {heartbeat.max_wall_gap_s * 1000:.0f} ms)"
    )
    assert heartbeat.max_gap_s < 0.100, f"GUI stalled {heartbeat.max_gap_s:.3f} s"
