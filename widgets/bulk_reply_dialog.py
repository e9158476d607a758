"""One reply to many tickets: select the open tickets that belong to the
incident (topics, keywords, queues, arrival time; prefilled from the
playbook), see how many match with a few sample subjects, then send them the
chosen script in one action and read how it went per ticket.

The count is computed off the GUI thread from the tickets of the last poll;
"Send" answers exactly the tickets of the preview on screen. Tickets already
answered by this incident are never answered twice. The same filter is kept
so the incident panel can answer later arrivals with one click.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain import TicketId
from cockpit.incidents.matching import TICKETS_CHANNEL, TicketFilter
from cockpit.incidents.model import Change
from cockpit.incidents.playbook import LANGUAGES
from cockpit.review_labels import Labels
from cockpit.store.incidents import Outcome
from widgets.confirm import Confirm, ask
from widgets.incident_banner import ui_language
from widgets.incident_state import (
    BulkPlan,
    BulkPreview,
    IncidentHost,
    IncidentPicture,
    current_user,
    preview_bulk,
)
from widgets.incident_text import LANGUAGE_LABELS, reason_text
from widgets.preview_send import preview_timer, send_buttons
from widgets.result_view import ResultView
from widgets.run_op import run_op

PREVIEW_DELAY_MS = 250


def _aware(wall: datetime, zone: tzinfo | None) -> datetime:
    """A wall-clock time read in ``zone`` (the computer's zone when None)."""
    local = wall.replace(tzinfo=zone) if zone is not None else wall.astimezone()
    return local.astimezone(UTC)


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.replace("，", ",").split(",") if w.strip())


class BulkReplyDialog(QDialog):
    def __init__(
        self,
        host: IncidentHost,
        picture: IncidentPicture,
        flt: TicketFilter,
        *,
        confirm: Confirm = ask,
        zone: tzinfo | None = None,
        on_sent: Callable[[BulkPlan], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        assert picture.incident is not None
        assert picture.playbook is not None
        self.setObjectName("bulkReplyDialog")
        self.setMinimumSize(720, 600)
        self._host = host
        self._incident = picture.incident
        self._playbook = picture.playbook
        self._confirm = confirm
        self._zone = zone
        self._on_sent_plan = on_sent
        self._generation = 0
        self.preview: BulkPreview | None = None
        self._preview_generation = -1
        self.sent: Change | None = None

        self.topics = QLineEdit(", ".join(sorted(flt.topics)), self)
        self.keywords = QLineEdit(", ".join(flt.keywords), self)
        self.queues = QLineEdit(", ".join(sorted(flt.queues)), self)
        self.any_time = QCheckBox(self)
        self.since = QDateTimeEdit(self)
        self.since.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.since.setCalendarPopup(True)
        # Shown as a wall-clock time in the display zone, as everywhere else.
        since = (flt.since or self._incident.declared_at).astimezone(zone)
        day, clock = QDate(since.year, since.month, since.day), QTime(since.hour, since.minute)
        self.since.setDateTime(QDateTime(day, clock))
        self.any_time.setChecked(flt.since is None)
        self._channels = flt.channels
        self.script_box = QComboBox(self)
        language = ui_language()
        # Queue ids in words (the built-in simulator's are known).
        self._labels = Labels(language)
        for script in self._playbook.scripts:
            if TICKETS_CHANNEL in script.channels:
                self.script_box.addItem(script.title.get(language), script.id)
        self.language_box = QComboBox(self)
        for code in LANGUAGES:
            self.language_box.addItem(LANGUAGE_LABELS.get(code, code), code)
        self.language_box.setCurrentIndex(self.language_box.findData(language))
        self.count = QLabel(self)
        self.count.setObjectName("bulkCount")
        self.samples = QListWidget(self)
        self.results_view = ResultView(self)
        self.send_button = QPushButton(self)
        self.buttons = send_buttons(self, self.send_button, self._on_send_clicked)
        self._timer = preview_timer(self, PREVIEW_DELAY_MS, self._request_preview)
        self._build()
        for edit in (self.topics, self.keywords, self.queues):
            edit.textChanged.connect(self._on_filter_changed)
        self.since.dateTimeChanged.connect(self._on_filter_changed)
        self.any_time.toggled.connect(self._on_filter_changed)
        self.script_box.currentIndexChanged.connect(self._on_filter_changed)
        self._on_filter_changed()

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Reply to matching tickets"))
        form = QFormLayout()
        form.addRow(self.tr("Topics"), self.topics)
        form.addRow(self.tr("Keywords (subject or tags)"), self.keywords)
        form.addRow(self.tr("Only these queues (empty: all)"), self.queues)
        since_row = QHBoxLayout()
        since_row.addWidget(self.since, 1)
        since_row.addWidget(self.any_time)
        form.addRow(self.tr("Arrived after"), since_row)
        form.addRow(self.tr("Reply with"), self.script_box)
        form.addRow(self.tr("Language"), self.language_box)
        self.any_time.setText(self.tr("any time"))
        self.topics.setToolTip(self.tr("A ticket matches by topic or by keyword; comma-separated"))
        hint = QLabel(self.tr("Newest matching tickets:"), self)
        hint.setObjectName("sectionTitle")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.count)
        layout.addWidget(hint)
        layout.addWidget(self.samples, 1)
        layout.addWidget(self.results_view)
        layout.addWidget(self.buttons)
        self.send_button.setText(self.tr("Send reply…"))

    # --- filter and preview -------------------------------------------------------

    def ticket_filter(self) -> TicketFilter:
        since = None
        if not self.any_time.isChecked():
            wall = self.since.dateTime().toPython()
            assert isinstance(wall, datetime)
            since = _aware(wall, self._zone)
        return TicketFilter(
            topics=frozenset(_words(self.topics.text())),
            keywords=_words(self.keywords.text()),
            queues=frozenset(_words(self.queues.text())),
            channels=self._channels,
            since=since,
        )

    def _on_filter_changed(self) -> None:
        self.since.setEnabled(not self.any_time.isChecked())
        self._generation += 1
        self.send_button.setEnabled(False)
        self.count.setText(self.tr("Counting…"))
        self._timer.start()

    def _request_preview(self) -> None:
        host, incident_id, flt = self._host, self._incident.id, self.ticket_filter()
        generation = self._generation
        run_op(
            self,
            lambda: preview_bulk(host.require_engine(), host.open_tickets(), incident_id, flt),
            on_success=lambda preview: self._show_preview(preview, generation),
        )

    def _show_preview(self, preview: BulkPreview, generation: int) -> None:
        if generation != self._generation:
            return
        self.preview, self._preview_generation = preview, generation
        match = preview.match
        self.count.setText(
            self.tr(
                "{n} open tickets match and have not been answered yet ({m} already were)"
            ).format(n=match.count, m=match.already_answered)
        )
        self.samples.clear()
        for sample in preview.samples:
            when = sample.created_at.astimezone(self._zone)
            queue = self._labels.queue(sample.queue)
            self.samples.addItem(f"{when:%H:%M}  ·  {queue}  ·  {sample.subject}")
        ready = match.count > 0 and self.sent is None and self.script_box.count() > 0
        self.send_button.setEnabled(ready)

    # --- sending ------------------------------------------------------------------

    def _on_send_clicked(self) -> None:
        preview = self.preview
        if preview is None or self._preview_generation != self._generation:
            return
        script_id = str(self.script_box.currentData())
        language = str(self.language_box.currentData())
        text = self.tr("Send “{script}” as a reply to {n} tickets? Customers see it at once.")
        text = text.format(script=self.script_box.currentText(), n=preview.match.count)
        if not self._confirm(self, self.tr("Reply to tickets"), text, self.tr("Send reply")):
            return
        plan = BulkPlan(self.ticket_filter(), script_id, language)
        only: frozenset[TicketId] = frozenset(preview.match.ticket_ids)
        host, incident_id, who = self._host, self._incident.id, current_user()
        self.send_button.setEnabled(False)
        run_op(
            self,
            lambda: host.require_engine().bulk_reply(
                incident_id,
                script_id,
                tickets=host.open_tickets(),
                who=who,
                language=language,
                flt=plan.flt,
                only=only,
            ),
            on_success=lambda change: self._on_sent(change, plan),
            on_failure=lambda _exc: self.send_button.setEnabled(True),
        )

    def _on_sent(self, change: Change, plan: BulkPlan) -> None:
        self.sent = change
        ok = sum(1 for r in change.results if r.ok)
        unknown = sum(1 for r in change.results if r.outcome is Outcome.UNKNOWN)
        failed = len(change.results) - ok - unknown
        lines = [
            self.tr(
                "Replied to {ok} tickets; {failed} failed; {unknown} with unknown outcome."
            ).format(ok=ok, failed=failed, unknown=unknown)
        ]
        for result in change.failures[:6]:
            lines.append(f"✗ {result.target or ''}: {reason_text(result.reason)}")
        self.results_view.show_result("\n".join(lines), ok=change.ok)
        self.send_button.setText(self.tr("Sent"))
        if self._on_sent_plan is not None:
            self._on_sent_plan(plan)
