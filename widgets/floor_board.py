"""The floor panels below the queues, and what they ask of the runtime.

Builds the SLA heatmap, the at-risk list, the escalations board and the
alerts panel; places them in the window; feeds them from the bridge; and
runs what they ask for off the GUI thread on the runtime's I/O pool
(``run_floor_op``): the tickets behind a heatmap cell and one ticket's
details (read under the poller's lock), acknowledging and snoozing alerts
(recorded with who: the settings' ``operator``, else the login name). New
alerts also reach the tray and, if wanted, the speaker (``AlertNotifier``).

Without such a runtime (a static demo, the fake runtime of the tests) the
panels still show every view; clicks that need the floor do nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from datetime import timedelta, tzinfo
from functools import partial
from typing import Any, Protocol, TypeVar, runtime_checkable

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QIcon

from cockpit.alerts import Alert, AlertUpdate, UnknownAlert
from cockpit.domain import QueueId, TicketId
from cockpit.floor import FloorState
from cockpit.lookups import CellTickets, TicketDetails, cell_details, ticket_details
from cockpit.settings import Settings
from cockpit.sla_ops import PromotionChange, set_promotion
from widgets.actions import MainActions
from widgets.alert_notifier import AlertNotifier
from widgets.alerts_panel import AlertsPanel
from widgets.at_risk_panel import AtRiskPanel
from widgets.bridge import Bridge
from widgets.cell_tickets_dialog import CellTicketsDialog
from widgets.escalations_panel import EscalationsPanel
from widgets.incident_state import current_user
from widgets.main_window import MainWindow
from widgets.queue_panel import ui_language
from widgets.run_op import OpRunner
from widgets.sla_heatmap import HeatmapCell, SlaHeatmapPanel
from widgets.theme import Palette
from widgets.ticket_dialog import TicketDialog

log = logging.getLogger(__name__)
T = TypeVar("T")

SOUND_KEY = "ui/alert_sound"


@runtime_checkable
class FloorHost(Protocol):
    """The part of the runtime the floor panels need (``cockpit.runtime.Runtime``)."""

    def subscribe_alerts(self, *, on_alerts: Callable[[AlertUpdate], None]) -> None: ...
    def acknowledge_alert(self, alert_id: str, *, who: str) -> Alert: ...
    def snooze_alert(self, alert_id: str, *, duration: timedelta, who: str) -> Alert: ...
    def run_floor_op(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]: ...
    def read_floor(self, fn: Callable[[FloorState], T]) -> T: ...


def operator_name(settings: Settings) -> str:
    """Who acts, as the alert log records it: the settings' operator, else the login name."""
    configured = (settings.operator or "").strip()
    return configured or current_user()


class FloorBoard(QObject):
    """Heatmap, at-risk list, escalations and alerts, wired to one runtime.

    ``declareRequested(Alert)`` when the supervisor declares an incident
    from an alert (the session opens the declare dialog).
    """

    declareRequested = Signal(object)

    def __init__(
        self,
        runtime: object,
        *,
        window: MainWindow,
        settings: Settings,
        zone: tzinfo | None = None,
        palette: Palette,
        icon: QIcon | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.host = runtime if isinstance(runtime, FloorHost) else None
        self._window = window
        self._zone = zone
        self.who = operator_name(settings)
        limits = settings.escalations
        self.heatmap = SlaHeatmapPanel(zone=zone, palette=palette)
        self.at_risk = AtRiskPanel(zone=zone, palette=palette)
        self.escalations = EscalationsPanel(limits=limits, palette=palette)
        self.alerts = AlertsPanel(limits=limits, zone=zone, palette=palette)
        self.notifier = AlertNotifier(
            text=self.alerts.model.text, icon=icon, window=window, parent=self
        )
        self.cell_dialog = CellTicketsDialog(zone=zone, parent=window)
        self.ops = OpRunner(self.host.run_floor_op, self) if self.host is not None else None
        self._bridge: Bridge | None = None

        window.set_floor_panels(
            alerts=self.alerts,
            heatmap=self.heatmap,
            at_risk=self.at_risk,
            escalations=self.escalations,
        )
        self.heatmap.cellActivated.connect(self._on_cell_activated)
        self.at_risk.ticketActivated.connect(self.show_ticket)
        self.escalations.ticketActivated.connect(self.show_ticket)
        self.cell_dialog.ticketActivated.connect(self.show_ticket)
        self.alerts.acknowledgeRequested.connect(self._on_acknowledge_requested)
        self.alerts.snoozeRequested.connect(self._on_snooze_requested)
        self.alerts.declareRequested.connect(self.declareRequested)
        self.notifier.activated.connect(self._on_notifier_activated)

    # --- wiring -------------------------------------------------------------------

    def bind(self, bridge: Bridge) -> None:
        self._bridge = bridge
        for panel in (self.heatmap, self.at_risk, self.escalations, self.alerts):
            panel.bind(bridge)
        bridge.alertsChanged.connect(self.notifier.on_alerts_changed)

    def attach(self, bridge: Bridge) -> None:
        """Subscribe the bridge to the runtime's alerts (before ``runtime.start()``)."""
        if self.host is not None:
            bridge.attach_alerts(self.host)

    def install_sound_toggle(self, actions: MainActions, state: QSettings) -> None:
        """The View menu's "Sound for alerts", kept with the window state."""
        on = bool(state.value(SOUND_KEY, False, type=bool))
        actions.set_alert_sound(on)
        self.notifier.set_sound(on)

        def toggled(value: bool) -> None:
            self.notifier.set_sound(value)
            state.setValue(SOUND_KEY, value)

        actions.alertSoundToggled.connect(toggled)

    def install_promotion_toggle(self, actions: MainActions, settings: Settings) -> None:
        """The Incident menu's "Promotion targets": switches the live floor's
        SLA targets on the poll worker, then asks for a poll to show them."""
        actions.set_promotion(settings.sla.promotion)

        def toggled(on: bool) -> None:
            host = self.host
            if host is None or self.ops is None:
                actions.set_promotion(not on)
                return
            switch = partial(set_promotion, on=on)
            self.ops.run(
                self._window,
                lambda: host.read_floor(switch),
                on_success=self._on_promotion_switched,
                on_failure=lambda exc: self._on_promotion_failed(actions, on, exc),
            )

        actions.promotionToggled.connect(toggled)

    def _on_promotion_switched(self, change: PromotionChange) -> None:
        poll_now = getattr(self.host, "poll_now", None)
        if callable(poll_now):
            poll_now()
        text = (
            self.tr("Promotion targets on: pre-sales answers within 1 min")
            if change.on
            else self.tr("Promotion targets off: the usual desk targets apply")
        )
        self._window.statusBar().showMessage(text, 8000)

    def _on_promotion_failed(self, actions: MainActions, on: bool, exc: BaseException) -> bool:
        actions.set_promotion(not on)
        if isinstance(exc, LookupError):
            self._window.statusBar().showMessage(
                self.tr("No floor yet: the promotion targets can be switched once data arrives."),
                8000,
            )
            return True
        return False

    def set_palette(self, palette: Palette) -> None:
        for panel in (self.heatmap, self.at_risk, self.escalations, self.alerts):
            panel.set_palette(palette)

    def set_declare_available(self, available: bool) -> None:
        self.alerts.set_declare_available(available)

    def shutdown(self) -> None:
        if self.ops is not None:
            self.ops.detach()
        self.notifier.shutdown()

    # --- reads of the floor ---------------------------------------------------------

    def show_ticket(self, ticket_id: str) -> None:
        """Look the ticket up off the GUI thread, then show its details."""
        host = self.host
        if host is None or self.ops is None:
            return
        read = partial(ticket_details, ticket_id=TicketId(ticket_id))
        self.ops.run(
            self._window,
            lambda: host.read_floor(read),
            on_success=self._on_ticket_read,
            on_failure=_quiet_lookup,
        )

    def _on_ticket_read(self, details: TicketDetails | None) -> None:
        if details is None:
            self._window.statusBar().showMessage(
                self.tr("That ticket is no longer on the floor."), 5000
            )
            return
        dialog = TicketDialog(
            details,
            queue_name=self._queue_name(details.ticket.queue),
            zone=self._zone,
            parent=self._window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ticket_dialog = dialog
        dialog.show()

    def _on_cell_activated(self, cell: HeatmapCell) -> None:
        host = self.host
        if host is None or self.ops is None:
            return
        read = partial(
            cell_details, queue=cell.queue, start=cell.start, bucket=cell.bucket, mode=cell.mode
        )
        self.ops.run(
            self._window,
            lambda: host.read_floor(read),
            on_success=lambda found: self._on_cell_read(found, cell.queue_name),
            on_failure=_quiet_lookup,
        )

    def _on_cell_read(self, cell: CellTickets, queue_name: str) -> None:
        self.cell_dialog.show_cell(cell, queue_name=queue_name)
        self.cell_dialog.show()
        self.cell_dialog.raise_()

    def _queue_name(self, queue: QueueId) -> str:
        view = self._bridge.last_view if self._bridge is not None else None
        if view is not None:
            for figures in view.queues:
                if figures.queue == queue:
                    return figures.display_name(ui_language())
        return str(queue)

    # --- alert actions --------------------------------------------------------------

    def _on_acknowledge_requested(self, ids: list[str]) -> None:
        host, who = self.host, self.who
        if host is None or self.ops is None:
            return
        self.ops.run(
            self.alerts,
            lambda: [host.acknowledge_alert(i, who=who) for i in ids],
            on_success=lambda _alerts: None,
            on_failure=_alert_gone,
        )

    def _on_snooze_requested(self, ids: list[str], duration: timedelta) -> None:
        host, who = self.host, self.who
        if host is None or self.ops is None:
            return
        self.ops.run(
            self.alerts,
            lambda: [host.snooze_alert(i, duration=duration, who=who) for i in ids],
            on_success=lambda _alerts: None,
            on_failure=_alert_gone,
        )

    def _on_notifier_activated(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()
        self._window.show_floor_panel(self.alerts)


def _alert_gone(exc: BaseException) -> bool:
    # Cleared and forgotten meanwhile: the next update takes it off the list.
    return isinstance(exc, UnknownAlert)


def _quiet_lookup(exc: BaseException) -> bool:
    # No floor yet (the backend has not answered): nothing to show.
    return isinstance(exc, LookupError) and not isinstance(exc, UnknownAlert)
