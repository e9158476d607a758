"""The line under the incident timeline: write a note or a status update,
optionally posted to the team chats too. It only asks
(``noteRequested(text)``, ``statusRequested(text, notify)``); the incident
panel runs the op and clears the line once it is logged."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget


class NotesBar(QWidget):
    noteRequested = Signal(str)
    statusRequested = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.note_button = QPushButton(self)
        self.status_button = QPushButton(self)
        self.notify_box = QCheckBox(self)
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.note_button)
        row.addWidget(self.status_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.notify_box)
        self._active = False
        self._team_chats = False
        self.note_button.clicked.connect(self._on_note_clicked)
        self.edit.returnPressed.connect(self._on_note_clicked)
        self.status_button.clicked.connect(self._on_status_clicked)
        self.edit.textChanged.connect(self._update)
        self._retranslate()

    def text(self) -> str:
        return self.edit.text().strip()

    def set_active(self, active: bool) -> None:
        self._active = active
        self._update()

    def set_team_chats(self, configured: bool) -> None:
        self._team_chats = configured
        self._update()

    def _on_note_clicked(self) -> None:
        if self._active and self.text():
            self.noteRequested.emit(self.text())

    def _on_status_clicked(self) -> None:
        if self._active and self.text():
            notify = self.notify_box.isChecked() and self._team_chats
            self.statusRequested.emit(self.text(), notify)

    def _update(self) -> None:
        ready = self._active and bool(self.text())
        self.note_button.setEnabled(ready)
        self.status_button.setEnabled(ready)
        self.notify_box.setEnabled(self._team_chats)
        self.notify_box.setToolTip(
            "" if self._team_chats else self.tr("No team chat is configured for this playbook")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("Write a note or a status update…"))
        self.note_button.setText(self.tr("Add note"))
        self.status_button.setText(self.tr("Post status update"))
        self.notify_box.setText(self.tr("Also post status updates to the team chats"))
        self._update()
