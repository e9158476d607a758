"""The SLA heatmap panel: orientation pinned by a pixel probe, the hover
tooltip's exact numbers, bucket and measure switches, throttled redraws,
and a click that lists the tickets behind a cell (hand-built floor)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QFontMetrics
from pytestqt.qtbot import QtBot

from cockpit.domain import QueueId
from cockpit.heatmap import HeatmapGrid, HeatmapMode, grid_starts
from cockpit.metrics import FloorView
from cockpit.settings import Settings
from tests.widgets.fakes import figures
from tests.widgets.floor_fakes import FakeFloorHost, floor_view, hand_built_floor
from widgets.actions import MainActions
from widgets.bridge import Bridge
from widgets.floor_board import FloorBoard
from widgets.main_window import MainWindow
from widgets.sla_heatmap import LABEL_STEPS, LIMITS, SlaHeatmapPanel, label_step
from widgets.status_bar import StatusBarView
from widgets.theme import DAY

NOW = datetime(2026, 11, 23, 17, 10, tzinfo=UTC)  # 01:10 in Shanghai
QUEUES = ("presale", "aftersale", "logistics", "refund")
HALF_HOUR = timedelta(minutes=30)


def _frozen(values: np.ndarray) -> np.ndarray:
    values = values.astype(np.int64)
    values.flags.writeable = False
    return values


def one_hot_view(
    row: int = 2, column: int = 5, *, at: datetime = NOW, breached: int = 12
) -> FloorView:
    """Nothing anywhere but one cell: 12 breaches of 15 due, 4 warnings."""
    starts = grid_starts(at, HALF_HOUR, timedelta(hours=24))
    shape = (len(QUEUES), len(starts))
    breaches, due, warned = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    breaches[row, column], due[row, column], warned[row, column] = breached, 15, 4
    due[0, 0] = 3  # a calm cell where clocks fell due and none breached
    grid = HeatmapGrid(
        queues=tuple(QueueId(q) for q in QUEUES),
        starts=starts,
        bucket=HALF_HOUR,
        breaches=_frozen(breaches),
        due=_frozen(due),
        at_risk=_frozen(warned),
    )
    return FloorView(
        generated_at=at,
        backend="test",
        queues=tuple(figures(q) for q in QUEUES),
        heatmap=grid,
        heatmaps={HALF_HOUR: grid},
    )


@pytest.fixture
def panel(qtbot: QtBot) -> SlaHeatmapPanel:
    widget = SlaHeatmapPanel(throttle_ms=250)
    qtbot.addWidget(widget)
    widget.resize(900, 420)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def probe(panel: SlaHeatmapPanel, row: int, column: int) -> QColor:
    return panel.grab().toImage().pixelColor(panel.cell_center(row, column))


def close_to(colour: QColor, expected: str, tolerance: int = 12) -> bool:
    want = QColor(expected)
    return all(
        abs(a - b) <= tolerance
        for a, b in zip(
            (colour.red(), colour.green(), colour.blue()),
            (want.red(), want.green(), want.blue()),
            strict=True,
        )
    )


def test_the_hot_cell_is_where_its_queue_row_and_time_column_are(
    qtbot: QtBot, panel: SlaHeatmapPanel
) -> None:
    panel._on_floor_changed(one_hot_view(row=2, column=5))
    qtbot.wait(20)
    # queue rows are rows (top to bottom), time runs left to right
    assert close_to(probe(panel, 2, 5), DAY.critical_bg)
    # around it nothing fell due: grey, not the white of a zero
    for row, column in ((2, 6), (2, 4), (1, 5), (3, 5), (3, 47)):
        assert close_to(probe(panel, row, column), DAY.header_bg), (row, column)
    assert close_to(probe(panel, 0, 0), DAY.surface)  # due, none breached: zero
    assert panel.grid is not None
    assert panel.image.image.shape == (len(QUEUES), 48)


def test_one_breach_is_plainly_visible_in_the_day_theme(
    qtbot: QtBot, panel: SlaHeatmapPanel
) -> None:
    panel._on_floor_changed(one_hot_view(breached=1))
    qtbot.wait(20)
    # beside the number written in the cell
    one = panel.grab().toImage().pixelColor(panel.cell_center(2, 5) + QPoint(0, 14))
    # the first amber step, far from the white of zero and the grey of nothing due
    assert close_to(one, DAY.warn_bg, tolerance=40), one.name()
    assert not close_to(one, DAY.surface, tolerance=60)
    assert not close_to(one, DAY.header_bg, tolerance=60)


def test_values_are_written_where_they_fit_and_a_legend_explains(
    qtbot: QtBot, panel: SlaHeatmapPanel
) -> None:
    panel.resize(2600, 420)  # 48 columns, ~50 pixels each: room for a number
    panel._on_floor_changed(one_hot_view())
    qtbot.waitUntil(lambda: bool(panel.cell_texts))
    assert panel.grid is not None
    ((row, _column), text), *rest = panel.cell_texts.items()
    assert (row, text) == (2, "12")
    assert not rest
    legend = panel.legend.text()
    assert "nothing due" in legend
    assert "10 and more" in legend
    # a narrow plot: no room, no numbers (the tooltip has them)
    panel.resize(600, 420)
    qtbot.waitUntil(lambda: not panel.cell_texts)


def test_the_colour_bar_has_fixed_limits_per_measure(qtbot: QtBot, panel: SlaHeatmapPanel) -> None:
    panel._on_floor_changed(one_hot_view())
    assert tuple(panel.bar.levels()) == LIMITS[HeatmapMode.BREACHES]
    panel.set_mode(HeatmapMode.BREACH_RATE)
    assert tuple(panel.bar.levels()) == (0.0, 100.0)
    # 12 of 15 due: 80 %, shown on the 0–100 scale
    assert panel.image.image[2, 5] == pytest.approx(80.0)
    # nothing fell due: no value (the grey background shows), unlike a calm 0 %
    assert np.isnan(panel.image.image[1, 1])
    assert panel.image.image[0, 0] == 0.0
    qtbot.wait(20)
    assert not close_to(probe(panel, 1, 1), DAY.surface)
    assert close_to(probe(panel, 0, 0), DAY.surface)


def test_the_tooltip_shows_the_exact_numbers(qtbot: QtBot, panel: SlaHeatmapPanel) -> None:
    panel._on_floor_changed(one_hot_view(row=2, column=5))
    qtbot.wait(20)  # painted: the view's transform is current
    scene = panel.plot.scene()
    centre = panel.plot.mapToScene(panel.plot.viewport().mapFrom(panel, panel.cell_center(2, 5)))
    scene.sigMouseMoved.emit(centre)
    start = panel.grid.starts[5] if panel.grid is not None else None
    assert start is not None
    local = start.astimezone()
    expected_time = f"{local:%m-%d %H:%M}–{(local + HALF_HOUR):%H:%M}"
    lines = panel.hover_text.splitlines()
    assert lines[0] == f"Logistics · {expected_time}"
    assert lines[1] == "Breaches: 12 of 15 due (80%)"
    assert lines[2] == "Warnings raised (at risk): 4"
    assert panel.plot.toolTip() == panel.hover_text
    # off the grid: no tooltip
    scene.sigMouseMoved.emit(panel.plot.mapToScene(QPoint(1, 1)))
    assert panel.hover_text == ""


def test_queue_names_follow_the_ui_language(qtbot: QtBot, panel: SlaHeatmapPanel) -> None:
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale("zh_CN"))
    panel._on_floor_changed(one_hot_view())
    ticks = panel.plot.getAxis("left")._tickLevels[0]
    assert [name for _, name in ticks] == ["售前咨询", "售后服务", "物流查询", "退款退货"]


def test_the_now_marker_and_time_labels(qtbot: QtBot, panel: SlaHeatmapPanel) -> None:
    panel._on_floor_changed(one_hot_view())
    assert panel.grid is not None
    # 17:10 is 10 minutes into the last 30-minute column (47)
    assert panel.now_line.value() == pytest.approx(47 + 10 / 30)
    labels = panel.plot.getAxis("bottom")._tickLevels[0]
    assert labels, "time labels on the bottom axis"
    for column, text in labels:
        assert text == f"{panel.grid.starts[int(column)].astimezone():%H:%M}"


def test_redraws_are_throttled(qtbot: QtBot, panel: SlaHeatmapPanel) -> None:
    before = panel.redraws
    for minute in range(5):
        panel._on_floor_changed(one_hot_view(at=NOW + timedelta(seconds=minute)))
    assert panel.redraws == before + 1  # the first at once, the rest wait
    qtbot.waitUntil(lambda: panel.redraws == before + 2, timeout=2000)
    qtbot.wait(400)
    assert panel.redraws == before + 2  # the burst ends in one more paint
    assert panel.now_line.value() == pytest.approx(47 + (10 + 4 / 60) / 30)


def test_a_click_on_a_cell_lists_the_tickets_behind_it(qtbot: QtBot) -> None:
    state = hand_built_floor()
    host = FakeFloorHost(state)
    window, board, bridge = _board(qtbot, host)
    bridge.floorUpdated.emit(floor_view(state))
    heatmap = board.heatmap
    window.show_floor_panel(heatmap)
    qtbot.waitUntil(lambda: heatmap.grid is not None and heatmap.isVisible())
    qtbot.waitExposed(heatmap.plot)
    qtbot.wait(50)  # laid out and painted: the view's transform is current
    assert heatmap.grid is not None
    logistics = heatmap.grid.queues.index(QueueId("logistics"))
    qtbot.mouseClick(
        heatmap.plot.viewport(),
        Qt.MouseButton.LeftButton,
        pos=heatmap.plot.viewport().mapFrom(heatmap, heatmap.cell_center(logistics, 47)),
    )
    dialog = board.cell_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.model.ticket_ids() == ["edge", "second"]
    assert "物流配送" in dialog.heading.text() or "Logistics" in dialog.heading.text()
    # the warned ones when the measure is "at risk"
    heatmap.set_mode(HeatmapMode.AT_RISK)
    heatmap.cellActivated.emit(heatmap.cell(logistics, 46))
    assert dialog.model.ticket_ids() == ["edge", "late"]
    assert host.reads == 2


def test_switching_the_bucket_needs_no_poll(qtbot: QtBot) -> None:
    state = hand_built_floor()
    host = FakeFloorHost(state)
    _, board, bridge = _board(qtbot, host)
    bridge.floorUpdated.emit(floor_view(state))
    heatmap = board.heatmap
    for bucket, columns in ((timedelta(minutes=15), 96), (timedelta(hours=1), 24)):
        heatmap.set_bucket(bucket)
        assert heatmap.grid is not None
        assert (heatmap.grid.bucket, len(heatmap.grid.starts)) == (bucket, columns)
        assert heatmap.image.image.shape == (2, columns)
    # the hour holding "now" (T0 + 10 min) is the last column: 10 min into it
    assert heatmap.now_line.value() == pytest.approx(23 + 10 / 60)
    logistics = heatmap.grid.queues.index(QueueId("logistics"))
    heatmap.cellActivated.emit(heatmap.cell(logistics, 22))
    assert board.cell_dialog.model.ticket_ids() == ["late"]
    assert host.reads == 1


def _board(qtbot: QtBot, host: FakeFloorHost) -> tuple[MainWindow, FloorBoard, Bridge]:
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
    board.attach(bridge)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window, board, bridge


# --- time labels as the plot narrows ---------------------------------------------------


def _label_spans(panel: SlaHeatmapPanel) -> list[tuple[float, float]]:
    """Left and right pixel edges of each bottom-axis label, as drawn (centred on its tick)."""
    axis = panel.plot.getAxis("bottom")
    metrics = QFontMetrics(axis.style["tickFont"])
    spans = []
    for column, text in axis._tickLevels[0]:
        x = panel._box.mapViewToScene(QPointF(column, 0)).x()
        half = metrics.horizontalAdvance(text) / 2
        spans.append((x - half, x + half))
    return spans


def _hours_apart(panel: SlaHeatmapPanel) -> float:
    columns = [column for column, _ in panel.plot.getAxis("bottom")._tickLevels[0]]
    assert panel.grid is not None
    return (columns[1] - columns[0]) * panel.grid.bucket / timedelta(hours=1)


def test_time_labels_spread_out_as_the_plot_narrows(qtbot: QtBot, panel: SlaHeatmapPanel) -> None:
    panel._on_floor_changed(one_hot_view())
    spacing = []
    narrowest = panel.minimumSizeHint().width()
    for width in (1800, 1000, 700, 550, narrowest):
        panel.resize(width, 420)
        qtbot.waitUntil(lambda w=width: panel.width() == w)
        qtbot.wait(20)  # the view box has its new width
        spans = _label_spans(panel)
        assert len(spans) >= 2, f"time labels at {width} px"
        for (_, right), (left, _) in itertools.pairwise(spans):
            assert left - right >= 4, f"labels overlap at {width} px: {spans}"
        spacing.append(_hours_apart(panel))
    assert spacing == sorted(spacing)  # never closer as the plot narrows
    assert spacing[0] == 2 < spacing[-1]
    # still local times on whole steps (01:10 Shanghai, 30-minute buckets)
    assert panel.grid is not None
    for column, text in panel.plot.getAxis("bottom")._tickLevels[0]:
        assert text == f"{panel.grid.starts[int(column)].astimezone():%H:%M}"


def test_label_step_is_the_closest_that_keeps_labels_apart() -> None:
    hours = [
        label_step(pixels_per_hour=px, label_width=40) / timedelta(hours=1)
        for px in (60, 30, 20, 12, 9, 6, 1)
    ]
    assert hours == sorted(hours)
    assert hours[0] == LABEL_STEPS[0] / timedelta(hours=1)
    assert hours[-1] == LABEL_STEPS[-1] / timedelta(hours=1)
