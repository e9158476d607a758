"""A thin Qt table model over an incident's event log, newest first.

An action is written twice in the log (its intent, then its outcome); the
model shows it as one row whose result changes from "in progress" to done,
failed or *unknown outcome* (highlighted: it may or may not have happened).
New events insert rows at the top; an outcome updates its intent's row.
System reminders (checklist "due soon" / "overdue", written by the engine)
are marked (``TimelineRole.REMINDER``) so that the panel can fold them out
of the people's log.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import tzinfo
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush

from cockpit.review_log import WALL_DIFFERS
from cockpit.store.incidents import EventRecord, Outcome, Phase
from widgets.incident_text import (
    LANGUAGE_LABELS,
    action_text,
    clock_text,
    outcome_text,
    reason_text,
    severity_text,
    target_text,
)
from widgets.models.row_model import RowTableModel, bold_font
from widgets.theme import DAY, Palette

_PREVIEW_CHARS = 80


class TimelineColumn(IntEnum):
    TIME = 0
    WHO = 1
    WHAT = 2
    RESULT = 3
    DETAILS = 4  # last: it takes the room that is left, and elides


class TimelineRole(IntEnum):
    OUTCOME = Qt.ItemDataRole.UserRole + 1  # Outcome of the row
    ACTION = Qt.ItemDataRole.UserRole + 2
    EVENT_ID = Qt.ItemDataRole.UserRole + 3
    REMINDER = Qt.ItemDataRole.UserRole + 4  # True for a system reminder


REMINDER_ACTION = "reminder"  # cockpit.incidents.model.Action.REMINDER


def is_reminder(entry: TimelineEntry) -> bool:
    """A reminder the engine wrote, not something a person did."""
    return str(entry.event.action) == REMINDER_ACTION


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One action (intent + outcome) or one plain fact."""

    event: EventRecord
    settled: EventRecord | None = None

    @property
    def outcome(self) -> Outcome:
        return self.settled.outcome if self.settled is not None else self.event.outcome

    @property
    def reason(self) -> str | None:
        for event in (self.settled, self.event):
            if event is not None and event.payload.get("reason"):
                return str(event.payload["reason"])
        return None


class TimelineModel(RowTableModel[TimelineEntry, TimelineColumn]):
    """The incident log, newest first; read-only."""

    columns = TimelineColumn
    _rows: list[TimelineEntry]  # newest first

    def __init__(
        self,
        *,
        palette: Palette = DAY,
        language: str = "en",
        zone: tzinfo | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent, palette=palette, language=language)
        self._rows = []
        self._by_event: dict[int, int] = {}  # event id → index from the oldest
        self._step_titles: Mapping[str, Mapping[str, str]] = {}
        self._script_titles: Mapping[str, Mapping[str, str]] = {}
        self._chats: Mapping[str, str] = {}
        self._zone = zone
        self.last_id: int | None = None

    # --- updates ----------------------------------------------------------------

    def clear(self) -> None:
        self._by_event, self.last_id = {}, None
        self._reset_rows([])

    def set_step_titles(self, titles: Mapping[str, Mapping[str, str]]) -> None:
        self._step_titles = titles

    def set_names(
        self, *, scripts: Mapping[str, Mapping[str, str]], chats: Mapping[str, str]
    ) -> None:
        """The playbook's script titles (per language) and team-chat labels,
        so the log shows names instead of ids."""
        self._script_titles, self._chats = scripts, chats

    def add_events(self, events: Iterable[EventRecord]) -> None:
        """Append newer events (``id`` above :attr:`last_id`); older ones are ignored."""
        fresh: list[TimelineEntry] = []
        for event in events:
            if self.last_id is not None and event.id <= self.last_id:
                continue
            self.last_id = event.id
            if self._settle(event, fresh):
                continue
            self._by_event[event.id] = len(self._rows) + len(fresh)
            fresh.append(TimelineEntry(event))
        if not fresh:
            return
        self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
        self._rows[0:0] = list(reversed(fresh))
        self.endInsertRows()

    def _settle(self, outcome: EventRecord, fresh: list[TimelineEntry]) -> bool:
        """Put an outcome on its intent's row; False when it is not an
        outcome of a shown intent."""
        if outcome.phase is not Phase.OUTCOME or outcome.related_id is None:
            return False
        position = self._by_event.get(outcome.related_id)
        if position is None:
            return False
        shown = len(self._rows)
        if position >= shown:  # its intent arrived in this same batch
            fresh[position - shown] = TimelineEntry(fresh[position - shown].event, outcome)
            return True
        row = shown - 1 - position
        self._rows[row] = TimelineEntry(self._rows[row].event, outcome)
        self._row_changed(row)
        return True

    def entries(self) -> tuple[TimelineEntry, ...]:
        return self.rows()

    def reminder_rows(self) -> list[int]:
        """The rows that are system reminders (newest first, as shown)."""
        return [row for row, entry in enumerate(self._rows) if is_reminder(entry)]

    # --- Qt model API -------------------------------------------------------------

    def _headers(self) -> tuple[str, ...]:
        return (
            self.tr("Time"),
            self.tr("Who"),
            self.tr("What"),
            self.tr("Result"),
            self.tr("Details"),
        )

    def _data(self, entry: TimelineEntry, column: TimelineColumn, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            return self._colour(entry.outcome, role)
        if role == Qt.ItemDataRole.FontRole and entry.outcome is Outcome.UNKNOWN:
            return bold_font()
        if role == TimelineRole.OUTCOME:
            return entry.outcome
        if role == TimelineRole.ACTION:
            return entry.event.action
        if role == TimelineRole.EVENT_ID:
            return entry.event.id
        if role == TimelineRole.REMINDER:
            return is_reminder(entry)
        return None

    # --- cells ------------------------------------------------------------------

    def _display(self, entry: TimelineEntry, column: TimelineColumn) -> str:
        event = entry.event
        if column is TimelineColumn.TIME:
            return clock_text(event.at, self._zone)
        if column is TimelineColumn.WHO:
            return self.tr("system") if event.who == "system" else event.who
        if column is TimelineColumn.WHAT:
            return action_text(event.action)
        if column is TimelineColumn.DETAILS:
            details = self._details(entry)
            if entry.outcome is not Outcome.OK and entry.reason:
                reason = reason_text(entry.reason)
                details = f"{details} · {reason}" if details else reason
            return _shorten(details)
        return self._result(entry)

    def _result(self, entry: TimelineEntry) -> str:
        outcome = entry.outcome
        if entry.event.phase is Phase.RECORD and outcome is Outcome.OK:
            return ""
        if entry.reason == "webhook_not_configured":
            return self.tr("not sent")
        text = outcome_text(outcome.value)
        return "⚠ " + text if outcome is Outcome.UNKNOWN else text

    def _details(self, entry: TimelineEntry) -> str:
        p = entry.event.payload
        action = entry.event.action
        if action in ("note", "status_update"):
            return str(p.get("text", ""))
        if action in ("declare", "join", "resolve"):
            severity = severity_text(str(p["severity"])) + " · " if p.get("severity") else ""
            return severity + str(p.get("summary", ""))
        if action == "variables":
            return ", ".join(f"{k} = {v}" for k, v in p.items())
        if action in ("step_done", "reminder"):
            return self._step_title(str(p.get("step", "")))
        if action == "script_publish" and p.get("title"):
            language = str(p.get("language", ""))
            return f"{p['title']} ({LANGUAGE_LABELS.get(language, language)})"
        if action == "webhook" and p.get("channel"):
            return target_text(f"team:{p['channel']}", self._chats) + f" · {p.get('title', '')}"
        if action == "script_withdraw" and p.get("backend_id"):
            return self._backend_script(str(p["backend_id"]))
        if action == "ticket_reply" and p.get("ticket"):
            return self.tr("ticket {id}").format(id=p["ticket"])
        if action in ("bot_on", "bot_restore"):
            state = p.get("set")
            return str(state.get("message", "")) if isinstance(state, Mapping) else ""
        target = p.get("target") or p.get("backend_id")
        if target:
            return target_text(str(target), self._chats)
        return self._script_title(str(p["script"])) if p.get("script") else ""

    def _script_title(self, script_id: str) -> str:
        titles = self._script_titles.get(script_id)
        return (
            (titles.get(self._language) or titles.get("en") or script_id) if titles else script_id
        )

    def _backend_script(self, backend_id: str) -> str:
        """``inc1-outage_ack-zh_CN`` (as published) → "Outage: apology (中文)"."""
        head, _, language = backend_id.rpartition("-")
        script = head.partition("-")[2]
        if language not in LANGUAGE_LABELS or not script:
            return backend_id
        return f"{self._script_title(script)} ({LANGUAGE_LABELS[language]})"

    def _step_title(self, step_id: str) -> str:
        titles = self._step_titles.get(step_id)
        if not titles:
            return step_id
        return titles.get(self._language) or titles.get("en") or step_id

    def _tooltip(self, entry: TimelineEntry) -> str:
        lines = [self._details(entry)]
        if entry.outcome is Outcome.UNKNOWN:
            lines.append(
                self.tr(
                    "Unknown outcome: the backend did not confirm it. Check in the backend "
                    "whether it happened before trying again."
                )
            )
        if entry.reason:
            lines.append(reason_text(entry.reason))
        wall = entry.event.wall_at
        if wall is not None and abs(wall - entry.event.at) >= WALL_DIFFERS:
            # The time column is floor time (the backend's); say the wall clock too.
            lines.append(self.tr("Wall clock: {time}").format(time=clock_text(wall, self._zone)))
        return "\n".join(line for line in lines if line)

    def _colour(self, outcome: Outcome, role: int) -> QBrush | None:
        p = self._palette
        background = role == Qt.ItemDataRole.BackgroundRole
        if outcome is Outcome.UNKNOWN:
            return QBrush(p.color("warn_bg" if background else "warn_text"))
        if outcome is Outcome.FAILED:
            return QBrush(p.color("critical_bg" if background else "critical_text"))
        if outcome is Outcome.NOT_SUPPORTED and not background:
            return QBrush(p.color("text_muted"))
        return None


def _shorten(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= _PREVIEW_CHARS else line[: _PREVIEW_CHARS - 1] + "…"
