"""The per-backend options of the settings dialog: queue and agent name
maps, the trigger the bot auto-reply switches, the request rate, and TLS
certificate verification (on by default; a warning when turned off).

The form shows the fields the chosen backend type has and hands back a
*draft* (plain values, not yet validated); the dialog validates drafts with
the pydantic models of :mod:`cockpit.backends.options` on save.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from widgets.name_map_editor import NameMapEditor

# Which optional fields each options section has.
_TRIGGER = frozenset({"zammad", "zendesk"})
# Zendesk always paces itself (plan limit); the others only when asked to.
_RATE_REQUIRED = frozenset({"zendesk"})
DRAFT_KEYS = (
    "queue_names",
    "agent_names",
    "auto_reply_trigger_id",
    "requests_per_minute",
    "verify_tls",
)


class BackendOptionsForm(QWidget):
    """Options of one backend type; ``set_section(None, …)`` for a type without any."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._section: str | None = None
        self.none_label = QLabel(self)
        self.none_label.setWordWrap(True)
        self.none_label.setObjectName("panelHint")
        self.queue_names = NameMapEditor(self)
        self.agent_names = NameMapEditor(self)
        self.trigger_edit = QLineEdit(self)
        self.trigger_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,19}"), self.trigger_edit)
        )
        self.rate_spin = QSpinBox(self)
        self.rate_spin.setRange(0, 10_000)
        self.verify_tls = QCheckBox(self)
        self.verify_tls.setChecked(True)
        self.verify_tls.toggled.connect(self._on_verify_tls_changed)
        self.tls_warning = QLabel(self)
        self.tls_warning.setObjectName("fieldWarning")
        self.tls_warning.setWordWrap(True)
        self.tls_warning.setVisible(False)

        self._form = QFormLayout(self)
        self._form.addRow(self.none_label)
        self._queue_label = QLabel(self)
        self._agent_label = QLabel(self)
        self._trigger_label = QLabel(self)
        self._rate_label = QLabel(self)
        self._form.addRow(self._queue_label, self.queue_names)
        self._form.addRow(self._agent_label, self.agent_names)
        self._form.addRow(self._trigger_label, self.trigger_edit)
        self._form.addRow(self._rate_label, self.rate_spin)
        self._form.addRow(self.verify_tls)
        self._form.addRow(self.tls_warning)
        self._retranslate()
        self.set_section(None, {})

    @property
    def section(self) -> str | None:
        return self._section

    def set_section(self, section: str | None, values: Mapping[str, Any]) -> None:
        """Show the fields of ``section`` ("helpdesk", "zammad", "zendesk" or
        None) filled from ``values`` (a model dump or a draft)."""
        self._section = section
        has = section is not None
        self._form.setRowVisible(self.none_label, not has)
        for field in (self.queue_names, self.agent_names, self.rate_spin, self.verify_tls):
            self._form.setRowVisible(field, has)
        self._form.setRowVisible(self.trigger_edit, section in _TRIGGER)
        if not has:
            self._form.setRowVisible(self.tls_warning, False)
            return
        self.queue_names.set_names(values.get("queue_names") or {})
        self.agent_names.set_names(values.get("agent_names") or {})
        trigger = values.get("auto_reply_trigger_id")
        self.trigger_edit.setText("" if trigger is None else str(trigger))
        required = section in _RATE_REQUIRED
        self.rate_spin.setMinimum(1 if required else 0)
        self.rate_spin.setSpecialValueText("" if required else self.tr("No limit"))
        rate = values.get("requests_per_minute")
        self.rate_spin.setValue(int(rate) if rate else 0)
        self.verify_tls.setChecked(bool(values.get("verify_tls", True)))
        self._on_verify_tls_changed(self.verify_tls.isChecked())

    def draft(self) -> dict[str, Any]:
        """The values as edited (only the fields this section has)."""
        if self._section is None:
            return {}
        values: dict[str, Any] = {
            "queue_names": self.queue_names.names(),
            "agent_names": self.agent_names.names(),
            "requests_per_minute": self.rate_spin.value() or None,
            "verify_tls": self.verify_tls.isChecked(),
        }
        if self._section in _TRIGGER:
            text = self.trigger_edit.text().strip()
            values["auto_reply_trigger_id"] = int(text) if text else None
        return values

    def problems(self) -> list[str]:
        """Name-map rows that are incomplete or repeated, one sentence each."""
        if self._section is None:
            return []
        found = [
            self.tr("Queue names, {problem}").format(problem=p) for p in self.queue_names.problems()
        ]
        found += [
            self.tr("Agent names, {problem}").format(problem=p) for p in self.agent_names.problems()
        ]
        return found

    def _on_verify_tls_changed(self, checked: bool) -> None:
        self._form.setRowVisible(self.tls_warning, self._section is not None and not checked)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.none_label.setText(self.tr("This backend type has no options."))
        self._queue_label.setText(self.tr("Queue names:"))
        self.queue_names.setToolTip(
            self.tr("Backend queue or group id → the name the cockpit shows")
        )
        self._agent_label.setText(self.tr("Agent names:"))
        self.agent_names.setToolTip(self.tr("Backend user id → the agent's name"))
        self._trigger_label.setText(self.tr("Auto-reply trigger id:"))
        self.trigger_edit.setPlaceholderText(self.tr("none: the bot auto-reply is not offered"))
        self._rate_label.setText(self.tr("Requests per minute:"))
        self.rate_spin.setToolTip(
            self.tr("The most API requests the cockpit sends a minute (the plan's limit)")
        )
        if self._section not in _RATE_REQUIRED:
            self.rate_spin.setSpecialValueText(self.tr("No limit"))
        self.verify_tls.setText(self.tr("Verify TLS certificates (recommended)"))
        self.tls_warning.setText(
            self.tr(
                "Certificate verification is off: anyone between this computer and the "
                "server could read the token and the tickets. Only for a test server."
            )
        )
