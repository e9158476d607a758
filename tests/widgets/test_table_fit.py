"""The at-risk list and the escalations never scroll sideways: at 1920×1080
and 1366×768, in English and Chinese, on a floor with long queue names,
long subjects and agents' full names, the owner and the age ("created")
columns stay on screen; short headers carry their long names in tooltips;
the subject takes the rest and elides; narrow panels hide the least
important columns in the documented order."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QTreeView
from pytestqt.qtbot import QtBot

from tests.widgets.long_floor import long_floor
from tests.widgets.test_window_layout import _window
from widgets.app import Translations
from widgets.at_risk_panel import COLUMN_FIT as AT_RISK_FIT
from widgets.at_risk_panel import AtRiskPanel
from widgets.escalations_panel import COLUMN_FIT as ESCALATIONS_FIT
from widgets.escalations_panel import EscalationsPanel
from widgets.main_window import MainWindow
from widgets.models.at_risk_model import AtRiskColumn
from widgets.models.escalation_model import EscalationColumn
from widgets.sla_heatmap import SlaHeatmapPanel
from widgets.table_fit import ColumnFit


def _header(view: QTableView | QTreeView) -> QHeaderView:
    return view.horizontalHeader() if isinstance(view, QTableView) else view.header()


def assert_on_screen(view: QTableView | QTreeView, *columns: int) -> None:
    """No sideways scroll bar; each of ``columns`` shown whole in the viewport."""
    header = _header(view)
    width = view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()
    assert header.length() <= width, (header.length(), width)
    for column in columns:
        left = header.sectionViewportPosition(column)
        assert not header.isSectionHidden(column), column
        assert header.sectionSize(column) > 0, column
        assert left >= 0, (column, left)
        assert left + header.sectionSize(column) <= width, (column, left, width)


def _panels(window: MainWindow) -> tuple[AtRiskPanel, EscalationsPanel]:
    at_risk = window.findChild(AtRiskPanel)
    escalations = window.findChild(EscalationsPanel)
    assert at_risk is not None
    assert escalations is not None
    return at_risk, escalations


def _bring_up(qtbot: QtBot, window: MainWindow, panel: AtRiskPanel | EscalationsPanel) -> None:
    window.show_floor_panel(panel)  # its tab, when the panels share tabs
    qtbot.waitUntil(panel.isVisible)


@pytest.mark.usefixtures("real_font")
@pytest.mark.parametrize(
    ("size", "language"),
    [((1920, 1080), "en"), ((1920, 1080), "zh_CN"), ((1366, 768), "en"), ((1366, 768), "zh_CN")],
    ids=["1920-en", "1920-zh_CN", "1366-en", "1366-zh_CN"],
)
def test_owner_and_age_stay_on_screen_without_sideways_scrolling(
    qtbot: QtBot, translations: Translations, size: tuple[int, int], language: str
) -> None:
    translations.apply(language)
    window, bridge = _window(qtbot, *size)
    bridge.floorUpdated.emit(long_floor())
    at_risk, escalations = _panels(window)
    qtbot.waitUntil(lambda: at_risk.model.rowCount() == 18)
    if size[0] == 1920:
        qtbot.waitUntil(lambda: window.floor_layout.wide is True)
    for panel, view, columns in (
        (at_risk, at_risk.table, (AtRiskColumn.ASSIGNEE, AtRiskColumn.AGE)),
        (escalations, escalations.tree, (EscalationColumn.OWNER, EscalationColumn.AT_LEVEL)),
    ):
        _bring_up(qtbot, window, panel)
        qtbot.wait(50)  # the splitter and the header have settled
        important = columns if language == "en" or size[0] == 1366 else columns[:1]
        assert_on_screen(view, *important)
        # the countdown and the subject always show; the subject stretches and elides
        assert_on_screen(view, 0)
        stretch = AtRiskColumn.SUBJECT if panel is at_risk else EscalationColumn.SUBJECT
        header = _header(view)
        assert header.sectionResizeMode(stretch) == QHeaderView.ResizeMode.Stretch
        assert header.sectionSize(stretch) > 60
        assert view.textElideMode() == Qt.TextElideMode.ElideRight
    if size[0] == 1366:
        # a whole screen's width: nothing needs hiding
        assert at_risk.hidden_columns == frozenset()
        assert escalations.hidden_columns == frozenset()


@pytest.mark.usefixtures("real_font")
def test_at_1920_the_at_risk_list_keeps_every_column(
    qtbot: QtBot, translations: Translations
) -> None:
    translations.apply("en")
    window, bridge = _window(qtbot, 1920, 1080)
    bridge.floorUpdated.emit(long_floor())
    at_risk, escalations = _panels(window)
    qtbot.waitUntil(lambda: window.floor_layout.wide is True and at_risk.model.rowCount() > 0)
    qtbot.wait(50)
    assert at_risk.hidden_columns == frozenset()
    # the escalations give up what says least (the tooltip has it) first
    assert escalations.hidden_columns <= {EscalationColumn.PRIORITY, EscalationColumn.QUEUE}
    # a long subject is cut, not the table widened
    subject = at_risk.model.index(0, AtRiskColumn.SUBJECT).data()
    width = at_risk.table.fontMetrics().horizontalAdvance(subject)
    assert width > at_risk.table.columnWidth(AtRiskColumn.SUBJECT)


def test_short_headers_with_the_long_name_in_the_tooltip(qtbot: QtBot) -> None:
    at_risk = AtRiskPanel(tick_ms=60_000)
    escalations = EscalationsPanel(tick_ms=60_000)
    for panel in (at_risk, escalations):
        qtbot.addWidget(panel)
    horizontal = Qt.Orientation.Horizontal
    due = at_risk.model.headerData(AtRiskColumn.TIME_TO_BREACH, horizontal)
    assert due == "Due in"
    tip = at_risk.model.headerData(
        AtRiskColumn.TIME_TO_BREACH, horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert str(tip).startswith("Time to breach")
    tip = at_risk.model.headerData(AtRiskColumn.AGE, horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "created" in str(tip)
    assert at_risk.model.headerData(AtRiskColumn.PRIORITY, horizontal) == "Pri."
    level = EscalationColumn.AT_LEVEL
    assert escalations.model.headerData(level, horizontal) == "At level"
    tip = escalations.model.headerData(level, horizontal, Qt.ItemDataRole.ToolTipRole)
    assert str(tip).startswith("At level for")
    for model in (at_risk.model, escalations.model):
        for column in range(model.columnCount()):
            title = str(model.headerData(column, horizontal))
            assert len(title) <= 8, title
            assert model.headerData(column, horizontal, Qt.ItemDataRole.ToolTipRole)


@pytest.mark.usefixtures("real_font")
def test_a_narrow_at_risk_list_hides_the_least_important_columns_first(qtbot: QtBot) -> None:
    panel = AtRiskPanel(tick_ms=60_000)
    qtbot.addWidget(panel)
    panel._on_floor_changed(long_floor())
    panel.show()
    hidden_at: dict[int, frozenset[int]] = {}
    for width in (1400, 900, 760, 680, 600, 520, 440, 380):
        panel.resize(width, 400)
        qtbot.waitUntil(lambda w=width: panel.table.width() <= w)
        hidden_at[width] = panel.hidden_columns
        assert_on_screen(panel.table, AtRiskColumn.TIME_TO_BREACH, AtRiskColumn.ASSIGNEE)
    assert hidden_at[1400] == frozenset()
    order = list(AT_RISK_FIT.give_way)
    assert order[:2] == [AtRiskColumn.CLOCK, AtRiskColumn.PRIORITY]
    # narrower never shows more, and what hides goes in the documented order
    widths = sorted(hidden_at, reverse=True)
    for wide, narrow in itertools.pairwise(widths):
        assert hidden_at[wide] <= hidden_at[narrow]
    for hidden in hidden_at.values():
        assert hidden == set(order[: len(hidden)])
    assert hidden_at[380], "the narrowest width hides something"


def test_the_owner_and_the_subject_never_give_way() -> None:
    for fit, keep in (
        (AT_RISK_FIT, {AtRiskColumn.TIME_TO_BREACH, AtRiskColumn.ASSIGNEE, AtRiskColumn.SUBJECT}),
        (
            ESCALATIONS_FIT,
            {EscalationColumn.TICKET, EscalationColumn.OWNER, EscalationColumn.SUBJECT},
        ),
    ):
        assert not keep & set(fit.give_way)


def test_hidden_for_counts_the_free_text_least() -> None:
    fit = ColumnFit(stretch=9, give_way=(2, 1))
    widths = {0: 100, 1: 100, 2: 100}
    assert fit.hidden_for(widths, room=400, least=100) == frozenset()
    assert fit.hidden_for(widths, room=399, least=100) == {2}
    assert fit.hidden_for(widths, room=299, least=100) == {1, 2}
    # what cannot give way stays, even when it does not fit
    assert fit.hidden_for(widths, room=10, least=100) == {1, 2}


@pytest.mark.usefixtures("real_font")
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_heatmap_title_shows_whole_with_its_controls_beside_or_below(
    qtbot: QtBot, translations: Translations, language: str
) -> None:
    """Short of room for both on one row, the measure and bucket controls
    move below the title instead of the title shrinking to "SLA…"."""
    translations.apply(language)
    window, bridge = _window(qtbot, 1920, 1080)
    bridge.floorUpdated.emit(long_floor())
    heatmap = window.findChild(SlaHeatmapPanel)
    assert heatmap is not None
    qtbot.waitUntil(lambda: window.floor_layout.wide is True)
    title = heatmap.findChild(QLabel, "panelTitle")
    assert title is not None
    qtbot.waitUntil(lambda: title.width() >= title.sizeHint().width())
    heatmap.resize(heatmap.wanted_width() - 40, heatmap.height())
    qtbot.waitUntil(lambda: not heatmap.controls_inline)
    assert title.width() >= title.sizeHint().width()
    heatmap.resize(heatmap.wanted_width() + 10, heatmap.height())
    qtbot.waitUntil(lambda: heatmap.controls_inline)
