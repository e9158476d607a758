"""The red banner: hidden without an incident; kind, severity, bot state and
overdue steps while one is open; the elapsed time ticks on an injected clock."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.widgets.incidents.fakes import FakeHost
from widgets.incident_banner import IncidentBanner
from widgets.incident_state import BotState, read_picture


def _banner(qtbot: QtBot, host: FakeHost) -> IncidentBanner:
    banner = IncidentBanner(clock=host.clock.now)
    qtbot.addWidget(banner)
    return banner


def _show(banner: IncidentBanner, host: FakeHost) -> None:
    banner.show_picture(read_picture(host.engine, host.open_tickets))


def test_hidden_without_an_incident(qtbot: QtBot, host: FakeHost) -> None:
    banner = _banner(qtbot, host)
    _show(banner, host)
    assert banner.isHidden()


def test_shows_kind_severity_and_bot_state(qtbot: QtBot, host: FakeHost) -> None:
    incident_id = host.declare()
    banner = _banner(qtbot, host)
    _show(banner, host)
    assert not banner.isHidden()
    assert f"#{incident_id}" in banner.tag.text()
    assert banner.title.text() == "Service outage (sign-in / payment / app)"
    assert banner.severity.text() == "Critical"
    assert banner.bot.text() == "Bot auto-reply: ON"  # the playbook switches it on
    assert banner.bot.property("alert") is True
    assert banner.overdue.text() == "Checklist on time"


def test_bot_off_without_the_automatic_steps(qtbot: QtBot, host: FakeHost) -> None:
    host.declare(auto=False)
    banner = _banner(qtbot, host)
    _show(banner, host)
    assert banner.bot.text() == "Bot auto-reply: off"
    assert read_picture(host.engine, host.open_tickets).bot is BotState.OFF


def test_elapsed_time_ticks_every_second(qtbot: QtBot, host: FakeHost) -> None:
    host.declare()
    banner = _banner(qtbot, host)
    _show(banner, host)
    assert banner.elapsed.text() == "Running 0:00:00"
    assert banner._timer.isActive()
    assert banner._timer.interval() == 1000
    host.clock.advance(timedelta(minutes=1, seconds=15))
    banner._timer.timeout.emit()
    assert banner.elapsed.text() == "Running 0:01:15"
    host.clock.advance(timedelta(hours=1))
    banner._timer.timeout.emit()
    assert banner.elapsed.text() == "Running 1:01:15"


def test_overdue_steps_are_counted_as_time_passes(qtbot: QtBot, host: FakeHost) -> None:
    host.declare()
    banner = _banner(qtbot, host)
    _show(banner, host)
    # Two steps are due 15 minutes after the declaration.
    host.clock.advance(timedelta(minutes=14, seconds=59))
    banner._timer.timeout.emit()
    assert banner.overdue.text() == "Checklist on time"
    host.clock.advance(timedelta(seconds=1))
    banner._timer.timeout.emit()
    assert banner.overdue.text() == "2 step(s) overdue"
    assert banner.overdue.property("alert") is True


def test_hides_once_resolved(qtbot: QtBot, host: FakeHost) -> None:
    incident_id = host.declare()
    banner = _banner(qtbot, host)
    _show(banner, host)
    host.engine.resolve(incident_id, summary="fixed", who="lead-li")
    _show(banner, host)
    assert banner.isHidden()
    assert not banner._timer.isActive()


def test_clicking_asks_for_the_panel(qtbot: QtBot, host: FakeHost) -> None:
    host.declare()
    banner = _banner(qtbot, host)
    _show(banner, host)
    with qtbot.waitSignal(banner.activated, timeout=1000):
        qtbot.mouseClick(banner, Qt.MouseButton.LeftButton)
