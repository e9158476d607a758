"""The incident checklist: one row per step with its live countdown, and a
"Mark step done…" button (or a double-click) for the selected step.

The view only asks: ``stepRequested(step_id, needs_confirmation)`` for a
step to tick (one-off steps cannot be unticked, so they need a
confirmation), ``statusStepChosen()`` for the status-update step (it is
completed by posting a status update). The incident panel runs the op.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cockpit.incidents.checklist import StepState, StepStatus
from cockpit.incidents.playbook_checks import STATUS_STEP
from widgets.incident_banner import ui_language
from widgets.models.checklist_model import ChecklistColumn, ChecklistModel
from widgets.table_fit import ColumnFit, rows_height, texts_of


def table_view(model: Any, parent: QWidget) -> QTableView:
    """A read-only, row-oriented table as incident mode uses them."""
    view = QTableView(parent)
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view


MIN_ROWS_SHOWN = 8
# The step's words take the rest of the width; in a narrow panel (1366×768)
# "who" gives way and a long "done by" elides (the tooltip has both).
CHECKLIST_FIT = ColumnFit(
    stretch=ChecklistColumn.STEP, stretch_ems=22, give_way=(ChecklistColumn.OWNER,)
)
CHECKLIST_NARROW = replace(CHECKLIST_FIT, caps={ChecklistColumn.DUE: "next due in 0:00:00"})


class ChecklistView(QWidget):
    stepRequested = Signal(str, bool)
    statusStepChosen = Signal()

    def __init__(self, *, zone: tzinfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ChecklistModel(language=ui_language(), zone=zone, parent=self)
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.button = QPushButton(self)
        self.table = table_view(self.model, self)
        self.table.installEventFilter(self)
        self._statuses: tuple[StepStatus, ...] = ()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        row = QHBoxLayout()
        row.addWidget(self.title, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table)
        self._active = False
        self.button.clicked.connect(self._on_step_clicked)
        self.table.doubleClicked.connect(self._on_step_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_button)
        self._retranslate()

    def show_steps(
        self, steps: tuple[StepState, ...], *, done_by: dict[str, str], remind_before: timedelta
    ) -> None:
        self.model.set_steps(steps, done_by=done_by, remind_before=remind_before)
        self._fit_height()
        self._fit_columns()
        self._update_button()

    def set_now(self, now: datetime) -> None:
        self.model.set_now(now)
        # A step turning due soon or overdue says it in longer words.
        if self._current_statuses() != self._statuses:
            self._fit_columns()
        self._update_button()

    def _current_statuses(self) -> tuple[StepStatus, ...]:
        return tuple(self.model.status(row) for row in range(self.model.rowCount()))

    def _fit_columns(self) -> None:
        self._statuses = self._current_statuses()
        model = self.model
        samples = {
            column: texts_of(
                [model.index(row, column).data() for row in range(model.rowCount())],
                fallback=[str(model.headerData(column, Qt.Orientation.Horizontal))],
            )
            for column in (ChecklistColumn.OWNER, ChecklistColumn.DUE)
        }
        hidden, _ = CHECKLIST_FIT.apply(self.table, samples)
        if hidden:
            CHECKLIST_NARROW.apply(self.table, samples)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return False

    def set_active(self, active: bool) -> None:
        self._active = active
        self._update_button()

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _fit_height(self) -> None:
        """As tall as its steps, so the timeline below gets the rest."""
        rows = max(1, self.model.rowCount())
        height = rows_height(self.table, rows)
        self.table.setMaximumHeight(height)
        # Every step visible (up to a long checklist): the timeline gives way.
        row = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(min(height, height - (rows - MIN_ROWS_SHOWN) * row))

    def _tickable(self, row: int | None) -> bool:
        return row is not None and self.model.status(row) not in (
            StepStatus.DONE,
            StepStatus.CLOSED,
        )

    def _update_button(self) -> None:
        self.button.setEnabled(self._active and self._tickable(self.selected_row()))

    def _on_step_double_clicked(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self._on_step_clicked()

    def _on_step_clicked(self) -> None:
        row = self.selected_row()
        if row is None or not self._active or not self._tickable(row):
            return
        step = self.model.steps()[row]
        if step.step_id == STATUS_STEP:
            self.statusStepChosen.emit()
            return
        self.stepRequested.emit(step.step_id, not step.recurring)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.model.set_language(ui_language())
            self._retranslate()
            self._fit_columns()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Checklist"))
        self.button.setText(self.tr("Mark step done…"))
