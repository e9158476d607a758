"""The at-risk list: rows in order, breached ones set apart, a countdown
between polls with no re-poll, the model's update discipline, filters, and
a double-click that opens the ticket (and its web link, http(s) only)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt, QUrl
from pytestqt.qtbot import QtBot

from cockpit.domain import Priority
from cockpit.settings import Settings
from cockpit.sla import SlaState
from tests.cockpit.factories import batch, ticket
from tests.widgets.floor_fakes import FakeFloorHost, floor_view, hand_built_floor
from widgets.actions import MainActions
from widgets.at_risk_panel import AtRiskPanel
from widgets.bridge import Bridge
from widgets.floor_board import FloorBoard
from widgets.main_window import MainWindow
from widgets.models.at_risk_model import AtRiskColumn, AtRiskRole, RowFilter
from widgets.status_bar import StatusBarView
from widgets.theme import DAY
from widgets.ticket_dialog import TicketDialog, web_url


class Monotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def mono() -> Monotonic:
    return Monotonic()


@pytest.fixture
def panel(qtbot: QtBot, mono: Monotonic) -> AtRiskPanel:
    widget = AtRiskPanel(tick_ms=60_000, monotonic=mono)
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    return widget


def cell(panel: AtRiskPanel, row: int, column: AtRiskColumn, role: int = 0) -> object:
    return panel.model.index(row, column).data(role or Qt.ItemDataRole.DisplayRole)


def test_at_risk_first_then_breached(panel: AtRiskPanel) -> None:
    panel._on_floor_changed(floor_view(hand_built_floor()))
    model = panel.model
    # at risk, nearest first ("now" is due this instant); then the breached
    # ones: urgent first, most overdue first
    assert [r.ticket for r in model.rows()] == ["now", "soon", "edge", "second", "angry"]
    assert [cell(panel, i, AtRiskColumn.TIME_TO_BREACH) for i in range(5)] == [
        "0:00:00",
        "0:02:00",
        "late 0:10:00",
        "late 0:00:01",
        "late 1:10:00",
    ]
    assert [cell(panel, i, 0, AtRiskRole.STATE) for i in range(5)] == [
        SlaState.AT_RISK,
        SlaState.AT_RISK,
        SlaState.BREACHED,
        SlaState.BREACHED,
        SlaState.BREACHED,
    ]
    assert cell(panel, 0, AtRiskColumn.QUEUE) == "Logistics"
    assert cell(panel, 0, AtRiskColumn.PRIORITY) == "Urgent"
    assert cell(panel, 0, AtRiskColumn.CLOCK) == "1st reply"
    assert cell(panel, 0, AtRiskColumn.SUBJECT) == "物流没更新"
    assert cell(panel, 0, AtRiskColumn.AGE) == "0:05:00"
    assert cell(panel, 1, AtRiskColumn.ASSIGNEE) == "agent-7"
    assert cell(panel, 0, AtRiskColumn.ASSIGNEE) == "unassigned"
    assert cell(panel, 4, AtRiskColumn.CLOCK) == "Resolve"
    # the kind, the creation time and the owner are in the row's tooltip
    tip = str(cell(panel, 4, AtRiskColumn.QUEUE, Qt.ItemDataRole.ToolTipRole))
    assert "Complaint" in tip
    assert "Created at " in tip
    assert "Assignee: lead-li" in tip
    # breached rows are set apart: red countdown cell, tinted row
    red = panel.model.index(2, AtRiskColumn.TIME_TO_BREACH).data(Qt.ItemDataRole.BackgroundRole)
    amber = panel.model.index(0, AtRiskColumn.TIME_TO_BREACH).data(Qt.ItemDataRole.BackgroundRole)
    assert red.color().name() == DAY.critical_bg
    assert amber.color().name() == DAY.warn_bg
    assert panel.model.index(2, AtRiskColumn.SUBJECT).data(Qt.ItemDataRole.BackgroundRole)
    assert panel.model.index(0, AtRiskColumn.SUBJECT).data(Qt.ItemDataRole.BackgroundRole) is None


def test_the_countdown_runs_between_polls(
    qtbot: QtBot, panel: AtRiskPanel, mono: Monotonic
) -> None:
    panel._on_floor_changed(floor_view(hand_built_floor()))
    changed: list[tuple[int, int, int]] = []
    panel.model.dataChanged.connect(
        lambda a, b, *_: changed.append((a.row(), a.column(), b.column()))
    )
    mono.now += 90
    panel.model.tick()
    assert cell(panel, 1, AtRiskColumn.TIME_TO_BREACH) == "0:00:30"
    assert cell(panel, 3, AtRiskColumn.TIME_TO_BREACH) == "late 0:01:31"
    assert cell(panel, 1, AtRiskColumn.AGE) == "0:29:30"
    # "now" passed its due instant: breached without a poll, its row repainted
    assert cell(panel, 0, AtRiskColumn.TIME_TO_BREACH) == "late 0:01:30"
    assert cell(panel, 0, 0, AtRiskRole.STATE) == SlaState.BREACHED
    assert changed == [
        (0, AtRiskColumn.TIME_TO_BREACH, AtRiskColumn.AGE),
        (0, 0, len(AtRiskColumn) - 1),
    ]
    mono.now += 30
    changed.clear()
    panel.model.tick()
    assert cell(panel, 1, AtRiskColumn.TIME_TO_BREACH) == "0:00:00"
    assert cell(panel, 1, 0, AtRiskRole.STATE) == SlaState.AT_RISK  # due exactly now
    mono.now += 1
    panel.model.tick()
    assert cell(panel, 1, AtRiskColumn.TIME_TO_BREACH) == "late 0:00:01"
    assert cell(panel, 1, 0, AtRiskRole.STATE) == SlaState.BREACHED
    assert (1, 0, len(AtRiskColumn) - 1) in changed
    # the panel's own timer drives the ticks
    ticking = AtRiskPanel(tick_ms=10)
    qtbot.addWidget(ticking)
    with qtbot.waitSignal(ticking._timer.timeout, timeout=1000):
        pass


def test_same_rows_update_in_place_new_rows_reset(panel: AtRiskPanel) -> None:
    state = hand_built_floor()
    view = floor_view(state)
    panel._on_floor_changed(view)
    resets: list[bool] = []
    panel.model.modelReset.connect(lambda: resets.append(True))
    panel._on_floor_changed(view)
    assert resets == []
    state.apply(batch(ticket("new", created=0, priority=Priority.URGENT), now=10.1))
    panel._on_floor_changed(floor_view(state))
    assert resets == [True]


def test_filters_and_counts(panel: AtRiskPanel) -> None:
    panel._on_floor_changed(floor_view(hand_built_floor()))
    buttons = panel._buttons
    assert [buttons[f].text() for f in RowFilter] == ["All 5", "At risk 2", "Breached 3"]
    assert buttons[RowFilter.BREACHED].property("alarm") is True
    buttons[RowFilter.BREACHED].click()
    assert [r.ticket for r in panel.model.rows()] == ["edge", "second", "angry"]
    buttons[RowFilter.AT_RISK].click()
    assert [r.ticket for r in panel.model.rows()] == ["now", "soon"]
    buttons[RowFilter.ALL].click()
    assert panel.model.rowCount() == 5


def test_an_empty_list_says_so(panel: AtRiskPanel) -> None:
    from tests.widgets.fakes import figures, view

    assert "Waiting for the first data" in panel._placeholder.text()
    panel._on_floor_changed(view([figures("presale")]))
    assert panel._stack.currentWidget() is panel._placeholder
    assert panel._placeholder.text() == "No ticket is close to breaching its SLA."


def test_double_click_opens_the_ticket_and_its_web_link(qtbot: QtBot) -> None:
    state = hand_built_floor()
    host = FakeFloorHost(state)
    opened: list[QUrl] = []
    actions = MainActions()
    window = MainWindow(
        thresholds=Settings().thresholds,
        status_bar=StatusBarView(backend_url="sim://test"),
        actions=actions,
    )
    actions.setParent(window)
    qtbot.addWidget(window)
    bridge = Bridge(window)
    board = FloorBoard(host, window=window, settings=Settings(), palette=DAY, parent=window)
    board.bind(bridge)
    bridge.floorUpdated.emit(floor_view(state))
    table = board.at_risk.table
    row = [r.ticket for r in board.at_risk.model.rows()].index("edge")
    table.doubleClicked.emit(board.at_risk.model.index(row, AtRiskColumn.TICKET))
    dialog = board.ticket_dialog
    assert isinstance(dialog, TicketDialog)
    assert dialog.fields["id"].text() == "edge"
    assert dialog.fields["priority"].text() == "Urgent"
    assert "late by 0:10:00" in dialog.fields["clock_first_response"].text()
    dialog._opener = opened.append
    assert dialog.open_button.isEnabled()
    dialog.open_button.click()
    assert [u.toString() for u in opened] == ["https://desk.example.com/t/edge"]
    dialog.close()
    # a link that is not http(s) is never handed to the desktop
    row = [r.ticket for r in board.at_risk.model.rows()].index("now")
    table.doubleClicked.emit(board.at_risk.model.index(row, AtRiskColumn.TICKET))
    assert board.ticket_dialog is not dialog
    assert not board.ticket_dialog.open_button.isEnabled()
    board.ticket_dialog.close()
    table.doubleClicked.emit(QModelIndex())
    assert host.reads == 2


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://desk.example.com/t/1", True),
        ("http://helpdesk.local/ticket/7", True),
        ("HTTPS://desk.example.com/x", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("smb://server/share", False),
        ("https://", False),
        ("", False),
        (None, False),
    ],
)
def test_only_http_links_open(url: str | None, ok: bool) -> None:
    assert (web_url(url) is not None) is ok


def test_ticket_gone_meanwhile_says_so(qtbot: QtBot) -> None:
    state = hand_built_floor()
    host = FakeFloorHost(state)
    actions = MainActions()
    window = MainWindow(
        thresholds=Settings().thresholds,
        status_bar=StatusBarView(backend_url="sim://test"),
        actions=actions,
    )
    actions.setParent(window)
    qtbot.addWidget(window)
    board = FloorBoard(host, window=window, settings=Settings(), palette=DAY, parent=window)
    board.show_ticket("no-such-ticket")
    assert "no longer on the floor" in window.statusBar().currentMessage()


def test_a_row_shows_every_clock_of_its_ticket(panel: AtRiskPanel, mono: Monotonic) -> None:
    from cockpit.floor import FloorState
    from cockpit.settings import SlaSettings
    from tests.cockpit.factories import QUEUES, at
    from tests.widgets.floor_fakes import floor_view

    # High: first response due at +30 min, resolution at +4 h (warned from 3 h 12).
    state = FloorState(SlaSettings())
    both = ticket("both", created=-300, priority=Priority.HIGH)  # both clocks breached
    answered = ticket("ans", created=-200, priority=Priority.HIGH, first_response_at=at(-190))
    state.apply(batch(both, answered, now=0, full=True, queues=QUEUES))
    panel._on_floor_changed(floor_view(state))
    rows = {cell(panel, i, AtRiskColumn.TICKET): i for i in range(panel.model.rowCount())}
    row = rows["both"]
    assert cell(panel, row, AtRiskColumn.CLOCK) == "1st reply"
    # the other clock is in the clock cell's tooltip
    clock_tip = str(cell(panel, row, AtRiskColumn.CLOCK, Qt.ItemDataRole.ToolTipRole))
    assert clock_tip.startswith("First response\nOther clock: Resolve late 1:00:00\n")
    tip = str(cell(panel, row, AtRiskColumn.TICKET, Qt.ItemDataRole.ToolTipRole))
    assert "First response: Breached, due at" in tip
    assert "Resolution: Breached, due at" in tip
    # An answered ticket at risk on its resolution: its first response was met.
    row = rows["ans"]
    assert cell(panel, row, AtRiskColumn.CLOCK) == "Resolve"
    assert panel.model.other_clock_text(panel.model.rows()[row]) == "1st reply met"
    assert cell(panel, row, AtRiskColumn.TIME_TO_BREACH) == "0:40:00"
    mono.now += 60
    panel.model.tick()
    clock_tip = str(cell(panel, rows["both"], AtRiskColumn.CLOCK, Qt.ItemDataRole.ToolTipRole))
    assert "Other clock: Resolve late 1:01:00" in clock_tip
