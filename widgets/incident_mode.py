"""Incident mode in the window: keeps the banner and the incident panel in
step with the incident log, and opens the declare, broadcast and
bulk-reply dialogs.

It reads the incident (``read_picture``, off the GUI thread) when the
runtime reports a tick (``Bridge.incidentsTicked``), after every action of
the panel, and after a declaration. Reads never overlap: a request during a
read is served by one more read after it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from cockpit.incidents.engine import TickResult
from cockpit.incidents.model import Change
from widgets.broadcast_dialog import BroadcastDialog
from widgets.bulk_reply_dialog import BulkReplyDialog
from widgets.confirm import Confirm, ask
from widgets.declare_dialog import DeclareDialog, DeclareRequest, alert_hints
from widgets.incident_banner import IncidentBanner
from widgets.incident_panel import AskResolution, IncidentPanel
from widgets.incident_state import (
    BulkPlan,
    IncidentHost,
    IncidentPicture,
    current_user,
    read_picture,
)
from widgets.incident_text import change_summary
from widgets.resolve_dialog import ask_resolution
from widgets.run_op import run_op

log = logging.getLogger(__name__)


def _system_now() -> datetime:
    return datetime.now(UTC)


class IncidentMode(QObject):
    """Banner + panel + dialogs of incident mode, fed from one host (the runtime).

    ``pictureChanged(IncidentPicture)`` after every read (the wall board's banner).
    """

    pictureChanged = Signal(object)

    def __init__(
        self,
        host: IncidentHost,
        *,
        window: QWidget,
        zone: tzinfo | None = None,
        confirm: Confirm = ask,
        clock: Callable[[], datetime] = _system_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._host = host
        self._window = window
        self._zone = zone
        self._confirm = confirm
        self.banner = IncidentBanner(clock=clock)
        self.panel = IncidentPanel(
            host, confirm=confirm, resolve=ask_resolution, clock=clock, zone=zone
        )
        self.panel.hide()
        self.panel.open_broadcast = self._on_broadcast_requested
        self.panel.open_bulk_reply = self._on_bulk_reply_requested
        self.panel.changed.connect(self.refresh)
        self.picture: IncidentPicture | None = None
        self.dialog: QDialog | None = None
        self._reading = False
        self._again = False
        self._closed = False

    def set_confirm(self, confirm: Confirm, resolve: AskResolution | None = None) -> None:
        """Who answers the confirmations (tests, demos): dialogs and panel."""
        self._confirm = confirm
        self.panel.confirm = confirm
        if resolve is not None:
            self.panel.ask_resolution = resolve

    # --- reading the incident --------------------------------------------------------

    def on_incidents_ticked(self, _result: TickResult) -> None:
        """Connected to ``Bridge.incidentsTicked``."""
        self.refresh()

    def refresh(self) -> None:
        """Read the incident again (off the GUI thread); never two reads at once."""
        if self._closed:
            return
        if self._reading:
            self._again = True
            return
        self._reading = True
        host, panel = self._host, self.panel
        shown = panel.picture.incident if panel.picture is not None else None
        incident_id = shown.id if shown is not None else None
        after_id = panel.timeline.last_id if incident_id is not None else None
        plan: BulkPlan | None = panel.bulk_plan
        run_op(
            panel,
            lambda: read_picture(
                host.require_engine(),
                host.open_tickets,
                incident_id=incident_id,
                after_id=after_id,
                plan=plan,
            ),
            on_success=self._on_picture_changed,
            on_failure=self._on_read_failed,
        )

    def _on_picture_changed(self, picture: IncidentPicture) -> None:
        self._reading = False
        self.picture = picture
        self.banner.show_picture(picture)
        self.panel.show_picture(picture)
        self.panel.setVisible(picture.incident is not None and not self.panel.collapsed)
        self.pictureChanged.emit(picture)
        if self._again:
            self._again = False
            self.refresh()

    def _on_read_failed(self, exc: BaseException) -> bool:
        self._reading = False
        log.info("could not read the incident log: %s", exc)
        return True  # quiet: the next tick tries again

    def shutdown(self) -> None:
        self._closed = True
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.close()

    # --- declaring ------------------------------------------------------------------------

    def declare(self, alert: Any = None) -> None:
        """Open the declare dialog; with ``alert``, suggest from its topics."""
        picture = self.picture
        if picture is None or not picture.playbooks:
            QMessageBox.information(
                self._window,
                self.tr("Declare incident"),
                self.tr("Incident mode is still starting. Try again in a moment."),
            )
            return
        hints = alert_hints(alert) if alert is not None else None
        dialog = DeclareDialog(
            picture.playbooks, hints=hints, confirm=self._confirm, parent=self._window
        )
        dialog.accepted.connect(lambda: self._on_declare_accepted(dialog.request))
        self._open(dialog)

    def _on_declare_accepted(self, request: DeclareRequest | None) -> None:
        if request is None:
            return
        host, who = self._host, current_user()
        run_op(
            self.panel,
            lambda: host.require_engine().declare(
                request.playbook_id,
                summary=request.summary,
                who=who,
                severity=request.severity,
                variables=request.variables,
                auto=request.auto,
            ),
            on_success=self._on_declared,
        )

    def _on_declared(self, change: Change) -> None:
        text = change_summary(change, self._zone)
        if change.joined:
            text = self.tr(
                "An incident of this kind is already open: the declaration joined #{id}."
            ).format(id=change.incident.id)
        self.panel.show_result(text, ok=change.ok)
        self.refresh()

    # --- dialogs of the panel -----------------------------------------------------------

    def _on_broadcast_requested(self, panel: IncidentPanel) -> None:
        picture = panel.picture
        if picture is None or picture.incident is None:
            return
        dialog = BroadcastDialog(self._host, picture, confirm=self._confirm, parent=self._window)
        dialog.finished.connect(self.refresh)
        self._open(dialog)

    def _on_bulk_reply_requested(self, panel: IncidentPanel) -> None:
        picture = panel.picture
        if picture is None or picture.incident is None:
            return
        host, incident_id = self._host, picture.incident.id
        plan = panel.bulk_plan

        def opened(flt: Any) -> None:
            dialog = BulkReplyDialog(
                host,
                picture,
                flt,
                confirm=self._confirm,
                zone=self._zone,
                on_sent=self._on_bulk_sent,
                parent=self._window,
            )
            dialog.finished.connect(self.refresh)
            self._open(dialog)

        if plan is not None:
            opened(plan.flt)
            return
        run_op(
            panel,
            lambda: host.require_engine().ticket_filter(incident_id),
            on_success=opened,
        )

    def _on_bulk_sent(self, plan: BulkPlan) -> None:
        self.panel.bulk_plan = plan
        self.refresh()

    def _open(self, dialog: QDialog) -> None:
        """Window-modal and non-blocking; the last one is kept for tests."""
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
