"""A two-column editor for an id → name map (queue names, agent names).

Rows with neither an id nor a name are ignored; :meth:`problems` names the
rows that have only one of the two, and ids used twice.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class NameMapEditor(QWidget):
    """Backend id (as text) → display name, as an editable table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 120)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(110)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._retranslate()

    def set_names(self, names: Mapping[str, str]) -> None:
        self.table.setRowCount(0)
        for key, name in names.items():
            self._append(key, name)

    def names(self) -> dict[str, str]:
        """The complete rows (id and name both given), in table order."""
        result: dict[str, str] = {}
        for key, name in self._rows():
            if key and name:
                result.setdefault(key, name)
        return result

    def problems(self) -> list[str]:
        """What is wrong, one sentence per problem (empty when fine)."""
        found: list[str] = []
        seen: set[str] = set()
        for row, (key, name) in enumerate(self._rows(), start=1):
            if key and not name:
                found.append(self.tr("row {row}: id {id} has no name").format(row=row, id=key))
            elif name and not key:
                found.append(self.tr("row {row}: {name} has no id").format(row=row, name=name))
            elif key in seen:
                found.append(self.tr("row {row}: id {id} is listed twice").format(row=row, id=key))
            if key:
                seen.add(key)
        return found

    def _rows(self) -> list[tuple[str, str]]:
        return [(self._text(row, 0), self._text(row, 1)) for row in range(self.table.rowCount())]

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _append(self, key: str, name: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(key))
        self.table.setItem(row, 1, QTableWidgetItem(name))
        return row

    def _on_add_clicked(self) -> None:
        row = self._append("", "")
        self.table.setCurrentCell(row, 0)
        item = self.table.item(row, 0)
        if item is not None:
            self.table.editItem(item)

    def _on_remove_clicked(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("ID"), self.tr("Name")])
        self.add_button.setText(self.tr("Add row"))
        self.remove_button.setText(self.tr("Remove row"))
