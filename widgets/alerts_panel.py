"""The alerts panel: what is wrong on the floor now (one line per rule and
queue) and which checklist steps of an open incident are overdue, who has
taken what, and the buttons to acknowledge, snooze or declare an incident
from a floor alert.

Each line starts with its queue ("Payment — 3 urgent tickets breached"),
so rows cut short at the panel's edge stay told apart; notices are listed
without colour and never count as "not taken".

The panel only shows and asks: ``acknowledgeRequested(list[str])``,
``snoozeRequested(list[str], timedelta)`` and ``declareRequested(Alert)``
go to whoever runs the actions off the GUI thread (``floor_board.py``);
the outcome comes back as the next ``Bridge.alertsChanged``. The history
lists every acknowledgement and snooze with who and when, newest first.
"""

from __future__ import annotations

from datetime import timedelta, tzinfo

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTabWidget,
    QWidget,
)

from cockpit.alert_rules import INCIDENT_RULES, AlertRule, Severity
from cockpit.alerts import Alert, AlertEvent, AlertUpdate, EventKind
from cockpit.domain import QueueId
from cockpit.metrics import FloorView
from cockpit.settings import EscalationSettings
from widgets.bridge import Bridge
from widgets.floor_panel import FloorPanel, fit_columns, panel_layout, panel_title, row_table
from widgets.floor_text import clock_time, severity_text
from widgets.models.alert_model import AlertColumn, AlertModel
from widgets.queue_panel import ui_language
from widgets.theme import DAY, Palette, set_style_property

SNOOZES = (timedelta(minutes=15), timedelta(hours=1))
HISTORY_LIMIT = 200
# The alert sentence keeps at least this many "M" widths (the rest of it
# in the tooltip); less and the panel does not go beside the queues.
ALERT_TEXT_EMS = 16


class AlertsPanel(FloorPanel):
    """Active alerts, acknowledge / snooze / declare, and the history."""

    acknowledgeRequested = Signal(list)
    snoozeRequested = Signal(list, object)
    declareRequested = Signal(object)

    def __init__(
        self,
        *,
        limits: EscalationSettings | None = None,
        zone: tzinfo | None = None,
        palette: Palette = DAY,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("floorPanel")
        self._zone = zone
        self._names: dict[QueueId, str] = {}
        self._view: FloorView | None = None
        self._history: list[AlertEvent] = []
        self._selected: set[str] = set()
        self.model = AlertModel(
            limits=limits,
            zone=zone,
            palette=palette,
            queue_name=self._queue_name,
            language=ui_language(),
            parent=self,
        )

        self._title = panel_title(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("countChip")
        title_row = QHBoxLayout()
        title_row.addWidget(self._title)
        title_row.addWidget(self.summary)
        title_row.addStretch(1)

        self.table = row_table(self.model, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Fixed sizes: measuring a few hundred rows on every poll costs tens of
        # milliseconds on the GUI thread. The sentence takes all the width the
        # others leave; too long, it shows in full as its tooltip.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(AlertColumn.ALERT, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)

        self.acknowledge = QPushButton(self)
        self.acknowledge.setObjectName("primaryButton")
        self.acknowledge.clicked.connect(self._on_acknowledge_clicked)
        self.snooze = {d: QPushButton(self) for d in SNOOZES}
        for duration, button in self.snooze.items():
            button.clicked.connect(lambda _=False, d=duration: self._on_snooze_clicked(d))
        self.declare = QPushButton(self)
        self.declare.clicked.connect(self._on_declare_clicked)
        self._declare_available = True
        buttons = QHBoxLayout()
        buttons.addWidget(self.acknowledge)
        for button in self.snooze.values():
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.declare)

        self.history = QListWidget(self)
        self.history.setObjectName("alertHistory")
        self.history.setWordWrap(True)
        # The active alerts in front; who took what one click away.
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("alertTabs")
        self.tabs.addTab(self.table, "")
        self.tabs.addTab(self.history, "")

        layout = panel_layout(self)
        layout.addLayout(title_row)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self._retranslate()
        self._on_selection_changed()

    # --- wiring -----------------------------------------------------------------

    def bind(self, bridge: Bridge) -> None:
        bridge.alertsChanged.connect(self.on_alerts_changed)
        super().bind(bridge)

    def set_palette(self, palette: Palette) -> None:
        self.model.set_palette(palette)

    def set_declare_available(self, available: bool) -> None:
        """Declaring needs incident mode (a runtime with an incident engine)."""
        self._declare_available = available
        self._on_selection_changed()

    def on_alerts_changed(self, update: AlertUpdate) -> None:
        for event in update.events:
            if event.kind in (EventKind.ACKNOWLEDGED, EventKind.SNOOZED):
                self._history.insert(0, event)
                self.history.insertItem(0, self._history_line(event))
        del self._history[HISTORY_LIMIT:]
        while self.history.count() > HISTORY_LIMIT:
            self.history.takeItem(self.history.count() - 1)
        self.model.set_alerts(self._ordered(update.active))
        self._on_selection_changed()  # an alert taken meanwhile cannot be taken again
        self._update_summary()

    def _on_floor_changed(self, view: FloorView) -> None:
        self._view = view
        self._update_names()

    def _update_names(self) -> None:
        if self._view is None:
            return
        language = ui_language()
        names = {q.queue: q.display_name(language) for q in self._view.queues}
        if names != self._names:
            self._names = names
            self.model.refresh()

    def _ordered(self, alerts: tuple[Alert, ...]) -> tuple[Alert, ...]:
        """Most severe first, then by rule (as the rules are listed), then in
        the queues' order: a stable list that does not reshuffle every poll."""
        rules = list(AlertRule)
        queues = [q.queue for q in self._view.queues] if self._view is not None else []

        def key(alert: Alert) -> tuple[int, int, int, str, str]:
            where = queues.index(alert.queue) if alert.queue in queues else len(queues)
            rule = rules.index(alert.rule)
            return (-alert.severity.rank, rule, where, str(alert.queue), alert.id)

        return tuple(sorted(alerts, key=key))

    def _queue_name(self, queue: QueueId) -> str:
        return self._names.get(queue, str(queue))

    # --- selection and buttons ----------------------------------------------------

    def selected_alerts(self) -> list[Alert]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [a for a in (self.model.row_at(r) for r in rows) if a is not None]

    def select_alert(self, alert_id: str) -> None:
        for row, alert in enumerate(self.model.alerts()):
            if alert.id == alert_id:
                self.table.selectRow(row)
                return

    def _on_selection_changed(self, *_: object) -> None:
        chosen = self.selected_alerts()
        self.acknowledge.setEnabled(any(a.acknowledged_at is None for a in chosen))
        for button in self.snooze.values():
            button.setEnabled(bool(chosen))
        self.declare.setEnabled(self._declare_available and _declarable(chosen))

    def _remember_selection(self) -> None:
        self._selected = {a.id for a in self.selected_alerts()}

    def _restore_selection(self) -> None:
        selection = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row, alert in enumerate(self.model.alerts()):
            if alert.id in self._selected:
                selection.select(self.model.index(row, 0), flags)
        self._on_selection_changed()

    def _on_acknowledge_clicked(self) -> None:
        ids = [a.id for a in self.selected_alerts() if a.acknowledged_at is None]
        if ids:
            self.acknowledgeRequested.emit(ids)

    def _on_snooze_clicked(self, duration: timedelta) -> None:
        ids = [a.id for a in self.selected_alerts()]
        if ids:
            self.snoozeRequested.emit(ids, duration)

    def _on_declare_clicked(self) -> None:
        chosen = self.selected_alerts()
        if _declarable(chosen):
            self.declareRequested.emit(chosen[0])

    # --- text -------------------------------------------------------------------

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Alerts"))
        self.acknowledge.setText(self.tr("Acknowledge"))
        self.acknowledge.setToolTip(self.tr("Record that you have taken the selected alerts"))
        self.snooze[SNOOZES[0]].setText(self.tr("Snooze 15 min"))
        self.snooze[SNOOZES[1]].setText(self.tr("Snooze 1 h"))
        for button in self.snooze.values():
            button.setToolTip(self.tr("No notifications for these alerts for a while"))
        self.declare.setText(self.tr("Declare incident…"))
        self.declare.setToolTip(self.tr("Open an incident from the selected alert"))
        self.history.clear()
        for event in self._history:
            self.history.addItem(self._history_line(event))
        self._update_names()
        self.model.set_language(ui_language())
        self._update_summary()
        self._fit_columns()

    def _fit_columns(self) -> None:
        samples = {
            AlertColumn.SEVERITY: [severity_text(s) for s in Severity],
            AlertColumn.TICKETS: ["888"],
            AlertColumn.SINCE: ["88:88"],
            AlertColumn.STATUS: [
                QCoreApplication.translate("AlertModel", "new"),
                QCoreApplication.translate("AlertModel", "{who} at {time}").format(
                    who="supervisor", time="88:88"
                ),
            ],
        }
        fit_columns(self.table, samples)
        table = self.table
        fixed = sum(table.columnWidth(column) for column in samples)
        text = ALERT_TEXT_EMS * QFontMetrics(table.font()).horizontalAdvance("M")
        chrome = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
        table.setMinimumWidth(fixed + text + chrome)

    def _update_summary(self) -> None:
        self.tabs.setTabText(0, self.tr("Active"))
        self.tabs.setTabText(
            1, self.tr("Acknowledged and snoozed ({n})").format(n=len(self._history))
        )
        alerts = self.model.alerts()
        # Notices are listed, never waiting to be taken.
        untaken = [
            a for a in alerts if a.acknowledged_at is None and a.severity is not Severity.NOTICE
        ]
        open_ = len(untaken)
        self.summary.setText(
            self.tr("{n} active · {open} not taken").format(n=len(alerts), open=open_)
        )
        worst = max((a.severity.rank for a in untaken), default=0)
        chip = {Severity.CRITICAL.rank: "critical", Severity.WARNING.rank: "warning"}
        set_style_property(self.summary, "severity", chip.get(worst, "normal"))
        title = self.tr("Alerts")
        self.setWindowTitle(f"{title} ({open_})" if open_ else title)

    def _history_line(self, event: AlertEvent) -> str:
        when = clock_time(event.at, self._zone)
        text = self.model.text(event.alert)
        if event.kind is EventKind.SNOOZED and event.alert.snoozed_until is not None:
            until = clock_time(event.alert.snoozed_until, self._zone)
            return self.tr("{time} {who} snoozed until {until}: {alert}").format(
                time=when, who=event.who or "?", until=until, alert=text
            )
        return self.tr("{time} {who} acknowledged: {alert}").format(
            time=when, who=event.who or "?", alert=text
        )


def _declarable(chosen: list[Alert]) -> bool:
    """One floor alert: an overdue checklist step already belongs to an incident."""
    return len(chosen) == 1 and chosen[0].rule not in INCIDENT_RULES
