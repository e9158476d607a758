"""A 60-queue promotion floor at 1920×1080: the queue panel settles on one
font (it used to flip between two for ever, each flip a relayout), the
heatmap names only as many rows as fit and keeps a bounded height, so the
queue table shows the worst queues, not one row."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QSplitter, QWidget
from pytestqt.qtbot import QtBot

from cockpit.domain import QueueId
from cockpit.heatmap import HeatmapGrid, grid_starts
from cockpit.metrics import FloorView, QueueFigures
from cockpit.settings import Settings
from tests.widgets.test_window_layout import _window
from widgets.bridge import Bridge
from widgets.queue_panel import QueuePanel
from widgets.sla_heatmap import MAX_NAMED_ROWS, SlaHeatmapPanel

NOW = datetime(2026, 11, 10, 16, 30, tzinfo=UTC)  # 00:30 in Shanghai
HALF_HOUR = timedelta(minutes=30)


def floor(count: int) -> FloorView:
    ids = [QueueId(f"queue-{n:02d}") for n in range(count)]
    starts = grid_starts(NOW, HALF_HOUR, timedelta(hours=24))
    rng = np.random.default_rng(3)
    breaches = rng.integers(0, 12, size=(count, len(starts)))
    breaches.flags.writeable = False
    grid = HeatmapGrid(
        queues=tuple(ids), starts=starts, bucket=HALF_HOUR,
        breaches=breaches, due=breaches + 3, at_risk=breaches,
    )  # fmt: skip
    queues = tuple(
        QueueFigures(
            queue=q, name=f"Refunds {n}", names={"zh_CN": f"退款退换{n}组", "en": f"Refunds {n}"},
            open=500, waiting=300 - n, oldest_wait_s=3600, agents_busy=10, breached=250 - n,
            service_level=0.1, service_level_target=0.8,
        )
        for n, q in enumerate(ids)
    )  # fmt: skip
    return FloorView(
        generated_at=NOW, backend="test", queues=queues, heatmap=grid, heatmaps={HALF_HOUR: grid}
    )


def font_steps(qtbot: QtBot, panel: object, rounds: int) -> list[int]:
    """The fonts the queue panel steps to while the event loop runs ``rounds`` times."""
    steps: list[int] = []
    apply = panel._apply_size  # type: ignore[attr-defined]

    def spy(size: int) -> None:
        steps.append(size)
        apply(size)

    panel._apply_size = spy  # type: ignore[attr-defined]
    try:
        for _ in range(rounds):
            QApplication.processEvents()
    finally:
        del panel._apply_size  # type: ignore[attr-defined]
    return steps


@pytest.mark.usefixtures("real_font")
@pytest.mark.parametrize("count", [30, 60])
def test_a_large_floor_settles_and_shows_its_worst_queues(qtbot: QtBot, count: int) -> None:
    window, bridge = _window(qtbot, 1920, 1080)
    bridge.floorUpdated.emit(floor(count))
    panel = window.queue_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == count)
    font_steps(qtbot, panel, 200)  # the layout finds its place
    assert font_steps(qtbot, panel, 200) == []  # and stays there

    # The heatmap keeps room for a dozen named rows, not sixty.
    (panel_heatmap,) = window.findChildren(SlaHeatmapPanel)
    line = panel_heatmap._name_line()
    assert panel_heatmap.plot.minimumHeight() < (MAX_NAMED_ROWS + 2) * line
    # Named rows do not overlap: one name every so many rows.
    ticks = panel_heatmap.plot.getAxis("left")._tickLevels[0]
    spacing = panel_heatmap._box.height() / count * panel_heatmap._name_step
    assert 1 < len(ticks) < count
    assert spacing >= line / 1.15 - 1

    # The worst queues show in the table (more than a couple of rows).
    table = panel.table
    row_height = table.verticalHeader().defaultSectionSize()
    assert table.viewport().height() >= 6 * row_height


@pytest.mark.usefixtures("real_font")
@pytest.mark.parametrize("height", range(180, 260, 6))
def test_a_squeezed_queue_panel_keeps_its_font(qtbot: QtBot, height: int) -> None:
    # In a splitter that holds it below the height its next font needs for
    # one row: that font's minimum height pushed it taller, where the smaller
    # font showed more rows and let it shrink again, for ever.
    splitter = QSplitter(Qt.Orientation.Vertical)
    qtbot.addWidget(splitter)
    panel = QueuePanel(Settings().thresholds)
    splitter.addWidget(panel)
    splitter.addWidget(QWidget())
    splitter.resize(1300, 900)
    bridge = Bridge(splitter)
    panel.bind(bridge)
    splitter.show()
    qtbot.waitExposed(splitter)
    bridge.floorUpdated.emit(floor(30))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 30)
    splitter.setSizes([height, 900 - height])
    font_steps(qtbot, panel, 100)
    assert font_steps(qtbot, panel, 100) == [], f"panel {panel.height()} px"


@pytest.mark.usefixtures("real_font")
def test_a_dozen_queues_are_all_named_at_the_least_height(qtbot: QtBot) -> None:
    heatmap = SlaHeatmapPanel()
    qtbot.addWidget(heatmap)
    bridge = Bridge(heatmap)
    heatmap.bind(bridge)
    heatmap.show()
    bridge.floorUpdated.emit(floor(MAX_NAMED_ROWS))
    qtbot.waitUntil(lambda: heatmap._axis_names != [])
    heatmap.resize(heatmap.minimumSizeHint())
    qtbot.waitUntil(lambda: heatmap.height() == heatmap.minimumSizeHint().height())
    qtbot.waitUntil(lambda: heatmap._name_step == 1)
    assert len(heatmap.plot.getAxis("left")._tickLevels[0]) == MAX_NAMED_ROWS
