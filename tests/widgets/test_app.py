"""The session and run_gui: wiring, menus, window state, and the one
shutdown routine (runtime first, then the windows; no thread left)."""

from __future__ import annotations

import inspect
import json
import sys
import types
from argparse import Namespace
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cockpit.settings import Settings
from tests.widgets.fakes import FakeRuntime, figures, view
from widgets import app as app_module
from widgets.app import (
    LANGUAGE_KEY,
    NIGHT_KEY,
    CockpitSession,
    Translations,
    run_gui,
    window_state,
)
from widgets.theme import DAY, NIGHT


@pytest.fixture
def runtime() -> FakeRuntime:
    return FakeRuntime(
        [view([figures("presale", waiting=2)]), view([figures("presale", waiting=9)])],
        settings=Settings(display_timezone="Asia/Shanghai"),
    )


@pytest.fixture
def session(
    qapp: QApplication, runtime: FakeRuntime, translations: Translations
) -> Iterator[CockpitSession]:
    cockpit = CockpitSession(qapp, runtime, translations=translations, state=window_state())
    yield cockpit
    cockpit.shutdown()


def _started(qtbot: QtBot, session: CockpitSession) -> None:
    session.start()
    qtbot.waitUntil(lambda: session.window.queue_panel.model.rowCount() == 1)


def test_shutdown_stops_the_runtime_before_closing_windows(
    qtbot: QtBot, session: CockpitSession, runtime: FakeRuntime
) -> None:
    _started(qtbot, session)
    assert runtime.calls == ["subscribe", "start"]
    assert runtime.thread is not None
    assert runtime.thread.is_alive()
    visible_at_shutdown: list[bool] = []
    runtime.on_shutdown = lambda: visible_at_shutdown.append(session.window.isVisible())
    session.shutdown()
    assert visible_at_shutdown == [True]
    assert not runtime.thread.is_alive()
    assert not session.window.isVisible()
    session.shutdown()  # idempotent
    assert runtime.calls.count("shutdown") == 1


def test_closing_the_window_goes_through_shutdown(
    qtbot: QtBot, session: CockpitSession, runtime: FakeRuntime
) -> None:
    _started(qtbot, session)
    session.window.close()
    qtbot.waitUntil(lambda: "shutdown" in runtime.calls)
    assert runtime.thread is not None
    assert not runtime.thread.is_alive()
    qtbot.waitUntil(lambda: not session.window.isVisible())


def test_refresh_now_asks_for_a_poll(
    qtbot: QtBot, session: CockpitSession, runtime: FakeRuntime
) -> None:
    _started(qtbot, session)
    assert session.actions.refresh.shortcut().toString() == "F5"
    session.actions.refresh.trigger()
    assert "poll_now" in runtime.calls
    model = session.window.queue_panel.model
    qtbot.waitUntil(lambda: model.queues()[0].waiting == 9)


def test_language_menu_switches_live_and_persists(qtbot: QtBot, session: CockpitSession) -> None:
    _started(qtbot, session)
    session.actions.languages["zh_CN"].trigger()
    qtbot.waitUntil(lambda: session.window.windowTitle() == "客服主管驾驶舱")
    qtbot.waitUntil(lambda: session.actions.refresh.text() == "立即刷新(&R)")
    assert window_state().value(LANGUAGE_KEY) == "zh_CN"
    session.actions.languages["en"].trigger()
    qtbot.waitUntil(lambda: session.window.windowTitle() == "Supervisor Cockpit")
    assert session.actions.languages["en"].isChecked()


def test_night_mode_toggles_theme_and_persists(
    qtbot: QtBot, qapp: QApplication, session: CockpitSession
) -> None:
    _started(qtbot, session)
    assert DAY.surface in qapp.styleSheet()
    session.actions.night_mode.trigger()
    assert NIGHT.surface in qapp.styleSheet()
    assert window_state().value(NIGHT_KEY, type=bool) is True
    model = session.window.queue_panel.model
    assert model._palette is NIGHT


# --- run_gui ------------------------------------------------------------------------


def _fake_runtime_module(monkeypatch: pytest.MonkeyPatch, runtime: FakeRuntime) -> list[object]:
    built: list[object] = []

    def build_runtime(settings: Settings, *, backend_url: str | None = None) -> FakeRuntime:
        built.append((settings, backend_url))
        runtime.settings = settings
        return runtime

    module = types.ModuleType("cockpit.runtime.runtime")
    module.build_runtime = build_runtime  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cockpit.runtime.runtime", module)
    return built


def _close_when_rows_show(qapp: QApplication) -> QTimer:
    """Acts like a user who closes the window once the queues are on screen."""
    from widgets.main_window import MainWindow

    def check() -> None:
        for widget in qapp.topLevelWidgets():
            if (
                isinstance(widget, MainWindow)
                and widget.isVisible()
                and widget.queue_panel.model.rowCount()
            ):
                widget.close()

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(10)
    return timer


def test_run_gui_builds_runs_and_shuts_down(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, runtime: FakeRuntime
) -> None:
    built = _fake_runtime_module(monkeypatch, runtime)
    watchdog = QTimer()  # never hang the suite
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(qapp.quit)
    watchdog.start(20_000)
    timer = _close_when_rows_show(qapp)
    args = Namespace(backend="sim://127.0.0.1:9999", language="zh", seed=42, speed=60.0)
    try:
        code = run_gui(args)
    finally:
        timer.stop()
        watchdog.stop()
    assert code == 0
    settings, backend_url = built[0]  # type: ignore[misc]
    assert backend_url == "sim://127.0.0.1:9999"
    assert (settings.sim.seed, settings.sim.speed) == (42, 60.0)
    assert runtime.calls[:2] == ["subscribe", "start"]
    assert runtime.calls[-1] == "shutdown"
    assert runtime.thread is not None
    assert not runtime.thread.is_alive()
    assert window_state().value("window/geometry") is not None


def test_run_gui_reports_bad_settings(
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    private_config_dir: Path,
    runtime: FakeRuntime,
) -> None:
    _fake_runtime_module(monkeypatch, runtime)
    private_config_dir.mkdir(parents=True, exist_ok=True)
    (private_config_dir / "settings.json").write_text(json.dumps({"poll_interval_s": -1}))
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(app_module, "show_fatal_error", lambda t, m: errors.append((t, m)))
    code = run_gui(Namespace(backend=None, language="en", seed=None, speed=None))
    assert code == 2
    assert errors
    assert "poll_interval_s" in errors[0][1]
    assert runtime.calls == []


def test_run_gui_rejects_a_bad_speed(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, runtime: FakeRuntime
) -> None:
    _fake_runtime_module(monkeypatch, runtime)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(app_module, "show_fatal_error", lambda t, m: errors.append((t, m)))
    code = run_gui(Namespace(backend=None, language="en", seed=None, speed=-5.0))
    assert code == 2
    assert "speed" in errors[0][1]


def test_real_runtime_offers_what_the_gui_calls() -> None:
    """Catches drift between the GUI and cockpit.runtime.runtime (when present)."""
    runtime_module = pytest.importorskip("cockpit.runtime.runtime")
    runtime_class = runtime_module.Runtime
    me = object()
    inspect.signature(runtime_class.shutdown).bind(me)
    inspect.signature(runtime_class.poll_now).bind(me)
    inspect.signature(runtime_class.start).bind(me)
    inspect.signature(runtime_class.subscribe).bind(me, on_view=print, on_health=print)
    inspect.signature(runtime_module.build_runtime).bind(Settings(), backend_url=None)
    annotations = getattr(runtime_class, "__annotations__", {})
    assert hasattr(runtime_class, "backend_url") or "backend_url" in annotations
