"""The main window: layout only.

A vertical splitter fills the window. The live queue panel sits at the top;
the floor panels (SLA heatmap, at-risk list, escalations, alerts) go beside
and below it as there is room (``floor_layout.py``), and the top of the
central area is kept for an incident banner. Panels carry their own
behaviour; ``actions.py`` carries the menus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cockpit.settings import Thresholds
from widgets.actions import MainActions
from widgets.bridge import Bridge
from widgets.floor_layout import FloorLayout, PageTabs
from widgets.queue_panel import QueuePanel
from widgets.status_bar import StatusBarView
from widgets.theme import Palette

# Designed for 1920×1080; usable down to 1280×800.
DEFAULT_SIZE = (1600, 900)
MINIMUM_SIZE = (1024, 640)


class MainWindow(QMainWindow):
    """Queue panel on top of a splitter, menus, status bar."""

    def __init__(
        self,
        *,
        thresholds: Thresholds,
        status_bar: StatusBarView,
        actions: MainActions,
        icon: QIcon | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        if icon is not None:
            self.setWindowIcon(icon)
        self.menu_actions = actions
        self.queue_panel = QueuePanel(thresholds)

        central = QWidget(self)
        central.setObjectName("centralArea")
        # Slot for a full-width incident banner above everything else.
        self.banner_area = QVBoxLayout()
        self.banner_area.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Vertical, central)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        # The queues, with the alerts beside them when there is room.
        self.upper_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.upper_splitter.setObjectName("upperSplitter")
        self.upper_splitter.setChildrenCollapsible(False)
        self.upper_splitter.addWidget(self.queue_panel)
        self.splitter.addWidget(self.upper_splitter)
        # The lower half (heatmap | at-risk | escalations) joins as a
        # horizontal splitter, or as tabs when the window is narrow.
        self.lower_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.lower_splitter.setObjectName("lowerSplitter")
        self.lower_splitter.setChildrenCollapsible(False)
        self.lower_splitter.hide()
        self.splitter.addWidget(self.lower_splitter)
        self.lower_tabs = PageTabs()
        self.lower_tabs.setObjectName("lowerTabs")
        self.lower_tabs.hide()
        self.splitter.addWidget(self.lower_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 2)
        self.floor_layout = FloorLayout(
            area=self.splitter,
            upper=self.upper_splitter,
            lower=self.lower_splitter,
            tabs=self.lower_tabs,
            queues=self.queue_panel,
            parent=self,
        )
        # The incident panel joins on the right (set_incident_panel).
        self.side_splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.side_splitter.setObjectName("sideSplitter")
        self.side_splitter.setChildrenCollapsible(False)
        self.side_splitter.addWidget(self.splitter)
        self.side_splitter.setStretchFactor(0, 3)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self.banner_area)
        layout.addWidget(self.side_splitter, 1)
        # The normal floor, or the wall board in its place (set_wallboard).
        self.pages = QStackedWidget(self)
        self.pages.addWidget(central)
        self.setCentralWidget(self.pages)
        self.wallboard: QWidget | None = None
        self._before_board = Qt.WindowState.WindowNoState
        self._board_geometry = QRect()

        self.setStatusBar(status_bar)
        self.status = status_bar
        actions.install(self)
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(*self._initial_size())
        self._retranslate()

    def bind(self, bridge: Bridge) -> None:
        self.queue_panel.bind(bridge)
        self.status.bind(bridge)

    def add_lower_panel(self, panel: QWidget, *, stretch: int = 1) -> None:
        """Place a later panel (heatmap, at-risk list…) below the queues."""
        self.lower_splitter.addWidget(panel)
        self.lower_splitter.setStretchFactor(self.lower_splitter.indexOf(panel), stretch)
        self.lower_splitter.show()

    def set_floor_panels(
        self, *, alerts: QWidget, heatmap: QWidget, at_risk: QWidget, escalations: QWidget
    ) -> None:
        """Place the floor panels: alerts beside the queues and the others
        below when the window is wide, all in tabs below when it is not."""
        self.floor_layout.place(alerts=alerts, lower=(heatmap, at_risk, escalations))

    def show_floor_panel(self, panel: QWidget) -> None:
        self.floor_layout.show_panel(panel)

    def set_incident_panel(self, panel: QWidget, *, share: float = 0.4) -> None:
        """Place the incident panel right of everything; it takes ``share``
        of the width whenever it is shown (it hides itself between incidents)."""
        self.side_splitter.addWidget(panel)
        self.side_splitter.setStretchFactor(self.side_splitter.indexOf(panel), 2)
        self._incident_share = share
        panel.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.side_splitter.indexOf(watched) > 0:
            # Once the splitter has laid the panel out, not while it does.
            QTimer.singleShot(0, self, self._share_incident_panel)
        return False

    def _share_incident_panel(self, again: bool = True) -> None:
        total = sum(self.side_splitter.sizes()) or self.width()
        side = round(total * self._incident_share)
        # The floor narrows beside the panel (into tabs if need be) before the
        # splitter hands the room over; the at-risk list in front.
        self.floor_layout.arrange(width=total - side - self.side_splitter.handleWidth())
        self.floor_layout.show_at_risk()
        self.side_splitter.setSizes([total - side, side])
        if again and self.side_splitter.sizes()[-1] < side:
            # The floor panels' wide layout held the room; narrower, they
            # move into tabs (floor_layout.py), then the share fits.
            QTimer.singleShot(0, self, lambda: self._share_incident_panel(again=False))

    def set_palette(self, palette: Palette) -> None:
        self.queue_panel.set_palette(palette)

    # --- the wall board -----------------------------------------------------------

    def set_wallboard(self, board: QWidget) -> None:
        """The page the wall board mode shows in place of the floor."""
        self.wallboard = board
        self.pages.addWidget(board)

    def wallboard_on(self) -> bool:
        return self.wallboard is not None and self.pages.currentWidget() is self.wallboard

    def set_wallboard_mode(self, on: bool) -> None:
        """Full screen with the wall board and no menus or status bar; off:
        the floor again, in the window state it had before."""
        if self.wallboard is None or on == self.wallboard_on():
            return
        self.menuBar().setVisible(not on)
        self.statusBar().setVisible(not on)
        if on:
            self._before_board = self.windowState() & ~Qt.WindowState.WindowFullScreen
            self._board_geometry = self.geometry()
            self.pages.setCurrentWidget(self.wallboard)
            self.wallboard.setFocus()
            self.setWindowState(self.windowState() | Qt.WindowState.WindowFullScreen)
            # Without a window manager full screen is only a wish: cover the screen.
            self.setGeometry(self.screen().geometry())
        else:
            self.pages.setCurrentIndex(0)
            self.setWindowState(self._before_board)
            if not self._before_board & Qt.WindowState.WindowMaximized:
                self.setGeometry(self._board_geometry)
                self.keep_on_screen()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Supervisor Cockpit"))

    def fill_screen(self) -> QRect:
        """Cover the screen's available area (first launch); returns it.
        Maximizing alone needs a window manager, which a kiosk may not have."""
        room = self._room()
        self.setGeometry(room)
        return room

    def keep_on_screen(self) -> None:
        """Shrink and move a restored geometry into the screen it is on
        (saved on a larger screen, or with a monitor since unplugged)."""
        rect = self.geometry()
        fitted = fit_rect(rect, self._room())
        if fitted != rect:
            self.setGeometry(fitted)

    def _room(self) -> QRect:
        screen = QGuiApplication.screenAt(self.geometry().center()) or self.screen()
        room = screen.availableGeometry()
        # Never a minimum larger than the screen: nothing may end up off it.
        self.setMinimumSize(self.minimumSize().boundedTo(room.size()))
        return room

    @staticmethod
    def _initial_size() -> tuple[int, int]:
        screen = QGuiApplication.primaryScreen()
        width, height = DEFAULT_SIZE
        if screen is None:
            return width, height
        room = screen.availableGeometry()
        return min(width, room.width()), min(height, room.height())


def fit_rect(rect: QRect, room: QRect) -> QRect:
    """``rect`` shrunk to at most ``room``'s size and moved inside it."""
    width, height = min(rect.width(), room.width()), min(rect.height(), room.height())
    left = min(max(rect.left(), room.left()), room.left() + room.width() - width)
    top = min(max(rect.top(), room.top()), room.top() + room.height() - height)
    return QRect(left, top, width, height)
