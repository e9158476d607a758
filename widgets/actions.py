"""Menus and shortcuts of the main window.

The actions only *ask* for things through signals; ``widgets/app.py``
decides what happens (poll now, switch the language, change the theme,
quit through the one shutdown routine).
"""

from __future__ import annotations

import weakref
from importlib import metadata
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

# Language names are written in their own language, in every UI language,
# so that someone who switched by mistake can always find the way back.
LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}
LANGUAGE_CHOICES = ("system", "zh_CN", "en")
BOARD_LAYOUTS = ("fixed", "rotate")  # widgets.wallboard.BoardLayout values


def _version() -> str:
    try:
        return metadata.version("supervisor-cockpit")
    except metadata.PackageNotFoundError:
        return "dev"


class MainActions(QObject):
    """File / View / Incident / Help menus.

    Signals: ``refreshRequested()``, ``settingsRequested()``, ``quitRequested()``,
    ``languageRequested(str)`` with "system", "zh_CN" or "en",
    ``nightModeToggled(bool)``, ``alertSoundToggled(bool)``,
    ``promotionToggled(bool)`` (the promotion SLA targets on or off), and
    ``declareRequested(object)`` with the alert to declare from (None from
    the menu).
    """

    refreshRequested = Signal()
    settingsRequested = Signal()
    quitRequested = Signal()
    languageRequested = Signal(str)
    nightModeToggled = Signal(bool)
    alertSoundToggled = Signal(bool)
    promotionToggled = Signal(bool)
    declareRequested = Signal(object)
    reviewsRequested = Signal()
    # The view modes (wall board, its layout, large-type zoom): view_modes.py.
    wallboardToggled = Signal(bool)
    boardLayoutRequested = Signal(str)
    zoomRequested = Signal(int)  # +1 larger, -1 smaller, 0 back to normal

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Weak: a strong one keeps the window alive in a reference cycle until
        # the collector runs, and PySide may then delete its children twice.
        self._window_ref: weakref.ref[QMainWindow] | None = None
        self.refresh = QAction(self)
        self.refresh.setShortcut(QKeySequence("F5"))
        self.refresh.triggered.connect(self.refreshRequested)
        self.settings = QAction(self)
        self.settings.setShortcut(QKeySequence("Ctrl+,"))
        self.settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings.triggered.connect(self.settingsRequested)
        self.quit = QAction(self)
        self.quit.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit.triggered.connect(self.quitRequested)

        self._language_group = QActionGroup(self)
        self._language_group.setExclusive(True)
        self.languages: dict[str, QAction] = {}
        for choice in LANGUAGE_CHOICES:
            action = QAction(self._language_group)
            action.setCheckable(True)
            action.setData(choice)
            self.languages[choice] = action
        self.languages["system"].setChecked(True)
        self._language_group.triggered.connect(self._on_language_triggered)

        self.night_mode = QAction(self)
        self.night_mode.setCheckable(True)
        self.night_mode.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.night_mode.toggled.connect(self.nightModeToggled)
        self.alert_sound = QAction(self)
        self.alert_sound.setCheckable(True)
        self.alert_sound.toggled.connect(self.alertSoundToggled)

        self._build_view_modes()

        self.declare = QAction(self)
        self.declare.setShortcut(QKeySequence("Ctrl+I"))
        self.declare.triggered.connect(self._on_declare_triggered)
        self.reviews = QAction(self)
        self.reviews.triggered.connect(self.reviewsRequested)
        self.promotion = QAction(self)
        self.promotion.setCheckable(True)
        self.promotion.toggled.connect(self.promotionToggled)

        self.about = QAction(self)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.about.triggered.connect(self._on_about_triggered)

        self._file_menu = QMenu()
        self._view_menu = QMenu()
        self._language_menu = QMenu()
        self._incident_menu = QMenu()
        self._help_menu = QMenu()
        self._retranslate()

    def add_view_toggle(self, action: QAction) -> None:
        """A dock's show/hide action, at the end of the View menu."""
        self._view_menu.addAction(action)

    def _build_view_modes(self) -> None:
        """View → Wall board (F11), its layout, and Zoom in / out / reset."""
        self.wallboard = QAction(self)
        self.wallboard.setCheckable(True)
        self.wallboard.setShortcut(QKeySequence("F11"))
        self.wallboard.toggled.connect(self.wallboardToggled)
        self._board_group = QActionGroup(self)
        self._board_group.setExclusive(True)
        self.board_layouts: dict[str, QAction] = {}
        for choice in BOARD_LAYOUTS:
            action = QAction(self._board_group)
            action.setCheckable(True)
            action.setData(choice)
            self.board_layouts[choice] = action
        self.board_layouts[BOARD_LAYOUTS[0]].setChecked(True)
        self._board_group.triggered.connect(
            lambda action: self.boardLayoutRequested.emit(str(action.data()))
        )
        self.zoom_in = QAction(self)
        self.zoom_in.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self.zoom_in.triggered.connect(lambda: self.zoomRequested.emit(1))
        self.zoom_out = QAction(self)
        self.zoom_out.setShortcut(QKeySequence("Ctrl+-"))
        self.zoom_out.triggered.connect(lambda: self.zoomRequested.emit(-1))
        self.zoom_reset = QAction(self)
        self.zoom_reset.setShortcut(QKeySequence("Ctrl+0"))
        self.zoom_reset.triggered.connect(lambda: self.zoomRequested.emit(0))
        self._board_menu = QMenu()

    def _install_view_modes(self, window: QMainWindow) -> None:
        self._board_menu.setParent(window, self._board_menu.windowFlags())
        self._board_menu.addActions(list(self.board_layouts.values()))
        self._view_menu.addSeparator()
        self._view_menu.addAction(self.wallboard)
        self._view_menu.addMenu(self._board_menu)
        self._view_menu.addSeparator()
        for action in (self.zoom_in, self.zoom_out, self.zoom_reset):
            self._view_menu.addAction(action)
        # Without menus (the wall board) the shortcuts still work.
        window.addActions([self.wallboard, self.zoom_in, self.zoom_out, self.zoom_reset])

    def set_wallboard(self, on: bool) -> None:
        """Check or uncheck "Wall board" without emitting ``wallboardToggled``."""
        blocked = self.wallboard.blockSignals(True)
        self.wallboard.setChecked(on)
        self.wallboard.blockSignals(blocked)

    def set_board_layout(self, choice: str) -> None:
        action = self.board_layouts.get(choice, self.board_layouts[BOARD_LAYOUTS[0]])
        action.setChecked(True)

    def _retranslate_view_modes(self) -> None:
        self.wallboard.setText(self.tr("&Wall board"))
        self.wallboard.setStatusTip(
            self.tr("Full screen for a TV: queues, countdowns and the incident banner (F11, Esc)")
        )
        self._board_menu.setTitle(self.tr("Wall board &layout"))
        self.board_layouts["fixed"].setText(self.tr("&Fixed: queues and countdowns together"))
        self.board_layouts["rotate"].setText(self.tr("&Rotating: one page at a time"))
        self.zoom_in.setText(self.tr("Zoom &in"))
        self.zoom_out.setText(self.tr("Zoom &out"))
        self.zoom_reset.setText(self.tr("&Normal size"))

    def install(self, window: QMainWindow) -> None:
        """Build the menu bar of ``window`` and follow its language changes."""
        self._window_ref = weakref.ref(window)
        bar = window.menuBar()
        menus = (
            self._file_menu,
            self._view_menu,
            self._language_menu,
            self._incident_menu,
            self._help_menu,
        )
        for menu in menus:
            menu.setParent(window, menu.windowFlags())
        self._file_menu.addAction(self.refresh)
        self._file_menu.addAction(self.settings)
        self._file_menu.addSeparator()
        self._file_menu.addAction(self.quit)
        self._language_menu.addActions(list(self.languages.values()))
        self._view_menu.addMenu(self._language_menu)
        self._view_menu.addAction(self.night_mode)
        self._view_menu.addAction(self.alert_sound)
        self._install_view_modes(window)
        self._incident_menu.addAction(self.declare)
        self._incident_menu.addAction(self.reviews)
        self._incident_menu.addSeparator()
        self._incident_menu.addAction(self.promotion)
        self._help_menu.addAction(self.about)
        for menu in (self._file_menu, self._view_menu, self._incident_menu, self._help_menu):
            bar.addMenu(menu)
        # Shortcuts work even when the menu bar is hidden (wallboard mode).
        window.addActions([self.refresh, self.settings, self.quit, self.night_mode, self.declare])
        window.installEventFilter(self)

    def set_language_choice(self, choice: str) -> None:
        """Check the menu entry for ``choice`` without emitting a request."""
        action = self.languages.get(choice, self.languages["system"])
        action.setChecked(True)

    def set_night_mode(self, night: bool) -> None:
        """Check or uncheck night mode without emitting ``nightModeToggled``."""
        blocked = self.night_mode.blockSignals(True)
        self.night_mode.setChecked(night)
        self.night_mode.blockSignals(blocked)

    def set_alert_sound(self, on: bool) -> None:
        """Check or uncheck "Sound for alerts" without emitting ``alertSoundToggled``."""
        blocked = self.alert_sound.blockSignals(True)
        self.alert_sound.setChecked(on)
        self.alert_sound.blockSignals(blocked)

    def set_promotion(self, on: bool) -> None:
        """Check or uncheck "Promotion targets" without emitting ``promotionToggled``."""
        blocked = self.promotion.blockSignals(True)
        self.promotion.setChecked(on)
        self.promotion.blockSignals(blocked)

    def request_declare(self, alert: Any = None) -> None:
        """Ask to declare an incident; ``alert`` (any alert object, or None)
        preselects the playbook its topics suggest. For the alerts panel."""
        if self.declare.isEnabled():
            self.declareRequested.emit(alert)

    def _on_declare_triggered(self) -> None:
        self.request_declare(None)

    def set_incidents_available(self, available: bool) -> None:
        """Incident mode needs a runtime with an incident engine."""
        self.declare.setEnabled(available)

    @property
    def _window(self) -> QMainWindow | None:
        return None if self._window_ref is None else self._window_ref()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        return False

    def _on_language_triggered(self, action: QAction) -> None:
        self.languageRequested.emit(str(action.data()))

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self._window,
            self.tr("About Supervisor Cockpit"),
            self.tr(
                "<h3>Supervisor Cockpit {version}</h3>"
                "<p>Live queues, SLA clocks, escalations and incident mode "
                "for customer-service floor supervisors.</p>"
            ).format(version=_version()),
        )

    def _retranslate(self) -> None:
        self._file_menu.setTitle(self.tr("&File"))
        self.refresh.setText(self.tr("&Refresh now"))
        self.refresh.setStatusTip(self.tr("Poll the backend now instead of waiting"))
        self.settings.setText(self.tr("&Settings…"))
        self.settings.setStatusTip(self.tr("Backend, credentials, poll interval, language"))
        self.quit.setText(self.tr("&Quit"))
        self._view_menu.setTitle(self.tr("&View"))
        self._language_menu.setTitle(self.tr("&Language"))
        self.languages["system"].setText(self.tr("Follow &system"))
        for code, name in LANGUAGE_NAMES.items():
            self.languages[code].setText(name)
        self.night_mode.setText(self.tr("&Night mode"))
        self.alert_sound.setText(self.tr("&Sound for alerts"))
        self.alert_sound.setStatusTip(self.tr("Beep when a new alert comes in"))
        self._retranslate_view_modes()
        self._incident_menu.setTitle(self.tr("&Incident"))
        self.declare.setText(self.tr("&Declare incident…"))
        self.declare.setStatusTip(self.tr("Open an incident from a playbook"))
        self.reviews.setText(self.tr("&Reviews…"))
        self.reviews.setStatusTip(self.tr("Post-incident reviews: impact, timeline, exports"))
        self.promotion.setText(self.tr("&Promotion targets"))
        self.promotion.setStatusTip(
            self.tr("Count the SLA with the promotion targets (pre-sales: first answer in 1 min)")
        )
        self._help_menu.setTitle(self.tr("&Help"))
        self.about.setText(self.tr("&About Supervisor Cockpit"))
