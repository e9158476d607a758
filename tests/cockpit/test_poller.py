"""The poller: merging, health transitions and backoff, on a manual clock."""

from __future__ import annotations

import threading
from datetime import timedelta

from cockpit.backends.base import AuthError, BackendUnreachable, RateLimited
from cockpit.clock import ManualClock
from cockpit.domain import Batch, Priority
from cockpit.metrics import FloorView
from cockpit.runtime.health import Health, HealthState
from cockpit.runtime.poller import Poller
from cockpit.settings import EscalationSettings, Settings
from tests.cockpit.factories import QUEUES, T0, batch, ticket
from tests.cockpit.fakes import FakeBackend


class Harness:
    def __init__(self, *answers: object) -> None:
        self.clock = ManualClock(T0)
        self.mono = [0.0]
        self.backend = FakeBackend(*answers)  # type: ignore[arg-type]
        self.poller = Poller(
            self.backend,
            settings=Settings(poll_interval_s=5, stale_after_polls=3),
            clock=self.clock,
            monotonic=lambda: self.mono[0],
        )
        self.views: list[FloorView] = []
        self.healths: list[Health] = []
        self.poller.subscribe(on_view=self.views.append, on_health=self.healths.append)

    def tick(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.mono[0] += seconds


FULL = batch(ticket("a"), full=True, queues=QUEUES, cursor="10")


def test_first_poll_is_full_then_incremental_with_the_cursor() -> None:
    h = Harness(FULL, batch(ticket("b"), cursor="11"))
    h.poller.poll_once()
    h.poller.poll_once()
    assert h.backend.cursors == [None, "10"]
    assert [f.open for f in h.views[-1].queues] == [2, 0]
    assert h.poller.health.state is HealthState.LIVE


def test_health_degrades_then_turns_stale_then_recovers() -> None:
    down = BackendUnreachable("connection refused")
    h = Harness(FULL, down, down, batch(cursor="12"))
    h.poller.poll_once()
    h.tick(5)
    h.poller.poll_once()
    assert h.poller.health.state is HealthState.DEGRADED
    assert h.poller.health.reason == "unreachable"
    h.tick(10)  # data now 15 s old = 3 polls
    h.poller.refresh_health()
    assert h.poller.health.state is HealthState.STALE
    h.tick(60)  # past any backoff
    h.poller.poll_once()
    h.tick(60)
    h.poller.poll_once()
    assert h.poller.health.state is HealthState.LIVE
    assert [x.state for x in h.healths] == [
        HealthState.LIVE,
        HealthState.DEGRADED,
        HealthState.STALE,
        HealthState.LIVE,
    ]


def test_failures_back_off_exponentially() -> None:
    down = BackendUnreachable("refused")
    h = Harness(FULL, down)
    h.poller.poll_once()
    h.poller.poll_once()  # failure 1: wait ~5 s
    calls = len(h.backend.cursors)
    h.tick(3)
    assert h.poller.poll_once() is None
    assert len(h.backend.cursors) == calls  # skipped: still backing off
    h.tick(4)
    h.poller.poll_once()  # failure 2: wait ~10 s
    assert len(h.backend.cursors) == calls + 1
    h.tick(7)
    h.poller.poll_once()
    assert len(h.backend.cursors) == calls + 1


def test_auth_failure_is_offline_and_does_not_storm() -> None:
    h = Harness(AuthError("HTTP 401"))
    for _ in range(5):
        h.poller.poll_once()
        h.tick(5)
    assert h.poller.health.state is HealthState.OFFLINE
    assert h.poller.health.describe() == "offline: auth"
    assert len(h.backend.cursors) == 1


def test_retry_after_is_honoured() -> None:
    h = Harness(FULL, RateLimited("slow down", retry_after=120), batch(cursor="11"))
    h.poller.poll_once()
    h.poller.poll_once()
    h.tick(100)
    h.poller.poll_once()
    assert len(h.backend.cursors) == 2
    h.tick(30)
    h.poller.poll_once()
    assert len(h.backend.cursors) == 3


def test_poll_now_skips_the_backoff() -> None:
    h = Harness(FULL, BackendUnreachable("refused"), batch(cursor="11"))
    h.poller.poll_once()
    h.poller.poll_once()
    h.poller.poll_now()
    h.poller.poll_once()
    assert h.poller.health.state is HealthState.LIVE


def test_a_bug_in_a_listener_does_not_stop_polling() -> None:
    h = Harness(FULL)

    def broken(view: FloorView) -> None:
        raise RuntimeError("listener bug")

    h.poller.subscribe(on_view=broken)
    h.poller.poll_once()
    assert len(h.views) == 1


def test_scheduled_polls_run_on_a_worker_and_shut_down_cleanly() -> None:
    polls = iter(range(1_000_000))

    def answer(cursor: str | None) -> Batch:
        # The server's clock moves on between polls (a frozen one is not live).
        return batch(ticket("a"), now=next(polls), full=cursor is None, queues=QUEUES)

    backend = FakeBackend(answer)
    poller = Poller(backend, settings=Settings(poll_interval_s=0.2))
    seen = threading.Event()
    threads: set[str] = set()

    def on_view(view: FloorView) -> None:
        threads.add(threading.current_thread().name)
        if len(backend.cursors) >= 3:
            seen.set()

    poller.subscribe(on_view=on_view)
    poller.start()
    try:
        assert seen.wait(timeout=10)
        poller.set_interval(0.3)
    finally:
        poller.shutdown()
    assert threading.current_thread().name not in threads
    assert backend.cursors[:2] == [None, "1"]


def test_stale_threshold_follows_the_interval() -> None:
    h = Harness(FULL, BackendUnreachable("refused"))
    h.poller.poll_once()
    h.poller.set_interval(1)
    h.tick(1)
    h.poller.poll_once()
    h.clock.advance(timedelta(seconds=2))
    h.poller.refresh_health()
    assert h.poller.health.state is HealthState.STALE


def test_views_follow_the_escalation_settings() -> None:
    """ViewOptions come from the settings: a tighter urgent-report limit flags sooner."""
    urgent = ticket("u", priority=Priority.URGENT, created=-3)
    answers = (batch(urgent, full=True, queues=QUEUES, now=0),)
    views = []
    for limit in (5 * 60, 60):
        settings = Settings(escalations=EscalationSettings(urgent_report_s=limit))
        poller = Poller(FakeBackend(*answers), settings=settings, clock=ManualClock(T0))
        views.append(poller.poll_once())
    default, tight = views
    assert default is not None
    assert tight is not None
    assert default.escalation_summary.urgent_not_reported == 0
    assert tight.escalation_summary.urgent_not_reported == 1


def test_read_sees_the_floor_and_is_not_held_up_by_a_slow_fetch() -> None:
    fetching, release = threading.Event(), threading.Event()

    def slow(cursor: str | None) -> Batch:
        if cursor is not None:
            fetching.set()
            assert release.wait(10)
        return batch(ticket("a"), full=cursor is None, queues=QUEUES, cursor="1")

    poller = Poller(FakeBackend(slow), settings=Settings(), clock=ManualClock(T0))
    poller.poll_once()
    worker = threading.Thread(target=poller.poll_once, name="test-slow-poll")
    worker.start()
    try:
        assert fetching.wait(10)
        # the second poll is waiting on the network: reads go through meanwhile
        assert poller.read(lambda state: sorted(state.tickets)) == ["a"]
    finally:
        release.set()
        worker.join(10)


def test_a_slow_full_load_is_not_stale_the_moment_it_lands() -> None:
    """The data is as old as the answer: a full load that took longer than
    the stale limit (3 polls of 5 s) reads live, and ages from its answer."""
    h = Harness()

    class SlowBackend(FakeBackend):
        def fetch(self, cursor: str | None) -> Batch:
            h.tick(20)  # the pages took 20 s to come in
            return super().fetch(cursor)

    h.backend = SlowBackend(FULL)  # type: ignore[arg-type]
    h.poller.backend = h.backend
    h.poller.poll_once()
    h.poller.refresh_health()
    assert h.poller.health.state is HealthState.LIVE
    assert h.poller.health.last_success == h.clock.now()
    assert h.poller.health.last_attempt == h.clock.now() - timedelta(seconds=20)
    h.tick(15)
    h.poller.refresh_health()
    assert h.poller.health.state is HealthState.STALE
