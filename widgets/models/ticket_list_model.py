"""A thin Qt table model over a list of tickets (the ones behind a heatmap
cell): id, priority, subject, age, status. Set at once; a new list resets it."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt

from cockpit.domain import Ticket
from cockpit.lookups import CellTickets
from widgets.floor_text import priority_text, span_text, status_text
from widgets.models.row_model import RowTableModel


class TicketColumn(IntEnum):
    TICKET = 0
    PRIORITY = 1
    SUBJECT = 2
    AGE = 3
    STATUS = 4


TICKET_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class TicketListModel(RowTableModel[Ticket, TicketColumn]):
    """Tickets as of one poll; read-only."""

    columns = TicketColumn

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._as_of: datetime | None = None

    def set_cell(self, cell: CellTickets) -> None:
        self._as_of = cell.as_of
        self._reset_rows(cell.tickets)

    def ticket_ids(self) -> list[str]:
        return [t.id for t in self._rows]

    def _headers(self) -> tuple[str, ...]:
        return (
            self.tr("Ticket"),
            self.tr("Priority"),
            self.tr("Subject"),
            self.tr("Age"),
            self.tr("Status"),
        )

    def _data(self, ticket: Ticket, column: TicketColumn, role: int) -> Any:
        if role == TICKET_ID_ROLE:
            return ticket.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return ticket.subject or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column is TicketColumn.TICKET:
            return str(ticket.id)
        if column is TicketColumn.PRIORITY:
            return priority_text(ticket.priority)
        if column is TicketColumn.SUBJECT:
            return ticket.subject
        if column is TicketColumn.AGE:
            assert self._as_of is not None  # set with the tickets
            return span_text((self._as_of - ticket.created_at).total_seconds())
        return status_text(ticket.status)
