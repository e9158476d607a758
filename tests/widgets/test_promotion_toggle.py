"""The Incident menu's "Promotion targets": switches the live floor's SLA
targets through the runtime's floor op (never on the GUI thread), and says so."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from cockpit.domain import Priority
from cockpit.floor import FloorState
from cockpit.metrics import compute_view
from cockpit.settings import PRESALES, Settings, SlaSettings
from tests.cockpit.factories import at, batch, ticket
from tests.widgets.floor_fakes import FakeFloorHost
from widgets.actions import MainActions
from widgets.floor_board import FloorBoard
from widgets.main_window import MainWindow
from widgets.status_bar import StatusBarView
from widgets.theme import DAY


class PollingHost(FakeFloorHost):
    def __init__(self, state: FloorState) -> None:
        super().__init__(state)
        self.polls = 0

    def poll_now(self) -> None:
        self.polls += 1


class NoFloorHost(PollingHost):
    def read_floor(self, fn: Any) -> Any:
        raise LookupError("no floor yet: the backend has not answered")


def _board(qtbot: QtBot, host: FakeFloorHost, settings: Settings) -> tuple[FloorBoard, MainActions]:
    actions = MainActions()
    window = MainWindow(
        thresholds=settings.thresholds,
        status_bar=StatusBarView(backend_url="sim://test"),
        actions=actions,
    )
    actions.setParent(window)
    qtbot.addWidget(window)
    board = FloorBoard(host, window=window, settings=settings, palette=DAY, parent=window)
    board.install_promotion_toggle(actions, settings)
    return board, actions


@pytest.fixture
def presales_floor() -> FloorState:
    # Answered after 45 s: late on the 30 s target, in time on the 60 s one.
    state = FloorState(SlaSettings())
    answered = ticket("p", PRESALES, created=-1, priority=Priority.LOW, first_response_at=at(-0.25))
    state.apply(batch(answered, full=True))
    return state


def _late(state: FloorState) -> int:
    return compute_view(state, backend="test").queues[0].answered_late


def test_the_switch_changes_the_targets_and_asks_for_a_poll(
    qtbot: QtBot, presales_floor: FloorState
) -> None:
    host = PollingHost(presales_floor)
    board, actions = _board(qtbot, host, Settings())
    assert not actions.promotion.isChecked()
    assert _late(presales_floor) == 1
    actions.promotion.trigger()
    qtbot.waitUntil(lambda: host.polls == 1, timeout=2000)
    assert presales_floor.sla.promotion
    assert _late(presales_floor) == 0
    assert "Promotion targets on" in board._window.statusBar().currentMessage()
    actions.promotion.trigger()
    qtbot.waitUntil(lambda: host.polls == 2, timeout=2000)
    assert not presales_floor.sla.promotion
    assert _late(presales_floor) == 1


def test_the_menu_starts_from_the_settings(qtbot: QtBot, presales_floor: FloorState) -> None:
    settings = Settings(sla=SlaSettings(promotion=True))
    _, actions = _board(qtbot, PollingHost(presales_floor), settings)
    assert actions.promotion.isChecked()


def test_before_any_data_the_switch_goes_back_and_says_why(
    qtbot: QtBot, presales_floor: FloorState
) -> None:
    host = NoFloorHost(presales_floor)
    board, actions = _board(qtbot, host, Settings())
    actions.promotion.trigger()
    qtbot.waitUntil(lambda: not actions.promotion.isChecked(), timeout=2000)
    assert "No floor yet" in board._window.statusBar().currentMessage()
    assert host.polls == 0
