"""End to end: on the default simulator (seed 7, the default seed) polled
over loopback, only the queue really in trouble — refunds, deliberately
short of staff — is critical, in the alerts and in the queue table's cells;
an ordinary afternoon raises no critical alert at all; and the critical
alerts nobody takes repeat on the floor's clock."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from cockpit.alert_rules import Severity
from cockpit.alerts import AlertEngine, AlertUpdate, EventKind
from cockpit.backends.feed import FeedBackend
from cockpit.clock import ManualClock
from cockpit.metrics import FloorView
from cockpit.runtime.poller import Poller
from cockpit.settings import Settings
from cockpit.severity import Level, queue_levels
from cockpit.sim import FloorSimulator, SimConfig, SimServer

pytestmark = pytest.mark.e2e

TOKEN = "e2e-token"
SEED = Settings().sim.seed
# 10:00 in Shanghai: the refunds queue has fallen hours behind overnight.
MORNING = datetime(2026, 11, 10, 2, 0, tzinfo=UTC)
# 15:00 in Shanghai: an ordinary, fully staffed afternoon.
AFTERNOON = datetime(2026, 11, 10, 7, 0, tzinfo=UTC)


class Floor:
    """The seeded simulator on loopback, a poller and an alert engine on its clock."""

    def __init__(self, start: datetime) -> None:
        self.clock = ManualClock(start)
        self.settings = Settings()
        sim = FloorSimulator(SimConfig.default(), seed=SEED, start=start)
        self.server = SimServer(sim, self.clock, port=0, token=TOKEN)
        self.server.start()
        self.backend = FeedBackend(self.server.url, token=TOKEN)
        self.poller = Poller(self.backend, settings=self.settings, clock=self.clock)
        s = self.settings
        self.engine = AlertEngine(
            thresholds=s.thresholds, sla=s.sla, settings=s.alerts, clock=self.clock
        )

    def poll(self, after_s: float = 0) -> tuple[FloorView, AlertUpdate]:
        self.clock.advance(after_s)
        view = self.poller.poll_once()
        assert view is not None, self.poller.health
        return view, self.engine.evaluate(view)

    def close(self) -> None:
        self.backend.close()
        self.server.stop()


@pytest.fixture
def morning() -> Iterator[Floor]:
    floor = Floor(MORNING)
    yield floor
    floor.close()


@pytest.fixture
def afternoon() -> Iterator[Floor]:
    floor = Floor(AFTERNOON)
    yield floor
    floor.close()


def critical_cells(view: FloorView, settings: Settings) -> Counter[str]:
    cells: Counter[str] = Counter()
    for f in view.queues:
        levels = queue_levels(f, settings.thresholds, settings.sla)
        for level in (levels.waiting, levels.oldest_wait, levels.service_level):
            if level is Level.CRITICAL:
                cells[f.queue] += 1
    return cells


def test_only_the_queue_in_trouble_is_critical(morning: Floor) -> None:
    view, update = morning.poll()
    critical = [a for a in update.active if a.severity is Severity.CRITICAL]
    assert {a.queue for a in critical} == {"refund"}
    assert len(critical) <= 3
    assert set(critical_cells(view, morning.settings)) == {"refund"}
    # Most of the floor stays green: of 9 queues × 3 figures, at most a few warn.
    for _ in range(3):
        view, update = morning.poll(5)
    assert {a.queue for a in update.active if a.severity is Severity.CRITICAL} == {"refund"}
    assert sum(critical_cells(view, morning.settings).values()) <= 3


def test_an_ordinary_afternoon_has_no_critical_alert(afternoon: Floor) -> None:
    view, update = afternoon.poll()
    for _ in range(3):
        view, update = afternoon.poll(5)
    assert [a for a in update.active if a.severity is Severity.CRITICAL] == []
    assert critical_cells(view, afternoon.settings) == Counter()


def test_untaken_critical_alerts_repeat_until_acknowledged(morning: Floor) -> None:
    _, first = morning.poll()
    critical = {a.id for a in first.active if a.severity is Severity.CRITICAL}
    assert critical
    _, quiet = morning.poll(60)
    assert not any(e.kind is EventKind.REPEATED for e in quiet.events)
    interval = timedelta(seconds=morning.settings.alerts.repeat_critical_s or 0)
    _, later = morning.poll(interval.total_seconds() - 60)
    repeated = {e.alert.id for e in later.events if e.kind is EventKind.REPEATED}
    assert repeated
    assert repeated <= critical
    assert all(e.notify for e in later.events if e.kind is EventKind.REPEATED)
    for alert_id in repeated:
        morning.engine.acknowledge(alert_id, "sup-wang")
    _, after = morning.poll(interval.total_seconds())
    assert not {e.alert.id for e in after.events if e.kind is EventKind.REPEATED} & repeated
