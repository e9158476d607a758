"""The bridge: events from worker threads arrive as signals on the GUI thread."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, Signal, Slot
from pytestqt.qtbot import QtBot

from cockpit.metrics import FloorView
from cockpit.runtime.health import Health, HealthState
from tests.widgets.fakes import FakeRuntime, figures, view
from widgets.bridge import Bridge


class _Receiver(QObject):
    """Lives on the GUI thread, like every panel."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[threading.Thread] = []
        self.views: list[FloorView] = []

    @Slot(object)
    def on_view(self, value: FloorView) -> None:
        self.threads.append(threading.current_thread())
        self.views.append(value)


def test_view_from_a_worker_thread_reaches_the_gui_thread(qtbot: QtBot) -> None:
    bridge = Bridge()
    receiver = _Receiver()
    bridge.floorUpdated.connect(receiver.on_view)
    runtime = FakeRuntime()
    bridge.attach(runtime)
    sent = view([figures("refund", waiting=2)])
    worker = threading.Thread(target=lambda: runtime._on_view and runtime._on_view(sent))
    with qtbot.waitSignal(bridge.floorUpdated, timeout=5000) as blocker:
        worker.start()
    worker.join()
    assert blocker.args == [sent]
    qtbot.waitUntil(lambda: receiver.views == [sent])
    assert receiver.threads == [threading.main_thread()]
    assert bridge.last_view is sent


def test_runtime_thread_delivers_health_and_views(qtbot: QtBot) -> None:
    runtime = FakeRuntime([view([figures("presale")]), view([figures("presale", waiting=3)])])
    bridge = Bridge()
    bridge.attach(runtime)
    try:
        with qtbot.waitSignals([bridge.healthChanged, bridge.floorUpdated], timeout=5000):
            runtime.start()
        qtbot.waitUntil(lambda: bridge.last_health is not None)
        assert isinstance(bridge.last_health, Health)
        assert bridge.last_health.state is HealthState.LIVE
        with qtbot.waitSignal(bridge.floorUpdated, timeout=5000) as blocker:
            runtime.poll_now()
        assert blocker.args[0].queues[0].waiting == 3
    finally:
        runtime.shutdown()
    assert runtime.thread is not None
    assert not runtime.thread.is_alive()


def test_detached_bridge_drops_late_events(qtbot: QtBot) -> None:
    runtime = FakeRuntime()
    bridge = Bridge()
    bridge.attach(runtime)
    bridge.detach()
    with qtbot.assertNotEmitted(bridge.floorUpdated, wait=50):
        assert runtime._on_view is not None
        runtime._on_view(view([figures("presale")]))
    assert bridge.last_view is None


class _Emitter(QObject):
    fired = Signal(int)


def test_signal_emit_does_not_leak_bool_refs(qtbot: QtBot) -> None:
    """Guard for PySide6 6.12.0 on CPython 3.11: each emit dropped a
    reference to True until the interpreter aborted (bool_dealloc)."""
    emitter = _Emitter()
    seen: list[int] = []
    emitter.fired.connect(seen.append)
    before = sys.getrefcount(True)
    for i in range(20_000):
        emitter.fired.emit(i)
    assert sys.getrefcount(True) >= before - 5
    assert len(seen) == 20_000
