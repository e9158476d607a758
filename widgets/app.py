"""The Qt application: set-up (fonts, theme, translations), the session that
ties the runtime to the window, and the one shutdown routine.

``run_gui(args)`` is what ``main.py`` calls. Order of shutdown, whatever
asked for it (File → Quit, closing the window, Ctrl+C, the desktop logging
out): drop late events at the bridge, ``runtime.shutdown()`` (scheduler,
executors, embedded simulator; joins its threads), save the window state,
then close the window.

Language precedence: ``--language`` on the command line, then the choice
made in View → Language (kept with the window state, not in the core
settings file), then ``settings.language``; "system" follows the OS locale
(Chinese → 简体中文, anything else → English).
"""

from __future__ import annotations

import gc
import logging
import signal
import sys
from argparse import Namespace
from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QRect,
    QSettings,
    Qt,
    QTimer,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from cockpit.assets import asset_dir
from cockpit.metrics import FloorView
from cockpit.runtime.health import Health
from cockpit.settings import Settings, SettingsError, config_dir, load_settings
from widgets.actions import MainActions
from widgets.bridge import Bridge
from widgets.collector import CycleCollector, tune_gil_switching
from widgets.floor_board import FloorBoard
from widgets.incident_mode import IncidentMode
from widgets.incident_state import IncidentHost
from widgets.main_window import MainWindow
from widgets.run_op import OpRunner
from widgets.settings_dialog import SettingsDialog
from widgets.status_bar import StatusBarView
from widgets.theme import palette_for, qpalette, style_sheet
from widgets.view_modes import ViewModes

log = logging.getLogger(__name__)

APP_NAME = "Supervisor Cockpit"
RESOURCES = asset_dir("resources")
TRANSLATIONS_DIR = RESOURCES / "translations"
APP_ICON = RESOURCES / "icons" / "app.svg"
WINDOW_STATE_FILE = "window-state.ini"
# First installed one wins; without it Qt falls back to Japanese glyph forms.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
)
LANGUAGE_KEY = "ui/language"
NIGHT_KEY = "ui/night_mode"
GEOMETRY_KEY = "window/geometry"
SPLITTER_KEY = "window/splitter"
# The incident panel's share of the width: narrow, so that the queues and the
# at-risk list stay on screen beside it.
INCIDENT_SHARE = 0.3


class Runtime(Protocol):
    """What the GUI needs of ``cockpit.runtime.runtime.Runtime``."""

    settings: Settings

    @property
    def backend_url(self) -> str: ...

    def start(self) -> None: ...
    def subscribe(
        self, *, on_view: Callable[[FloorView], None], on_health: Callable[[Health], None]
    ) -> None: ...
    def poll_now(self) -> None: ...
    def shutdown(self) -> None: ...


# --- application set-up ----------------------------------------------------------


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("supervisor-cockpit")
    if APP_ICON.exists():
        app.setWindowIcon(QIcon(str(APP_ICON)))
    return app


def apply_app_font(app: QApplication, *, point_size: int = 11) -> QFont:
    """The default sans for Latin and digits, then a Simplified Chinese font."""
    base = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    installed = set(QFontDatabase.families())
    cjk = [family for family in CJK_FAMILIES if family in installed]
    if not cjk:
        log.warning("no Simplified Chinese font found; Chinese may show as boxes (fonts-noto-cjk)")
    font = QFont(base)
    font.setFamilies([base.family(), *cjk[:1]])
    font.setPointSize(max(point_size, base.pointSize()))
    app.setFont(font)
    return font


def apply_theme(app: QApplication, *, night: bool) -> None:
    palette = palette_for(night)
    app.setPalette(qpalette(palette))
    app.setStyleSheet(style_sheet(palette))


def window_state() -> QSettings:
    """Window state (geometry, splitter, UI language, night mode), kept apart
    from the core settings, next to them in the config dir."""
    path = config_dir() / WINDOW_STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


def normalize_language(value: object) -> str | None:
    """ "system", "zh_CN" or "en" from loose spellings; None when unknown."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("-", "_").lower()
    if text in ("system", "auto"):
        return "system"
    if text.startswith(("zh", "cn")):
        return "zh_CN"
    if text.startswith("en"):
        return "en"
    return None


def resolve_language(choice: str, system: QLocale | None = None) -> str:
    """The UI language ("zh_CN" or "en") for a choice that may be "system"."""
    if choice in ("zh_CN", "en"):
        return choice
    locale = system or QLocale.system()
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


class Translations:
    """The app's and Qt's own translators; switching re-sends LanguageChange."""

    def __init__(self, app: QCoreApplication, directory: Path = TRANSLATIONS_DIR) -> None:
        self._app = app
        self._directory = directory
        self._cockpit = QTranslator(app)
        self._qt = QTranslator(app)
        self.language = "en"

    def apply(self, choice: str) -> str:
        language = resolve_language(choice)
        # Before the translators: widgets read the locale when they retranslate.
        QLocale.setDefault(QLocale(language))
        self.clear(reset_locale=False)
        if self._cockpit.load(f"cockpit_{language}", str(self._directory)):
            self._app.installTranslator(self._cockpit)
        else:
            log.warning("no cockpit translation for %s in %s", language, self._directory)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if language != "en" and self._qt.load(f"qtbase_{language}", qt_dir):
            self._app.installTranslator(self._qt)
        self.language = language
        return language

    def clear(self, *, reset_locale: bool = True) -> None:
        self._app.removeTranslator(self._qt)
        self._app.removeTranslator(self._cockpit)
        if reset_locale:
            QLocale.setDefault(QLocale.system())


# --- the session -------------------------------------------------------------------


class CockpitSession(QObject):
    """One running cockpit: runtime, bridge, window, and the shutdown routine.

    ``restartRequested()``: "Restart now" in the settings dialog; whoever
    runs the session (``run_session``) replaces it with a new one built
    from the saved settings, and sets ``can_restart`` to offer the button.
    """

    restartRequested = Signal()

    def __init__(
        self,
        app: QApplication,
        runtime: Runtime,
        *,
        translations: Translations,
        state: QSettings,
        language_choice: str = "system",
    ) -> None:
        super().__init__()
        self._app = app
        self.runtime = runtime
        self._translations = translations
        self._state = state
        self._shut_down = False
        self.can_restart = False
        self.settings_dialog: SettingsDialog | None = None
        settings = runtime.settings
        night = bool(state.value(NIGHT_KEY, False, type=bool))
        apply_theme(app, night=night)

        self.bridge = Bridge(self)
        self.actions = MainActions(self)
        zone = _display_zone(settings.display_timezone)
        status = StatusBarView(backend_url=runtime.backend_url, timezone=zone)
        self.window = MainWindow(
            thresholds=settings.thresholds,
            status_bar=status,
            actions=self.actions,
            icon=app.windowIcon(),
        )
        self.window.set_palette(palette_for(night))
        self.window.bind(self.bridge)
        # Heatmap, at-risk list, escalations and alerts (their own ops runner).
        self.floor = FloorBoard(
            runtime,
            window=self.window,
            settings=settings,
            zone=zone,
            palette=palette_for(night),
            icon=app.windowIcon(),
            parent=self,
        )
        self.floor.bind(self.bridge)
        self.floor.install_sound_toggle(self.actions, state)
        self.floor.install_promotion_toggle(self.actions, settings)
        self.floor.declareRequested.connect(self.declare_from_alert)
        # Wall board, its layout and large-type zoom, kept with the window state.
        self.view_modes = ViewModes(
            window=self.window,
            actions=self.actions,
            state=state,
            bridge=self.bridge,
            zone=zone,
            parent=self,
        )
        self.ops: OpRunner | None = None
        self.incidents: IncidentMode | None = None
        if isinstance(runtime, IncidentHost):
            self._start_incident_mode(runtime, zone, night)
        self.actions.set_incidents_available(self.incidents is not None)
        from widgets.early_warning_panel import install_early_warning

        self.early_warning = install_early_warning(self)
        self.floor.set_declare_available(self.incidents is not None)
        self.actions.set_language_choice(language_choice)
        self.actions.set_night_mode(night)
        self.actions.refreshRequested.connect(self._on_refresh_requested)
        self.actions.settingsRequested.connect(self._on_settings_requested)
        self.actions.quitRequested.connect(self.quit)
        self.actions.languageRequested.connect(self._on_language_requested)
        self.actions.nightModeToggled.connect(self._on_night_mode_changed)
        self.window.installEventFilter(self)
        self._first_geometry: QRect | None = None  # set on first launch
        self._restore_window_state()

    def _start_incident_mode(self, host: IncidentHost, zone: tzinfo | None, night: bool) -> None:
        """Ops on the runtime's database worker, banner and incident panel."""
        self.ops = OpRunner(host.run_op, self)
        self.ops.install()
        # Countdowns and elapsed times on the floor's clock (an accelerated
        # simulator runs them faster), like the engine that stamps the events.
        floor_clock = getattr(host, "clock", None)  # test hosts may have none
        options = {} if floor_clock is None else {"clock": floor_clock.now}
        incidents = IncidentMode(host, window=self.window, zone=zone, parent=self, **options)
        incidents.panel.set_palette(palette_for(night))
        self.window.banner_area.addWidget(incidents.banner)
        self.window.set_incident_panel(incidents.panel, share=INCIDENT_SHARE)
        self.bridge.incidentsTicked.connect(incidents.on_incidents_ticked)
        self.actions.declareRequested.connect(incidents.declare)
        self.actions.reviewsRequested.connect(self._on_reviews_requested)
        incidents.banner.activated.connect(incidents.panel.expand)
        incidents.pictureChanged.connect(self.view_modes.show_incident)
        self.incidents = incidents

    def declare_from_alert(self, alert: object) -> None:
        """Open the declare dialog with the playbook the alert's topics suggest
        (``alert.details["topic"|"topics"|"keywords"]``, ``alert.queue``,
        ``alert.severity``). Same as ``actions.request_declare(alert)``."""
        self.actions.request_declare(alert)

    def start(self) -> None:
        """Subscribe, start the runtime (non-blocking) and show the window."""
        self.bridge.attach(self.runtime)
        self.floor.attach(self.bridge)
        if self.incidents is not None and isinstance(self.runtime, IncidentHost):
            self.bridge.attach_incidents(self.runtime)
        if hasattr(self.runtime, "pdf_factory"):
            # The shift handover's PDF (QTextDocument + QPdfWriter, no widgets).
            from widgets.review_pdf import renderer

            self.runtime.pdf_factory = renderer
        self.runtime.start()
        if self._first_geometry is not None and self.window.geometry() == self._first_geometry:
            self.window.showMaximized()
        else:
            self.window.show()
        self.view_modes.restore()

    def quit(self) -> None:
        self.shutdown()
        self._app.quit()

    def shutdown(self) -> None:
        """The one shutdown routine; safe to call more than once."""
        if self._shut_down:
            return
        self._shut_down = True
        self.bridge.detach()
        if self.ops is not None:
            self.ops.detach()
        if self.incidents is not None:
            self.incidents.shutdown()
        self.floor.shutdown()
        # Joining the workers may take a moment; the window stays up meanwhile.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.runtime.shutdown()  # its own default timeout applies
        except Exception:
            log.exception("runtime shutdown failed")
        finally:
            QApplication.restoreOverrideCursor()
        if self.ops is not None:
            self.ops.uninstall()
        self._save_window_state()
        self.window.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Closing the window goes through the shutdown routine first.
        if watched is self.window and event.type() == QEvent.Type.Close and not self._shut_down:
            event.ignore()
            QTimer.singleShot(0, self.quit)
            return True
        return False

    def _on_reviews_requested(self) -> None:
        from widgets.review_view import open_reviews

        open_reviews(self.window, self.runtime, language=self._translations.language)

    def _on_refresh_requested(self) -> None:
        self.runtime.poll_now()

    def _on_settings_requested(self) -> None:
        """File → Settings…: one dialog at a time, not blocking the window."""
        if self.settings_dialog is not None:
            self.settings_dialog.raise_()
            self.settings_dialog.activateWindow()
            return
        dialog = SettingsDialog(restart_available=self.can_restart, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.languageChosen.connect(self._on_language_requested)
        dialog.restartRequested.connect(self.restartRequested)
        dialog.finished.connect(self._on_settings_closed)
        self.settings_dialog = dialog
        dialog.open()

    def _on_settings_closed(self) -> None:
        self.settings_dialog = None

    def _on_language_requested(self, choice: str) -> None:
        self._translations.apply(choice)
        self._state.setValue(LANGUAGE_KEY, choice)
        self.actions.set_language_choice(choice)

    def _on_night_mode_changed(self, night: bool) -> None:
        apply_theme(self._app, night=night)
        self.window.set_palette(palette_for(night))
        self.floor.set_palette(palette_for(night))
        if self.incidents is not None:
            self.incidents.panel.set_palette(palette_for(night))
        self._state.setValue(NIGHT_KEY, night)

    def _restore_window_state(self) -> None:
        """The saved geometry, kept on screen; on first launch the whole
        screen, shown maximized unless someone sizes the window before."""
        geometry = self._state.value(GEOMETRY_KEY)
        if geometry is not None and self.window.restoreGeometry(geometry):
            self.window.keep_on_screen()
        else:
            self._first_geometry = self.window.fill_screen()
        splitter = self._state.value(SPLITTER_KEY)
        if splitter is not None:
            self.window.splitter.restoreState(splitter)

    def _save_window_state(self) -> None:
        self._state.setValue(GEOMETRY_KEY, self.window.saveGeometry())
        self._state.setValue(SPLITTER_KEY, self.window.splitter.saveState())
        self._state.sync()


def _display_zone(name: str | None) -> tzinfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown display time zone %r; using the local one", name)
        return None


# --- entry point -------------------------------------------------------------------


def show_fatal_error(title: str, text: str) -> None:
    """A blocking error dialog (and stderr, for a terminal or a log)."""
    print(f"{title}: {text}", file=sys.stderr)
    QMessageBox.critical(None, title, text)


def _settings_for(args: Namespace) -> Settings:
    """Load the settings and fold in ``--seed`` and ``--speed``."""
    settings = load_settings()
    sim: dict[str, object] = {}
    if getattr(args, "seed", None) is not None:
        sim["seed"] = args.seed
    if getattr(args, "speed", None) is not None:
        sim["speed"] = args.speed
    if not sim:
        return settings
    raw = settings.model_dump()
    raw["sim"].update(sim)
    try:
        return Settings.model_validate(raw)
    except ValueError as exc:
        raise SettingsError(f"command line: {exc}") from exc


def run_gui(args: Namespace) -> int:
    """Open the cockpit window; returns the process exit code."""
    app = create_application()
    apply_app_font(app)
    state = window_state()
    translations = Translations(app)
    choice = normalize_language(getattr(args, "language", None)) or normalize_language(
        state.value(LANGUAGE_KEY)
    )
    translations.apply(choice or "system")
    try:
        settings = _settings_for(args)
        if choice is None:
            choice = settings.language
            translations.apply(choice)
        from cockpit.runtime.runtime import build_runtime

        runtime = build_runtime(settings, backend_url=getattr(args, "backend", None))
    except SettingsError as exc:
        show_fatal_error(
            QCoreApplication.translate("CockpitSession", "The settings are not valid"), str(exc)
        )
        translations.clear()
        return 2
    except Exception as exc:
        log.exception("could not set up the backend")
        show_fatal_error(
            QCoreApplication.translate("CockpitSession", "The cockpit could not start"),
            f"{type(exc).__name__}: {exc}",
        )
        translations.clear()
        return 1

    def rebuild() -> Runtime:
        from cockpit.runtime.runtime import build_runtime

        # After "Restart now" the saved settings choose the backend, not --backend.
        return build_runtime(_settings_for(args))

    session_kwargs = {"translations": translations, "state": state, "choice": choice}
    if getattr(args, "smoke", False):
        return run_session(app, runtime, watch=_exit_after_first_view, **session_kwargs)
    return run_session(app, runtime, rebuild=rebuild, **session_kwargs)


def run_session(
    app: QApplication,
    runtime: Runtime,
    *,
    translations: Translations,
    state: QSettings,
    choice: str,
    rebuild: Callable[[], Runtime] | None = None,
    watch: Callable[[QApplication, CockpitSession], None] | None = None,
) -> int:
    """Run the window on ``runtime`` until the user quits, as the app does
    (GUI-thread collector, GIL switching, the one shutdown). ``watch`` is
    called with the session before it starts: ``--smoke`` and the desk
    benchmark use it to quit on their own (``app.exit``); no restart then."""
    app.setQuitOnLastWindowClosed(False)
    session = CockpitSession(
        app, runtime, translations=translations, state=state, language_choice=choice
    )
    if watch is not None:
        watch(app, session)
    # The running session is the last one; "Restart now" appends its successor.
    sessions = [session]

    def shutdown_current() -> None:
        sessions[-1].shutdown()

    def restart() -> None:
        assert rebuild is not None
        successor = _restart_session(
            app, sessions[-1], rebuild, translations=translations, state=state
        )
        if successor is None:
            app.quit()
            return
        successor.can_restart = True
        successor.restartRequested.connect(restart, Qt.ConnectionType.QueuedConnection)
        sessions.append(successor)

    if rebuild is not None:
        session.can_restart = True
        # Queued: the dialog that asked is gone before its window is replaced.
        session.restartRequested.connect(restart, Qt.ConnectionType.QueuedConnection)
    app.aboutToQuit.connect(shutdown_current)
    previous = signal.signal(signal.SIGINT, lambda *_: QTimer.singleShot(0, sessions[-1].quit))
    # The interpreter only runs signal handlers when Python code runs.
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(250)
    # Collect cycles only on the GUI thread: a Qt object collected on a
    # worker thread (where a poll happened to trigger the collector) crashes.
    collector = CycleCollector(interval_s=1.0)
    # The GUI thread takes the GIL back at every Python callback from Qt:
    # short switches keep a busy poll worker from stalling the event loop.
    switch_interval = tune_gil_switching()
    try:
        try:
            session.start()
        except Exception as exc:
            log.exception("the runtime did not start")
            session.shutdown()
            show_fatal_error(
                QCoreApplication.translate("CockpitSession", "The cockpit could not start"),
                f"{type(exc).__name__}: {exc}",
            )
            return 1
        return app.exec()
    finally:
        wake.stop()
        collector.stop()
        gc.enable()
        sys.setswitchinterval(switch_interval)
        signal.signal(signal.SIGINT, previous)
        shutdown_current()
        app.aboutToQuit.disconnect(shutdown_current)
        translations.clear()


SMOKE_TIMEOUT_MS = 90_000


def _exit_after_first_view(app: QApplication, session: CockpitSession) -> None:
    """``--smoke``: quit with 0 once the window shows a floor view (1 after the timeout)."""

    def on_view(view: object) -> None:
        queues = getattr(view, "queues", ())
        if not queues or not session.window.isVisible():
            return
        session.bridge.floorUpdated.disconnect(on_view)
        print(
            f"smoke: window {session.window.windowTitle()!r} shows {len(queues)} queues",
            flush=True,
        )
        QTimer.singleShot(0, lambda: app.exit(0))

    def on_timeout() -> None:
        print("smoke: no floor view within the time limit", file=sys.stderr, flush=True)
        app.exit(1)

    session.bridge.floorUpdated.connect(on_view)
    QTimer.singleShot(SMOKE_TIMEOUT_MS, on_timeout)


def _restart_session(
    app: QApplication,
    current: CockpitSession,
    rebuild: Callable[[], Runtime],
    *,
    translations: Translations,
    state: QSettings,
) -> CockpitSession | None:
    """Shut ``current`` down (the one shutdown routine), then start a new
    runtime and window from the saved settings; None when that fails (said)."""
    current.shutdown()
    try:
        runtime = rebuild()
        choice = normalize_language(state.value(LANGUAGE_KEY)) or runtime.settings.language
        successor = CockpitSession(
            app, runtime, translations=translations, state=state, language_choice=choice
        )
    except Exception as exc:
        log.exception("could not restart with the new settings")
        show_fatal_error(
            QCoreApplication.translate("CockpitSession", "The cockpit could not restart"),
            f"{type(exc).__name__}: {exc}",
        )
        return None
    try:
        successor.start()
    except Exception as exc:
        log.exception("the runtime did not start after a restart")
        successor.shutdown()
        show_fatal_error(
            QCoreApplication.translate("CockpitSession", "The cockpit could not restart"),
            f"{type(exc).__name__}: {exc}",
        )
        return None
    return successor
