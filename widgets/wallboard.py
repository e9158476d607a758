"""The wall board: the floor for a TV across the room (View → Wall board, F11).

Full screen, no menus: the incident banner (while one is open), the
headline naming the queue that needs help now, one tile per queue worst
first (``cockpit.ranking``; only the outliers coloured) and the at-risk
countdowns, ticking every second. Type scales with the board's height
(:func:`board_points`), so a 55″ 4K TV reads from three metres as a
1080p monitor reads from one and a half. The layout is fixed (queues and
countdowns side by side) or rotating (one page at a time, every
``rotate_ms``). Texts that do not fit end after a whole word with "…".
"""

from __future__ import annotations

import time
from datetime import tzinfo
from enum import StrEnum

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from cockpit.at_risk import SlaRow
from cockpit.metrics import FloorView
from cockpit.ranking import AgentsNeeded, QueueRisk, RiskLevel, needs_help, rank_queues
from widgets.bridge import Bridge
from widgets.floor_panel import ElidedLabel
from widgets.floor_text import (
    countdown_text,
    risk_headline,
    staffing_facts,
)
from widgets.incident_banner import IncidentBanner
from widgets.incident_state import IncidentPicture
from widgets.queue_panel import ui_language
from widgets.theme import set_style_property

ROTATE_MS = 15_000
COUNTDOWNS = 8  # at-risk rows shown
# Body type in points per pixel of board height: 30 pt at 1080, 60 pt at 2160.
POINTS_PER_PIXEL = 1 / 36
MIN_POINTS = 14


class BoardLayout(StrEnum):
    FIXED = "fixed"  # queues and countdowns side by side, always
    ROTATE = "rotate"  # queues, then countdowns, one page at a time


def board_points(height: int) -> int:
    """The board's body type size for a board ``height`` pixels tall."""
    return max(MIN_POINTS, round(height * POINTS_PER_PIXEL))


class _QueueTile(QFrame):
    """One queue: its name, service level, breaches and staffing."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("boardTile")
        self.name = ElidedLabel(self)
        self.name.setObjectName("boardName")
        self.value = ElidedLabel(self)
        self.value.setObjectName("boardValue")
        self.facts = ElidedLabel(self)
        self.facts.setObjectName("boardFacts")
        self.staff = ElidedLabel(self)
        self.staff.setObjectName("boardFacts")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(0)
        for label in (self.name, self.value, self.facts, self.staff):
            layout.addWidget(label)


class WallBoardView(QWidget):
    """The wall board page; ``leaveRequested()`` on Esc."""

    leaveRequested = Signal()

    def __init__(
        self,
        *,
        zone: tzinfo | None = None,
        layout: BoardLayout = BoardLayout.FIXED,
        rotate_ms: int = ROTATE_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wallBoard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._zone = zone
        self._view: FloorView | None = None
        self._received = time.monotonic()
        self._ranking: tuple[QueueRisk, ...] = ()
        # The staffing forecaster's hook (agents needed to hold the target).
        self.agents_needed: AgentsNeeded | None = None
        self.point_size = 0
        self.banner = IncidentBanner(parent=self)
        self.headline = ElidedLabel(self)
        self.headline.setObjectName("boardHeadline")
        self._queues = QWidget(self)
        self._grid = QGridLayout(self._queues)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(12)
        self.tiles: list[_QueueTile] = []
        self._countdowns = QFrame(self)
        self._countdowns.setObjectName("boardCountdowns")
        self.countdown_title = ElidedLabel(self._countdowns)
        self.countdown_title.setObjectName("boardName")
        self.countdown_rows = [ElidedLabel(self._countdowns) for _ in range(COUNTDOWNS)]
        column = QVBoxLayout(self._countdowns)
        column.setContentsMargins(16, 8, 16, 8)
        column.addWidget(self.countdown_title)
        for row in self.countdown_rows:
            row.setObjectName("boardCountdown")
            column.addWidget(row)
        column.addStretch(1)

        body = QWidget(self)
        beside = QHBoxLayout(body)
        beside.setContentsMargins(0, 0, 0, 0)
        beside.setSpacing(16)
        beside.addWidget(self._queues, 3)
        beside.addWidget(self._countdowns, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 12, 20, 12)
        outer.setSpacing(12)
        outer.addWidget(self.banner)
        outer.addWidget(self.headline)
        outer.addWidget(body, 1)

        self._rotate = QTimer(self)
        self._rotate.setInterval(rotate_ms)
        self._rotate.timeout.connect(self._on_rotate)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_countdowns)
        self.layout_mode = BoardLayout.FIXED
        self.set_layout(layout)
        self._retranslate()

    # --- wiring -----------------------------------------------------------------

    def bind(self, bridge: Bridge) -> None:
        bridge.floorUpdated.connect(self._on_floor_changed)
        if bridge.last_view is not None:
            self._on_floor_changed(bridge.last_view)

    def show_incident(self, picture: IncidentPicture) -> None:
        self.banner.show_picture(picture)

    def set_layout(self, layout: BoardLayout) -> None:
        """Fixed: queues and countdowns side by side; rotating: one at a time."""
        self.layout_mode = layout
        self._queues.setVisible(True)
        self._countdowns.setVisible(layout is BoardLayout.FIXED)
        if layout is BoardLayout.ROTATE:
            self._rotate.start()
        else:
            self._rotate.stop()

    def page(self) -> QWidget | None:
        """What the rotating layout shows now (None: both, the fixed layout)."""
        if self.layout_mode is BoardLayout.FIXED:
            return None
        return self._queues if self._queues.isVisibleTo(self) else self._countdowns

    def _on_rotate(self) -> None:
        queues = not self._queues.isVisibleTo(self)
        self._queues.setVisible(queues)
        self._countdowns.setVisible(not queues)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._tick.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._tick.stop()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.leaveRequested.emit()
            return
        super().keyPressEvent(event)

    # --- the floor --------------------------------------------------------------

    def restaff(self) -> None:
        """Rank the latest view again (a new staffing forecast)."""
        if self._view is not None:
            self._on_floor_changed(self._view)

    def _on_floor_changed(self, view: FloorView) -> None:
        self._view = view
        self._received = time.monotonic()
        self._ranking = rank_queues(
            view.queues, at_risk=view.at_risk, agents_needed=self.agents_needed
        )
        self._show_queues()
        self._show_countdowns()

    def _show_queues(self) -> None:
        language = ui_language()
        worst = needs_help(self._ranking)
        self.headline.setText(risk_headline(worst, language=language))
        set_style_property(self.headline, "severity", "normal" if worst is None else "critical")
        self._ensure_tiles(len(self._ranking))
        for tile, risk in zip(self.tiles, self._ranking, strict=False):
            self._fill_tile(tile, risk, language)

    def _ensure_tiles(self, count: int) -> None:
        if len(self.tiles) == count:
            return
        for tile in self.tiles:
            self._grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = [_QueueTile(self._queues) for _ in range(count)]
        columns = 3 if count > 4 else 2 if count > 1 else 1
        for i, tile in enumerate(self.tiles):
            self._grid.addWidget(tile, i // columns, i % columns)
        for column in range(columns):
            self._grid.setColumnStretch(column, 1)

    def _fill_tile(self, tile: _QueueTile, risk: QueueRisk, language: str) -> None:
        f = risk.figures
        tile.name.setText(f"{risk.rank}  {f.display_name(language)}")
        level = "—" if f.service_level is None else f"{round(f.service_level * 100)}%"
        tile.value.setText(level)
        tile.facts.setText(
            self.tr("target {target} · {b} breached · {r} at risk").format(
                target=f"{round(f.service_level_target * 100)}%", b=risk.breached, r=risk.at_risk
            )
        )
        staff = [self.tr("{n} waiting").format(n=f.waiting), *staffing_facts(risk)]
        if not risk.zero_available:
            staff.insert(1, self.tr("{n} free").format(n=f.agents_available))
        tile.staff.setText(" · ".join(staff))
        severity = {RiskLevel.NEEDS_HELP: "critical", RiskLevel.WATCH: "warn"}.get(
            risk.level, "normal"
        )
        set_style_property(tile, "severity", severity)

    def _show_countdowns(self) -> None:
        view = self._view
        rows: tuple[SlaRow, ...] = view.at_risk if view is not None else ()
        passed = time.monotonic() - self._received
        names = {q.queue: q.display_name(ui_language()) for q in view.queues} if view else {}
        for label, row in zip(self.countdown_rows, (*rows, *[None] * COUNTDOWNS), strict=False):
            if row is None:
                label.setText("")
                continue
            left = max(0.0, row.seconds_to_breach - passed)
            label.setText(f"{countdown_text(left)}  {names.get(row.queue, row.queue)}")
        if view is not None and not rows:
            self.countdown_rows[0].setText(self.tr("Nothing about to breach"))

    # --- size and text ------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size = board_points(self.height())
        if size != self.point_size:
            self.point_size = size
            self.setStyleSheet(
                _SHEET.format(
                    body=size,
                    name=round(size * 0.85),
                    value=round(size * 1.6),
                    small=round(size * 0.6),
                )
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.countdown_title.setText(self.tr("About to breach"))
        if self._view is not None:
            self._show_queues()
            self._show_countdowns()


_SHEET = """
QLabel#boardHeadline {{ font-size: {body}pt; font-weight: bold; }}
QLabel#boardName {{ font-size: {name}pt; font-weight: bold; }}
QLabel#boardValue {{ font-size: {value}pt; font-weight: bold; }}
QLabel#boardFacts {{ font-size: {small}pt; }}
QLabel#boardCountdown {{ font-size: {small}pt; font-weight: bold; }}
QFrame#incidentBanner QLabel {{ font-size: {small}pt; }}
"""
