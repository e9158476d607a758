"""The GUI thread's share of the interpreter: garbage collection and GIL switching.

Two things decide how long the GUI thread can be held up while a poll of a
200k-ticket floor runs on a worker (issue 13):

- **Cyclic garbage collection runs on the GUI thread only** (a Qt object
  collected on a worker thread crashes), from a timer, as pyqtgraph's
  ``GarbageCollector`` did. A full (oldest-generation) pass walks every
  object not frozen: 0.35 s on a 200k-ticket floor, on the GUI thread.
  :class:`CycleCollector` freezes what survives each full pass
  (``gc.freeze``), so the next one walks only what was made since, and runs
  it every ``full_every`` ticks, while that is still little. Frozen objects
  are still freed by reference counting (tickets, views, the bulk of the
  heap); a reference *cycle* that was alive at a freeze and became garbage
  later waits for the next **reclaim**: every ``reclaim_every`` ticks (30
  minutes) everything is thawed, walked once and frozen again, so a shift
  long run never piles such cycles up (one pass as slow as the first, twice
  an hour).
- **The GIL switch interval.** Every Python callback from Qt (a model's
  ``data()`` during a paint, a slot, a timer) takes the GIL again; while the
  worker computes, each take can wait a whole switch interval (5 ms by
  default) — thousands of them per paint make stalls of hundreds of ms.
  :func:`tune_gil_switching` shortens it.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, QTimer

# Measured on the 200k-ticket bench (2 busy cores): the largest stall went
# from ~620 ms (5 ms, the default) to ~230 ms (1 ms) and ~110 ms (0.2 ms),
# with no measurable cost to the worker's poll.
SWITCH_INTERVAL_S = 0.0002


def tune_gil_switching(interval_s: float = SWITCH_INTERVAL_S) -> float:
    """Set the interpreter's GIL switch interval; returns the previous one."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(interval_s)
    return previous


class CycleCollector(QObject):
    """Collects cycles on the GUI thread, on a timer; automatic collection is off.

    Each tick collects the young generations when they are due (the
    interpreter's own thresholds); every ``full_every`` ticks a full pass,
    after which the survivors are frozen.
    """

    def __init__(
        self,
        *,
        interval_s: float = 1.0,
        full_every: int = 10,
        reclaim_every: int = 1800,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._full_every = max(1, full_every)
        self._reclaim_every = max(1, reclaim_every)
        self.reclaims = 0
        self._ticks = 0
        self.full_passes = 0
        self._was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(round(interval_s * 1000))

    def check(self) -> None:
        self._ticks += 1
        if self._ticks % self._reclaim_every == 0:
            self.reclaim()
            return
        if self._ticks % self._full_every == 0:
            self.full_pass()
            return
        young, middle, _ = gc.get_count()
        if young > self._thresholds[0]:
            gc.collect(1 if middle > self._thresholds[1] else 0)

    def full_pass(self) -> int:
        """Collect every generation not frozen, then freeze what is left."""
        found = gc.collect(2)
        gc.freeze()
        self.full_passes += 1
        return found

    def reclaim(self) -> int:
        """Thaw everything frozen, collect every generation, freeze again:
        frees the cycles that became garbage while frozen."""
        gc.unfreeze()
        self.reclaims += 1
        return self.full_pass()

    def stop(self) -> None:
        """Stop the timer and give collection back to the interpreter."""
        self.timer.stop()
        if self._was_enabled:
            gc.enable()
