"""QueuePanel: rows after the first view, totals, and readable sizes."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from cockpit.settings import Thresholds
from tests.widgets.fakes import figures, view
from widgets.app import apply_theme
from widgets.bridge import Bridge
from widgets.models.queue_model import Column
from widgets.queue_panel import MAX_POINT_SIZE, MIN_POINT_SIZE, QueuePanel

FLOOR = [
    figures("presale", open=40, waiting=5, oldest_wait_s=100, agents_available=3, agents_busy=9,
            arrivals_15m=30, resolutions_15m=20, service_level=0.9),
    figures("aftersale", open=70, waiting=31, oldest_wait_s=950, agents_available=1, agents_busy=12,
            agents_away=2, arrivals_15m=40, resolutions_15m=25, service_level=0.58),
    figures("logistics", open=12, agents_available=4, arrivals_15m=2, resolutions_15m=6),
]  # fmt: skip


_windows: list[QMainWindow] = []  # pytest-qt keeps only weak references


def _panel(qtbot: QtBot, width: int = 1920, height: int = 1000) -> QueuePanel:
    window = QMainWindow()
    _windows.append(window)
    panel = QueuePanel(Thresholds())
    window.setCentralWidget(panel)
    window.resize(width, height)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return panel


def test_rows_appear_after_the_first_view(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    bridge = Bridge()
    panel.bind(bridge)
    assert panel.model.rowCount() == 0
    assert not panel.table.isVisible()
    bridge.floorUpdated.emit(view(FLOOR))
    assert panel.model.rowCount() == 3
    qtbot.waitUntil(panel.table.isVisible)
    # worst first: the service level under target on top, the others as the core gave them
    names = [panel.model.index(r, Column.QUEUE).data() for r in range(3)]
    assert names == ["After-sales", "Pre-sales", "Logistics"]


def test_summary_tiles(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel._on_floor_changed(view(FLOOR))
    tiles = panel._tiles
    assert tiles["waiting"].value.text() == "36"
    oldest = tiles["oldest"]
    assert (oldest.value.text(), oldest.detail.text()) == ("0:15:50", "After-sales")
    assert tiles["oldest"].property("severity") == "critical"
    assert tiles["open"].value.text() == "122"
    assert tiles["agents"].value.text() == "8 / 21 / 2"
    assert tiles["flow"].value.text() == "72 / 51"
    assert tiles["flow"].detail.text() == "backlog growing by 21"
    assert (tiles["sl"].value.text(), tiles["sl"].property("severity")) == ("58%", "critical")


def test_empty_floor_shows_a_message(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel._on_floor_changed(view([]))
    assert panel._placeholder.text() == "The backend reports no queues."
    assert panel._tiles["sl"].value.text() == "—"


def _fits(panel: QueuePanel) -> bool:
    header = panel.table.horizontalHeader()
    return header.length() <= panel.table.viewport().width()


def test_large_numerals_at_full_hd(qtbot: QtBot) -> None:
    panel = _panel(qtbot, 1920, 1080)
    panel._on_floor_changed(view(FLOOR))
    # fifteen columns at 1920: a few steps short of the largest at most (fonts vary)
    qtbot.waitUntil(lambda: panel._point_size >= MAX_POINT_SIZE - 3)
    assert panel.table.font().pointSize() == panel._point_size
    assert panel.table.font().bold()
    qtbot.waitUntil(lambda: _fits(panel))


def test_every_column_visible_at_1280(qtbot: QtBot) -> None:
    panel = _panel(qtbot, 1280, 800)
    panel._on_floor_changed(view(FLOOR))
    qtbot.waitUntil(lambda: _fits(panel))
    assert MIN_POINT_SIZE < panel._point_size < MAX_POINT_SIZE
    qtbot.waitUntil(lambda: not panel.table.horizontalScrollBar().isVisible())


def test_fonts_survive_a_theme_change(qtbot: QtBot, qapp: QApplication) -> None:
    panel = _panel(qtbot)
    panel._on_floor_changed(view(FLOOR))
    qtbot.waitUntil(lambda: panel.table.font().pointSize() >= MAX_POINT_SIZE - 3)
    size = panel.table.font().pointSize()
    apply_theme(qapp, night=True)
    apply_theme(qapp, night=False)
    assert panel.table.font().pointSize() == size
    assert panel._tiles["open"].value.font().pointSize() > size


def test_staffing_tile_counts_each_person_once() -> None:
    from cockpit.domain import AgentState
    from tests.widgets.fakes import figures
    from widgets.models.queue_model import floor_totals

    queues = (
        figures("presale", agents_available=2, agents_busy=3),
        figures("refund", agents_available=2, agents_busy=1),
    )
    # Two agents skilled for both queues appear in both rows.
    staffing = {AgentState.AVAILABLE: 2, AgentState.BUSY: 3}
    totals = floor_totals(queues, staffing)
    assert (totals.available, totals.busy, totals.away) == (2, 3, 0)
    assert floor_totals(queues).available == 4


def test_a_wait_past_ten_hours_or_a_day_shows_whole(qtbot: QtBot, qapp: QApplication) -> None:
    """The oldest-wait column is sized for the widest wait it can show
    (23:59:59, or "9 d 23 h" past a day), so a wait that grows between two
    polls is never cut to "12:07:…"."""
    apply_theme(qapp, night=False)
    panel = _panel(qtbot, 1366, 768)
    panel._on_floor_changed(view(FLOOR))
    qtbot.waitUntil(lambda: _fits(panel))
    for wait_s in (12 * 3600 + 7 * 60 + 33, 2 * 86_400 + 4 * 3600):
        late = [figures("presale", open=40, waiting=5, oldest_wait_s=wait_s), *FLOOR[1:]]
        panel._on_floor_changed(view(late))
        texts = [
            str(panel.model.index(r, Column.OLDEST_WAIT).data())
            for r in range(panel.model.rowCount())
        ]
        text = max(texts, key=len)
        width = panel.table.fontMetrics().horizontalAdvance(text)
        assert width <= panel.table.columnWidth(Column.OLDEST_WAIT) - 8, (text, width)
