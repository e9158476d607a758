"""Incident mode in the session: the Incident menu, declaring from an alert
(the playbook its topics suggest), the banner and panel following the log,
and the queue table still fitting when the panel opens beside it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cockpit.domain import Ticket
from cockpit.incidents.engine import IncidentEngine, TickResult
from tests.widgets.fakes import FakeRuntime
from tests.widgets.incidents.fakes import Answers, FakeHost
from widgets.app import CockpitSession, Translations, window_state
from widgets.declare_dialog import DeclareDialog


class IncidentRuntime(FakeRuntime):
    """The fake floor runtime plus a real incident engine (inline ops)."""

    def __init__(self, host: FakeHost) -> None:
        super().__init__()
        self.host = host

    def subscribe_incidents(self, *, on_tick: Callable[[TickResult], None]) -> None:
        self.host.subscribe_incidents(on_tick=on_tick)

    def require_engine(self) -> IncidentEngine:
        return self.host.engine

    def open_tickets(self) -> list[Ticket]:
        return self.host.open_tickets()

    def run_op(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self.host.run_op(fn, *args, **kwargs)


@pytest.fixture
def session(
    qapp: QApplication, host: FakeHost, translations: Translations
) -> Iterator[CockpitSession]:
    runtime = IncidentRuntime(host)
    cockpit = CockpitSession(qapp, runtime, translations=translations, state=window_state())
    yield cockpit
    cockpit.shutdown()


def _tick(host: FakeHost) -> None:
    for listener in host.tick_listeners:
        listener(TickResult())


def test_a_runtime_without_incidents_disables_the_menu(
    qapp: QApplication, translations: Translations
) -> None:
    plain = CockpitSession(qapp, FakeRuntime(), translations=translations, state=window_state())
    try:
        assert plain.incidents is None
        assert not plain.actions.declare.isEnabled()
    finally:
        plain.shutdown()


def test_declare_from_an_alert_suggests_the_playbook(
    qtbot: QtBot, session: CockpitSession, host: FakeHost
) -> None:
    session.start()
    assert session.incidents is not None
    _tick(host)
    qtbot.waitUntil(lambda: session.incidents is not None and session.incidents.picture is not None)
    alert = SimpleNamespace(
        rule="waiting_high", queue="payment", severity="critical", details={"topic": "payment"}
    )
    session.declare_from_alert(alert)
    dialog = session.incidents.dialog
    assert isinstance(dialog, DeclareDialog)
    assert dialog.playbook_box.currentData() == "service_outage"
    dialog.close()


def test_banner_and_panel_follow_the_incident_log(
    qtbot: QtBot, session: CockpitSession, host: FakeHost
) -> None:
    mode = session.incidents
    assert mode is not None
    mode.set_confirm(Answers(), resolve=lambda *_: "fixed")
    session.window.resize(1920, 1080)
    session.start()
    _tick(host)
    qtbot.waitUntil(lambda: mode.picture is not None)
    assert mode.banner.isHidden()
    assert mode.panel.isHidden()

    host.declare()  # another desk (or the command line) declares
    _tick(host)
    qtbot.waitUntil(lambda: not mode.banner.isHidden())
    assert mode.banner in session.window.findChildren(type(mode.banner))
    qtbot.waitUntil(lambda: mode.panel.isVisible())
    table = session.window.queue_panel.table
    qtbot.waitUntil(lambda: table.horizontalHeader().length() <= table.viewport().width())

    mode.panel.resolve_button.click()
    qtbot.waitUntil(lambda: mode.banner.isHidden())
    assert mode.panel.isHidden()


def test_the_menu_opens_the_declare_dialog(
    qtbot: QtBot, session: CockpitSession, host: FakeHost, tmp_path: Path
) -> None:
    mode = session.incidents
    assert mode is not None
    answers = Answers()
    mode.set_confirm(answers)
    session.start()
    _tick(host)
    qtbot.waitUntil(lambda: mode.picture is not None)
    session.actions.declare.trigger()
    dialog = mode.dialog
    assert isinstance(dialog, DeclareDialog)
    dialog.summary.setText("客服系统卡顿")
    dialog.declare_button.click()
    qtbot.waitUntil(lambda: not mode.banner.isHidden())
    assert host.engine.active()
