"""The window on screens of every size: first launch fills the screen, a
saved geometry too large for the screen is brought onto it, the queue
table shows every column and whole queue names without a horizontal scroll
bar from 1280 pixels across up, in both languages, and narrow panels cut
their titles short (not their buttons) and keep room for the alert text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cockpit.domain import QueueId
from cockpit.metrics import FloorView, QueueFigures
from cockpit.settings import Settings
from tests.widgets.fakes import FakeRuntime, view
from widgets.actions import MainActions
from widgets.alerts_panel import ALERT_TEXT_EMS, AlertsPanel
from widgets.app import (
    GEOMETRY_KEY,
    CockpitSession,
    Translations,
    window_state,
)
from widgets.bridge import Bridge
from widgets.floor_board import FloorBoard
from widgets.main_window import MainWindow, fit_rect
from widgets.models.alert_model import AlertColumn
from widgets.models.queue_model import Column
from widgets.queue_panel import ui_language
from widgets.sla_heatmap import SlaHeatmapPanel
from widgets.status_bar import StatusBarView
from widgets.theme import DAY

# The simulator's nine queues, with its longest names.
NINE = [
    ("presale", "售前咨询", "Pre-sales"),
    ("logistics", "物流配送", "Logistics"),
    ("refund", "退款退换", "Refunds & returns"),
    ("orders", "订单售后", "Orders & after-sales"),
    ("payment", "支付问题", "Payment"),
    ("account", "账号登录", "Account & login"),
    ("technical", "技术故障", "Technical fault"),
    ("membership", "会员积分", "Membership & points"),
    ("complaints", "投诉处理", "Complaints"),
]


def nine_queues() -> FloorView:
    """A busy night: four-digit counts, hour-long waits, a low service level."""
    return view(
        QueueFigures(
            queue=QueueId(qid),
            name=en,
            names={"zh_CN": zh, "en": en},
            open=1240,
            waiting=137,
            oldest_wait_s=7 * 3600 + 13 * 60 + 41,
            agents_available=12,
            agents_busy=48,
            agents_away=3,
            arrivals_15m=128,
            resolutions_15m=77,
            service_level=0.14,
            service_level_target=0.8,
        )
        for qid, zh, en in NINE
    )


@pytest.fixture
def session(qapp: QApplication, translations: Translations) -> Iterator[CockpitSession]:
    runtime = FakeRuntime([nine_queues()], settings=Settings(display_timezone="Asia/Shanghai"))
    cockpit = CockpitSession(qapp, runtime, translations=translations, state=window_state())
    yield cockpit
    cockpit.shutdown()


# --- window geometry ------------------------------------------------------------------


def test_first_launch_fills_the_available_screen(qtbot: QtBot, session: CockpitSession) -> None:
    window = session.window
    room = window.screen().availableGeometry()
    # Before it shows: sized to the whole screen, which a window manager may lack.
    assert window.geometry() == room
    session.start()
    qtbot.waitUntil(window.isVisible)
    assert window.isMaximized()
    qtbot.waitUntil(lambda: window.frameGeometry() == room)


def test_a_window_sized_before_it_shows_keeps_its_size(
    qtbot: QtBot, session: CockpitSession
) -> None:
    session.window.resize(1280, 800)  # the screenshot tool, the end-to-end tests
    session.start()
    qtbot.waitUntil(session.window.isVisible)
    assert not session.window.isMaximized()
    assert session.window.size().toTuple() == (1280, 800)


def test_a_saved_geometry_larger_than_the_screen_is_brought_onto_it(
    qtbot: QtBot, qapp: QApplication, translations: Translations
) -> None:
    # Saved on a big monitor, far right and larger than this screen.
    big = QWidget()
    qtbot.addWidget(big)
    big.setGeometry(3000, 200, 5000, 3000)
    state = window_state()
    state.setValue(GEOMETRY_KEY, big.saveGeometry())
    runtime = FakeRuntime([nine_queues()])
    cockpit = CockpitSession(qapp, runtime, translations=translations, state=state)
    try:
        window = cockpit.window
        room = window.screen().availableGeometry()
        assert room.contains(window.geometry()), (room, window.geometry())
        cockpit.start()
        qtbot.waitUntil(window.isVisible)
        assert room.contains(window.geometry()), (room, window.geometry())
    finally:
        cockpit.shutdown()


@pytest.mark.parametrize(
    ("rect", "fitted"),
    [
        (QRect(100, 50, 800, 600), QRect(100, 50, 800, 600)),  # fits: unchanged
        (QRect(0, 0, 5120, 2880), QRect(0, 30, 1920, 1050)),  # larger: the whole room
        (QRect(2500, 900, 1600, 900), QRect(320, 180, 1600, 900)),  # off screen: moved in
        (QRect(-400, -100, 3000, 700), QRect(0, 30, 1920, 700)),
    ],
)
def test_fit_rect_shrinks_and_moves_into_the_room(rect: QRect, fitted: QRect) -> None:
    room = QRect(0, 30, 1920, 1050)  # a 1920×1080 screen under a 30-pixel panel
    assert fit_rect(rect, room) == fitted


# --- the queue table at every size ----------------------------------------------------


def _window(qtbot: QtBot, width: int, height: int) -> tuple[MainWindow, Bridge]:
    actions = MainActions()
    window = MainWindow(
        thresholds=Settings().thresholds,
        status_bar=StatusBarView(backend_url="sim://test"),
        actions=actions,
    )
    actions.setParent(window)
    qtbot.addWidget(window)
    bridge = Bridge(window)
    board = FloorBoard(object(), window=window, settings=Settings(), palette=DAY, parent=window)
    window.bind(bridge)
    board.bind(bridge)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    return window, bridge


@pytest.mark.usefixtures("real_font")
@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize(
    "size", [(1280, 800), (1600, 900), (1920, 1080)], ids=["1280x800", "1600x900", "1920x1080"]
)
def test_the_queue_table_never_scrolls_sideways(
    qtbot: QtBot, translations: Translations, language: str, size: tuple[int, int]
) -> None:
    translations.apply(language)
    window, bridge = _window(qtbot, *size)
    bridge.floorUpdated.emit(nine_queues())
    panel = window.queue_panel
    table = panel.table
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(NINE))
    qtbot.wait(100)  # the layout has settled (panels moved, fonts stepped)

    assert window.floor_layout.wide is not None
    assert not table.horizontalScrollBar().isVisible()
    assert table.horizontalHeader().length() <= table.viewport().width()
    # every column on screen, the service level last
    header = table.horizontalHeader()
    last = header.sectionViewportPosition(Column.SERVICE_LEVEL) + header.sectionSize(
        Column.SERVICE_LEVEL
    )
    assert last <= table.viewport().width()
    # whole queue names, in the language of the UI
    metrics = QFontMetrics(table.font())
    assert ui_language() == language
    names = [zh if language == "zh_CN" else en for _, zh, en in NINE]
    widest = max(metrics.horizontalAdvance(name) for name in names)
    assert widest < table.columnWidth(Column.QUEUE)
    for row, name in enumerate(names):
        assert panel.model.index(row, Column.QUEUE).data() == name


# --- titles and the alert sentence in narrow panels ---------------------------------


def test_a_narrow_panel_cuts_its_title_short_not_its_buttons(qtbot: QtBot) -> None:
    panel = SlaHeatmapPanel()
    qtbot.addWidget(panel)
    panel.resize(panel.minimumSizeHint().width(), 420)
    panel.show()
    qtbot.waitExposed(panel)
    title = panel._title
    assert title.width() < title.sizeHint().width()
    assert title.toolTip() == "SLA breaches by queue, last 24 h"  # whole, in its tooltip
    buttons = [*panel._mode_buttons.values(), panel.bucket_box]
    for button in buttons:
        assert button.width() >= button.sizeHint().width()
    panel.resize(1600, 420)
    qtbot.waitUntil(lambda: title.width() >= title.sizeHint().width())
    assert title.toolTip() == ""


def test_the_alert_sentence_keeps_room_in_a_narrow_panel(qtbot: QtBot) -> None:
    panel = AlertsPanel()
    qtbot.addWidget(panel)
    panel.resize(panel.minimumSizeHint().width(), 400)
    panel.show()
    qtbot.waitExposed(panel)
    table = panel.table
    em = QFontMetrics(table.font()).horizontalAdvance("M")
    qtbot.waitUntil(lambda: table.columnWidth(AlertColumn.ALERT) >= ALERT_TEXT_EMS * em)
    assert not table.horizontalScrollBar().isVisible()


@pytest.mark.usefixtures("real_font")
@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("width", [1300, 880, 700])
def test_a_narrow_queue_table_hides_the_least_needed_columns(
    qtbot: QtBot, translations: Translations, language: str, width: int
) -> None:
    # The incident panel open beside the floor on a 1366 screen leaves the
    # queues ~880 px: the least needed columns give way, nothing scrolls sideways.
    from widgets.queue_panel import GIVE_WAY, QueuePanel

    translations.apply(language)
    panel = QueuePanel(Settings().thresholds)
    qtbot.addWidget(panel)
    bridge = Bridge(panel)
    panel.bind(bridge)
    panel.resize(width, 600)
    panel.show()
    qtbot.waitExposed(panel)
    bridge.floorUpdated.emit(nine_queues())
    table = panel.table
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(NINE))
    qtbot.waitUntil(lambda: table.horizontalHeader().length() <= table.viewport().width())
    qtbot.waitUntil(lambda: not table.horizontalScrollBar().isVisible())
    hidden = {c for c in Column if table.isColumnHidden(c)}
    assert hidden == set(panel.hidden_columns) <= set(GIVE_WAY)
    assert bool(hidden) == (width < 1300)  # a wide panel hides nothing
    # Hidden in order: the least needed first.
    assert list(GIVE_WAY[: len(hidden)]) == [c for c in GIVE_WAY if c in hidden]
    for always in (Column.QUEUE, Column.SERVICE_LEVEL, Column.OLDEST_WAIT, Column.AVAILABLE):
        assert not table.isColumnHidden(always)
    # The hidden figures stay in the queue name's tooltip.
    tip = panel.model.index(0, Column.QUEUE).data(Qt.ItemDataRole.ToolTipRole)
    assert panel.model.headerData(Column.AWAY, Qt.Orientation.Horizontal) in tip
