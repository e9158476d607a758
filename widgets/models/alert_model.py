"""A thin Qt table model over the active alerts (:class:`cockpit.alerts.Alert`),
in the engine's order: most severe first, then oldest first.

The same alerts (ids, in the same order) emit ``dataChanged`` when an update
arrives (an acknowledgement, a refreshed count); any other change resets
the model. Severity shows as colour *and* a word.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from cockpit.alert_rules import Severity
from cockpit.alerts import Alert
from cockpit.domain import QueueId
from cockpit.settings import EscalationSettings
from widgets.floor_text import alert_text, alert_ticket_count, clock_time, severity_text
from widgets.theme import DAY, Palette

ModelIndex = QModelIndex | QPersistentModelIndex


class AlertColumn(IntEnum):
    SEVERITY = 0
    ALERT = 1
    TICKETS = 2
    SINCE = 3
    STATUS = 4


class AlertRole(IntEnum):
    ALERT = Qt.ItemDataRole.UserRole + 1
    ALERT_ID = Qt.ItemDataRole.UserRole + 2


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class AlertModel(QAbstractTableModel):
    """Active alerts; read-only."""

    def __init__(
        self,
        *,
        limits: EscalationSettings | None = None,
        zone: tzinfo | None = None,
        palette: Palette = DAY,
        queue_name: Callable[[QueueId], str] = str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._limits = limits or EscalationSettings()
        self._zone = zone
        self._palette = palette
        self._queue_name = queue_name
        self._alerts: tuple[Alert, ...] = ()

    # --- updates ------------------------------------------------------------------

    def set_alerts(self, alerts: tuple[Alert, ...]) -> None:
        if tuple(a.id for a in alerts) != tuple(a.id for a in self._alerts):
            self.beginResetModel()
            self._alerts = alerts
            self.endResetModel()
            return
        self._alerts = alerts
        self.refresh()

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self.refresh()

    def refresh(self) -> None:
        """Repaint every cell (names, language, times)."""
        if self._alerts:
            last = len(AlertColumn) - 1
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._alerts) - 1, last))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(AlertColumn) - 1)

    # --- reading ------------------------------------------------------------------

    def alerts(self) -> tuple[Alert, ...]:
        return self._alerts

    def alert_at(self, row: int) -> Alert | None:
        return self._alerts[row] if 0 <= row < len(self._alerts) else None

    def text(self, alert: Alert) -> str:
        queue = self._queue_name(alert.queue) if alert.queue is not None else ""
        return alert_text(alert, queue=queue, limits=self._limits)

    # --- Qt model API ---------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._alerts)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(AlertColumn)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(AlertColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Severity"),
                self.tr("Alert"),
                self.tr("Tickets"),
                self.tr("Since"),
                self.tr("Taken"),
            )[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section == AlertColumn.TICKETS else _LEFT
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        alert = self.alert_at(index.row()) if index.isValid() else None
        if alert is None:
            return None
        column = AlertColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(alert, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column is AlertColumn.TICKETS else _LEFT
        if role == Qt.ItemDataRole.BackgroundRole and column is AlertColumn.SEVERITY:
            critical = alert.severity is Severity.CRITICAL
            return QBrush(self._palette.color("critical_bg" if critical else "warn_bg"))
        if role == Qt.ItemDataRole.ForegroundRole:
            if column is AlertColumn.SEVERITY:
                critical = alert.severity is Severity.CRITICAL
                return QBrush(self._palette.color("critical_text" if critical else "warn_text"))
            if alert.acknowledged_at is not None:
                return QBrush(self._palette.color("text_muted"))
            return None
        if role == Qt.ItemDataRole.FontRole and alert.acknowledged_at is None:
            font = QFont()
            font.setBold(True)  # not taken yet: stands out
            return font
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
