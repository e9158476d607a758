"""The tickets behind one heatmap cell, in a small window beside the
cockpit: the breached ones (or, for the "at risk" measure, the warned ones)
of one queue in one bucket. Double-click a ticket for its details.
"""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cockpit.heatmap import HeatmapMode
from cockpit.lookups import CellTickets
from widgets.floor_text import bucket_text
from widgets.models.ticket_list_model import TICKET_ID_ROLE, TicketColumn, TicketListModel


class CellTicketsDialog(QDialog):
    """A list of tickets; ``ticketActivated(str)`` on a double-click."""

    ticketActivated = Signal(str)

    def __init__(self, *, zone: tzinfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cellTicketsDialog")
        self.setModal(False)
        self._zone = zone
        self.model = TicketListModel(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("panelTitle")
        self.heading.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TicketColumn.SUBJECT, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self._stack, 1)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def show_cell(self, cell: CellTickets, *, queue_name: str) -> None:
        what = {
            HeatmapMode.BREACHES: self.tr("Breached"),
            HeatmapMode.BREACH_RATE: self.tr("Breached"),
            HeatmapMode.AT_RISK: self.tr("Warned (at risk)"),
        }[cell.mode]
        when = bucket_text(cell.start, cell.bucket, self._zone)
        self.setWindowTitle(self.tr("Tickets behind the cell"))
        self.heading.setText(
            self.tr("{queue} · {when} · {what}: {n}").format(
                queue=queue_name, when=when, what=what, n=len(cell.tickets)
            )
        )
        self.model.set_cell(cell)
        self.empty.setText(self.tr("No tickets here (the floor keeps finished tickets 24 h)."))
        self._stack.setCurrentWidget(self.table if cell.tickets else self.empty)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        ticket = index.data(TICKET_ID_ROLE)
        if ticket:
            self.ticketActivated.emit(str(ticket))
