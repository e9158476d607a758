"""File → Settings… in the running cockpit: one dialog at a time, a new
language applies at once, and "Restart now" replaces the session with one
built from the saved settings (the old runtime shut down first)."""

from __future__ import annotations

import sys
import types
from argparse import Namespace
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from cockpit.settings import Settings, load_settings
from tests.memory_keyring import MemoryKeyring, use_keyring
from tests.widgets.fakes import FakeRuntime, figures, view
from widgets.app import LANGUAGE_KEY, CockpitSession, Translations, run_gui, window_state
from widgets.main_window import MainWindow
from widgets.settings_dialog import SettingsDialog


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[None]:
    with use_keyring(MemoryKeyring()):
        yield


@pytest.fixture
def session(qapp: QApplication, translations: Translations) -> Iterator[CockpitSession]:
    runtime = FakeRuntime([view([figures("presale", waiting=2)])])
    cockpit = CockpitSession(qapp, runtime, translations=translations, state=window_state())
    yield cockpit
    cockpit.shutdown()


def test_the_menu_opens_one_settings_dialog(qtbot: QtBot, session: CockpitSession) -> None:
    session.start()
    action = session.actions.settings
    assert action.shortcut().toString() == "Ctrl+,"
    assert action in session.window.actions()
    action.trigger()
    dialog = session.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.restart_button.isVisible()
    action.trigger()
    assert session.settings_dialog is dialog
    dialog.reject()
    qtbot.waitUntil(lambda: session.settings_dialog is None)


def test_a_language_saved_in_the_dialog_applies_at_once(
    qtbot: QtBot, session: CockpitSession
) -> None:
    session.start()
    session.actions.settings.trigger()
    dialog = session.settings_dialog
    assert dialog is not None
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: session.actions.refresh.text() == "立即刷新(&R)")
    assert session.actions.settings.text() == "设置(&S)…"
    assert window_state().value(LANGUAGE_KEY) == "zh_CN"
    assert load_settings(env={}).language == "zh_CN"


def _fake_runtimes(monkeypatch: pytest.MonkeyPatch, *runtimes: FakeRuntime) -> list[object]:
    built: list[object] = []
    queue = list(runtimes)

    def build_runtime(settings: Settings, *, backend_url: str | None = None) -> FakeRuntime:
        built.append((settings, backend_url))
        runtime = queue.pop(0)
        runtime.settings = settings
        return runtime

    module = types.ModuleType("cockpit.runtime.runtime")
    module.build_runtime = build_runtime  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cockpit.runtime.runtime", module)
    return built


def test_restart_now_replaces_the_session(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = FakeRuntime([view([figures("presale", waiting=1)])])
    second = FakeRuntime([view([figures("presale", waiting=2), figures("refund", waiting=3)])])
    built = _fake_runtimes(monkeypatch, first, second)
    windows: list[MainWindow] = []

    def drive() -> None:
        # Acts like a user: open the settings, press "Restart now", then
        # close the new window once its queues show.
        shown = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        for window in shown:
            if window not in windows and window.queue_panel.model.rowCount():
                windows.append(window)
                if len(windows) == 1:
                    window.menu_actions.settings.trigger()
                else:
                    window.close()
        for dialog in qapp.topLevelWidgets():
            if isinstance(dialog, SettingsDialog) and dialog.isVisible():
                dialog.restartRequested.emit()
                dialog.accept()

    timer = QTimer()
    timer.timeout.connect(drive)
    timer.start(10)
    watchdog = QTimer()  # never hang the suite
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(qapp.quit)
    watchdog.start(20_000)
    try:
        code = run_gui(
            Namespace(backend="sim://127.0.0.1:9999", language="en", seed=None, speed=None)
        )
    finally:
        timer.stop()
        watchdog.stop()
    assert code == 0
    assert len(windows) == 2
    assert [backend for _, backend in built] == ["sim://127.0.0.1:9999", None]  # type: ignore[misc]
    assert first.calls == ["subscribe", "start", "shutdown"]
    assert second.calls[:2] == ["subscribe", "start"]
    assert second.calls[-1] == "shutdown"
    for runtime in (first, second):
        assert runtime.thread is not None
        assert not runtime.thread.is_alive()
