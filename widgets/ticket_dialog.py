"""One ticket's details, as of the last poll: who, what, where, its SLA
clocks, its escalation, and a button that opens it in the backend's web UI
when the backend gave a link (http or https only: a link from a backend is
never handed to the desktop as anything else).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain import EscalationLevel
from cockpit.lookups import TicketDetails
from cockpit.sla import SlaClock, SlaState
from widgets.floor_text import (
    channel_text,
    clock_text,
    countdown_text,
    date_time,
    kind_text,
    level_text,
    priority_text,
    sla_state_text,
    span_text,
    status_text,
)

Opener = Callable[[QUrl], object]


def web_url(url: str | None) -> QUrl | None:
    """The ticket's link when it is a proper http(s) URL, else None."""
    if not url:
        return None
    parsed = QUrl(url, QUrl.ParsingMode.StrictMode)
    if not parsed.isValid() or parsed.scheme().lower() not in ("http", "https"):
        return None
    if not parsed.host():
        return None
    return parsed


class TicketDialog(QDialog):
    """The details of one ticket; "Open in web UI" when it has a web link."""

    def __init__(
        self,
        details: TicketDetails,
        *,
        queue_name: str,
        zone: tzinfo | None = None,
        opener: Opener = QDesktopServices.openUrl,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ticketDialog")
        self._details = details
        self._zone = zone
        self._opener = opener
        ticket = details.ticket
        self.url = web_url(ticket.url)
        self.setWindowTitle(self.tr("Ticket {id}").format(id=ticket.id))

        heading = QLabel(ticket.subject or str(ticket.id), self)
        heading.setObjectName("panelTitle")
        heading.setWordWrap(True)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.fields: dict[str, QLabel] = {}
        for key, label, value in self._rows(queue_name):
            field = QLabel(value, self)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            self.fields[key] = field
            form.addRow(label, field)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = QPushButton(self.tr("Open in web UI"), self)
        self.open_button.setEnabled(self.url is not None)
        if self.url is None:
            self.open_button.setToolTip(self.tr("The backend gave no web link for this ticket"))
        else:
            self.open_button.setToolTip(self.url.toString())
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self._on_open_clicked)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _on_open_clicked(self) -> None:
        if self.url is not None:
            self._opener(self.url)

    def _rows(self, queue_name: str) -> list[tuple[str, str, str]]:
        t = self._details.ticket
        now = self._details.as_of
        age = span_text((now - t.created_at).total_seconds())
        rows = [
            ("id", self.tr("Ticket"), str(t.id)),
            ("queue", self.tr("Queue"), queue_name),
            ("priority", self.tr("Priority"), priority_text(t.priority)),
            ("kind", self.tr("Kind"), kind_text(t.kind)),
            ("status", self.tr("Status"), status_text(t.status)),
            ("channel", self.tr("Channel"), channel_text(t.channel)),
            ("topic", self.tr("Topic"), str(t.topic)),
            (
                "created",
                self.tr("Created"),
                self.tr("{time} ({age} ago)").format(
                    time=date_time(t.created_at, self._zone), age=age
                ),
            ),
            (
                "assignee",
                self.tr("Assignee"),
                str(t.assignee) if t.assignee else self.tr("unassigned"),
            ),
        ]
        if t.escalation is not EscalationLevel.AGENT:
            since = t.escalated_at or t.created_at
            level = self.tr("{level} since {time}").format(
                level=level_text(t.escalation), time=date_time(since, self._zone)
            )
            rows.append(("escalation", self.tr("Escalated to"), level))
        if t.waiting_on:
            rows.append(("waiting_on", self.tr("Waiting on"), t.waiting_on))
        for clock in self._details.clocks:
            rows.append((f"clock_{clock.kind.value}", clock_text(clock.kind), self._clock(clock)))
        if t.tags:
            rows.append(("tags", self.tr("Tags"), ", ".join(t.tags)))
        rows.append(("url", self.tr("Web link"), t.url or "—"))
        return rows

    def _clock(self, clock: SlaClock) -> str:
        now = self._details.as_of
        due = date_time(clock.due_at, self._zone)
        if clock.stopped_at is not None:
            met = clock.stopped_at <= clock.due_at
            when = date_time(clock.stopped_at, self._zone)
            if met:
                return self.tr("met at {time} (due {due})").format(time=when, due=due)
            return self.tr("breached: done at {time}, due {due}").format(time=when, due=due)
        state = clock.state(now)
        seconds = clock.seconds_to_breach(now)
        if state is SlaState.BREACHED:
            text = self.tr("{state}: late by {time} (due {due})").format(
                state=sla_state_text(state), time=countdown_text(-seconds), due=due
            )
        else:
            text = self.tr("{state}: {time} left (due {due})").format(
                state=sla_state_text(state), time=countdown_text(seconds), due=due
            )
        if clock.paused_at is not None:
            text += " · " + self.tr("paused while waiting on the customer")
        return text
