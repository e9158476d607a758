"""The floor at a glance, as layout facts: every queue and the service
level at 1366×768 without sideways scrolling, texts cut after whole words,
the worst queue named in the headline, the wall board's type growing with
the screen and the mode surviving a restart, large-type zoom, and system
reminders folded out of the incident log."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cockpit.domain import QueueId
from cockpit.metrics import ClockFigures, FloorView, QueueFigures
from cockpit.ranking import rank_queues
from cockpit.settings import Settings
from cockpit.store.incidents import EventRecord, Outcome, Phase
from tests.widgets.fakes import FakeRuntime, view
from tests.widgets.test_window_layout import NINE, _window
from widgets.app import CockpitSession, Translations, window_state
from widgets.floor_panel import ElidedLabel, elide_words
from widgets.floor_text import risk_headline
from widgets.models.queue_model import Column
from widgets.view_modes import WALLBOARD_KEY, ZOOM_KEY
from widgets.wallboard import BoardLayout, WallBoardView, board_points


def nine_bad_queues() -> FloorView:
    """Nine queues at 1 am; the refunds queue the worst (breaches, SL under target)."""
    rows = []
    for n, (qid, zh, en) in enumerate(NINE):
        worst = qid == "refund"
        rows.append(
            QueueFigures(
                queue=QueueId(qid),
                name=en,
                names={"zh_CN": zh, "en": en},
                open=1240,
                waiting=137,
                oldest_wait_s=7 * 3600 + 13 * 60 + 41,
                agents_available=0 if worst else 12,
                agents_busy=48,
                agents_away=3,
                arrivals_15m=128,
                resolutions_15m=77,
                service_level=0.71 if worst else 0.9 - n / 100,
                service_level_target=0.8,
                breached=12 if worst else 0,
                at_risk=5 if worst else n % 2,
                waiting_past_target=9 if worst else 0,
                first_response=ClockFigures(breached=12 if worst else 0),
                resolution=ClockFigures(breached=3 if worst else 0),
            )
        )
    return view(rows)


# --- 1366×768 ------------------------------------------------------------------------


@pytest.mark.usefixtures("real_font")
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_nine_queues_and_the_service_level_fit_1366x768(
    qtbot: QtBot, translations: Translations, language: str
) -> None:
    translations.apply(language)
    window, bridge = _window(qtbot, 1366, 768)
    bridge.floorUpdated.emit(nine_bad_queues())
    panel = window.queue_panel
    table = panel.table
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(NINE))
    qtbot.wait(100)  # the layout has settled

    assert not table.horizontalScrollBar().isVisible()
    assert table.horizontalHeader().length() <= table.viewport().width()
    header = table.horizontalHeader()
    for column in (Column.SERVICE_LEVEL, Column.BREACHED_FIRST, Column.OPEN):
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert header.sectionViewportPosition(column) >= 0
        assert right <= table.viewport().width()
    # all nine rows on screen, none half cut
    last = table.rowViewportPosition(len(NINE) - 1) + table.rowHeight(len(NINE) - 1)
    assert last <= table.viewport().height(), (last, table.viewport().height())
    # short headers; the long definition in the tooltip
    tip = panel.model.headerData(Column.SERVICE_LEVEL, Qt.Orientation.Horizontal,
                                 Qt.ItemDataRole.ToolTipRole)  # fmt: skip
    assert "60" in str(tip)
    assert "÷" in str(tip)
    # the worst queue on top, named in the headline
    refund = next(zh if language == "zh_CN" else en for q, zh, en in NINE if q == "refund")
    assert panel.model.index(0, Column.QUEUE).data() == refund
    assert refund in panel.headline.text()


@pytest.mark.usefixtures("real_font")
@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("height", [768, 700], ids=["768", "maximised-700"])
def test_nine_queues_without_any_scroll_bar_at_1366(
    qtbot: QtBot, qapp: QApplication, translations: Translations, language: str, height: int
) -> None:
    """The whole cockpit (menus, status bar, the panels in tabs below) at
    1366×768, and maximised on such a screen under a task bar and a title
    bar (about 1366×700): every queue shows, no scroll bar either way."""
    translations.apply(language)
    session = _session(qapp, translations)
    try:
        session.window.resize(1366, height)
        session.start()
        qtbot.waitUntil(session.window.isVisible)
        panel = session.window.queue_panel
        table = panel.table
        qtbot.waitUntil(lambda: panel.model.rowCount() == len(NINE))

        def settled() -> bool:
            last = table.rowViewportPosition(len(NINE) - 1) + table.rowHeight(len(NINE) - 1)
            return last <= table.viewport().height()

        qtbot.waitUntil(settled)
        qtbot.wait(100)  # and stays so once the layout has settled
        assert settled()
        assert not table.verticalScrollBar().isVisible()
        assert not table.horizontalScrollBar().isVisible()
        # the panels below keep a usable height
        assert session.window.lower_tabs.height() >= 200
        # the title row gives way only when the height is short
        assert panel.compact is (height < 768)
        assert panel.headline.isVisible()
        # the headline's tooltip says how the worst queue is chosen
        if language == "en":
            assert "customers short of the target" in panel.headline.toolTip()
    finally:
        session.shutdown()


# --- elided, never mid-word -----------------------------------------------------------


def test_elide_words_never_cuts_a_word(qapp: QApplication) -> None:
    metrics = QFontMetrics(QFont(qapp.font()))
    text = "Needs help now: Refunds — SL 71% vs 80% · 12 breached · nobody free"
    assert elide_words(text, metrics, 10_000) == text
    for width in range(40, metrics.horizontalAdvance(text), 7):
        cut = elide_words(text, metrics, width)
        assert metrics.horizontalAdvance(cut) <= width or cut == "…"
        assert cut.endswith("…")
        head = cut[:-1]
        # what is left is whole words of the text, up to a space or a part
        assert text.startswith(head)
        assert head == "" or text[len(head)] in " ·:—"
    # a headline loses whole facts first
    wide = metrics.horizontalAdvance("Needs help now: Refunds — SL 71% vs 80% · 12 bre")
    assert elide_words(text, metrics, wide) == "Needs help now: Refunds — SL 71% vs 80%…"


def test_chinese_may_break_between_characters(qapp: QApplication) -> None:
    metrics = QFontMetrics(QFont(qapp.font()))
    text = "需要支援：退款退换 — 服务水平 71%"
    cut = elide_words(text, metrics, metrics.horizontalAdvance("需要支援：退款") + 8)
    assert cut.endswith("…")
    assert text.startswith(cut[:-1])
    assert len(cut) > 2


def test_a_narrow_label_shows_whole_words_and_its_tooltip(qtbot: QtBot) -> None:
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.setText("Delivery tracking after-sales escalations")
    label.resize(label.fontMetrics().horizontalAdvance("Delivery tracking af"), 30)
    label.show()
    qtbot.waitExposed(label)
    assert label.elided() == "Delivery tracking…"
    assert label.toolTip() == "Delivery tracking after-sales escalations"


def test_the_headline_names_the_queue_and_why(qapp: QApplication) -> None:
    ranked = rank_queues(nine_bad_queues().queues)
    text = risk_headline(ranked[0], language="en")
    assert text.startswith("Needs help now: Refunds & returns — SL 71% vs 80%")
    assert "12 breached" in text
    assert "nobody free" in text
    assert risk_headline(None, language="en") == "All queues on track"


# --- the wall board -------------------------------------------------------------------


def test_wall_board_type_grows_with_the_screen(qtbot: QtBot) -> None:
    board = WallBoardView()
    qtbot.addWidget(board)
    board.show()
    sizes = {}
    for width, height in ((1366, 768), (1920, 1080), (3840, 2160)):
        board.resize(width, height)
        qtbot.waitUntil(lambda h=height: board.point_size == board_points(h))
        board._on_floor_changed(nine_bad_queues())
        sizes[height] = QFontInfo(board.tiles[0].value.font()).pointSize()
    assert sizes[768] < sizes[1080] < sizes[2160]
    assert board_points(2160) == 2 * board_points(1080)
    # at 4K the service level reads at 3 m: nearly 100 pt
    assert sizes[2160] >= 90
    assert board.tiles[0].name.text().endswith("Refunds & returns")


def test_wall_board_rotates_when_asked(qtbot: QtBot) -> None:
    board = WallBoardView(layout=BoardLayout.ROTATE, rotate_ms=30)
    qtbot.addWidget(board)
    board.show()
    first = board.page()
    qtbot.waitUntil(lambda: board.page() is not first)
    board.set_layout(BoardLayout.FIXED)
    assert board.page() is None


def _session(qapp: QApplication, translations: Translations) -> CockpitSession:
    runtime = FakeRuntime([nine_bad_queues()], settings=Settings())
    return CockpitSession(qapp, runtime, translations=translations, state=window_state())


def test_wall_board_mode_hides_the_menus_and_survives_a_restart(
    qtbot: QtBot, qapp: QApplication, translations: Translations
) -> None:
    session = _session(qapp, translations)
    try:
        window = session.window
        window.resize(1280, 800)
        session.start()
        qtbot.waitUntil(window.isVisible)
        session.actions.wallboard.trigger()  # View → Wall board (F11)
        assert window.wallboard_on()
        assert not window.menuBar().isVisible()
        assert not window.statusBar().isVisible()
        assert window.isFullScreen() or window.geometry() == window.screen().geometry()
        qtbot.waitUntil(lambda: bool(session.view_modes.board.tiles))
    finally:
        session.shutdown()
    assert window_state().value(WALLBOARD_KEY, type=bool) is True

    again = _session(qapp, translations)
    try:
        again.window.resize(1280, 800)
        again.start()
        qtbot.waitUntil(again.window.isVisible)
        assert again.window.wallboard_on()
        assert again.actions.wallboard.isChecked()
        qtbot.keyClick(again.view_modes.board, Qt.Key.Key_Escape)  # Esc leaves it
        assert not again.window.wallboard_on()
        assert again.window.menuBar().isVisible()
    finally:
        again.shutdown()
    assert window_state().value(WALLBOARD_KEY, type=bool) is False


@pytest.mark.usefixtures("real_font")
def test_large_type_zoom_in_the_normal_window(
    qtbot: QtBot, qapp: QApplication, translations: Translations
) -> None:
    session = _session(qapp, translations)
    try:
        session.window.resize(1920, 1080)
        session.start()
        qtbot.waitUntil(session.window.isVisible)
        normal = qapp.font().pointSizeF()
        session.actions.zoom_in.trigger()
        session.actions.zoom_in.trigger()
        assert qapp.font().pointSizeF() > normal * 1.25
        assert session.window.queue_panel._least_points > 10
        assert window_state().value(ZOOM_KEY, type=int) == 2
        session.actions.zoom_reset.trigger()
        assert qapp.font().pointSizeF() == normal
    finally:
        session.shutdown()


# --- incident mode: reminders fold out ------------------------------------------------


def _event(event_id: int, action: str, who: str) -> EventRecord:
    return EventRecord(
        id=event_id,
        incident_id=1,
        at=datetime(2026, 11, 23, 17, 0, event_id, tzinfo=UTC),
        who=who,
        action=action,
        phase=Phase.RECORD,
        outcome=Outcome.OK,
        payload={"text": "note"} if action == "note" else {"step": "inform_supervisor"},
    )


def test_system_reminders_fold_out_of_the_log(qtbot: QtBot, tmp_path: object) -> None:
    from tests.widgets.incidents.fakes import FakeHost
    from widgets.incident_panel import IncidentPanel

    host = FakeHost(tmp_path)  # type: ignore[arg-type]
    try:
        panel = IncidentPanel(host, clock=host.clock.now)
        qtbot.addWidget(panel)
        panel.timeline.add_events(
            [_event(1, "note", "lead-li"), _event(2, "reminder", "system"),
             _event(3, "reminder", "system"), _event(4, "note", "lead-li")]
        )  # fmt: skip
        view_ = panel.timeline_view
        hidden = [view_.isRowHidden(r) for r in range(panel.timeline.rowCount())]
        assert hidden == [False, True, True, False]  # newest first
        assert "2" in panel.reminders_box.text()
        panel.reminders_box.setChecked(True)
        assert not any(view_.isRowHidden(r) for r in range(4))
        panel.collapse()
        assert panel.collapsed
        assert not panel.isVisible()
    finally:
        host.close()


@pytest.mark.usefixtures("real_font")
def test_the_incident_panel_keeps_queues_and_at_risk_on_screen(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QFrame

    window, bridge = _window(qtbot, 1920, 1080)
    bridge.floorUpdated.emit(nine_bad_queues())
    panel = window.queue_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(NINE))
    incident = QFrame()
    incident.hide()
    window.set_incident_panel(incident, share=0.3)
    incident.show()
    qtbot.waitUntil(lambda: window.side_splitter.sizes()[-1] > 0.25 * window.width())
    qtbot.wait(100)
    # the floor went into tabs beside the panel, the at-risk list in front
    assert window.floor_layout.wide is False
    assert window.lower_tabs.currentWidget() is window.lower_tabs.widget(2)
    assert window.lower_tabs.currentWidget().isVisible()
    table = panel.table
    assert not table.horizontalScrollBar().isVisible()
    header = table.horizontalHeader()
    right = header.sectionViewportPosition(Column.SERVICE_LEVEL) + header.sectionSize(
        Column.SERVICE_LEVEL
    )
    assert right <= table.viewport().width()
