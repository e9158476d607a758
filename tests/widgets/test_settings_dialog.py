"""The settings dialog: fields per backend type, validation, saving without
secrets (tokens to an in-memory keyring), the no-keyring message, and
"Test connection" off the GUI thread against real loopback servers."""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from cockpit.backends.probe import ProbeFailure, ProbeResult, test_connection
from cockpit.clock import ManualClock
from cockpit.settings import Settings, load_settings, save_settings
from cockpit.sim import FloorSimulator, SimConfig, SimServer
from tests.memory_keyring import MemoryKeyring, no_keyring, use_keyring
from widgets.app import Translations
from widgets.settings_dialog import SettingsDialog

SERVICE = "supervisor-cockpit"
TOKEN = "tok-" + "S3CRET" * 4


@pytest.fixture
def keyring_store() -> Iterator[MemoryKeyring]:
    with use_keyring(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "settings.json"


def _dialog(qtbot: QtBot, path: Path, **kwargs: Any) -> SettingsDialog:
    dialog = SettingsDialog(path=path, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def _visible(dialog: SettingsDialog, widget: Any) -> bool:
    """Shown on its tab (whichever tab is current)."""
    page = dialog.options_form if dialog.options_form.isAncestorOf(widget) else dialog.connection
    return bool(widget.isVisibleTo(page))


def _save(dialog: SettingsDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


# --- fields per backend type ---------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "url", "email", "section", "trigger"),
    [
        ("sim", False, False, None, False),
        ("feed", True, False, None, False),
        ("helpdesk", True, False, "helpdesk", False),
        ("zammad", True, False, "zammad", True),
        ("zendesk", True, True, "zendesk", True),
    ],
)
def test_each_backend_type_shows_its_fields(
    qtbot: QtBot,
    path: Path,
    keyring_store: MemoryKeyring,
    kind: str,
    url: bool,
    email: bool,
    section: str | None,
    trigger: bool,
) -> None:
    dialog = _dialog(qtbot, path)
    dialog.connection.select_kind(kind)
    form, options = dialog.connection, dialog.options_form
    assert _visible(dialog, form.url_edit) is url
    assert _visible(dialog, form.token_edit) is url
    assert _visible(dialog, form.email_edit) is email
    assert form.test_button.isEnabled() is url
    assert options.section == section
    assert _visible(dialog, options.queue_names) is (section is not None)
    assert _visible(dialog, options.trigger_edit) is trigger
    assert _visible(dialog, options.verify_tls) is (section is not None)
    if url:
        assert "://" in form.url_edit.placeholderText()
    assert form.token_edit.text() == ""


def test_defaults_are_the_simulator_with_tls_verification_on(
    qtbot: QtBot, path: Path, keyring_store: MemoryKeyring
) -> None:
    dialog = _dialog(qtbot, path)
    assert dialog.connection.kind.key == "sim"
    dialog.connection.select_kind("helpdesk")
    assert dialog.options_form.verify_tls.isChecked()
    assert not _visible(dialog, dialog.options_form.tls_warning)
    dialog.options_form.verify_tls.setChecked(False)
    assert _visible(dialog, dialog.options_form.tls_warning)
    assert "Only for a test server" in dialog.options_form.tls_warning.text()


def test_the_url_is_checked_against_the_chosen_type(
    qtbot: QtBot, path: Path, keyring_store: MemoryKeyring
) -> None:
    dialog = _dialog(qtbot, path)
    dialog.connection.select_kind("helpdesk")
    hint = dialog.connection.url_hint
    dialog.connection.url_edit.setText("zammad+https://zammad.example.com/")
    assert "helpdesk+https://" in hint.text()
    assert hint.property("invalid") is True
    dialog.connection.url_edit.setText("helpdesk+https://me:pw@desk.example.com/")
    assert "user name and password" in hint.text()
    dialog.connection.url_edit.setText("helpdesk+https://desk.example.com/helpdesk/")
    assert hint.property("invalid") is False
    assert hint.text().startswith("For example")


def test_an_invalid_form_is_not_saved(
    qtbot: QtBot, path: Path, keyring_store: MemoryKeyring
) -> None:
    dialog = _dialog(qtbot, path)
    dialog.connection.select_kind("zammad")
    dialog.connection.url_edit.setText("https://zammad.example.com/")
    dialog.options_form.queue_names.set_names({"7": ""})
    _save(dialog)
    text = dialog.status_label.text()
    assert text.startswith("Not saved")
    assert "zammad+https://" in text
    assert "row 1: id 7 has no name" in text
    assert not path.exists()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_zendesk_needs_the_agent_email(
    qtbot: QtBot, path: Path, keyring_store: MemoryKeyring
) -> None:
    dialog = _dialog(qtbot, path)
    dialog.connection.select_kind("zendesk")
    dialog.connection.url_edit.setText("zendesk+https://acme.zendesk.com/")
    _save(dialog)
    assert "e-mail" in dialog.status_label.text()
    assert not path.exists()


# --- saving ------------------------------------------------------------------------------


def test_save_writes_the_file_without_secrets_and_the_token_to_the_keyring(
    qtbot: QtBot, path: Path, keyring_store: MemoryKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    dialog = _dialog(qtbot, path)
    saved: list[Settings] = []
    dialog.saved.connect(saved.append)
    dialog.connection.select_kind("zammad")
    dialog.connection.url_edit.setText("zammad+https://zammad.example.com/")
    dialog.connection.token_edit.setText(TOKEN)
    dialog.options_form.queue_names.set_names({"3": "Billing", "4": "售后服务"})
    dialog.options_form.agent_names.set_names({"12": "Li Na"})
    dialog.options_form.trigger_edit.setText("42")
    dialog.options_form.rate_spin.setValue(120)
    dialog.poll_spin.setValue(7.5)
    dialog.zone_combo.setEditText("Asia/Shanghai")
    _save(dialog)

    raw = path.read_text(encoding="utf-8")
    assert TOKEN not in raw
    assert keyring_store.passwords == {(SERVICE, "zammad.token"): TOKEN}
    settings = load_settings(path, env={})
    assert saved == [settings]
    assert settings.backend_url == "zammad+https://zammad.example.com/"
    zammad = settings.backend_options.zammad
    assert zammad.queue_names == {"3": "Billing", "4": "售后服务"}
    assert zammad.agent_names == {"12": "Li Na"}
    assert (zammad.auto_reply_trigger_id, zammad.requests_per_minute) == (42, 120)
    assert zammad.verify_tls is True
    assert (settings.poll_interval_s, settings.display_timezone) == (7.5, "Asia/Shanghai")
    # The token is gone from the field; the field says one is stored, never what.
    assert dialog.connection.token_edit.text() == ""
    assert dialog.connection.token_edit.placeholderText() == "•••• stored in the keyring"
    assert TOKEN not in dialog.windowTitle()
    assert all(TOKEN not in record.getMessage() for record in caplog.records)
    # A new backend needs a restart: the dialog says so and offers it.
    assert "after a restart" in dialog.status_label.text()
    assert dialog.restart_button.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.restartRequested):
        dialog.restart_button.click()


def test_without_a_keyring_the_message_names_the_environment_variable(
    qtbot: QtBot, path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with use_keyring(no_keyring()):
        dialog = _dialog(qtbot, path)
        dialog.connection.select_kind("helpdesk")
        dialog.connection.url_edit.setText("helpdesk+http://127.0.0.1:8765/helpdesk/")
        dialog.connection.token_edit.setText(TOKEN)
        _save(dialog)
    text = dialog.status_label.text()
    assert "No keyring" in text
    assert "COCKPIT_HELPDESK_TOKEN" in text
    assert dialog.status_label.property("problem") is True
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Close"
    assert TOKEN not in path.read_text(encoding="utf-8")
    assert load_settings(path, env={}).backend_url == "helpdesk+http://127.0.0.1:8765/helpdesk/"
    assert all(TOKEN not in record.getMessage() for record in caplog.records)
    assert dialog.result() != QDialog.DialogCode.Accepted  # stays open to be read


def test_a_stored_token_shows_as_dots_never_its_value(
    qtbot: QtBot, path: Path, keyring_store: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(Settings(backend_url="helpdesk+https://desk.example.com/"), path)
    keyring_store.set_password(SERVICE, "helpdesk.token", TOKEN)
    dialog = _dialog(qtbot, path)
    token = dialog.connection.token_edit
    assert dialog.connection.kind.key == "helpdesk"
    assert dialog.connection.url_edit.text() == "helpdesk+https://desk.example.com/"
    assert token.text() == ""
    assert token.placeholderText() == "•••• stored in the keyring"
    monkeypatch.setenv("COCKPIT_HELPDESK_TOKEN", TOKEN)
    dialog.connection.show_token_state()
    assert token.placeholderText() == "•••• set by COCKPIT_HELPDESK_TOKEN"
    dialog.connection.select_kind("zammad")
    assert token.placeholderText() == "not set"


def test_environment_overrides_are_named_and_never_written(
    qtbot: QtBot, path: Path, keyring_store: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COCKPIT_BACKEND_URL", "sim://127.0.0.1:9")
    dialog = _dialog(qtbot, path)
    assert dialog.connection.kind.key == "sim"
    assert "COCKPIT_BACKEND_URL" in dialog.connection.note_label.text()
    dialog.poll_spin.setValue(9)
    _save(dialog)
    assert json.loads(path.read_text(encoding="utf-8"))["backend_url"] is None


def test_only_a_new_language_applies_at_once_and_closes(
    qtbot: QtBot, path: Path, keyring_store: MemoryKeyring
) -> None:
    dialog = _dialog(qtbot, path)
    dialog.show()
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
    with qtbot.waitSignal(dialog.languageChosen) as chosen:
        _save(dialog)
    assert chosen.args == ["zh_CN"]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert load_settings(path, env={}).language == "zh_CN"


def test_switching_types_keeps_what_was_typed(
    qtbot: QtBot, path: Path, keyring_store: MemoryKeyring
) -> None:
    dialog = _dialog(qtbot, path)
    dialog.connection.select_kind("helpdesk")
    dialog.connection.url_edit.setText("helpdesk+https://desk.example.com/")
    dialog.options_form.queue_names.set_names({"1": "Billing"})
    dialog.connection.select_kind("zendesk")
    assert dialog.connection.url_edit.text() == ""
    assert dialog.options_form.queue_names.names() == {}
    dialog.connection.select_kind("helpdesk")
    assert dialog.connection.url_edit.text() == "helpdesk+https://desk.example.com/"
    assert dialog.options_form.queue_names.names() == {"1": "Billing"}


# --- test connection ---------------------------------------------------------------------


def _dead_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_a_refused_connection_is_reported_in_plain_words_off_the_gui_thread(
    qtbot: QtBot, path: Path, keyring_store: MemoryKeyring
) -> None:
    threads: list[threading.Thread] = []

    def probe(*args: Any, **kwargs: Any) -> ProbeResult:
        threads.append(threading.current_thread())
        return test_connection(*args, **kwargs)

    dialog = _dialog(qtbot, path, probe=probe)
    dialog.connection.select_kind("helpdesk")
    dialog.connection.url_edit.setText(f"helpdesk+http://127.0.0.1:{_dead_port()}/")
    dialog.connection.token_edit.setText(TOKEN)
    with qtbot.waitSignal(dialog.probeFinished, timeout=20_000) as finished:
        dialog.connection.test_button.click()
        assert not dialog.connection.test_button.isEnabled()  # while it runs
    result = finished.args[0]
    assert result.reason is ProbeFailure.REFUSED
    assert threads
    assert threads[0] is not threading.main_thread()
    text = dialog.connection.probe_label.text()
    assert text.startswith("The connection was refused: nothing answers at this address and port.")
    assert TOKEN not in text
    assert dialog.connection.probe_label.property("ok") == "false"
    assert dialog.connection.test_button.isEnabled()


def test_a_bad_url_is_reported_without_a_worker(
    qtbot: QtBot, path: Path, keyring_store: MemoryKeyring
) -> None:
    calls: list[object] = []
    dialog = _dialog(qtbot, path, probe=lambda *a, **k: calls.append(a))
    dialog.connection.select_kind("zammad")
    dialog.connection.url_edit.setText("zammad+https://")
    dialog.connection.test_button.click()
    assert calls == []
    assert "not a valid backend URL" in dialog.connection.probe_label.text()


def test_the_simulator_answers_the_test(
    qtbot: QtBot, path: Path, keyring_store: MemoryKeyring
) -> None:
    start = datetime(2026, 11, 10, 16, 30, tzinfo=UTC)
    sim = FloorSimulator(SimConfig.default(), seed=1, start=start)
    with SimServer(sim, ManualClock(start), port=0, token=TOKEN) as server:
        dialog = _dialog(qtbot, path)
        dialog.connection.select_kind("feed")
        dialog.connection.url_edit.setText("sim://" + server.url.removeprefix("http://"))
        assert dialog.connection.url_problem() is None
        dialog.connection.token_edit.setText(TOKEN)
        with qtbot.waitSignal(dialog.probeFinished, timeout=20_000) as finished:
            dialog.connection.test_button.click()
    assert finished.args[0].ok
    text = dialog.connection.probe_label.text()
    assert text.startswith("Connected: the backend answered.")
    assert "Queues:" in text
    assert dialog.connection.probe_label.property("ok") == "true"


def test_chinese_labels(
    qtbot: QtBot, path: Path, keyring_store: MemoryKeyring, translations: Translations
) -> None:
    dialog = _dialog(qtbot, path)
    translations.apply("zh_CN")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "设置")
    assert dialog.connection.test_button.text() == "测试连接"
    assert dialog.tabs.tabText(0) == "连接"
    dialog.connection.select_kind("helpdesk")
    assert dialog.options_form.verify_tls.text().startswith("校验 TLS 证书")
