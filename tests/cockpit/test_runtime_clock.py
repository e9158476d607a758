"""One time base in the running cockpit: the incident engine, the alerts and
the housekeeping all stamp with the backend's time, learnt from the polls,
with the wall clock kept beside incident events."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cockpit.clock import ScaledClock
from cockpit.metrics import FloorView
from cockpit.runtime.runtime import Runtime
from cockpit.settings import Settings
from cockpit.sim import FloorSimulator, SimConfig, SimServer
from cockpit.timebase import TimeBase

TOKEN = "runtime-clock-" + "c" * 20
# Weeks before the wall clock: a stamp on wall time would be far off.
START = datetime(2026, 11, 10, 16, 30, tzinfo=UTC)


@pytest.fixture
def sim_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("COCKPIT_FEED_TOKEN", TOKEN)
    sim = FloorSimulator(SimConfig.default(), seed=3, start=START)
    # A running clock: an answer whose time stands still is not news (frozen).
    with SimServer(sim, ScaledClock(START), port=0, token=TOKEN) as server:
        yield "sim://" + server.url.removeprefix("http://")


def _wait(done: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_incidents_alerts_and_housekeeping_share_the_backends_clock(
    sim_url: str, tmp_path: Path
) -> None:
    settings = Settings(poll_interval_s=0.3, database_url=f"sqlite:///{tmp_path / 'c.db'}")
    runtime = Runtime(settings, backend_url=sim_url, incident_tick_s=0.2)
    views: list[FloorView] = []
    runtime.subscribe(on_view=views.append, on_health=lambda _h: None)
    try:
        runtime.start()
        _wait(lambda: len(views) >= 2 and runtime.engine is not None)
        assert runtime.clock.base is TimeBase.BACKEND
        assert START <= runtime.clock.now() < START + timedelta(minutes=2)
        engine = runtime.require_engine()
        assert engine.ctx.clock is runtime.clock
        assert runtime.alerts._clock is runtime.clock
        housekeeping = runtime.housekeeping
        assert housekeeping is not None
        assert housekeeping._clock is runtime.clock

        def declare() -> int:
            change = engine.declare("desk_failure", summary="drill", who="test", auto=False)
            return change.incident.id

        incident_id = runtime.run_op(declare).result(timeout=10)
        incident = engine.incident(incident_id)
        assert START <= incident.declared_at < START + timedelta(minutes=2)
        event = engine.timeline(incident_id)[0]
        assert event.time_base == TimeBase.BACKEND.value
        assert event.wall_at is not None
        assert abs(event.wall_at - datetime.now(UTC)) < timedelta(minutes=1)
    finally:
        runtime.shutdown()


def test_the_clock_rate_is_fixed_where_it_is_known() -> None:
    from cockpit.timebase import clock_rate

    assert clock_rate(None, 60.0) == 60.0  # the built-in simulator
    assert clock_rate("sim://127.0.0.1:8765", 1.0) is None  # learnt: any speed
    assert clock_rate("feed+https://desk.example/", 1.0) is None
    assert clock_rate("zammad+https://desk.example/", 1.0) == 1.0
