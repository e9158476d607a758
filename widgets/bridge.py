"""The one bridge from the core to Qt.

The runtime calls its subscribers on worker threads. The :class:`Bridge`
lives on the GUI thread and re-emits each event as a Qt signal; because the
emitting thread is not the bridge's thread, Qt queues every delivery to
receivers on the GUI thread. No other widget subscribes to the core: panels
connect to these signals (``bind(bridge)``) and never touch a worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance

from cockpit.alerts import AlertUpdate
from cockpit.incidents.engine import TickResult
from cockpit.metrics import FloorView
from cockpit.runtime.health import Health

log = logging.getLogger(__name__)


class Subscribable(Protocol):
    """The part of the runtime the bridge needs."""

    def subscribe(
        self, *, on_view: Callable[[FloorView], None], on_health: Callable[[Health], None]
    ) -> None: ...


class IncidentSource(Protocol):
    """The part of the runtime that reports incident ticks."""

    def subscribe_incidents(self, *, on_tick: Callable[[TickResult], None]) -> None: ...


class AlertSource(Protocol):
    """The part of the runtime that reports alert updates."""

    def subscribe_alerts(self, *, on_alerts: Callable[[AlertUpdate], None]) -> None: ...


class Bridge(QObject):
    """Core events → Qt signals, delivered queued on the GUI thread.

    ``floorUpdated(FloorView)`` after every successful poll;
    ``healthChanged(Health)`` when the data's health state or reason changes.
    ``incidentsTicked(TickResult)`` once the incident engine is ready and
    after each of its ticks (reminders, overdue checklist steps).
    ``alertsChanged(AlertUpdate)`` after every alert evaluation (each poll
    and each incident tick) and every acknowledge or snooze: the events and
    the active alerts.
    ``last_view`` and ``last_health`` hold the latest delivered values, so a
    panel created later can start from them.
    """

    floorUpdated = Signal(object)
    healthChanged = Signal(object)
    incidentsTicked = Signal(object)
    alertsChanged = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._detached = False
        self._last_view: FloorView | None = None
        self._last_health: Health | None = None
        self.floorUpdated.connect(self._on_floor_changed)
        self.healthChanged.connect(self._on_health_changed)

    def attach(self, runtime: Subscribable) -> None:
        """Subscribe to ``runtime``; call before ``runtime.start()`` so the
        first view is not missed."""
        self._detached = False
        runtime.subscribe(on_view=self._emit_view, on_health=self._emit_health)

    def attach_incidents(self, runtime: IncidentSource) -> None:
        """Subscribe to the runtime's incident ticks; call before ``runtime.start()``."""
        runtime.subscribe_incidents(on_tick=self._emit_tick)

    def attach_alerts(self, runtime: AlertSource) -> None:
        """Subscribe to the runtime's alert updates; call before ``runtime.start()``."""
        runtime.subscribe_alerts(on_alerts=self._emit_alerts)

    def detach(self) -> None:
        """Drop whatever the runtime still calls back with (during shutdown)."""
        self._detached = True

    @property
    def last_view(self) -> FloorView | None:
        return self._last_view

    @property
    def last_health(self) -> Health | None:
        return self._last_health

    # --- worker side: runs on the runtime's threads; touches no widget ----------

    def _emit_view(self, view: FloorView) -> None:
        self._emit(self.floorUpdated, view)

    def _emit_health(self, health: Health) -> None:
        self._emit(self.healthChanged, health)

    def _emit_tick(self, result: TickResult) -> None:
        self._emit(self.incidentsTicked, result)

    def _emit_alerts(self, update: AlertUpdate) -> None:
        self._emit(self.alertsChanged, update)

    def _emit(self, signal: SignalInstance, value: object) -> None:
        if self._detached:
            return
        try:
            signal.emit(value)
        except RuntimeError:
            # The C++ side is gone: a late callback raced with shutdown.
            log.debug("bridge deleted; dropped a late %s", type(value).__name__)

    # --- GUI side ------------------------------------------------------------------

    def _on_floor_changed(self, view: FloorView) -> None:
        self._last_view = view

    def _on_health_changed(self, health: Health) -> None:
        self._last_health = health
