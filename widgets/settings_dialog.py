"""File → Settings…: the backend (type, URL, credentials, options), a
"Test connection" that says in plain words what failed, and the general
settings (poll interval, language, display time zone).

Tokens go to the OS keyring (``cockpit.secrets.set_secret``), never to the
settings file, a log or the window title; a stored token shows as "••••".
When no keyring works (headless machines), the dialog says so and names the
environment variable to use instead. The test runs on a worker thread and
its result comes back through a queued signal. Save validates with the
pydantic models and writes the settings file atomically; the running
cockpit takes a new backend up on a restart ("Restart now").

The dialog edits the settings *file*: ``COCKPIT_*`` environment overrides
are not folded in (they would be written to the file); when one is set, a
note says that it wins over what is saved here.
"""

from __future__ import annotations

import logging
import os
import zoneinfo
from collections.abc import Callable
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QEvent, QThreadPool, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cockpit.backends.http import Timeouts
from cockpit.backends.options import BackendOptions
from cockpit.backends.probe import (
    ZENDESK_EMAIL_SECRET,
    ProbeResult,
    ProbeStep,
    test_connection,
)
from cockpit.secrets import env_name, set_secret
from cockpit.settings import Settings, SettingsError, load_settings, save_settings
from widgets.actions import LANGUAGE_CHOICES, LANGUAGE_NAMES
from widgets.backend_options_form import DRAFT_KEYS, BackendOptionsForm
from widgets.connection_form import ConnectionForm
from widgets.run_op import OpRunner, Submit
from widgets.settings_text import KINDS_BY_KEY, keyring_failure_text, kind_of, probe_text
from widgets.theme import set_style_property

log = logging.getLogger(__name__)

Probe = Callable[..., ProbeResult]
# Environment variables that override what this dialog saves.
OVERRIDES = (
    "COCKPIT_BACKEND_URL",
    "COCKPIT_POLL_INTERVAL_S",
    "COCKPIT_LANGUAGE",
    "COCKPIT_TIMEZONE",
)
_ZENDESK_EMAIL_ENV = env_name(ZENDESK_EMAIL_SECRET)


def pool_submit(fn: Callable[[], Any]) -> Future[Any]:
    """Run ``fn`` on Qt's global thread pool; the future reports its outcome."""
    future: Future[Any] = Future()

    def run() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(fn())
        except BaseException as exc:  # handed back as a value, never raised on the worker
            future.set_exception(exc)

    QThreadPool.globalInstance().start(run)
    return future


class SettingsDialog(QDialog):
    """Signals: ``probeFinished(ProbeResult)`` once a test result is shown;
    ``saved(Settings)`` after the file was written; ``languageChosen(str)``
    when the saved language differs; ``restartRequested()`` from "Restart now"."""

    probeFinished = Signal(object)
    saved = Signal(object)
    languageChosen = Signal(str)
    restartRequested = Signal()

    def __init__(
        self,
        *,
        path: Path | None = None,
        submit: Submit | None = None,
        probe: Probe = test_connection,
        restart_available: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self._path = path
        self._probe = probe
        self._restart_available = restart_available
        self._runner = OpRunner(submit or pool_submit, self)
        self._token_stored = False
        self._saved_once = False
        self._load_error = ""
        try:
            self._base = load_settings(path, env={})
        except SettingsError as exc:
            self._base, self._load_error = Settings(), str(exc)
        kind = kind_of(self._base.backend_url)
        # What was typed per backend type, kept while the user switches types.
        self._urls: dict[str, str] = {kind.key: self._base.backend_url or ""}
        self._drafts: dict[str, dict[str, Any]] = {
            section: {key: values[key] for key in (*DRAFT_KEYS, "email") if key in values}
            for section, values in self._base.backend_options.model_dump().items()
        }
        self.connection = ConnectionForm(self)
        self.connection.kindChanged.connect(self._on_kind_changed)
        self.connection.testRequested.connect(self._on_test_requested)
        self.options_form = BackendOptionsForm(self)
        self._build()
        self._load_general(self._base)
        self._show_kind(kind.key)
        self._retranslate()

    # --- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.connection, "")
        self.tabs.addTab(self.options_form, "")
        self.tabs.addTab(self._build_general(), "")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("settingsStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        self.restart_button = QPushButton(self)
        self.restart_button.clicked.connect(self._on_restart_clicked)
        self.buttons.addButton(self.restart_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restart_button.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)

    def _build_general(self) -> QWidget:
        page = QWidget(self)
        self.poll_spin = QDoubleSpinBox(page)
        self.poll_spin.setRange(0.2, 3600)
        self.poll_spin.setDecimals(1)
        self.language_combo = QComboBox(page)
        for choice in LANGUAGE_CHOICES:
            self.language_combo.addItem(LANGUAGE_NAMES.get(choice, ""), choice)
        self.zone_combo = QComboBox(page)
        self.zone_combo.setEditable(True)
        self.zone_combo.addItem("", "")
        for name in sorted(zoneinfo.available_timezones()):
            self.zone_combo.addItem(name, name)
        self._poll_label, self._language_label = QLabel(page), QLabel(page)
        self._zone_label = QLabel(page)
        form = QFormLayout(page)
        form.addRow(self._poll_label, self.poll_spin)
        form.addRow(self._language_label, self.language_combo)
        form.addRow(self._zone_label, self.zone_combo)
        return page

    def _load_general(self, settings: Settings) -> None:
        self.poll_spin.setValue(settings.poll_interval_s)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings.language)))
        zone = settings.display_timezone or ""
        index = self.zone_combo.findData(zone)
        if index >= 0:
            self.zone_combo.setCurrentIndex(index)
        else:
            self.zone_combo.setEditText(zone)

    # --- backend type ----------------------------------------------------------------------

    def _on_kind_changed(self, _left: str, chosen: str) -> None:
        self._keep_drafts()
        self._show_kind(chosen)

    def _keep_drafts(self) -> None:
        """Remember what was typed for the current type (also before a save or test)."""
        kind = self.connection.kind
        if kind.key != "sim":
            self._urls[kind.key] = self.connection.url_edit.text()
        section = self.options_form.section
        if section is not None:
            self._drafts[section].update(self.options_form.draft())
        if kind.key == "zendesk":
            self._drafts["zendesk"]["email"] = self.connection.email()

    def _show_kind(self, key: str) -> None:
        kind = KINDS_BY_KEY[key]
        email = self._drafts["zendesk"].get("email") or ""
        self.connection.set_kind(kind, url=self._urls.get(key, ""), email=email)
        section = kind.options
        self.options_form.set_section(section, self._drafts[section] if section else {})

    def _options(self) -> BackendOptions:
        """The backend options with the edits of every type (raises ValidationError)."""
        raw = self._base.backend_options.model_dump()
        for section, draft in self._drafts.items():
            raw[section].update(draft)
        return BackendOptions.model_validate(raw)

    # --- test connection ------------------------------------------------------------------

    def _on_test_requested(self) -> None:
        problem = self.connection.url_problem()
        if problem is not None:
            self.connection.show_probe(False, problem)
            return
        self._keep_drafts()
        try:
            options = self._options()
        except ValidationError as exc:
            self.connection.show_probe(False, _validation_text(exc))
            return
        job = partial(
            self._probe,
            self.connection.url(),
            token=self.connection.token() or None,
            options=options,
            timeouts=Timeouts(read_s=self._base.request_timeout_s),
        )
        self.connection.set_busy(True)
        self.connection.show_probe(None, self.tr("Testing the connection…"))
        self._runner.run(
            self, job, on_success=self._on_probe_finished, on_failure=self._on_probe_failed
        )

    def _on_probe_finished(self, result: ProbeResult) -> None:
        self.connection.set_busy(False)
        secret = self.connection.kind.token_secret
        text = probe_text(result, env=env_name(secret) if secret else "")
        if result.detail and not result.ok:
            text += "\n" + self.tr("Details: {detail}").format(detail=result.detail)
        self.connection.show_probe(result.ok, text)
        self.probeFinished.emit(result)

    def _on_probe_failed(self, exc: BaseException) -> bool:
        log.error("test connection failed", exc_info=exc)
        self._on_probe_finished(
            ProbeResult(ok=False, step=ProbeStep.READ, detail=type(exc).__name__)
        )
        return True

    # --- save ------------------------------------------------------------------------------

    def collect(self) -> Settings:
        """The edited settings, validated; ValueError says (translated) what is wrong."""
        self._keep_drafts()
        problems = self.options_form.problems()
        url_problem = self.connection.url_problem()
        if url_problem is not None:
            problems.insert(0, url_problem)
        zendesk = self.connection.kind.key == "zendesk"
        if zendesk and not (self.connection.email() or os.environ.get(_ZENDESK_EMAIL_ENV)):
            problems.append(self.tr("Zendesk needs the agent's e-mail address for its API token."))
        zone = self.zone_combo.currentText().strip()
        if zone:
            try:
                zoneinfo.ZoneInfo(zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                problems.append(self.tr("Unknown time zone: {zone}").format(zone=zone))
        if problems:
            raise ValueError("\n".join(problems))
        raw = self._base.model_dump()
        raw.update(
            backend_url=self.connection.url() or None,
            poll_interval_s=self.poll_spin.value(),
            language=self.language_combo.currentData(),
            display_timezone=zone or None,
        )
        try:
            raw["backend_options"] = self._options().model_dump()
            return Settings.model_validate(raw)
        except ValidationError as exc:
            raise ValueError(_validation_text(exc)) from None

    def _on_save_clicked(self) -> None:
        try:
            settings = self.collect()
        except ValueError as exc:
            self._show_status(self.tr("Not saved:") + "\n" + str(exc), problem=True)
            return
        keyring_problem = self._store_token()
        try:
            save_settings(settings, self._path)
        except OSError as exc:
            self._show_status(self.tr("Not saved:") + "\n" + str(exc), problem=True)
            return
        log.info("settings saved (backend type %s)", self.connection.kind.key)
        before, self._base = self._base, settings
        self._saved_once = True
        self.saved.emit(settings)
        if settings.language != before.language:
            self.languageChosen.emit(settings.language)
        # A new token only reaches the backend when it is opened again.
        restart = self._token_stored or _needs_restart(before, settings)
        if keyring_problem is None and not restart:
            self.accept()
            return
        lines = [self.tr("Saved.")]
        if keyring_problem is not None:
            lines.append(keyring_problem)
        if restart:
            lines.append(self.tr("The cockpit uses the new settings after a restart."))
        self._show_status(" ".join(lines), problem=keyring_problem is not None)
        self.restart_button.setVisible(restart and self._restart_available)

    def _store_token(self) -> str | None:
        """Store a typed token in the keyring; the failure text when that is impossible."""
        secret, value = self.connection.kind.token_secret, self.connection.token()
        if secret is None or not value:
            return None
        try:
            set_secret(secret, value)
        except Exception as exc:  # NoKeyringError, a locked or broken keyring …
            # The type only: a keyring message could quote what it was given.
            log.warning("could not store %s in the keyring: %s", secret, type(exc).__name__)
            return keyring_failure_text(exc, env=env_name(secret))
        self._token_stored = True
        self.connection.token_edit.clear()
        self.connection.show_token_state()
        return None

    def _show_status(self, text: str, *, problem: bool) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(True)
        set_style_property(self.status_label, "problem", problem)
        self._retranslate_buttons()

    def _on_restart_clicked(self) -> None:
        self.accept()
        self.restartRequested.emit()

    # --- language -------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.tabs.setTabText(0, self.tr("Connection"))
        self.tabs.setTabText(1, self.tr("Backend options"))
        self.tabs.setTabText(2, self.tr("General"))
        self._poll_label.setText(self.tr("Poll interval:"))
        self.poll_spin.setSuffix(self.tr(" s"))
        self._language_label.setText(self.tr("Language:"))
        self.language_combo.setItemText(0, self.tr("Follow system"))
        self._zone_label.setText(self.tr("Display time zone:"))
        line = self.zone_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("this computer's time zone"))
        self._retranslate_buttons()
        notes = []
        overrides = [name for name in OVERRIDES if os.environ.get(name)]
        if overrides:
            text = self.tr("Set in the environment, and stronger than what is saved here: {names}")
            notes.append(text.format(names=", ".join(overrides)))
        if self._load_error:
            notes.append(
                self.tr("The settings file could not be read; saving replaces it. {error}").format(
                    error=self._load_error
                )
            )
        self.connection.set_note("\n".join(notes))

    def _retranslate_buttons(self) -> None:
        self.save_button.setText(self.tr("Save"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        # Once saved, leaving no longer cancels anything.
        cancel.setText(self.tr("Close") if self._saved_once else self.tr("Cancel"))
        self.restart_button.setText(self.tr("Restart now"))


def _needs_restart(before: Settings, after: Settings) -> bool:
    """Everything but the language needs a restart (the language switches live)."""
    return before.model_copy(update={"language": after.language}) != after


def _validation_text(exc: ValidationError) -> str:
    return "\n".join(
        f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}" for error in exc.errors()
    )
