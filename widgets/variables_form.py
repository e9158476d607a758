"""The script variables of a playbook ({eta}, {affected} …) as a form: one
line per variable the lead fills in, the playbook's default as the grey
placeholder. Per-ticket variables (the customer's name) are not asked: they
come from each ticket."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from cockpit.incidents.playbook import Playbook


class VariablesForm(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, QLineEdit] = {}

    def set_playbook(
        self,
        playbook: Playbook | None,
        *,
        language: str,
        values: Mapping[str, str] | None = None,
    ) -> None:
        """One line per non-per-ticket variable, prefilled with ``values``."""
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self.edits = {}
        if playbook is None:
            return
        for name, spec in playbook.variables.items():
            if spec.per_ticket:
                continue
            edit = QLineEdit(self)
            edit.setObjectName(f"var_{name}")
            default = spec.default_for(language)
            if default:
                edit.setPlaceholderText(default)
            edit.setText((values or {}).get(name, ""))
            edit.textChanged.connect(self.edited)
            label = QLabel(f"{spec.label.get(language)} {{{name}}}", self)
            self._layout.addRow(label, edit)
            self.edits[name] = edit

    def values(self) -> dict[str, str]:
        """The values typed in (empty lines leave the default)."""
        typed = {name: edit.text().strip() for name, edit in self.edits.items()}
        return {name: text for name, text in typed.items() if text}
