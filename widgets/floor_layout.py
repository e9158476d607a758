"""Where the floor panels sit, by the room there is (layout only).

Wide: the alerts panel right of the queues, and the SLA heatmap, the
at-risk list and the escalations side by side below, all visible at once.
That needs the queue table with every column in full (queue names and
service level, at the smallest font step at least) beside the alerts, and
the three lower panels side by side at their least widths: on 1920×1080,
usually. Otherwise (1600×900, 1280×800, the incident panel open beside) the
queues keep the top at full width, with larger figures, and the four
panels share tabs below, alerts first. The choice follows the main area's
width, the queue names and the language as they change.

The queue table is the first thing a supervisor reads: when its rows
arrive and do not fit, the queues' part grows (the panels below keep their
least height, ``LOWER_MIN`` at least) and the queue panel steps its font
down to show them; a height the user dragged to is otherwise kept. On a
small screen the queue table scrolls rather than squeeze the tabs away.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtWidgets import QSplitter, QStackedWidget, QTabWidget, QWidget

from widgets.floor_panel import FloorPanel
from widgets.queue_panel import QueuePanel

# The least the panels below keep when the queue table grows: wide, then narrow.
LOWER_MIN = (380, 200)
# The queues' share of the width beside the alerts (more when their table
# needs it), and the shares of heatmap | at-risk | escalations below (more
# for one whose title row needs it).
UPPER_SHARE = 0.62
# The least font step of the queue table beside the alerts.
WIDE_POINTS = 11
LOWER_SHARES = (0.26, 0.40, 0.34)
# Who gets the width left over first when not every panel below has what it
# wants: the at-risk list (its countdowns, owners and ages); the heatmap and
# the escalations share the rest (the escalations hide their priority and
# queue columns first, the heatmap's title elides).
FIRST = 1


class PageTabs(QTabWidget):
    """Tabs as small as the page on show allows, not the largest page.

    A ``QTabWidget`` keeps room for its most demanding page: below the queue
    table that is the heatmap, with a row per queue, and it would hold the
    table a row short while the at-risk list is what shows (incident mode on
    a 1366×768 screen). Choosing another page asks for its room again.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self.updateGeometry)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        page = self.currentWidget()
        stack = self.findChild(QStackedWidget)
        if page is None or stack is None:
            return hint
        chrome = hint.height() - stack.minimumSizeHint().height()
        least = max(page.minimumSizeHint().height(), page.minimumHeight())
        return QSize(hint.width(), chrome + least)


class FloorLayout(QObject):
    """Moves the floor panels between the splitters and the tabs."""

    def __init__(
        self,
        *,
        area: QSplitter,
        upper: QSplitter,
        lower: QSplitter,
        tabs: QTabWidget,
        queues: QueuePanel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._area, self._upper, self._lower, self._tabs = area, upper, lower, tabs
        self._queues = queues
        queues.model.modelReset.connect(lambda: QTimer.singleShot(0, self, self._on_rows_changed))
        self._panels: tuple[QWidget, ...] = ()
        self.wide: bool | None = None
        self._pending = False
        self._respread = False
        area.installEventFilter(self)

    def place(self, *, alerts: QWidget, lower: tuple[QWidget, ...]) -> None:
        self._panels = (alerts, *lower)
        for panel in self._panels:
            panel.windowTitleChanged.connect(self._on_title_changed)
            if isinstance(panel, FloorPanel):
                panel.wantedWidthChanged.connect(self._on_wanted_width_changed)
        self.wide = None
        self.arrange()

    def show_panel(self, panel: QWidget) -> None:
        """Bring ``panel`` into view (its tab, when the panels share tabs)."""
        if self._tabs.indexOf(panel) >= 0:
            self._tabs.setCurrentWidget(panel)

    def show_at_risk(self) -> None:
        """Bring the at-risk list into view (incident mode: it must stay on screen)."""
        if len(self._panels) > 2:
            self.show_panel(self._panels[2])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (
            watched is self._area
            and kind in (QEvent.Type.Resize, QEvent.Type.LanguageChange)
            and not self._pending
        ):
            # Not while the splitter is being resized: move the panels just
            # after (and after the panels have retranslated).
            self._pending = True
            QTimer.singleShot(0, self, self.arrange)
        return False

    def fits_wide(self, width: int) -> bool:
        """Whether the queue table, every column in full, fits beside the
        alerts, and the three lower panels side by side, in ``width`` pixels."""
        if not self._panels:
            return False
        alerts, *lower = self._panels
        handle = self._upper.handleWidth()
        # Beside the alerts the queues need more than their smallest type:
        # otherwise they are better off alone across the top.
        beside = self._queues.least_width(WIDE_POINTS) + handle + _least_width(alerts)
        below = sum(_least_width(panel) for panel in lower) + handle * (len(lower) - 1)
        return max(beside, below) <= width

    def arrange(self, width: int | None = None) -> None:
        """Side by side or tabs, for the main area's width (or ``width``, the
        one it is about to get: the incident panel opening beside it)."""
        self._pending = False
        if not self._panels:
            return
        width = self._area.width() if width is None else width
        wide = self.fits_wide(width)
        if wide == self.wide:
            if wide:
                self._make_room_for_queues()
            self._hand_over_height(wide)
            return
        self.wide = wide
        alerts, *lower = self._panels
        if wide:
            self._upper.addWidget(alerts)
            for panel in lower:
                self._lower.addWidget(panel)
            self._tabs.hide()
            self._lower.show()
            handle = self._upper.handleWidth()
            queues = max(round(width * UPPER_SHARE), self._queues.least_width(WIDE_POINTS))
            self._upper.setSizes([queues, width - handle - queues])
            self._spread_lower()
        else:
            for panel in self._panels:
                self._tabs.addTab(panel, panel.windowTitle())
            self._lower.setVisible(self._lower.count() > 0)
            self._tabs.show()
        for panel in self._panels:
            panel.show()
        # A nested splitter that last saw its panels hidden (in the tabs) keeps
        # a maximum height of 0 until told again: the panels would be gone.
        self._lower.refresh()
        self._area.refresh()
        # Once the splitter has taken in the panels that came into view.
        QTimer.singleShot(0, self, lambda: self._settle(wide))

    def _settle(self, wide: bool) -> None:
        self._hand_over_height(wide)
        self.fit_table(snug=True)

    def _hand_over_height(self, wide: bool) -> None:
        """The height below the queues to the part now in use (the side by
        side splitter or the tabs): the splitter leaves a part that comes back
        into view at no height at all, and the panels in it would be gone."""
        sizes = self._area.sizes()
        if len(sizes) != 3 or sum(sizes) <= 0 or sizes[1 if wide else 2] >= LOWER_MIN[1]:
            return
        below = sizes[1] + sizes[2]
        floor = LOWER_MIN[0 if wide else 1]
        if below < floor:
            sizes[0] -= floor - below
            below = floor
        self._area.setSizes([sizes[0], below, 0] if wide else [sizes[0], 0, below])

    def _make_room_for_queues(self) -> None:
        """Side by side: the queues' part at least as wide as its table needs."""
        sizes = self._upper.sizes()
        need = self._queues.least_width(WIDE_POINTS)
        if len(sizes) == 2 and sizes[0] < need:
            self._upper.setSizes([need, sum(sizes) - need])

    def _spread_lower(self) -> None:
        panels = list(self._panels[1:])
        width = self._area.width() - self._lower.handleWidth() * (len(panels) - 1)
        self._lower.setSizes(_spread(width, panels))

    def _on_wanted_width_changed(self) -> None:
        # Longer names in the lists below: share the width again (later, not
        # while the panel is sizing its columns).
        if self.wide and not self._respread:
            self._respread = True
            QTimer.singleShot(0, self, self._respread_lower)

    def _respread_lower(self) -> None:
        self._respread = False
        if self.wide:
            self._spread_lower()

    def _on_rows_changed(self) -> None:
        # Other queue names need other widths, maybe another layout.
        was_wide = self.wide
        self.arrange()
        if was_wide and self.wide:
            self._spread_lower()
        self.fit_table()

    def fit_table(self, *, snug: bool = False) -> None:
        """Grow the top part until the queue table shows all its rows at the
        font its width allows (the queue panel takes a smaller one while the
        panels below keep their least height); ``snug`` (a new layout, where
        a height the user dragged to means nothing): shrink it to that too."""
        if self.wide is not None:
            self._hand_over_height(self.wide)
        sizes = self._area.sizes()
        if not sizes or sizes[0] <= 0 or self._queues.model.rowCount() == 0:
            return
        width = self._upper.sizes()[0] if self.wide else self._area.width()
        shown = [i for i in range(1, len(sizes)) if sizes[i] > 0]
        if not shown:
            return
        below = [self._area.widget(i) for i in shown]
        keep = sum(part.minimumSizeHint().height() for part in below if part is not None)
        rest = sum(sizes[1:])
        grow = min(
            self._queues.wanted_height(width) - sizes[0],
            rest - max(keep, LOWER_MIN[0 if self.wide else 1]),
        )
        if grow == 0 or (grow < 0 and not snug):
            return
        new = list(sizes)
        new[0] += grow
        for i in shown:
            new[i] -= round(grow * sizes[i] / rest)
        self._area.setSizes(new)

    def _on_title_changed(self, title: str) -> None:
        panel = self.sender()
        if isinstance(panel, QWidget) and self._tabs.indexOf(panel) >= 0:
            self._tabs.setTabText(self._tabs.indexOf(panel), title)


def _least_width(panel: QWidget) -> int:
    panel.ensurePolished()  # the style sheet sets the fonts it is measured in
    layout = panel.layout()
    if layout is not None:
        layout.activate()  # texts changed this very moment count too
    return panel.minimumSizeHint().width()


def _spread(width: int, panels: list[QWidget]) -> list[int]:
    """Widths for the panels below: their shares of ``width``, but none
    narrower than it wants (its top row, its table's columns; the others
    give way in proportion to what they have above that); short of that,
    each its least, then what is left to the at-risk list (``FIRST``) up to
    what it wants, and the rest to the others in proportion to what they
    want beyond their least."""
    least = [_least_width(panel) for panel in panels]
    asked = [
        max(low, panel.wanted_width() if isinstance(panel, FloorPanel) else low)
        for panel, low in zip(panels, least, strict=True)
    ]
    if sum(asked) <= width:
        sizes = [max(want, width * share) for want, share in zip(asked, LOWER_SHARES, strict=True)]
        excess = sum(sizes) - width
        slack = [size - want for size, want in zip(sizes, asked, strict=True)]
        total = sum(slack) or 1
        return [
            round(size - excess * more / total) for size, more in zip(sizes, slack, strict=True)
        ]
    sizes = list(least)
    spare = width - sum(least)
    if len(panels) > FIRST:
        give = max(0, min(spare, asked[FIRST] - least[FIRST]))
        sizes[FIRST] += give
        spare -= give
    others = [i for i in range(len(panels)) if i != FIRST]
    extra = {i: asked[i] - least[i] for i in others}
    total = sum(extra.values()) or 1
    for i in others:
        sizes[i] += round(spare * extra[i] / total)
    return sizes
