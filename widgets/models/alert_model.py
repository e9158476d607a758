"""A thin Qt table model over the active alerts (:class:`cockpit.alerts.Alert`),
in the engine's order: most severe first, then oldest first.

The same alerts (ids, in the same order) emit ``dataChanged`` when an update
arrives (an acknowledgement, a refreshed count); any other change resets
the model. Severity shows as colour *and* a word ("Critical", never
"Urgent", which is a ticket priority); a notice is listed without colour.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush

from cockpit.alert_rules import Severity
from cockpit.alerts import Alert
from cockpit.domain import QueueId
from cockpit.settings import EscalationSettings
from widgets.floor_text import alert_text, alert_ticket_count, clock_time, severity_text
from widgets.models.row_model import RowTableModel, bold_font
from widgets.theme import DAY, Palette


class AlertColumn(IntEnum):
    SEVERITY = 0
    ALERT = 1
    TICKETS = 2
    SINCE = 3
    STATUS = 4


class AlertRole(IntEnum):
    ALERT = Qt.ItemDataRole.UserRole + 1
    ALERT_ID = Qt.ItemDataRole.UserRole + 2


# A notice is listed quietly: no colour, muted text.
_BACKGROUND = {Severity.CRITICAL: "critical_bg", Severity.WARNING: "warn_bg"}
_TEXT = {Severity.CRITICAL: "critical_text", Severity.WARNING: "warn_text"}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class AlertModel(RowTableModel[Alert, AlertColumn]):
    """Active alerts; read-only."""

    columns = AlertColumn

    def __init__(
        self,
        *,
        limits: EscalationSettings | None = None,
        zone: tzinfo | None = None,
        palette: Palette = DAY,
        queue_name: Callable[[QueueId], str] = str,
        language: str = "en",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent, palette=palette)
        self._limits = limits or EscalationSettings()
        self._language = language
        self._zone = zone
        self._queue_name = queue_name

    # --- updates ------------------------------------------------------------------

    def set_alerts(self, alerts: tuple[Alert, ...]) -> None:
        """The same alerts (ids, in order) repaint in place, headers too; others reset."""
        if not self.set_rows(alerts, key=lambda alert: alert.id):
            self._headers_changed()

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self.refresh()

    def set_language(self, language: str) -> None:
        """The language of texts that come in both (checklist step titles)."""
        self._language = language
        self.refresh()

    def refresh(self) -> None:
        """Repaint every cell (names, language, times)."""
        self._all_changed()
        self._headers_changed()

    # --- reading ------------------------------------------------------------------

    def alerts(self) -> tuple[Alert, ...]:
        return self.rows()

    def text(self, alert: Alert) -> str:
        queue = self._queue_name(alert.queue) if alert.queue is not None else ""
        return alert_text(alert, queue=queue, limits=self._limits, language=self._language)

    # --- Qt model API ---------------------------------------------------------------

    def _headers(self) -> tuple[str, ...]:
        return (
            self.tr("Severity"),
            self.tr("Alert"),
            self.tr("Tickets"),
            self.tr("Since"),
            self.tr("Taken"),
        )

    def _alignment(self, column: AlertColumn) -> Qt.AlignmentFlag:
        return _RIGHT if column is AlertColumn.TICKETS else _LEFT

    def _data(self, alert: Alert, column: AlertColumn, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(alert, column)
        notice = alert.severity is Severity.NOTICE
        if role == Qt.ItemDataRole.BackgroundRole and column is AlertColumn.SEVERITY:
            background = _BACKGROUND.get(alert.severity)
            return None if background is None else QBrush(self._palette.color(background))
        if role == Qt.ItemDataRole.ForegroundRole:
            if column is AlertColumn.SEVERITY and not notice:
                return QBrush(self._palette.color(_TEXT[alert.severity]))
            if alert.acknowledged_at is not None or notice:
                return QBrush(self._palette.color("text_muted"))
            return None
        if role == Qt.ItemDataRole.FontRole and alert.acknowledged_at is None and not notice:
            return bold_font()  # not taken yet: stands out (a notice needs no taking)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._describe(alert)
        if role == AlertRole.ALERT:
            return alert
        if role == AlertRole.ALERT_ID:
            return alert.id
        return None

    def _display(self, alert: Alert, column: AlertColumn) -> str:
        if column is AlertColumn.SEVERITY:
            return severity_text(alert.severity)
        if column is AlertColumn.ALERT:
            return self.text(alert)
        if column is AlertColumn.TICKETS:
            count = alert_ticket_count(alert)
            return str(count) if count else "—"
        if column is AlertColumn.SINCE:
            return clock_time(alert.raised_at, self._zone)
        return self._status(alert)

    def _status(self, alert: Alert) -> str:
        if alert.acknowledged_at is not None:
            return self.tr("{who} at {time}").format(
                who=alert.acknowledged_by or "?", time=clock_time(alert.acknowledged_at, self._zone)
            )
        if alert.snoozed_until is not None:
            return self.tr("snoozed until {time}").format(
                time=clock_time(alert.snoozed_until, self._zone)
            )
        return self.tr("new")

    def _describe(self, alert: Alert) -> str:
        lines = [self.text(alert)]
        lines.append(
            self.tr("Raised at {time}").format(time=clock_time(alert.raised_at, self._zone))
        )
        if alert.acknowledged_at is not None:
            lines.append(
                self.tr("Acknowledged by {who} at {time}").format(
                    who=alert.acknowledged_by or "?",
                    time=clock_time(alert.acknowledged_at, self._zone),
                )
            )
        if alert.snoozed_until is not None:
            lines.append(
                self.tr("Snoozed by {who} until {time}").format(
                    who=alert.snoozed_by or "?", time=clock_time(alert.snoozed_until, self._zone)
                )
            )
        return "\n".join(lines)
