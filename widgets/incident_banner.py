"""The red band across the top of the window while an incident is open.

It says, large enough to read from across the floor at 1 am: which
incident (the playbook's name in the UI language), how severe, how long
it has been running (ticking every second), whether the bot auto-reply is
on, and how many checklist steps are overdue. Hidden when no incident is
open. Clicking it asks for the incident panel (``activated``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QLocale, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from widgets.floor_panel import ElidedLabel
from widgets.incident_state import BotState, IncidentPicture, overdue_count
from widgets.incident_text import severity_text, span_text
from widgets.theme import set_style_property

Clock = Callable[[], datetime]


def _system_now() -> datetime:
    return datetime.now(UTC)


def ui_language() -> str:
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


class IncidentBanner(QFrame):
    """Kind, severity, elapsed time, bot state and overdue steps of the open incident."""

    activated = Signal()

    def __init__(
        self, *, clock: Clock = _system_now, tick_ms: int = 1000, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("incidentBanner")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._clock = clock
        self._picture: IncidentPicture | None = None

        self.tag = self._label("bannerTag")
        # Cut after a whole word with "…" when the chips need the room.
        self.title = ElidedLabel(self)
        self.title.setObjectName("bannerTitle")
        self.severity = self._label("bannerChip")
        self.elapsed = self._label("bannerElapsed")
        self.bot = self._label("bannerChip")
        self.overdue = self._label("bannerChip")
        self.others = self._label("bannerNote")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(18)
        layout.addWidget(self.tag)
        layout.addWidget(self.title, 1)
        for label in (self.others, self.severity, self.bot, self.overdue, self.elapsed):
            layout.addWidget(label)

        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._on_tick)
        self.hide()

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        return label

    # --- wiring -----------------------------------------------------------------

    def show_picture(self, picture: IncidentPicture) -> None:
        """Show the open incident of ``picture``; hide when there is none."""
        self._picture = picture
        if picture.incident is None:
            self._timer.stop()
            self.hide()
            return
        self._retranslate()
        if not self._timer.isActive():
            self._timer.start()
        self.show()

    def _on_tick(self) -> None:
        self._show_times()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.activated.emit()
        super().mouseReleaseEvent(event)

    # --- text -------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        picture = self._picture
        if picture is None or picture.incident is None or picture.playbook is None:
            return
        incident = picture.incident
        self.tag.setText(self.tr("⚠ INCIDENT #{id}").format(id=incident.id))
        self.title.setText(picture.playbook.names.get(ui_language()))
        self.title.setToolTip(incident.summary)
        self.severity.setText(severity_text(incident.severity))
        self.bot.setText(self._bot_text(picture.bot))
        set_style_property(self.bot, "alert", picture.bot in (BotState.ON, BotState.UNKNOWN))
        count = len(picture.others)
        self.others.setText(
            self.tr("+{n} more open").format(n=count) if count else "",
        )
        self.others.setVisible(bool(count))
        self.setToolTip(self.tr("Click to show the incident panel"))
        self._show_times()

    def _bot_text(self, state: BotState) -> str:
        return {
            BotState.ON: self.tr("Bot auto-reply: ON"),
            BotState.OFF: self.tr("Bot auto-reply: off"),
            BotState.UNKNOWN: self.tr("Bot auto-reply: unknown"),
            BotState.NOT_SUPPORTED: self.tr("Bot auto-reply: not available"),
        }[state]

    def _show_times(self) -> None:
        picture = self._picture
        if picture is None or picture.incident is None:
            return
        now = self._clock()
        self.elapsed.setText(
            self.tr("Running {span}").format(span=span_text(now - picture.incident.declared_at))
        )
        overdue = overdue_count(picture, now)
        if overdue:
            self.overdue.setText(self.tr("{n} step(s) overdue").format(n=overdue))
        else:
            self.overdue.setText(self.tr("Checklist on time"))
        set_style_property(self.overdue, "alert", overdue > 0)
