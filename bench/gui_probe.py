"""GUI-thread figures for the floor benchmark (offscreen Qt).

- :func:`apply_times`: the time the queue panel, the at-risk panel and the
  heatmap take to apply a new FloorView on the GUI thread (alternating two
  views so that every apply has changes to show).
- :func:`largest_stall`: the largest event-loop stall while the real
  :class:`~cockpit.runtime.poller.Poller` polls on a worker thread and the
  bridge delivers its views to those panels: a ``QTimer`` heartbeat records
  when it fires; a stall is a gap beyond its interval.
"""

from __future__ import annotations

import gc
import itertools
import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cockpit.metrics import FloorView

HEARTBEAT_MS = 5


def _app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _panels() -> tuple[Any, Any, Any]:
    from widgets.at_risk_panel import AtRiskPanel
    from widgets.queue_panel import QueuePanel
    from widgets.sla_heatmap import SlaHeatmapPanel

    queue, at_risk, heatmap = QueuePanel(), AtRiskPanel(), SlaHeatmapPanel()
    queue.resize(1920, 900)
    at_risk.resize(960, 450)
    heatmap.resize(960, 450)
    for panel in (queue, at_risk, heatmap):
        panel.show()
    return queue, at_risk, heatmap


def _timed(fn: Callable[[], object]) -> float:
    begin = time.perf_counter()
    fn()
    return time.perf_counter() - begin


def apply_times(view_a: FloorView, view_b: FloorView, repeat: int) -> dict[str, list[float]]:
    """Seconds per apply: each panel alone and the three together."""
    from widgets.bridge import Bridge

    app = _app()
    bridge = Bridge()
    queue, at_risk, heatmap = _panels()
    queue.bind(bridge)
    bridge.floorUpdated.emit(view_a)
    app.processEvents()
    runs_as_app = _RunsAsApp()
    samples: dict[str, list[float]] = {
        "queue": [],
        "at_risk": [],
        "heatmap": [],
        "total": [],
        "repaint": [],
    }
    for i in range(repeat):
        view = view_b if i % 2 == 0 else view_a
        parts = (
            ("queue", lambda v=view: bridge.floorUpdated.emit(v)),
            ("at_risk", lambda v=view: at_risk._on_floor_changed(v)),
            # What the heatmap's throttle does when it fires: one redraw.
            ("heatmap", lambda v=view: (setattr(heatmap, "_view", v), heatmap.redraw())),
        )
        total = 0.0
        for name, fn in parts:
            seconds = _timed(fn)
            samples[name].append(seconds)
            total += seconds
        samples["total"].append(total)
        # The repaint the applies asked for (the event loop's share, not in "total").
        samples["repaint"].append(_timed(app.processEvents))
    runs_as_app.stop()
    for panel in (queue, at_risk, heatmap):
        panel.close()
    return samples


def largest_stall(
    poller: Any, touch: Callable[[], None], polls: int, pause_s: float
) -> dict[str, Any]:
    """Run ``polls`` polls (``touch()`` before each) on a worker thread while
    the GUI thread applies every view; return the heartbeat gaps."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    from widgets.bridge import Bridge

    app = _app()
    bridge = Bridge()
    # Slots run in connection order: the first and the last mark the panels' apply.
    applying: list[float] = []
    bridge.floorUpdated.connect(lambda _v: applying.append(time.perf_counter()))
    panels = _panels()
    for panel in panels:
        panel.bind(bridge)
    bridge.attach(poller)
    # The app's poller freezes the collector's view after its full load, which
    # comes after the window is built; here the panels came after the floor.
    gc.freeze()
    runs_as_app = _RunsAsApp()
    delivered: list[float] = []
    bridge.floorUpdated.connect(lambda _v: delivered.append(time.perf_counter()))
    beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
    poll_times: list[float] = []

    touching: list[tuple[float, float]] = []
    polling: list[tuple[float, float]] = []

    def work() -> None:
        for _ in range(polls):
            begin = time.perf_counter()
            touch()
            middle = time.perf_counter()
            poller.poll_once()
            end = time.perf_counter()
            touching.append((begin, middle))
            polling.append((middle, end))
            poll_times.append(end - middle)
            time.sleep(pause_s)

    # The control: the heartbeat with no worker, as long as the polls will take
    # at least (the shared cores' own scheduling delays show here too).
    heartbeat.start()
    idle = QEventLoop()
    QTimer.singleShot(int(1000 * max(2.0, polls * pause_s)), idle.quit)
    idle.exec()
    idle_beats, beats[:] = list(beats), []
    worker = threading.Thread(target=work, name="bench-poll-worker")
    loop = QEventLoop()
    watch = QTimer()
    watch.setInterval(50)
    watch.timeout.connect(lambda: None if worker.is_alive() else loop.quit())
    pauses = _GcPauses()
    # Opt-in: the sampler is a third thread asking for the GIL every
    # millisecond, which itself shortens the stalls it explains.
    sampler = _Sampler(threading.get_ident()) if os.environ.get("BENCH_SAMPLE_GAPS") else None
    watch.start()
    if sampler is not None:
        sampler.start()
    worker.start()
    loop.exec()
    worker.join()
    if sampler is not None:
        sampler.stop()
    pauses.stop()
    runs_as_app.stop()
    app.processEvents()
    heartbeat.stop()
    watch.stop()
    for panel in panels:
        panel.close()
    gaps = sorted(((b - a, a) for a, b in itertools.pairwise(beats)), reverse=True)
    applies = [end - begin for begin, end in zip(applying, delivered, strict=False)]
    return {
        "largest_gap_s": gaps[0][0] if gaps else 0.0,
        "as_app": runs_as_app.active,
        "switch_interval_s": runs_as_app.switch_interval_s,
        "idle_largest_gap_s": max(b - a for a, b in itertools.pairwise(idle_beats)),
        "gc_pauses_s": pauses.pauses,
        # The five largest gaps, and how much of each went to applying views.
        # For each: seconds of it the GUI thread spent applying views, the
        # worker spent polling (fetch, merge, metrics) and the worker spent
        # moving the simulator on (bench scaffolding, in the same process).
        "top_gaps": [
            (
                gap,
                _overlap(start, start + gap, applying, delivered),
                _overlap(start, start + gap, *_split(polling)),
                _overlap(start, start + gap, *_split(touching)),
            )
            for gap, start in gaps[:5]
        ],
        # Per gap: what the threads were doing (see _Sampler.explain).
        "gap_causes": []
        if sampler is None
        else [sampler.explain(start, start + gap, worker.ident) for gap, start in gaps[:5]],
        "apply_s": applies,
        "heartbeat_s": HEARTBEAT_MS / 1000,
        "beats": len(beats),
        "views_delivered": len(delivered),
        "poll_s": poll_times,
    }


def _overlap(start: float, end: float, begins: list[float], ends: list[float]) -> float:
    """Seconds of ``[start, end]`` spent between a begin and its end."""
    return sum(max(0.0, min(end, e) - max(start, b)) for b, e in zip(begins, ends, strict=False))


class _RunsAsApp:
    """The GUI thread's set-up as in the app (``widgets/app.py``): its GIL
    switch interval, and its collector (automatic collection off, cycles
    collected on a GUI-thread timer). ``BENCH_APP_GC=0`` keeps the
    interpreter's defaults instead (5 ms, automatic collection on whichever
    thread allocates), to compare."""

    def __init__(self) -> None:
        from widgets.collector import CycleCollector, tune_gil_switching

        self.active = os.environ.get("BENCH_APP_GC", "1") != "0"
        self._previous = tune_gil_switching() if self.active else sys.getswitchinterval()
        self.switch_interval_s = sys.getswitchinterval()
        self._collector = CycleCollector() if self.active else None

    def stop(self) -> None:
        if self._collector is not None:
            self._collector.stop()
        sys.setswitchinterval(self._previous)


class _GcPauses:
    """How long each collection of the cyclic garbage collector took (any thread)."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._began = 0.0
        gc.callbacks.append(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.pauses.append(time.perf_counter() - self._began)

    def stop(self) -> None:
        gc.callbacks.remove(self._on_gc)


class _Sampler:
    """Where each thread is, every millisecond (``sys._current_frames``).

    The sampler needs the GIL like any Python thread: a long silence in its
    samples is a stretch where one thread held the GIL without letting go
    (a long C call, a garbage collection), and the samples around the
    silence say which thread and where.
    """

    def __init__(self, gui_ident: int) -> None:
        self.samples: list[tuple[float, dict[int, str]]] = []
        self._gui = gui_ident
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-sampler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = threading.get_ident()
        while not self._stop.wait(0.001):
            frames = sys._current_frames()
            where = {ident: _where(frame) for ident, frame in frames.items() if ident != me}
            self.samples.append((time.perf_counter(), where))

    def explain(self, start: float, end: float, worker: int | None) -> dict[str, Any]:
        """In ``[start, end]``: the longest silence of the sampler, where the
        worker and the GUI thread stood just after it, and the GUI thread's
        most frequent place."""
        inside = [(t, w) for t, w in self.samples if start - 0.002 <= t <= end + 0.002]
        silence, after = 0.0, None
        for (t0, _), (t1, w1) in itertools.pairwise(inside):
            if t1 - t0 > silence:
                silence, after = t1 - t0, w1
        gui = Counter(w.get(self._gui, "?") for _, w in inside).most_common(2)
        return {
            "longest_silence_s": silence,
            "worker_after_silence": (after or {}).get(worker or -1, "?"),
            "gui_after_silence": (after or {}).get(self._gui, "?"),
            "gui_most_seen": gui,
        }


def _where(frame: Any) -> str:
    """The innermost frame, and the innermost one of the project's own code."""
    inner = (
        f"{frame.f_code.co_name} ({os.path.basename(frame.f_code.co_filename)}:{frame.f_lineno})"
    )
    own = frame
    while own is not None and not any(
        part in own.f_code.co_filename for part in ("/cockpit/", "/widgets/", "/bench/")
    ):
        own = own.f_back
    if own is None or own is frame:
        return inner
    path = own.f_code.co_filename
    return f"{inner} < {own.f_code.co_name} ({os.path.basename(path)}:{own.f_lineno})"


def _split(spans: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    return [b for b, _ in spans], [e for _, e in spans]
