"""A thin Qt table model over an incident's checklist (``StepState`` rows).

Deadlines come from the core; the model recomputes each step's status and
countdown at the GUI's "now" (``set_now`` every second), so the countdown
ticks without a database call. A new checklist with the same steps emits
``dataChanged``; a different set of steps resets the model.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, tzinfo
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush

from cockpit.incidents.checklist import StepState, StepStatus
from widgets.incident_state import live_status
from widgets.incident_text import countdown_text
from widgets.models.row_model import RowTableModel, bold_font
from widgets.theme import DAY, Palette


class ChecklistColumn(IntEnum):
    STEP = 0
    OWNER = 1
    DUE = 2


class ChecklistRole(IntEnum):
    STEP_ID = Qt.ItemDataRole.UserRole + 1
    STATUS = Qt.ItemDataRole.UserRole + 2  # StepStatus at the model's "now"
    RECURRING = Qt.ItemDataRole.UserRole + 3


class ChecklistModel(RowTableModel[StepState, ChecklistColumn]):
    """One row per checklist step: title, owner, countdown; read-only."""

    columns = ChecklistColumn

    def __init__(
        self,
        *,
        palette: Palette = DAY,
        language: str = "en",
        zone: tzinfo | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent, palette=palette, language=language)
        self._done_by: Mapping[str, str] = {}
        self._remind_before = timedelta(minutes=10)
        self._now = datetime.now(UTC)
        self._zone = zone

    # --- updates ----------------------------------------------------------------

    def set_steps(
        self,
        steps: tuple[StepState, ...],
        *,
        done_by: Mapping[str, str],
        remind_before: timedelta,
    ) -> None:
        self._done_by, self._remind_before = dict(done_by), remind_before
        self.set_rows(steps, key=lambda step: step.step_id)

    def set_now(self, now: datetime) -> None:
        self._now = now
        self._all_changed()

    def steps(self) -> tuple[StepState, ...]:
        return self.rows()

    def status(self, row: int) -> StepStatus:
        return self._status(self._rows[row])

    def _status(self, step: StepState) -> StepStatus:
        return live_status(step, self._now, self._remind_before)

    # --- Qt model API -------------------------------------------------------------

    def _headers(self) -> tuple[str, ...]:
        return (self.tr("Step"), self.tr("Who"), self.tr("Due"))

    def _data(self, step: StepState, column: ChecklistColumn, role: int) -> Any:
        status = self._status(step)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(step, column, status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(step, status)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            return self._colour(status, role)
        if role == Qt.ItemDataRole.FontRole and status is StepStatus.OVERDUE:
            return bold_font()
        if role == ChecklistRole.STEP_ID:
            return step.step_id
        if role == ChecklistRole.STATUS:
            return status
        if role == ChecklistRole.RECURRING:
            return step.recurring
        return None

    # --- cells ------------------------------------------------------------------

    def _display(self, step: StepState, column: ChecklistColumn, status: StepStatus) -> str:
        if column is ChecklistColumn.STEP:
            title = step.title.get(self._language) or step.title.get("en") or step.step_id
            mark = "✓ " if status is StepStatus.DONE else ""
            if step.recurring and step.every is not None:
                minutes = int(step.every.total_seconds() // 60)
                if minutes >= 60 and minutes % 60 == 0:
                    every = self.tr("every {n} h").format(n=minutes // 60)
                else:
                    every = self.tr("every {n} min").format(n=minutes)
                return f"{mark}{title}  ({every})"
            return mark + title
        if column is ChecklistColumn.OWNER:
            return self._owner(step.owner)
        return countdown_text(
            step, status, self._now, zone=self._zone, who=self._done_by.get(step.step_id)
        )

    def _owner(self, owner: str | None) -> str:
        known = {
            "lead": self.tr("Team lead"),
            "agent": self.tr("Agents"),
            "supervisor": self.tr("Supervisor"),
            "pr": self.tr("PR"),
            "legal": self.tr("Legal"),
        }
        if owner is None:
            return "—"
        return known.get(owner, owner)

    def _tooltip(self, step: StepState, status: StepStatus) -> str:
        lines = [step.title.get(self._language) or step.step_id]
        # What a narrow panel may hide or cut short: the owner, who ticked it.
        lines.append(self.tr("Who: {owner}").format(owner=self._owner(step.owner)))
        if step.due_at is not None:
            due = step.due_at.astimezone(self._zone)
            lines.append(self.tr("Due at {time}").format(time=f"{due:%H:%M:%S}"))
        if status is StepStatus.DONE and step.done_at is not None:
            done = step.done_at.astimezone(self._zone)
            lines.append(
                self.tr("Done at {time} by {who}").format(
                    time=f"{done:%H:%M:%S}", who=self._done_by.get(step.step_id) or "—"
                )
            )
        if step.completions:
            lines.append(self.tr("Done {n} time(s)").format(n=step.completions))
        if status is StepStatus.OVERDUE:
            lines.append(self.tr("Overdue: do it now, or tell the supervisor why not"))
        return "\n".join(lines)

    def _colour(self, status: StepStatus, role: int) -> QBrush | None:
        p = self._palette
        background = role == Qt.ItemDataRole.BackgroundRole
        if status is StepStatus.OVERDUE:
            return QBrush(p.color("critical_bg" if background else "critical_text"))
        if status is StepStatus.DUE_SOON:
            return QBrush(p.color("warn_bg" if background else "warn_text"))
        if status in (StepStatus.DONE, StepStatus.CLOSED) and not background:
            return QBrush(p.color("text_muted"))
        return None
