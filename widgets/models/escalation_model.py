"""A thin Qt tree model over the escalations of the latest FloorView
(:class:`cockpit.escalations.EscalationRow`), grouped by level: PR / legal,
supervisor, team lead, then flagged tickets still at agent level.

Group rows carry the exact counts of the view's ``escalation_summary`` (the
ticket rows may be cut at the core's limit). A new view with the same
tickets in every group emits ``dataChanged``; any other change resets the
model. The age at the level ticks on locally between polls.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush

from cockpit.alert_rules import Severity
from cockpit.domain import EscalationLevel, QueueId
from cockpit.escalation_index import EscalationSummary
from cockpit.escalations import EscalationFlag, EscalationRow, by_level
from cockpit.metrics import FloorView
from cockpit.settings import EscalationSettings
from widgets.floor_text import (
    flag_name,
    flag_text,
    level_text,
    priority_text,
    span_text,
    status_text,
)
from widgets.models.row_model import ColumnHeaders, ModelIndex, bold_font
from widgets.theme import DAY, Palette

# Highest level first; flagged agent-level tickets last.
LEVELS = (
    EscalationLevel.PR_LEGAL,
    EscalationLevel.SUPERVISOR,
    EscalationLevel.LEAD,
    EscalationLevel.AGENT,
)
FLAG_SEVERITY = {
    EscalationFlag.COLLAB_NO_ANSWER: Severity.WARNING,
    EscalationFlag.CUSTOMER_NOT_UPDATED: Severity.WARNING,
    EscalationFlag.URGENT_NOT_REPORTED: Severity.CRITICAL,
}


class EscalationColumn(IntEnum):
    TICKET = 0
    QUEUE = 1
    PRIORITY = 2
    AT_LEVEL = 3
    OWNER = 4
    FLAGS = 5
    SUBJECT = 6


class EscalationRole(IntEnum):
    TICKET_ID = Qt.ItemDataRole.UserRole + 1
    LEVEL = Qt.ItemDataRole.UserRole + 2
    # ((text, Severity), …) for the flag chips.
    FLAGS = Qt.ItemDataRole.UserRole + 3


_GROUP = 0  # internal id of group rows; ticket rows carry their group's row + 1


def level_count(summary: EscalationSummary, level: EscalationLevel) -> int | None:
    """The exact count of tickets at ``level`` (None for the agent level,
    whose flagged tickets the summary counts per flag)."""
    return {
        EscalationLevel.PR_LEGAL: summary.pr_legal,
        EscalationLevel.SUPERVISOR: summary.supervisor,
        EscalationLevel.LEAD: summary.lead,
    }.get(level)


class EscalationModel(ColumnHeaders[EscalationColumn], QAbstractItemModel):
    """Escalated and flagged tickets by level; read-only."""

    columns = EscalationColumn

    def __init__(
        self,
        *,
        limits: EscalationSettings | None = None,
        palette: Palette = DAY,
        language: str = "en",
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._limits = limits or EscalationSettings()
        self._palette = palette
        self._language = language
        self._monotonic = monotonic
        self._view: FloorView | None = None
        self._groups: tuple[tuple[EscalationRow, ...], ...] = tuple(() for _ in LEVELS)
        self._summary = EscalationSummary()
        self._names: dict[QueueId, str] = {}
        self._received = 0.0

    # --- updates ------------------------------------------------------------------

    def set_view(self, view: FloorView) -> None:
        self._view = view
        self._received = self._monotonic()
        self._summary = view.escalation_summary
        self._names = {q.queue: q.display_name(self._language) for q in view.queues}
        grouped = by_level(view.escalations)
        groups = tuple(grouped.get(level, ()) for level in LEVELS)
        if _keys(groups) != _keys(self._groups):
            self.beginResetModel()
            self._groups = groups
            self.endResetModel()
            return
        self._groups = groups
        self._all_changed()

    def set_language(self, language: str) -> None:
        self._language = language
        if self._view is not None:
            self._names = {q.queue: q.display_name(language) for q in self._view.queues}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(EscalationColumn) - 1)
        self._all_changed()

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self._all_changed()

    def tick(self) -> None:
        """Let the ages at level run on between polls."""
        for group, rows in enumerate(self._groups):
            if rows:
                parent = self.index(group, 0)
                column = EscalationColumn.AT_LEVEL
                self.dataChanged.emit(
                    self.index(0, column, parent), self.index(len(rows) - 1, column, parent)
                )

    def _all_changed(self) -> None:
        last = len(EscalationColumn) - 1
        self.dataChanged.emit(self.index(0, 0), self.index(len(LEVELS) - 1, last))
        for group, rows in enumerate(self._groups):
            if rows:
                parent = self.index(group, 0)
                self.dataChanged.emit(
                    self.index(0, 0, parent), self.index(len(rows) - 1, last, parent)
                )

    # --- reading ------------------------------------------------------------------

    def group_rows(self, level: EscalationLevel) -> tuple[EscalationRow, ...]:
        return self._groups[LEVELS.index(level)]

    def summary(self) -> EscalationSummary:
        return self._summary

    def cell_texts(self, column: EscalationColumn) -> list[str]:
        """What ``column`` shows in every ticket row (for column widths)."""
        return [self._display(row, column) for rows in self._groups for row in rows]

    def row_for(self, index: ModelIndex) -> EscalationRow | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        rows = self._groups[index.internalId() - 1]
        return rows[index.row()] if 0 <= index.row() < len(rows) else None

    # --- Qt model API ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < len(EscalationColumn):
            return QModelIndex()
        if not parent.isValid():
            if not 0 <= row < len(LEVELS):
                return QModelIndex()
            return self.createIndex(row, column, _GROUP)
        if parent.internalId() != _GROUP or not 0 <= row < len(self._groups[parent.row()]):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(LEVELS)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()])
        return 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(EscalationColumn)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            return self._group_data(index, role)
        row = self.row_for(index)
        if row is None:
            return None
        column = EscalationColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._describe(row)
        if role == EscalationRole.TICKET_ID:
            return row.ticket
        if role == EscalationRole.LEVEL:
            return row.level
        if role == EscalationRole.FLAGS and column is EscalationColumn.FLAGS:
            return tuple((flag_text(f, self._limits), FLAG_SEVERITY[f]) for f in row.flags)
        return None

    def _group_data(self, index: ModelIndex, role: int) -> Any:
        level = LEVELS[index.row()]
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            return self._group_title(level)
        if role == Qt.ItemDataRole.FontRole:
            return bold_font()
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(self._palette.color("header_bg"))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(self._palette.color("header_text"))
        if role == EscalationRole.LEVEL:
            return level
        return None

    def _group_title(self, level: EscalationLevel) -> str:
        shown = len(self.group_rows(level))
        if level is EscalationLevel.AGENT:
            return self.tr("Flagged, still with an agent · {n}").format(n=shown)
        count = level_count(self._summary, level) or 0
        title = f"{level_text(level)} · {count}"
        if shown < count:
            title += " " + self.tr("(longest {n} shown)").format(n=shown)
        return title

    # --- cells --------------------------------------------------------------------

    def _display(self, row: EscalationRow, column: EscalationColumn) -> str:
        if column is EscalationColumn.TICKET:
            return str(row.ticket)
        if column is EscalationColumn.QUEUE:
            return self._names.get(row.queue, str(row.queue))
        if column is EscalationColumn.PRIORITY:
            return priority_text(row.priority)
        if column is EscalationColumn.AT_LEVEL:
            return span_text(row.age_at_level_s + self._monotonic() - self._received)
        if column is EscalationColumn.OWNER:
            return str(row.owner) if row.owner else self.tr("unassigned")
        if column is EscalationColumn.FLAGS:
            return " · ".join(flag_text(f, self._limits) for f in row.flags)
        return row.subject

    def _describe(self, row: EscalationRow) -> str:
        queue = self._names.get(row.queue, str(row.queue))
        owner = str(row.owner) if row.owner else self.tr("unassigned")
        lines = [
            f"{row.ticket} · {level_text(row.level)} · {status_text(row.status)}",
            f"{queue} · {priority_text(row.priority)} · {owner}",
        ]
        lines.extend(f"⚑ {flag_name(f, self._limits)}" for f in row.flags)
        if row.subject:
            lines.append(row.subject)
        lines.append(self.tr("Double-click for the ticket's details"))
        return "\n".join(lines)

    def _headers(self) -> tuple[str, ...]:
        return (
            self.tr("Ticket"),
            self.tr("Queue"),
            self.tr("Pri."),
            self.tr("At level"),
            self.tr("Owner"),
            self.tr("Flags"),
            self.tr("Subject"),
        )

    def _header_tip(self, column: EscalationColumn) -> str | None:
        tips = {
            EscalationColumn.TICKET: self.tr("Ticket number (double-click a row for its details)"),
            EscalationColumn.QUEUE: self.tr("Queue (skill group)"),
            EscalationColumn.PRIORITY: self.tr("Priority"),
            EscalationColumn.AT_LEVEL: self.tr(
                "At level for: time since the ticket reached its escalation level "
                "(since it was created, for flagged tickets still with an agent)"
            ),
            EscalationColumn.OWNER: self.tr("Owner: who holds the ticket at its level"),
            EscalationColumn.FLAGS: self.tr(
                "Flags: what is overdue on the ticket (the tooltip has them in full)"
            ),
            EscalationColumn.SUBJECT: self.tr("Subject"),
        }
        return tips[column]


def _keys(groups: tuple[tuple[EscalationRow, ...], ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(row.ticket for row in rows) for rows in groups)
