"""The main window: layout only.

A vertical splitter fills the window. The live queue panel sits at the top;
the lower part is kept for the panels to come (SLA heatmap, at-risk list,
escalations, alerts), and the top of the central area for an incident
banner. Panels carry their own behaviour; ``actions.py`` carries the menus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QMainWindow, QSplitter, QVBoxLayout, QWidget

from cockpit.settings import Thresholds
from widgets.actions import MainActions
from widgets.bridge import Bridge
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
        self.splitter.addWidget(self.queue_panel)
        # The lower half (heatmap | at-risk | escalations) joins as a
        # horizontal splitter; alerts may dock on the right.
        self.lower_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.lower_splitter.setObjectName("lowerSplitter")
        self.lower_splitter.hide()
        self.splitter.addWidget(self.lower_splitter)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self.banner_area)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

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

    def set_palette(self, palette: Palette) -> None:
        self.queue_panel.set_palette(palette)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Supervisor Cockpit"))

    @staticmethod
    def _initial_size() -> tuple[int, int]:
        screen = QGuiApplication.primaryScreen()
        width, height = DEFAULT_SIZE
        if screen is None:
            return width, height
        room = screen.availableGeometry()
        return min(width, room.width()), min(height, room.height())
