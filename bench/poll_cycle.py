"""Poll-cycle benchmark: a floor of 100,000 open tickets, 1,000 agents and
40 queues.

Prints: the cold load (full fetch over HTTP on loopback, and merge +
metrics alone), an incremental poll with 1 % of the tickets changed (merge +
metrics with HTTP excluded, and again with HTTP on loopback), how the
incremental cost scales with the number of changes and with the size of the
floor, the GUI-thread time to apply a new FloorView to the queue panel and
to the floor panels (at-risk list, escalations, heatmap, alerts), and the
peak RSS. Targets: incremental merge + metrics <= 50 ms, GUI apply
<= 8 ms, peak RSS <= 400 MB.

    .venv/bin/python bench/poll_cycle.py [--tickets 100000] [--repeat 15]
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cockpit.backends.feed import FeedBackend
from cockpit.clock import ManualClock
from cockpit.domain import Batch
from cockpit.floor import FloorState
from cockpit.metrics import FloorView, compute_view
from cockpit.settings import Settings
from cockpit.sim import FloorSimulator, SimConfig, SimServer

START = datetime(2026, 11, 10, 16, 30, tzinfo=UTC)
TOKEN = "bench"
PAGE = 5000


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def timed(fn: Callable[[], object]) -> float:
    begin = time.perf_counter()
    fn()
    return time.perf_counter() - begin


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {ms(statistics.median(ordered))}   p95 {ms(p95)}"


def in_process_batch(sim: FloorSimulator, cursor: int | None) -> tuple[Batch, int]:
    """What the feed adapter would return, without HTTP: all pages since ``cursor``."""
    return sim.batch_since(cursor, PAGE)


class Floor:
    """A simulator plus an in-process cockpit state that follows it."""

    def __init__(self, tickets: int, agents: int = 1000, queues: int = 40) -> None:
        config = SimConfig.large(queues=queues, agents=agents, open_backlog=tickets)
        self.build_s = timed(
            lambda: setattr(self, "sim", FloorSimulator(config, seed=1, start=START))
        )
        self.sim: FloorSimulator
        self.settings = Settings()
        self.state = FloorState(self.settings.sla)
        self.view: FloorView | None = None
        self.cursor: int | None = None

    def merge(self, batch: Batch) -> None:
        self.state.apply(batch)
        self.view = compute_view(self.state, backend="bench", previous=self.view)

    def cold(self) -> float:
        batch, self.cursor = in_process_batch(self.sim, None)
        return timed(lambda: self.merge(batch))

    def incremental(self, changes: int) -> float:
        """Change ``changes`` tickets, then time merge + metrics of that batch."""
        self.sim.touch_random(changes)
        batch, self.cursor = in_process_batch(self.sim, self.cursor)
        assert len(batch.tickets) >= changes * 0.95, len(batch.tickets)
        return timed(lambda: self.merge(batch))


def bench_http(floor: Floor, changes: int, repeat: int) -> tuple[float, list[float]]:
    clock = ManualClock(floor.sim.now)
    with SimServer(floor.sim, clock, port=0, token=TOKEN) as server:
        backend = FeedBackend(server.url, token=TOKEN)
        state = FloorState(floor.settings.sla)
        view: FloorView | None = None

        def poll() -> None:
            nonlocal view
            state.apply(backend.fetch(state.cursor))
            view = compute_view(state, backend="bench", previous=view)

        cold = timed(poll)
        samples = []
        for _ in range(repeat):
            floor.sim.touch_random(changes)
            samples.append(timed(poll))
        backend.close()
    return cold, samples


def bench_gui(view_a: FloorView, view_b: FloorView, repeat: int) -> tuple[list[float], list[float]]:
    from PySide6.QtWidgets import QApplication

    from widgets.bridge import Bridge
    from widgets.queue_panel import QueuePanel

    app = QApplication.instance() or QApplication([])
    bridge = Bridge()
    panel = QueuePanel()
    panel.bind(bridge)
    panel.resize(1920, 900)
    panel.show()
    bridge.floorUpdated.emit(view_a)
    app.processEvents()
    apply, apply_paint = [], []
    for i in range(repeat):
        view = view_b if i % 2 == 0 else view_a
        apply.append(timed(lambda v=view: bridge.floorUpdated.emit(v)))  # type: ignore[misc]
        other = view_a if i % 2 == 0 else view_b

        def apply_and_paint(v: FloorView = other) -> None:
            bridge.floorUpdated.emit(v)
            panel.repaint()

        apply_paint.append(timed(apply_and_paint))
    panel.close()
    return apply, apply_paint


def bench_floor_panels(view_a: FloorView, view_b: FloorView, repeat: int) -> list[float]:
    """GUI-thread time to apply a view to the at-risk list, the escalations
    board, the heatmap (one redraw, as the throttle allows) and the alerts."""
    from PySide6.QtWidgets import QApplication

    from cockpit.alerts import AlertEngine, AlertUpdate
    from widgets.alerts_panel import AlertsPanel
    from widgets.at_risk_panel import AtRiskPanel
    from widgets.escalations_panel import EscalationsPanel
    from widgets.sla_heatmap import SlaHeatmapPanel

    app = QApplication.instance() or QApplication([])
    at_risk, escalations = AtRiskPanel(), EscalationsPanel()
    heatmap, alerts = SlaHeatmapPanel(), AlertsPanel()
    panels = (at_risk, escalations, heatmap, alerts)
    for panel in panels:
        panel.resize(640, 450)
        panel.show()
    engine = AlertEngine()
    updates = {id(v): AlertUpdate((), engine.evaluate(v).active) for v in (view_a, view_b)}
    app.processEvents()
    samples = []
    for i in range(repeat):
        view = view_b if i % 2 == 0 else view_a

        def apply(v: FloorView = view) -> None:
            at_risk._on_floor_changed(v)
            escalations._on_floor_changed(v)
            heatmap._view = v
            heatmap.redraw()
            alerts.on_alerts_changed(updates[id(v)])

        samples.append(timed(apply))
    for panel in panels:
        panel.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    changes = args.tickets // 100
    gc.collect()

    floor = Floor(args.tickets)
    print(
        f"floor: {args.tickets:,} open tickets, 1,000 agents, 40 queues "
        f"(built in {floor.build_s:.1f} s)"
    )
    print(f"cold load, merge + metrics (no HTTP)          {ms(floor.cold())}")
    samples = [floor.incremental(changes) for _ in range(args.repeat)]
    print(
        f"incremental, {changes:,} changed, merge + metrics  {summary(samples)}   (target <= 50 ms)"
    )
    cold_http, http_samples = bench_http(floor, changes, args.repeat)
    print(f"cold load over HTTP (fetch + merge + metrics) {ms(cold_http)}")
    print(f"incremental over HTTP, {changes:,} changed        {summary(http_samples)}")

    print("scaling (merge + metrics, median):")
    for n in (100, 1_000, 10_000):
        print(
            f"  {args.tickets:>7,} tickets, {n:>6,} changed          "
            f"{ms(statistics.median(floor.incremental(n) for _ in range(5)))}"
        )
    small = Floor(args.tickets // 10)
    small.cold()
    print(
        f"  {args.tickets // 10:>7,} tickets, {changes:>6,} changed          "
        f"{ms(statistics.median(small.incremental(changes) for _ in range(5)))}"
    )

    assert floor.view is not None
    view_a = floor.view
    floor.incremental(changes)
    assert floor.view is not None
    apply, apply_paint = bench_gui(view_a, floor.view, args.repeat * 4)
    print(f"GUI thread: apply a FloorView to the queue panel {summary(apply)}   (target <= 8 ms)")
    print(f"GUI thread: apply + synchronous repaint         {summary(apply_paint)}")
    floor_panels = bench_floor_panels(view_a, floor.view, args.repeat * 4)
    print(f"GUI thread: apply to the four floor panels      {summary(floor_panels)}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak_mb:8.0f} MB   (target <= 400 MB)")


if __name__ == "__main__":
    main()
