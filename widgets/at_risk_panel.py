"""The at-risk list (the "response timeout warning"): open tickets by time
to breach, counting down every second between polls, with the breached
ones below them, set apart in red. Double-click opens a ticket's details.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QWidget

from cockpit.domain import Priority
from cockpit.metrics import FloorView
from cockpit.sla import ClockKind
from widgets.floor_panel import (
    FloorPanel,
    filter_buttons,
    panel_layout,
    panel_title,
    placeholder_stack,
    row_table,
)
from widgets.floor_text import clock_short_text, priority_text, span_text
from widgets.models.at_risk_model import AtRiskColumn, AtRiskModel, AtRiskRole, RowFilter
from widgets.queue_panel import ui_language
from widgets.table_fit import ColumnFit, rows_height, texts_of
from widgets.theme import DAY, Palette, set_style_property

# The free-text subject takes the rest; at narrow widths the least important
# columns give way first (docs/glance.md): the clock (every row's tooltip
# names it), the priority, the ticket number, the age, the queue.
# The countdown, the owner and the subject always show.
COLUMN_FIT = ColumnFit(
    stretch=AtRiskColumn.SUBJECT,
    stretch_ems=8,
    give_way=(
        AtRiskColumn.CLOCK,
        AtRiskColumn.PRIORITY,
        AtRiskColumn.TICKET,
        AtRiskColumn.AGE,
        AtRiskColumn.QUEUE,
    ),
    caps={AtRiskColumn.QUEUE: "Refunds & returns", AtRiskColumn.ASSIGNEE: "Alexandra K."},
)


_DAY_S = 86_400
# Rows the list keeps room for whatever else wants the height (the queue
# table above it takes what there is beyond: incident mode at 1366×768).
LEAST_ROWS = 4


def _samples(model: AtRiskModel) -> dict[int, list[str]]:
    """The texts each compact column must show, in the UI language: the
    widest a countdown, an age, a priority or a clock can be (fixed, so a
    new poll never has to measure them), the rows' own ticket numbers,
    queues and owners, each distinct text once (the subject takes the rest)."""
    late = QCoreApplication.translate("AtRiskModel", "late {time}")
    widest = (_DAY_S - 1, 99 * _DAY_S + 23 * 3600)  # 23:59:59 and "99 d 23 h"

    def shown(column: AtRiskColumn) -> list[str]:
        return sorted(model.column_texts(column))

    return {
        AtRiskColumn.TIME_TO_BREACH: [
            *(late.format(time=span_text(s)) for s in widest),
            *(span_text(s) for s in widest),
        ],
        AtRiskColumn.TICKET: texts_of(shown(AtRiskColumn.TICKET), fallback=["T000000"]),
        AtRiskColumn.QUEUE: texts_of(shown(AtRiskColumn.QUEUE), fallback=["Refunds"]),
        AtRiskColumn.PRIORITY: [priority_text(p) for p in Priority],
        AtRiskColumn.CLOCK: [clock_short_text(c) for c in ClockKind],
        AtRiskColumn.AGE: [span_text(s) for s in widest],
        AtRiskColumn.ASSIGNEE: texts_of(shown(AtRiskColumn.ASSIGNEE), fallback=["agent-888"]),
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
        self.hidden_columns: frozenset[int] = frozenset()
        self._table_need = 0
        self.table.doubleClicked.connect(self._on_double_clicked)

        self._placeholder, self._stack = placeholder_stack(self, self.table)
        self._placeholder.setWordWrap(True)
        self.table.installEventFilter(self)

        layout = panel_layout(self)
        layout.addLayout(title_row)
        layout.addWidget(self._stack, 1)
        self._keep_rows()

        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.model.tick)
        self._timer.start()
        self._waiting = True
        self._retranslate()

    # --- wiring -----------------------------------------------------------------

    def set_palette(self, palette: Palette) -> None:
        self.model.set_palette(palette)

    def _on_floor_changed(self, view: FloorView) -> None:
        self._waiting = False
        self.model.set_view(view)
        self._fit_columns()
        self._update_counts()

    def _on_filter_changed(self, which: RowFilter) -> None:
        self.model.set_filter(which)
        self._fit_columns()
        self._update_counts()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table:
            if event.type() == QEvent.Type.Resize:
                self._fit_columns()
            elif event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
                self._keep_rows()
        return False

    def _keep_rows(self) -> None:
        """Room for the header and ``LEAST_ROWS`` rows, at the table's font."""
        self.table.ensurePolished()
        self._stack.setMinimumHeight(rows_height(self.table, LEAST_ROWS))

    def _on_double_clicked(self, index: QModelIndex) -> None:
        ticket = index.data(AtRiskRole.TICKET_ID)
        if ticket:
            self.ticketActivated.emit(str(ticket))

    def wanted_width(self) -> int:
        """Wide enough for every column (and the title row)."""
        margins = self.layout().contentsMargins()
        table = self._table_need + margins.left() + margins.right()
        return max(self.title_width(), table)

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
        """Compact columns, the subject the rest; hide what does not fit."""
        self.hidden_columns, need = COLUMN_FIT.apply(self.table, _samples(self.model))
        if need != self._table_need:
            self._table_need = need
            self.wantedWidthChanged.emit()
