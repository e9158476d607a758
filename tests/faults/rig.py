"""The rig for fault tests: simulator → fault proxy → the real runtime, with
the status bar on the offscreen Qt event loop and a heartbeat QTimer that
measures how long the GUI thread is ever kept from running."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from cockpit.backends.feed import FeedBackend
from cockpit.domain import Batch, Ticket, TicketId
from cockpit.floor import FloorState
from cockpit.runtime.health import Health
from cockpit.runtime.runtime import Runtime
from cockpit.settings import Settings, TransportSettings
from cockpit.sim import FloorSimulator, SimConfig
from tests.faults.proxy import FaultProxy
from widgets.bridge import Bridge
from widgets.status_bar import StatusBarView

TOKEN = "fault-token"
START = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)
INTERVAL_S = 0.2
DEADLINE_S = 1.0
MAX_BODY_MB = 2.0
HEARTBEAT_MS = 10


def small_floor() -> FloorSimulator:
    config = SimConfig(tickets_per_day=3000, warmup=timedelta(hours=3), promotion_night=False)
    return FloorSimulator(config, seed=13, start=START)


def fault_settings() -> Settings:
    return Settings(
        poll_interval_s=INTERVAL_S,
        stale_after_polls=3,
        request_timeout_s=0.5,
        transport=TransportSettings(
            connect_timeout_s=0.5, deadline_s=DEADLINE_S, max_body_mb=MAX_BODY_MB
        ),
        recording={"enabled": False},
        handover={"enabled": False},
    )


class Heartbeat:
    """A QTimer on the GUI thread; ``max_gap_s`` is the longest it was held up.

    A gap counts only as far as the process was running meanwhile (its CPU
    time moved on: a worker holding the interpreter lock), so the machine
    pausing the whole process (a loaded, shared CI box) is not blamed on the
    cockpit. ``max_wall_gap_s`` keeps the raw figure.
    """

    def __init__(self) -> None:
        self._timer = QTimer()
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._beat)
        self._last = (0.0, 0.0)
        self.max_gap_s = 0.0
        self.max_wall_gap_s = 0.0

    def start(self) -> None:
        self.reset()
        self._timer.start()

    def reset(self) -> None:
        self._last = (time.perf_counter(), time.process_time())
        self.max_gap_s = self.max_wall_gap_s = 0.0

    def stop(self) -> None:
        self._timer.stop()

    @contextmanager
    def aside(self) -> Iterator[None]:
        """The test's own work on the GUI thread (reading the floor, a full
        load for comparison) is not a stall the cockpit caused."""
        try:
            yield
        finally:
            self._last = (time.perf_counter(), time.process_time())

    def _beat(self) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        period = HEARTBEAT_MS / 1000  # the timer's own period is not a stall
        wall_gap = wall - self._last[0] - period
        self.max_wall_gap_s = max(self.max_wall_gap_s, wall_gap)
        self.max_gap_s = max(self.max_gap_s, min(wall_gap, cpu - self._last[1]))
        self._last = (wall, cpu)


@dataclass
class Rig:
    qtbot: QtBot
    proxy: FaultProxy
    sim_url: str
    runtime: Runtime
    bridge: Bridge
    bar: StatusBarView
    heartbeat: Heartbeat
    healths: list[Health] = field(default_factory=list)
    batches: list[Batch] = field(default_factory=list)

    @property
    def health(self) -> Health:
        assert self.healths, "no health reported yet"
        return self.healths[-1]

    def wait(self, condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
        self.qtbot.waitUntil(condition, timeout=int(timeout_s * 1000))

    def floor(self) -> tuple[datetime | None, dict[TicketId, Ticket], int]:
        """The floor's server time, tickets and open count (from the view's indexes)."""

        def read(state: FloorState) -> tuple[datetime | None, dict[TicketId, Ticket], int]:
            return (
                state.server_time,
                dict(state.tickets),
                sum(i.open for i in state._index.values()),
            )

        with self.heartbeat.aside():
            return self.runtime.read_floor(read)

    def truth(self) -> dict[TicketId, Ticket]:
        """A fresh full load straight from the simulator, past the proxy."""
        backend = FeedBackend(self.sim_url, token=TOKEN)
        try:
            with self.heartbeat.aside():
                return {t.id: t for t in backend.fetch(None).tickets}
        finally:
            backend.close()

    def assert_floor_agrees_with_the_backend(self) -> None:
        """Every ticket the backend changed up to the floor's time is on the
        floor in that very version (nothing lost, nothing stale, nothing twice)."""
        server_time, tickets, open_count = self.floor()
        assert server_time is not None
        with self.heartbeat.aside():
            assert open_count == sum(t.is_open for t in tickets.values())
        truth = self.truth()
        # Versions stamped ahead of the floor's time came from a fast clock
        # (the skew fault): the same change with other stamps, not comparable.
        skewed = {
            i for i, t in tickets.items() if t.updated_at > server_time + timedelta(minutes=1)
        }
        settled = {
            i: t
            for i, t in truth.items()
            if t.updated_at <= server_time and t.is_open and i not in skewed
        }
        with self.heartbeat.aside():
            wrong = [i for i, t in settled.items() if tickets.get(i) != t]
        assert not wrong, f"{len(wrong)} of {len(settled)} tickets differ, e.g. {wrong[:3]}"
