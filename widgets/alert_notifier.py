"""Telling the supervisor about new alerts outside the window: a tray
message (when the desktop has a system tray), the taskbar entry flashing,
and an optional beep ("Sound for alerts" in the View menu).

Only events the alert engine marks ``notify`` count: a new alert (never a
notice), a rise in severity, a group getting worse, a snooze that ended, and
the repeats of an alert nobody has acknowledged or snoozed (every
``settings.alerts.repeat_critical_s`` of floor time, see
:mod:`cockpit.alerts`) — each with its sound when the sound is on. Several
in one update make one message; its title says whether they are new,
worse or reminders. On a desktop without a tray (or offscreen) the message
is skipped quietly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from cockpit.alert_rules import Severity
from cockpit.alerts import Alert, AlertEvent, AlertUpdate, EventKind

MESSAGE_MS = 15_000
MAX_LINES = 4
# Events that tell again about an alert nobody has taken.
_REMINDERS = frozenset({EventKind.REPEATED, EventKind.RENOTIFIED})


def _beep() -> None:
    QApplication.beep()


class AlertNotifier(QObject):
    """Tray messages and a beep for alerts that want attention.

    ``activated()`` when the tray icon or its message is clicked (show the window).
    """

    activated = Signal()

    def __init__(
        self,
        *,
        text: Callable[[Alert], str],
        icon: QIcon | None = None,
        window: QWidget | None = None,
        beep: Callable[[], None] = _beep,
        tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._text = text
        self._window = window
        self._beep = beep
        self.sound = False
        # (title, body) of every message, shown on a tray or not (tests, logs).
        self.messages: list[tuple[str, str]] = []
        self.tray: QSystemTrayIcon | None = None
        if tray_available():
            self.tray = QSystemTrayIcon(icon or QIcon(), self)
            self.tray.activated.connect(lambda _reason: self.activated.emit())
            self.tray.messageClicked.connect(self.activated)
            self.tray.show()
        self._retranslate()

    def set_sound(self, on: bool) -> None:
        self.sound = on

    def on_alerts_changed(self, update: AlertUpdate) -> None:
        events = [event for event in update.events if event.notify]
        if not events:
            return
        fresh = [event.alert for event in events]
        critical = any(a.severity is Severity.CRITICAL for a in fresh)
        title = self._title(events, critical=critical)
        lines = [self._text(alert) for alert in fresh[:MAX_LINES]]
        if len(fresh) > MAX_LINES:
            lines.append(self.tr("… and {n} more").format(n=len(fresh) - MAX_LINES))
        body = "\n".join(lines)
        self.messages.append((title, body))
        if self.tray is not None:
            icon = (
                QSystemTrayIcon.MessageIcon.Critical
                if critical
                else QSystemTrayIcon.MessageIcon.Warning
            )
            self.tray.showMessage(title, body, icon, MESSAGE_MS)
        if self._window is not None and not self._window.isActiveWindow():
            QApplication.alert(self._window, 0)
        if self.sound:
            self._beep()

    def _title(self, events: list[AlertEvent], *, critical: bool) -> str:
        kinds = {event.kind for event in events}
        n = len(events)
        if kinds <= _REMINDERS:
            if n == 1:
                return (
                    self.tr("Critical alert not acknowledged yet")
                    if critical
                    else self.tr("Alert not acknowledged yet")
                )
            return self.tr("{n} alerts not acknowledged yet").format(n=n)
        if kinds <= {EventKind.WORSENED}:
            return (
                self.tr("Alert getting worse")
                if n == 1
                else self.tr("{n} alerts getting worse").format(n=n)
            )
        if n == 1:
            return self.tr("Critical alert") if critical else self.tr("Alert")
        return self.tr("{n} new alerts").format(n=n)

    def shutdown(self) -> None:
        if self.tray is not None:
            self.tray.hide()

    def _retranslate(self) -> None:
        if self.tray is not None:
            self.tray.setToolTip(self.tr("Supervisor Cockpit"))
