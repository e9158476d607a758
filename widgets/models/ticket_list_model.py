"""A thin Qt table model over a list of tickets (the ones behind a heatmap
cell): id, priority, subject, age, status. Set at once; a new list resets it."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from cockpit.lookups import CellTickets
from widgets.floor_text import priority_text, span_text, status_text

ModelIndex = QModelIndex | QPersistentModelIndex


class TicketColumn(IntEnum):
    TICKET = 0
    PRIORITY = 1
    SUBJECT = 2
    AGE = 3
    STATUS = 4


TICKET_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class TicketListModel(QAbstractTableModel):
    """Tickets as of one poll; read-only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cell: CellTickets | None = None

    def set_cell(self, cell: CellTickets) -> None:
        self.beginResetModel()
        self._cell = cell
        self.endResetModel()

    def ticket_ids(self) -> list[str]:
        return [] if self._cell is None else [t.id for t in self._cell.tickets]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._cell is None:
            return 0
        return len(self._cell.tickets)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TicketColumn)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            self.tr("Ticket"),
            self.tr("Priority"),
            self.tr("Subject"),
            self.tr("Age"),
            self.tr("Status"),
        )
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self._cell
        if cell is None or not index.isValid() or not 0 <= index.row() < len(cell.tickets):
            return None
        ticket = cell.tickets[index.row()]
        if role == TICKET_ID_ROLE:
            return ticket.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return ticket.subject or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = TicketColumn(index.column())
        if column is TicketColumn.TICKET:
            return str(ticket.id)
        if column is TicketColumn.PRIORITY:
            return priority_text(ticket.priority)
        if column is TicketColumn.SUBJECT:
            return ticket.subject
        if column is TicketColumn.AGE:
            return span_text((cell.as_of - ticket.created_at).total_seconds())
        return status_text(ticket.status)
