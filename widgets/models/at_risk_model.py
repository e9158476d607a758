"""A thin Qt table model over the at-risk and breached lists of the latest
FloorView (:class:`cockpit.at_risk.SlaRow`).

At-risk rows come first, nearest to breach first; the breached ones follow
(urgent first, most overdue first), as the core orders them. A new view with
the same rows (ticket, clock, state) emits ``dataChanged``; any other change
resets the model. Between polls :meth:`AtRiskModel.tick` counts the time to
breach down from each row's due instant and the view's server time plus the
(monotonic) seconds since the view arrived: no re-poll, and a PC clock that
is off cannot skew it. A row whose countdown passes zero turns "breached".

One row per ticket, for its pressing clock, in few and short columns (a
lead reads them across a desk; the headers' tooltips have the long names).
The ticket's other SLA clock (its own countdown, or paused / met / missed)
is in the clock cell's tooltip, the kind and the creation time in the
row's tooltip, which also lists every clock's state.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, tzinfo
from enum import IntEnum, StrEnum
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from cockpit.at_risk import ClockState, SlaRow
from cockpit.domain import QueueId
from cockpit.metrics import FloorView
from cockpit.sla import SlaState
from widgets.floor_text import (
    clock_short_text,
    clock_text,
    clock_time,
    countdown_text,
    date_time,
    kind_text,
    priority_text,
    sla_state_text,
    span_text,
)
from widgets.models.row_model import RowTableModel
from widgets.theme import DAY, Palette


class AtRiskColumn(IntEnum):
    TIME_TO_BREACH = 0
    TICKET = 1
    QUEUE = 2
    PRIORITY = 3
    CLOCK = 4
    AGE = 5  # since the ticket was created
    ASSIGNEE = 6
    SUBJECT = 7  # the free text: takes the rest of the width


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


# Cells (and tooltips) that change as time runs: the countdown, the clock
# cell's tooltip (the other clock) and the age.
_LIVE = (AtRiskColumn.TIME_TO_BREACH, AtRiskColumn.CLOCK, AtRiskColumn.AGE)
_COUNTDOWNS = (AtRiskColumn.TIME_TO_BREACH, AtRiskColumn.AGE)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


# A row's identity: its ticket, clock and list (C-level, called 800 times a view).
_key = attrgetter("ticket", "clock", "state")


class AtRiskModel(RowTableModel[SlaRow, AtRiskColumn]):
    """At-risk then breached tickets, with a live countdown; read-only."""

    columns = AtRiskColumn

    def __init__(
        self,
        *,
        palette: Palette = DAY,
        language: str = "en",
        zone: tzinfo | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent, palette=palette, language=language)
        self._zone = zone
        self._monotonic = monotonic
        self._view: FloorView | None = None
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
        if self._view is not None:
            self._names = {q.queue: q.display_name(language) for q in self._view.queues}
        super().set_language(language)

    def tick(self) -> None:
        """Count down: repaint the time-to-breach and age cells (whole rows
        for those whose countdown just passed zero)."""
        if not self._rows:
            return
        self._all_changed(min(_LIVE), max(_LIVE))
        breached = self._breached_now(self._rows)
        for i, (before, after) in enumerate(zip(self._breached, breached, strict=True)):
            if after and not before:
                self._row_changed(i)
        self._breached = breached

    def _show(self, rows: tuple[SlaRow, ...]) -> None:
        self._breached = self._breached_now(rows)
        self.set_rows(rows, key=_key)

    def _breached_now(self, rows: Sequence[SlaRow]) -> list[bool]:
        """Per row, whether it reads breached now (as ``state_now``, with
        the time taken once)."""
        now = self.now()
        breached = SlaState.BREACHED
        if now is None:
            return [row.seconds_to_breach < 0 or row.state is breached for row in rows]
        return [row.due_at < now or row.state is breached for row in rows]

    def _select(self, view: FloorView) -> tuple[SlaRow, ...]:
        if self._filter is RowFilter.AT_RISK:
            return view.at_risk
        if self._filter is RowFilter.BREACHED:
            return view.breached
        return view.at_risk + view.breached

    # --- reading ------------------------------------------------------------------

    def queue_names(self) -> list[str]:
        """The queues' names in the UI language (for column widths)."""
        return list(self._names.values())

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

    def clock_seconds(self, clock: ClockState) -> float:
        """Seconds to breach of one of a row's clocks now (a halted one stands still)."""
        now = self.now()
        if now is None or clock.paused or clock.stopped:
            return clock.seconds_to_breach
        return (clock.due_at - now).total_seconds()

    def clock_state_now(self, clock: ClockState) -> SlaState:
        if clock.paused or clock.stopped:
            return clock.state
        return SlaState.BREACHED if self.clock_seconds(clock) < 0 else clock.state

    def other_clock(self, row: SlaRow) -> ClockState | None:
        """The ticket's clock that is not the row's own, if it has one."""
        return next((c for c in row.clocks if c.kind is not row.clock), None)

    def age_s(self, row: SlaRow) -> float:
        now = self.now()
        return row.age_s if now is None else (now - row.created_at).total_seconds()

    # --- Qt model API ---------------------------------------------------------------

    def _alignment(self, column: AtRiskColumn) -> Qt.AlignmentFlag:
        return _RIGHT if column in _COUNTDOWNS else _LEFT

    def _data(self, row: SlaRow, column: AtRiskColumn, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._clock_tip(row) if column is AtRiskColumn.CLOCK else self._describe(row)
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
        if column is AtRiskColumn.CLOCK:
            return clock_short_text(row.clock)
        if column is AtRiskColumn.AGE:
            return span_text(self.age_s(row))
        if column is AtRiskColumn.ASSIGNEE:
            return str(row.assignee) if row.assignee else self.tr("unassigned")
        return row.subject

    def column_texts(self, column: AtRiskColumn) -> set[str]:
        """The distinct texts the shown rows put in ``column`` (sizing it
        without a trip through ``data()`` per cell)."""
        rows = self._rows
        if column is AtRiskColumn.TICKET:
            return {str(row.ticket) for row in rows}
        if column is AtRiskColumn.QUEUE:
            return {self._names.get(q, str(q)) for q in {row.queue for row in rows}}
        if column is AtRiskColumn.ASSIGNEE:
            owners = {row.assignee for row in rows}
            return {str(a) if a else self.tr("unassigned") for a in owners}
        return {self._display(row, column) for row in rows}

    def other_clock_text(self, row: SlaRow) -> str:
        """The ticket's other clock in a few words: "Resolve late 1:00:00",
        "Resolve 4:10:00", "1st reply met"; "" when it has only the one."""
        other = self.other_clock(row)
        return "" if other is None else self._clock_cell(other)

    def _clock_tip(self, row: SlaRow) -> str:
        """The clock cell's tooltip: the row's clock in full, the other one's
        state in a few words, then every clock's due time."""
        lines = [clock_text(row.clock)]
        other = self.other_clock_text(row)
        if other:
            lines.append(self.tr("Other clock: {state}").format(state=other))
        lines.extend(self._clock_line(c) for c in row.clocks)
        return "\n".join(lines)

    def _clock_cell(self, clock: ClockState) -> str:
        """A clock in a few characters: "Resolve late 12:00", "Resolve 04:10", "… met"."""
        name = clock_short_text(clock.kind)
        late = self.clock_state_now(clock) is SlaState.BREACHED
        if clock.stopped:
            word = self.tr("missed") if late else self.tr("met")
            return f"{name} {word}"
        if clock.paused:
            return self.tr("{clock} paused").format(clock=name)
        seconds = self.clock_seconds(clock)
        if late:
            return self.tr("{clock} late {time}").format(clock=name, time=countdown_text(-seconds))
        return f"{name} {countdown_text(seconds)}"

    def _clock_line(self, clock: ClockState) -> str:
        """One clock of the tooltip: its state, its due time and whether it runs."""
        if clock.stopped:
            late = clock.state is SlaState.BREACHED
            state = self.tr("missed") if late else self.tr("met")
        else:
            state = sla_state_text(self.clock_state_now(clock))
        due = clock_time(clock.due_at, self._zone, seconds=True)
        line = self.tr("{clock}: {state}, due at {time}").format(
            clock=clock_text(clock.kind), state=state, time=due
        )
        if clock.paused:
            line += self.tr(" (paused: waiting on the customer)")
        return line

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
        queue = self._names.get(row.queue, str(row.queue))
        lines = [
            f"{row.ticket} · {queue} · {priority_text(row.priority)} · {kind_text(row.kind)}",
            f"{state} · {clock_text(row.clock)}",
            self.tr("Due at {time}").format(time=clock_time(row.due_at, self._zone, seconds=True)),
        ]
        if len(row.clocks) > 1:
            lines.extend(self._clock_line(c) for c in row.clocks)
        created = date_time(row.created_at, self._zone)
        lines.append(
            self.tr("Created at {time} ({age} ago)").format(
                time=created, age=span_text(self.age_s(row))
            )
        )
        owner = str(row.assignee) if row.assignee else self.tr("unassigned")
        lines.append(self.tr("Assignee: {name}").format(name=owner))
        if row.subject:
            lines.append(row.subject)
        lines.append(self.tr("Double-click for the ticket's details"))
        return "\n".join(lines)

    def _headers(self) -> tuple[str, ...]:
        return (
            self.tr("Due in"),
            self.tr("Ticket"),
            self.tr("Queue"),
            self.tr("Pri."),
            self.tr("Clock"),
            self.tr("Age"),
            self.tr("Owner"),
            self.tr("Subject"),
        )

    def _header_tip(self, column: AtRiskColumn) -> str | None:
        tips = {
            AtRiskColumn.TIME_TO_BREACH: self.tr(
                "Time to breach: time left on the ticket's pressing SLA clock, "
                'counting down; "late" and red once past due'
            ),
            AtRiskColumn.TICKET: self.tr("Ticket number (double-click a row for its details)"),
            AtRiskColumn.QUEUE: self.tr("Queue (skill group)"),
            AtRiskColumn.PRIORITY: self.tr("Priority"),
            AtRiskColumn.CLOCK: self.tr(
                "SLA clock the countdown is for: first reply or resolution "
                "(the tooltip has the ticket's other clock)"
            ),
            AtRiskColumn.AGE: self.tr("Age: time since the ticket was created"),
            AtRiskColumn.ASSIGNEE: self.tr("Owner: the agent the ticket is assigned to"),
            AtRiskColumn.SUBJECT: self.tr("Subject"),
        }
        return tips[column]


def _tint(colour: QColor, base: QColor, share: float = 0.16) -> QColor:
    """``colour`` laid thinly over ``base``: a row tint that keeps text readable."""
    return QColor(
        round(base.red() + (colour.red() - base.red()) * share),
        round(base.green() + (colour.green() - base.green()) * share),
        round(base.blue() + (colour.blue() - base.blue()) * share),
    )
