"""The at-risk list (the "response timeout warning"): open tickets by time
to breach, counting down every second between polls, with the breached
ones below them, set apart in red. Double-click opens a ticket's details.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtCore import QCoreApplication, QModelIndex, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QWidget

from cockpit.domain import Kind, Priority
from cockpit.metrics import FloorView
from cockpit.sla import ClockKind
from widgets.floor_panel import (
    FloorPanel,
    filter_buttons,
    fit_columns,
    panel_layout,
    panel_title,
    placeholder_stack,
    row_table,
)
from widgets.floor_text import clock_short_text, kind_text, priority_text, span_text
from widgets.models.at_risk_model import AtRiskColumn, AtRiskModel, AtRiskRole, RowFilter
from widgets.queue_panel import ui_language
from widgets.theme import DAY, Palette, set_style_property


def _samples(names: list[str]) -> dict[AtRiskColumn, list[str]]:
    """The widest texts each fixed column shows, in the UI language (the subject takes the rest)."""
    late = QCoreApplication.translate("AtRiskModel", "late {time}")
    return {
        AtRiskColumn.TIME_TO_BREACH: [late.format(time="8:88:88"), "88:88"],
        AtRiskColumn.TICKET: ["T00000000"],
        AtRiskColumn.QUEUE: names or ["Refunds"],
        AtRiskColumn.PRIORITY: [priority_text(p) for p in Priority],
        AtRiskColumn.KIND: [kind_text(k) for k in Kind],
        AtRiskColumn.CLOCK: [clock_short_text(c) for c in ClockKind],
        AtRiskColumn.OTHER_CLOCK: [
            QCoreApplication.translate("AtRiskModel", "{clock} late {time}").format(
                clock=clock_short_text(c), time="8:88:88"
            )
            for c in ClockKind
        ],
        AtRiskColumn.AGE: [span_text(23 * 3600 + 58 * 60)],
        AtRiskColumn.ASSIGNEE: ["agent-888"],
    }


class AtRiskPanel(FloorPanel):
    """At-risk and breached tickets; fed by ``Bridge.floorUpdated``.

    ``ticketActivated(str)`` carries the id of a double-clicked ticket.
    """

    ticketActivated = Signal(str)

    def __init__(
        self,
        *,
        zone: tzinfo | None = None,
        palette: Palette = DAY,
        tick_ms: int = 1000,
        monotonic: Callable[[], float] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("floorPanel")
        extra = {} if monotonic is None else {"monotonic": monotonic}
        self.model = AtRiskModel(
            palette=palette, language=ui_language(), zone=zone, parent=self, **extra
        )
        self._title = panel_title(self)
        self._buttons = filter_buttons(
            self, RowFilter, checked=RowFilter.ALL, on_clicked=self._on_filter_changed
        )
        title_row = QHBoxLayout()
        title_row.addWidget(self._title)
        title_row.addStretch(1)
        for button in self._buttons.values():
            title_row.addWidget(button)

        self.table = row_table(self.model, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._on_double_clicked)

        self._placeholder, self._stack = placeholder_stack(self, self.table)
        self._placeholder.setWordWrap(True)

        layout = panel_layout(self)
        layout.addLayout(title_row)
        layout.addWidget(self._stack, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.model.tick)
        self._timer.start()
        self._waiting = True
        self._names: list[str] = []
        self._retranslate()

    # --- wiring -----------------------------------------------------------------

    def set_palette(self, palette: Palette) -> None:
        self.model.set_palette(palette)

    def _on_floor_changed(self, view: FloorView) -> None:
        self._waiting = False
        self.model.set_view(view)
        names = sorted(self.model.queue_names())
        if names != self._names:
            self._names = names
            self._fit_columns()
        self._update_counts()

    def _on_filter_changed(self, which: RowFilter) -> None:
        self.model.set_filter(which)
        self._update_counts()

    def _on_double_clicked(self, index: QModelIndex) -> None:
        ticket = index.data(AtRiskRole.TICKET_ID)
        if ticket:
            self.ticketActivated.emit(str(ticket))

    # --- text -------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("At risk"))
        self._title.setText(self.tr("Tickets close to breaching their SLA"))
        self.model.set_language(ui_language())
        self._update_counts()
        self._fit_columns()

    def _update_counts(self) -> None:
        at_risk, breached = self.model.counts()
        texts = {
            RowFilter.ALL: self.tr("All {n}").format(n=at_risk + breached),
            RowFilter.AT_RISK: self.tr("At risk {n}").format(n=at_risk),
            RowFilter.BREACHED: self.tr("Breached {n}").format(n=breached),
        }
        for which, text in texts.items():
            self._buttons[which].setText(text)
        set_style_property(self._buttons[RowFilter.BREACHED], "alarm", breached > 0)
        if self._waiting:
            self._placeholder.setText(self.tr("Waiting for the first data from the backend…"))
        else:
            self._placeholder.setText(self.tr("No ticket is close to breaching its SLA."))
        self._stack.setCurrentWidget(self.table if self.model.rowCount() else self._placeholder)

    def _fit_columns(self) -> None:
        fit_columns(self.table, _samples(self._names))
