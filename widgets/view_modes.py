"""The window's view modes: the wall board (View → Wall board, F11; Esc
leaves it), its layout (fixed or rotating), and large-type zoom
(Ctrl + / Ctrl − / Ctrl 0) for the normal window.

All three are window state, kept with the geometry (not in the core
settings): a wall board left on comes back on after a restart, at the
zoom and in the layout it had.
"""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from widgets.actions import MainActions
from widgets.bridge import Bridge
from widgets.incident_state import IncidentPicture
from widgets.main_window import MainWindow
from widgets.wallboard import BoardLayout, WallBoardView

WALLBOARD_KEY = "ui/wallboard"
BOARD_LAYOUT_KEY = "ui/wallboard_layout"
ZOOM_KEY = "ui/zoom"
# Steps of the large-type zoom, as factors of the normal type size.
ZOOM_STEPS = (1.0, 1.15, 1.3, 1.5, 1.75, 2.0)
# The normal type size, kept on the application so that a restart's new
# session does not take an already zoomed font for normal.
_BASE_POINTS = "cockpitBasePoints"


class ViewModes(QObject):
    """Wall board on/off, its layout, and the zoom step, kept in ``state``."""

    def __init__(
        self,
        *,
        window: MainWindow,
        actions: MainActions,
        state: QSettings,
        bridge: Bridge,
        zone: tzinfo | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._actions = actions
        self._state = state
        layout = _layout(state.value(BOARD_LAYOUT_KEY))
        self.board = WallBoardView(zone=zone, layout=layout)
        window.set_wallboard(self.board)
        self.board.bind(bridge)
        self.zoom_step = _step(state.value(ZOOM_KEY))
        actions.set_board_layout(layout.value)
        self.board.leaveRequested.connect(lambda: self.set_wallboard(False))
        actions.wallboardToggled.connect(self.set_wallboard)
        actions.boardLayoutRequested.connect(self.set_layout)
        actions.zoomRequested.connect(self.zoom)

    def restore(self) -> None:
        """Zoom and wall board as they were (once the window is shown)."""
        if self.zoom_step:
            self._apply_zoom()
        if bool(self._state.value(WALLBOARD_KEY, False, type=bool)):
            self.set_wallboard(True)

    def set_wallboard(self, on: bool) -> None:
        self._window.set_wallboard_mode(on)
        self._actions.set_wallboard(on)
        self._state.setValue(WALLBOARD_KEY, on)

    def set_layout(self, choice: str) -> None:
        layout = _layout(choice)
        self.board.set_layout(layout)
        self._actions.set_board_layout(layout.value)
        self._state.setValue(BOARD_LAYOUT_KEY, layout.value)

    def zoom(self, direction: int) -> None:
        """One step larger (+1), smaller (-1), or back to normal (0)."""
        if direction == 0:
            self.zoom_step = 0
        else:
            self.zoom_step = min(max(self.zoom_step + direction, 0), len(ZOOM_STEPS) - 1)
        self._state.setValue(ZOOM_KEY, self.zoom_step)
        self._apply_zoom()

    @property
    def zoom_factor(self) -> float:
        return ZOOM_STEPS[self.zoom_step]

    def show_incident(self, picture: IncidentPicture) -> None:
        self.board.show_incident(picture)

    def _apply_zoom(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            base = app.property(_BASE_POINTS)
            if not isinstance(base, int | float) or base <= 0:
                base = app.font().pointSizeF()
                app.setProperty(_BASE_POINTS, base)
            font = QFont(app.font())
            font.setPointSizeF(float(base) * self.zoom_factor)
            app.setFont(font)
        self._window.queue_panel.set_zoom(self.zoom_factor)


def _layout(value: object) -> BoardLayout:
    try:
        return BoardLayout(str(value))
    except ValueError:
        return BoardLayout.FIXED


def _step(value: object) -> int:
    try:
        step = int(str(value))
    except ValueError:
        return 0
    return min(max(step, 0), len(ZOOM_STEPS) - 1)
