"""End to end: the cockpit polls the simulator over HTTP on loopback while
an outage runs; the early warning suggests the outage playbook with the
surge's tickets, the snapshot JSON carries it, and declaring it puts those
tickets in the incident's match."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cockpit.backends.feed import FeedBackend
from cockpit.clock import ManualClock
from cockpit.domain import TicketId
from cockpit.early_warning import EarlyWarning
from cockpit.incidents.engine import IncidentEngine
from cockpit.incidents.playbook import load_library
from cockpit.runtime.poller import Poller
from cockpit.settings import Settings
from cockpit.sim import FloorSimulator, Scenario, ScenarioKind, SimConfig, SimServer
from cockpit.snapshot import view_to_json
from cockpit.store.incidents import IncidentStore

pytestmark = pytest.mark.e2e

# 14:00 in Shanghai on a weekday afternoon.
START = datetime(2026, 11, 10, 6, 0, tzinfo=UTC)
TOKEN = "e2e-token"
POLL = timedelta(seconds=5)


@pytest.fixture
def floor() -> Iterator[tuple[FloorSimulator, ManualClock, SimServer]]:
    clock = ManualClock(START)
    sim = FloorSimulator(SimConfig.default(warmup=timedelta(hours=6)), seed=5, start=START)
    server = SimServer(sim, clock, port=0, token=TOKEN)
    server.start()
    try:
        yield sim, clock, server
    finally:
        server.stop()


def test_an_outage_becomes_a_suggested_incident(floor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sim, clock, server = floor
    settings = Settings()
    library = load_library()
    backend = FeedBackend(server.url, token=TOKEN)
    poller = Poller(backend, settings=settings, clock=clock)
    early = EarlyWarning(playbooks=library.listing())
    early.attach(poller)
    try:
        assert poller.poll_once() is not None
        # Quiet for ten minutes of polls first.
        for _ in range(120):
            clock.advance(POLL)
            assert poller.poll_once() is not None
            assert early.latest is not None
            assert not early.latest.surges
        sim.inject(Scenario(ScenarioKind.OUTAGE, start=clock.now(), multiplier=5.0,
                            topics=("payment",)))  # fmt: skip
        polls = 0
        while polls < 240 and not (early.latest and early.latest.surges):
            clock.advance(POLL)
            assert poller.poll_once() is not None
            polls += 1
        assert early.latest is not None
        surge = early.latest.surges[0]
        assert (surge.kind, surge.key) == ("topic", "payment"), early.latest.surges
        assert surge.playbook_id == "service_outage"
        assert polls < 180  # within a quarter of an hour of polls at 5 s
        document = view_to_json(poller.view, poller.health, backend=backend.url, early=early.latest)
        assert document["surges"][0]["key"] == "payment"
        assert {f["queue"] for f in document["forecast"]} == {q.id for q in sim.queues()}
        assert len(document["staffing"]) == len(sim.queues())
        store = IncidentStore.open(f"sqlite:///{tmp_path / 'cockpit.db'}")
        engine = IncidentEngine(store, backend, library=library, clock=clock)
        try:
            ids = [TicketId(t) for t in surge.ticket_ids]
            change = engine.declare("service_outage", summary="payment surge", who="lead",
                                    tickets=ids, auto=False)  # fmt: skip
            open_now = poller.open_tickets()
            preview = engine.preview_bulk_reply(change.incident.id, open_now)
            still_open = {t.id for t in open_now} & set(ids)
            assert still_open
            assert still_open <= set(preview.ticket_ids)
        finally:
            engine.close()
            store.close()
    finally:
        backend.close()
