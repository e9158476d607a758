"""End to end: the cockpit polls the simulator over HTTP on loopback and,
after every poll, its FloorView equals the simulator's own ground truth."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from cockpit.backends.feed import FeedBackend
from cockpit.clock import ManualClock
from cockpit.runtime.health import HealthState
from cockpit.runtime.poller import Poller
from cockpit.settings import Settings
from cockpit.sim import FloorSimulator, SimConfig, SimServer

pytestmark = pytest.mark.e2e

# 00:30 in Shanghai on a promotion night: the floor is at its busiest.
START = datetime(2026, 11, 10, 16, 30, tzinfo=UTC)
TOKEN = "e2e-token"


@pytest.fixture
def floor() -> Iterator[tuple[FloorSimulator, ManualClock, SimServer]]:
    clock = ManualClock(START)
    sim = FloorSimulator(SimConfig.default(), seed=11, start=START)
    server = SimServer(sim, clock, port=0, token=TOKEN)
    server.start()
    try:
        yield sim, clock, server
    finally:
        server.stop()


def assert_view_matches_truth(poller: Poller, sim: FloorSimulator, settings: Settings) -> None:
    view = poller.view
    assert view is not None
    assert view.generated_at == sim.now
    truth = sim.truth(settings.sla)
    assert {f.queue for f in view.queues} == set(truth)
    for figures in view.queues:
        expected = truth[figures.queue]
        got = (
            figures.open,
            figures.waiting,
            figures.oldest_wait_s,
            figures.agents_available,
            figures.agents_busy,
            figures.agents_away,
            figures.arrivals_15m,
            figures.resolutions_15m,
        )
        want = (
            expected.open,
            expected.waiting,
            pytest.approx(expected.oldest_wait_s, abs=1e-3),
            expected.agents_available,
            expected.agents_busy,
            expected.agents_away,
            expected.arrivals_15m,
            expected.resolutions_15m,
        )
        assert got == want, figures.queue
        parts = (
            figures.answered_in_target,
            figures.answered_late,
            figures.waiting_past_target,
            figures.abandoned_past_target,
        )
        assert parts == (
            expected.answered_in_target,
            expected.answered_late,
            expected.waiting_past_target,
            expected.abandoned_past_target,
        ), figures.queue
        for name in ("first_response", "resolution"):
            clock = getattr(figures, name)
            got_clock = (clock.breached, clock.at_risk, clock.met, clock.missed)
            assert got_clock == getattr(expected, name), (figures.queue, name)
        if expected.service_level is None:
            assert figures.service_level is None
        else:
            assert figures.service_level == pytest.approx(expected.service_level)


def test_every_poll_equals_the_simulators_ground_truth(floor) -> None:  # type: ignore[no-untyped-def]
    sim, clock, server = floor
    settings = Settings()
    backend = FeedBackend(server.url, token=TOKEN)
    poller = Poller(backend, settings=settings, clock=clock)
    try:
        assert poller.poll_once() is not None
        assert sum(f.open for f in poller.view.queues) > 0  # type: ignore[union-attr]
        assert_view_matches_truth(poller, sim, settings)
        for step in (5, 37, 120, 600, 1):
            clock.advance(step)
            assert poller.poll_once() is not None, poller.health
            assert_view_matches_truth(poller, sim, settings)
        assert poller.health.state is HealthState.LIVE
    finally:
        backend.close()


def test_wrong_token_is_offline_auth(floor) -> None:  # type: ignore[no-untyped-def]
    _, clock, server = floor
    backend = FeedBackend(server.url, token="wrong")
    poller = Poller(backend, settings=Settings(), clock=clock)
    try:
        assert poller.poll_once() is None
        assert poller.health.describe() == "offline: auth"
    finally:
        backend.close()
