"""A thin Qt table model over the at-risk and breached lists of the latest
FloorView (:class:`cockpit.at_risk.SlaRow`).

At-risk rows come first, nearest to breach first; the breached ones follow
(urgent first, most overdue first), as the core orders them. A new view with
the same rows (ticket, clock, state) emits ``dataChanged``; any other change
resets the model. Between polls :meth:`AtRiskModel.tick` counts the time to
breach down from each row's due instant and the view's server time plus the
(monotonic) seconds since the view arrived: no re-poll, and a PC clock that
is off cannot skew it. A row whose countdown passes zero turns "breached".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from enum import IntEnum, StrEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from cockpit.at_risk import SlaRow
from cockpit.domain import QueueId
from cockpit.metrics import FloorView
from cockpit.sla import SlaState
from widgets.floor_text import (
    clock_short_text,
    clock_text,
    clock_time,
    countdown_text,
    kind_text,
    priority_text,
    sla_state_text,
    span_text,
)
from widgets.theme import DAY, Palette

ModelIndex = QModelIndex | QPersistentModelIndex


class AtRiskColumn(IntEnum):
    TIME_TO_BREACH = 0
    TICKET = 1
    QUEUE = 2
    PRIORITY = 3
    KIND = 4
    CLOCK = 5
    AGE = 6
    ASSIGNEE = 7
    SUBJECT = 8


class AtRiskRole(IntEnum):
    TICKET_ID = Qt.ItemDataRole.UserRole + 1
    # SlaState as it stands now (a countdown past zero reads BREACHED).
    STATE = Qt.ItemDataRole.UserRole + 2
    # Seconds to breach now (negative once breached).
    SECONDS = Qt.ItemDataRole.UserRole + 3


class RowFilter(StrEnum):
    ALL = "all"
    AT_RISK = "at_risk"
    BREACHED = "breached"


_LIVE = (AtRiskColumn.TIME_TO_BREACH, AtRiskColumn.AGE)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _key(row: SlaRow) -> tuple[str, str, str]:
    return (row.ticket, row.clock.value, row.state.value)


class AtRiskModel(QAbstractTableModel):
    """At-risk then breached tickets, with a live countdown; read-only."""

    def __init__(
        self,
        *,
        palette: Palette = DAY,
        language: str = "en",
        zone: tzinfo | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._palette = palette
        self._language = language
        self._zone = zone
        self._monotonic = monotonic
        self._view: FloorView | None = None
        self._rows: tuple[SlaRow, ...] = ()
        # Per row: breached at the last tick (to repaint rows that just turned).
        self._breached: list[bool] = []
        self._filter = RowFilter.ALL
        self._names: dict[QueueId, str] = {}
        self._as_of: datetime | None = None
        self._received = 0.0

    # --- updates ------------------------------------------------------------------

    def set_view(self, view: FloorView) -> None:
        self._view = view
        self._as_of = view.generated_at
        self._received = self._monotonic()
        self._names = {q.queue: q.display_name(self._language) for q in view.queues}
        self._show(self._select(view))

    def set_filter(self, which: RowFilter) -> None:
        self._filter = which
        if self._view is not None:
            self._show(self._select(self._view))

    def set_language(self, language: str) -> None:
        self._language = language
        if self._view is not None:
            self._names = {q.queue: q.display_name(language) for q in self._view.queues}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(AtRiskColumn) - 1)
        self._all_changed(0, len(AtRiskColumn) - 1)

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self._all_changed(0, len(AtRiskColumn) - 1)

    def tick(self) -> None:
        """Count down: repaint the time-to-breach and age cells (whole rows
        for those whose countdown just passed zero)."""
        if not self._rows:
            return
        self.dataChanged.emit(
            self.index(0, min(_LIVE)), self.index(len(self._rows) - 1, max(_LIVE))
        )
        breached = self._breached_now()
        for i, (before, after) in enumerate(zip(self._breached, breached, strict=True)):
            if after and not before:
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(AtRiskColumn) - 1))
        self._breached = breached

    def _show(self, rows: tuple[SlaRow, ...]) -> None:
        reset = tuple(map(_key, rows)) != tuple(map(_key, self._rows))
        if reset:
            self.beginResetModel()
        self._rows = rows
        self._breached = self._breached_now()
        if reset:
            self.endResetModel()
        else:
            self._all_changed(0, len(AtRiskColumn) - 1)

    def _breached_now(self) -> list[bool]:
        return [self.state_now(row) is SlaState.BREACHED for row in self._rows]

    def _select(self, view: FloorView) -> tuple[SlaRow, ...]:
        if self._filter is RowFilter.AT_RISK:
            return view.at_risk
        if self._filter is RowFilter.BREACHED:
            return view.breached
        return view.at_risk + view.breached

    def _all_changed(self, first: int, last: int) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, first), self.index(len(self._rows) - 1, last))

    # --- reading ------------------------------------------------------------------

    def rows(self) -> tuple[SlaRow, ...]:
        return self._rows

    def queue_names(self) -> list[str]:
        """The queues' names in the UI language (for column widths)."""
        return list(self._names.values())

    def row_at(self, row: int) -> SlaRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def counts(self) -> tuple[int, int]:
        """(at risk, breached) in the latest view, whatever the filter."""
        if self._view is None:
            return 0, 0
        return len(self._view.at_risk), len(self._view.breached)

    def now(self) -> datetime | None:
        """The server's time now, estimated from the view and the seconds since."""
        if self._as_of is None:
            return None
        return self._as_of + timedelta(seconds=self._monotonic() - self._received)

    def seconds_to_breach(self, row: SlaRow) -> float:
        now = self.now()
        return row.seconds_to_breach if now is None else (row.due_at - now).total_seconds()

    def state_now(self, row: SlaRow) -> SlaState:
        # Breached strictly after the due instant (the SLA boundary rule).
        return SlaState.BREACHED if self.seconds_to_breach(row) < 0 else row.state

    def age_s(self, row: SlaRow) -> float:
        now = self.now()
        return row.age_s if now is None else (now - row.created_at).total_seconds()

    # --- Qt model API ---------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(AtRiskColumn)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(AtRiskColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers()[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in _LIVE else _LEFT
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = AtRiskColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in _LIVE else _LEFT
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._describe(row)
        if role == AtRiskRole.TICKET_ID:
            return row.ticket
        if role == AtRiskRole.STATE:
            return self.state_now(row)
        if role == AtRiskRole.SECONDS:
            return self.seconds_to_breach(row)
        return None

    # --- cells --------------------------------------------------------------------

    def _display(self, row: SlaRow, column: AtRiskColumn) -> str:
        if column is AtRiskColumn.TIME_TO_BREACH:
            seconds = self.seconds_to_breach(row)
            if seconds < 0:
                return self.tr("late {time}").format(time=countdown_text(-seconds))
            return countdown_text(seconds)
        if column is AtRiskColumn.TICKET:
            return str(row.ticket)
        if column is AtRiskColumn.QUEUE:
            return self._names.get(row.queue, str(row.queue))
        if column is AtRiskColumn.PRIORITY:
            return priority_text(row.priority)
        if column is AtRiskColumn.KIND:
            return kind_text(row.kind)
        if column is AtRiskColumn.CLOCK:
            return clock_short_text(row.clock)
        if column is AtRiskColumn.AGE:
            return span_text(self.age_s(row))
        if column is AtRiskColumn.ASSIGNEE:
            return str(row.assignee) if row.assignee else self.tr("unassigned")
        return row.subject

    def _background(self, row: SlaRow, column: AtRiskColumn) -> QBrush | None:
        p = self._palette
        breached = self.state_now(row) is SlaState.BREACHED
        if column is AtRiskColumn.TIME_TO_BREACH:
            return QBrush(p.color("critical_bg" if breached else "warn_bg"))
        if breached:
            return QBrush(_tint(p.color("critical_bg"), p.color("surface")))
        return None

    def _foreground(self, row: SlaRow, column: AtRiskColumn) -> QBrush | None:
        if column is not AtRiskColumn.TIME_TO_BREACH:
            return None
        breached = self.state_now(row) is SlaState.BREACHED
        return QBrush(self._palette.color("critical_text" if breached else "warn_text"))

    def _describe(self, row: SlaRow) -> str:
        state = sla_state_text(self.state_now(row))
        lines = [
            f"{row.ticket} · {state} · {clock_text(row.clock)}",
            self.tr("Due at {time}").format(time=clock_time(row.due_at, self._zone, seconds=True)),
        ]
        if row.subject:
            lines.append(row.subject)
        lines.append(self.tr("Double-click for the ticket's details"))
        return "\n".join(lines)

    def _headers(self) -> tuple[str, ...]:
        return (
            self.tr("Time to breach"),
            self.tr("Ticket"),
            self.tr("Queue"),
            self.tr("Priority"),
            self.tr("Kind"),
            self.tr("Clock"),
            self.tr("Age"),
            self.tr("Assignee"),
            self.tr("Subject"),
        )


def _tint(colour: QColor, base: QColor, share: float = 0.16) -> QColor:
    """``colour`` laid thinly over ``base``: a row tint that keeps text readable."""
    return QColor(
        round(base.red() + (colour.red() - base.red()) * share),
        round(base.green() + (colour.green() - base.green()) * share),
        round(base.blue() + (colour.blue() - base.blue()) * share),
    )
