"""Where the floor panels sit, by the room there is (layout only).

Wide (the main area at least ``WIDE_MIN`` pixels across, e.g. a 1920×1080
screen): the alerts panel right of the queues, and the SLA heatmap, the
at-risk list and the escalations side by side below, all visible at once.
Narrower (1280×800, or the incident panel open beside): the queues keep
the top and the four panels share tabs below, alerts first. The choice
follows the main area's width as it changes.

The queue table is the first thing a supervisor reads: when its rows
arrive and do not fit, the queues' part grows (the panels below keep at
least ``LOWER_MIN`` pixels); a height the user dragged to is otherwise kept.
On a small screen the queue table scrolls rather than squeeze the tabs away.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QSplitter, QTableView, QTabWidget, QWidget

WIDE_MIN = 1500
# The least the panels below keep when the queue table grows: wide, then narrow.
LOWER_MIN = (380, 260)
# Shares of the width: queues | alerts above; heatmap | at-risk | escalations below.
UPPER_SHARES = (0.62, 0.38)
LOWER_SHARES = (0.35, 0.37, 0.28)


class FloorLayout(QObject):
    """Moves the floor panels between the splitters and the tabs."""

    def __init__(
        self,
        *,
        area: QSplitter,
        upper: QSplitter,
        lower: QSplitter,
        tabs: QTabWidget,
        table: QTableView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._area, self._upper, self._lower, self._tabs = area, upper, lower, tabs
        self._table = table
        model = table.model()
        model.modelReset.connect(lambda: QTimer.singleShot(0, self.fit_table))
        self._panels: tuple[QWidget, ...] = ()
        self.wide: bool | None = None
        self._pending = False
        area.installEventFilter(self)

    def place(self, *, alerts: QWidget, lower: tuple[QWidget, ...]) -> None:
        self._panels = (alerts, *lower)
        for panel in self._panels:
            panel.windowTitleChanged.connect(self._on_title_changed)
        self.wide = None
        self.arrange()

    def show_panel(self, panel: QWidget) -> None:
        """Bring ``panel`` into view (its tab, when the panels share tabs)."""
        if self._tabs.indexOf(panel) >= 0:
            self._tabs.setCurrentWidget(panel)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._area and event.type() == QEvent.Type.Resize and not self._pending:
            # Not while the splitter is being resized: move the panels just after.
            self._pending = True
            QTimer.singleShot(0, self.arrange)
        return False

    def arrange(self) -> None:
        self._pending = False
        if not self._panels:
            return
        width = self._area.width()
        wide = width >= WIDE_MIN
        if wide == self.wide:
            return
        self.wide = wide
        alerts, *lower = self._panels
        if wide:
            self._upper.addWidget(alerts)
            for panel in lower:
                self._lower.addWidget(panel)
            self._tabs.hide()
            self._lower.show()
            self._upper.setSizes([round(width * share) for share in UPPER_SHARES])
            self._lower.setSizes([round(width * share) for share in LOWER_SHARES])
        else:
            for panel in self._panels:
                self._tabs.addTab(panel, panel.windowTitle())
            self._lower.setVisible(self._lower.count() > 0)
            self._tabs.show()
        for panel in self._panels:
            panel.show()
        self.fit_table()

    def fit_table(self) -> None:
        """Grow the top part until the queue table shows all its rows."""
        sizes = self._area.sizes()
        if not sizes or sizes[0] <= 0 or self._table.model().rowCount() == 0:
            return
        table = self._table
        top = table.mapTo(self._upper, table.rect().topLeft()).y()
        need = (
            top
            + table.horizontalHeader().height()
            + table.verticalHeader().length()
            + 2 * table.frameWidth()
            + 16
        )
        rest = sum(sizes[1:])
        grow = min(need - sizes[0], rest - LOWER_MIN[0 if self.wide else 1])
        if grow <= 0:
            return
        shown = [i for i in range(1, len(sizes)) if sizes[i] > 0]
        new = list(sizes)
        new[0] += grow
        for i in shown:
            new[i] -= round(grow * sizes[i] / rest)
        self._area.setSizes(new)

    def _on_title_changed(self, title: str) -> None:
        panel = self.sender()
        if isinstance(panel, QWidget) and self._tabs.indexOf(panel) >= 0:
            self._tabs.setTabText(self._tabs.indexOf(panel), title)
