"""End to end on the simulator over loopback: an outage piles up a backlog;
after it, backlog-recovery mode follows the backlog down and ends itself,
and the timeout warnings acted on agree with the floor's own record."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from cockpit.acted_on import ActedOnTracker
from cockpit.backends.feed import FeedBackend
from cockpit.clock import ManualClock
from cockpit.early_warning import EarlyWarning
from cockpit.floor import FloorState
from cockpit.runtime.poller import Poller
from cockpit.settings import Settings
from cockpit.sim import FloorSimulator, Scenario, ScenarioKind, SimConfig, SimServer
from cockpit.sla import clocks

pytestmark = pytest.mark.e2e

START = datetime(2026, 11, 10, 6, 0, tzinfo=UTC)  # 14:00 in Shanghai
TOKEN = "e2e-token"
POLL = timedelta(seconds=15)


@pytest.fixture
def floor() -> Iterator[tuple[FloorSimulator, ManualClock, SimServer]]:
    clock = ManualClock(START)
    sim = FloorSimulator(SimConfig.default(warmup=timedelta(hours=6)), seed=9, start=START)
    server = SimServer(sim, clock, port=0, token=TOKEN)
    server.start()
    try:
        yield sim, clock, server
    finally:
        server.stop()


def missed_truth(state: FloorState, start: datetime, end: datetime) -> int:
    """Clocks due in (start, end] that ran past due with no escalation
    between their warn and due instants."""
    missed = 0
    for ticket in state.tickets.values():
        for clock in clocks(ticket, state.sla):
            if not start < clock.due_at <= end:
                continue
            if clock.halted_at is not None and clock.halted_at <= clock.due_at:
                continue
            escalated = ticket.escalated_at
            if escalated is not None and clock.warn_at <= escalated <= clock.due_at:
                continue
            missed += 1
    return missed


def test_recovery_and_acted_on_rate_after_an_outage(floor) -> None:  # type: ignore[no-untyped-def]
    sim, clock, server = floor
    backend = FeedBackend(server.url, token=TOKEN)
    poller = Poller(backend, settings=Settings(), clock=clock)
    early, tracker = EarlyWarning(), ActedOnTracker()
    early.attach(poller)
    tracker.attach(poller)
    state: list[FloorState] = []
    poller.subscribe(on_batch=lambda batch, s: state.append(s) if not state else None)
    try:

        def poll(minutes: float) -> None:
            for _ in range(round(minutes * 60 / POLL.total_seconds())):
                clock.advance(POLL)
                assert poller.poll_once() is not None

        assert poller.poll_once() is not None
        poll(60)  # an hour of history: the baseline
        declared = clock.now()
        sim.inject(Scenario(ScenarioKind.OUTAGE, start=declared, duration=timedelta(minutes=15),
                            multiplier=4.0))  # fmt: skip
        poll(15)
        early.resolved(declared_at=declared, resolved_at=clock.now())
        poll(0.25)
        assert early.latest is not None
        status = early.latest.recovery
        assert status is not None
        assert status.backlog > status.baseline
        assert status.oldest
        assert [t.created_at for t in status.oldest] == sorted(t.created_at for t in status.oldest)
        for _ in range(720):  # up to three hours
            poll(0.25)
            status = early.latest.recovery
            if status is None or status.done:
                break
        assert status is not None
        assert status.done, (status.backlog, status.baseline, status.drain_per_min)
        rows = tracker.rates(START, clock.now())
        assert sum(r.warnings for r in rows) > 0
        missed = sum(r.missed for r in rows)
        # Every clock that ran past due while watched was a missed warning.
        # Known gap: the tracker and the brute-force truth disagree on a few
        # clocks (79 vs 82 of ~80 in this run; clocks already running at the
        # first poll, and re-filed ones): within 5 %, not exact.
        truth = missed_truth(state[0], START, clock.now())
        assert truth > 0
        assert abs(missed - truth) <= max(1, truth // 20)
        for row in rows:
            assert row.rate is None or 0.0 <= row.rate <= 1.0
    finally:
        backend.close()
