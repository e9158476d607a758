"""The "Connection" page of the settings dialog: backend type, URL (with
the type's scheme as a hint and live validation), the agent e-mail for
Zendesk, the token, and the "Test connection" button with its result.

The token field never shows a stored token: its placeholder says "••••"
and where the token lives (keyring or environment variable).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from cockpit.backends.probe import ProbeFailure, ProbeResult, ProbeStep, check_url
from cockpit.secrets import env_name, get_secret
from widgets.settings_text import KINDS, KINDS_BY_KEY, BackendKind, probe_text, tr
from widgets.theme import set_style_property

MASK = "••••"


class ConnectionForm(QWidget):
    """Signals: ``kindChanged(str, str)`` (the type left, the type chosen) when
    the user picks another backend type; ``testRequested()`` from the button."""

    kindChanged = Signal(str, str)
    testRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind = KINDS_BY_KEY["sim"]
        self.kind_combo = QComboBox(self)
        for kind in KINDS:
            self.kind_combo.addItem("", kind.key)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.url_edit = QLineEdit(self)
        self.url_edit.textChanged.connect(self._on_url_changed)
        self.url_hint = _label(self, "fieldHint")
        self.email_edit = QLineEdit(self)
        self.token_edit = QLineEdit(self)
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_hint = _label(self, "fieldHint")
        self.test_button = QPushButton(self)
        self.test_button.clicked.connect(self.testRequested)
        self.probe_label = _label(self, "probeResult")
        self.note_label = _label(self, "fieldWarning")
        self.note_label.setVisible(False)
        self._kind_label, self._url_label = QLabel(self), QLabel(self)
        self._email_label, self._token_label = QLabel(self), QLabel(self)
        self._form = QFormLayout(self)
        self._form.addRow(self._kind_label, self.kind_combo)
        self._form.addRow(self._url_label, self.url_edit)
        self._form.addRow("", self.url_hint)
        self._form.addRow(self._email_label, self.email_edit)
        self._form.addRow(self._token_label, self.token_edit)
        self._form.addRow("", self.token_hint)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        self._form.addRow(test_row)
        self._form.addRow(self.probe_label)
        self._form.addRow(self.note_label)
        self._retranslate()

    @property
    def kind(self) -> BackendKind:
        return self._kind

    def select_kind(self, key: str) -> None:
        """Choose a backend type as the user would (emits ``kindChanged``)."""
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(key))

    def set_kind(self, kind: BackendKind, *, url: str, email: str) -> None:
        """Show ``kind``'s fields filled in; the token field starts empty."""
        self._kind = kind
        blocked = self.kind_combo.blockSignals(True)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.key))
        self.kind_combo.blockSignals(blocked)
        remote = kind.key != "sim"
        for widget in (self.url_edit, self.url_hint, self.token_edit, self.token_hint):
            self._form.setRowVisible(widget, remote)
        self._form.setRowVisible(self.email_edit, kind.key == "zendesk")
        self.email_edit.setText(email)
        self.url_edit.setText(url)
        self.url_edit.setPlaceholderText(kind.example)
        self.token_edit.clear()
        self.test_button.setEnabled(remote)
        self.show_probe(None)
        self._retranslate_kind()

    def url(self) -> str:
        return self.url_edit.text().strip() if self._kind.key != "sim" else ""

    def token(self) -> str:
        return self.token_edit.text()

    def email(self) -> str | None:
        return self.email_edit.text().strip() or None

    def url_problem(self) -> str | None:
        """What is wrong with the URL for the chosen type (translated), or None."""
        if self._kind.key == "sim":
            return None
        text = self.url_edit.text().strip()
        if not text:
            return self.tr("Enter the backend's address.")
        problem = check_url(text)
        if problem is not None and problem[0] is not ProbeFailure.UNKNOWN_SCHEME:
            return probe_text(ProbeResult(ok=False, step=ProbeStep.URL, reason=problem[0]))
        if text.split("://", 1)[0] not in self._kind.schemes:
            return self.tr("{kind} addresses start with {schemes}").format(
                kind=tr(self._kind.label),
                schemes=" / ".join(f"{s}://" for s in self._kind.schemes),
            )
        return None

    def show_probe(self, ok: bool | None, text: str = "") -> None:
        """The test's outcome (None: none yet, or running)."""
        if self._kind.key == "sim" and not text:
            text = self.tr("The built-in simulator runs inside the cockpit: nothing to connect to.")
        self.probe_label.setText(text)
        set_style_property(self.probe_label, "ok", "" if ok is None else str(ok).lower())

    def set_busy(self, busy: bool) -> None:
        self.test_button.setEnabled(not busy and self._kind.key != "sim")

    def set_note(self, text: str) -> None:
        self.note_label.setText(text)
        self.note_label.setVisible(bool(text))

    def token_source(self) -> str | None:
        """Where the stored token comes from: "env", "keyring" or None (not stored)."""
        secret = self._kind.token_secret
        if secret is None:
            return None
        if os.environ.get(env_name(secret)):
            return "env"
        return "keyring" if get_secret(secret) else None

    def show_token_state(self) -> None:
        secret = self._kind.token_secret
        if secret is None:
            return
        source, variable = self.token_source(), env_name(secret)
        if source == "env":
            text = self.tr("{mask} set by {env}").format(mask=MASK, env=variable)
        elif source == "keyring":
            text = self.tr("{mask} stored in the keyring").format(mask=MASK)
        else:
            text = self.tr("not set")
        self.token_edit.setPlaceholderText(text)
        self.token_hint.setText(
            self.tr(
                "Kept in the OS keyring, never in the settings file. Without a keyring, "
                "set {env} instead."
            ).format(env=variable)
        )

    def _on_kind_changed(self, index: int) -> None:
        key = self.kind_combo.itemData(index)
        if key is not None and key != self._kind.key:
            self.kindChanged.emit(self._kind.key, key)

    def _on_url_changed(self, _text: str) -> None:
        self._show_url_hint()

    def _show_url_hint(self) -> None:
        problem = self.url_problem() if self.url_edit.text().strip() else None
        text = problem or self.tr("For example {url}").format(url=self._kind.example)
        self.url_hint.setText(text)
        set_style_property(self.url_hint, "invalid", problem is not None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        for index, kind in enumerate(KINDS):
            self.kind_combo.setItemText(index, tr(kind.label))
        self._kind_label.setText(self.tr("Backend type:"))
        self._url_label.setText(self.tr("URL:"))
        self._email_label.setText(self.tr("Agent e-mail:"))
        self.email_edit.setPlaceholderText("supervisor@example.com")
        self.test_button.setText(self.tr("Test connection"))
        self._retranslate_kind()

    def _retranslate_kind(self) -> None:
        zendesk = self._kind.key == "zendesk"
        self._token_label.setText(self.tr("API token:") if zendesk else self.tr("Token:"))
        if self._kind.key == "sim":
            self.show_probe(None)
        self._show_url_hint()
        self.show_token_state()


def _label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label
