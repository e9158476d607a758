"""The incident panel: the checklist with live countdowns, the live timeline
of the incident log, notes and status updates, and the incident's actions
(broadcast, bot, one reply to many tickets, resolve).

Every action runs off the GUI thread through ``run_op`` and ends in the
incident log; switching the bot, resolving and ticking a one-off step ask
for confirmation first. A button the backend cannot serve is disabled and
its tooltip says why. After each action the panel emits ``changed`` so the
controller reads the incident again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cockpit.incidents.engine import IncidentEngine
from cockpit.incidents.model import Change
from widgets.checklist_view import ChecklistView, table_view
from widgets.confirm import Confirm, ask
from widgets.incident_banner import ui_language
from widgets.incident_state import (
    BotState,
    BulkPlan,
    IncidentHost,
    IncidentPicture,
    current_user,
)
from widgets.incident_text import change_summary, chat_titles, topics_text, unavailable_text
from widgets.models.timeline_model import TimelineColumn, TimelineModel
from widgets.notes_bar import NotesBar
from widgets.resolve_dialog import ResolvePlan, ask_resolution
from widgets.result_view import ResultView
from widgets.run_op import run_op
from widgets.table_fit import ColumnFit, texts_of
from widgets.theme import Palette

AskResolution = Callable[[QWidget | None, ResolvePlan], str | None]
OpenDialog = Callable[["IncidentPanel"], Any]


def _system_now() -> datetime:
    return datetime.now(UTC)


# The incident log: the details take what is left; what a row did is cut
# after the longest action's name; "who" gives way in a narrow panel.
TIMELINE_FIT = ColumnFit(
    stretch=TimelineColumn.DETAILS,
    stretch_ems=10,
    give_way=(TimelineColumn.WHO,),
    caps={TimelineColumn.WHAT: "Broadcast to agents", TimelineColumn.WHO: "lead-li-wei"},
)


class IncidentPanel(QFrame):
    """Checklist, timeline, notes and actions of the open incident."""

    changed = Signal()

    def __init__(
        self,
        host: IncidentHost,
        *,
        confirm: Confirm = ask,
        resolve: AskResolution = ask_resolution,
        clock: Callable[[], datetime] = _system_now,
        zone: tzinfo | None = None,
        tick_ms: int = 1000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("incidentPanel")
        self._host = host
        self.confirm = confirm
        self.ask_resolution = resolve
        self._clock = clock
        self._zone = zone
        self._busy = False
        self.picture: IncidentPicture | None = None
        self.collapsed = False
        self.bulk_plan: BulkPlan | None = None
        # Dialog openers, replaced by the controller (and by tests).
        self.open_broadcast: OpenDialog | None = None
        self.open_bulk_reply: OpenDialog | None = None

        self.timeline = TimelineModel(language=ui_language(), zone=zone, parent=self)
        self._build()
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._on_tick)
        self._timer.start()
        self._retranslate()

    # --- layout -----------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("panelTitle")
        self.summary = QLabel(self)
        self.summary.setObjectName("incidentSummary")
        self.summary.setWordWrap(True)
        self.result = ResultView(self)
        self.broadcast_button = QPushButton(self)
        self.bot_button = QPushButton(self)
        self.bulk_button = QPushButton(self)
        self.answer_new_button = QPushButton(self)
        self.answer_new_button.setObjectName("answerNewButton")
        self.answer_new_button.hide()  # until a bulk reply has gone out
        self.resolve_button = QPushButton(self)
        self.resolve_button.setObjectName("resolveButton")

        self.steps = ChecklistView(zone=self._zone, parent=self)
        self.checklist, self.checklist_view = self.steps.model, self.steps.table
        self.step_button = self.steps.button
        self.timeline_view = table_view(self.timeline, self)
        header = self.timeline_view.horizontalHeader()
        for column in TimelineColumn:
            stretch = column is TimelineColumn.DETAILS
            mode = QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.Fixed
            header.setSectionResizeMode(column, mode)
        self.timeline_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # A narrower panel (collapsed, a 1366 screen) refits the log's columns.
        self.timeline_view.installEventFilter(self)
        self.notes = NotesBar(self)
        self.note_edit, self.notify_box = self.notes.edit, self.notes.notify_box
        self.note_button, self.status_button = self.notes.note_button, self.notes.status_button

        self._timeline_title = QLabel(self)
        self._timeline_title.setObjectName("sectionTitle")
        # System reminders fold out of the people's log unless asked for.
        self.reminders_box = QCheckBox(self)
        self.reminders_box.toggled.connect(self._fold_reminders)
        self.timeline.rowsInserted.connect(self._fold_reminders)
        self.timeline.modelReset.connect(self._fold_reminders)
        timeline_top = QHBoxLayout()
        timeline_top.addWidget(self._timeline_title, 1)
        timeline_top.addWidget(self.reminders_box)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addLayout(timeline_top)
        bottom_layout.addWidget(self.timeline_view)
        bottom_layout.addWidget(self.notes)
        self.sections = QSplitter(Qt.Orientation.Vertical, self)
        self.sections.setChildrenCollapsible(False)
        self.sections.addWidget(self.steps)
        self.sections.addWidget(bottom)
        self.sections.setStretchFactor(1, 1)
        # Collapsing hides the panel until the banner is clicked: the floor
        # (queues, at-risk list) then has the whole width again.
        self.collapse_button = QToolButton(self)
        self.collapse_button.setObjectName("collapseButton")
        self.collapse_button.setText("»")
        self.collapse_button.clicked.connect(self.collapse)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.collapse_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addLayout(title_row)
        layout.addWidget(self.summary)
        layout.addLayout(self._actions_layout())
        layout.addWidget(self.result)
        layout.addWidget(self.sections, 1)
        self._connect()

    def _actions_layout(self) -> QGridLayout:
        self._actions = grid = QGridLayout()
        grid.setSpacing(8)
        # Two columns: the panel stays narrow beside the floor.
        grid.addWidget(self.broadcast_button, 0, 0)
        grid.addWidget(self.bot_button, 0, 1)
        grid.addWidget(self.bulk_button, 1, 0)
        grid.addWidget(self.answer_new_button, 1, 1)
        self._place_resolve()
        return grid

    def _place_resolve(self) -> None:
        """Resolving beside the bulk reply while "answer new" is away, else a
        row of its own: the checklist and the log below keep the row."""
        beside = self.answer_new_button.isHidden()
        self._actions.removeWidget(self.resolve_button)
        if beside:
            self._actions.addWidget(self.resolve_button, 1, 1)
        else:
            self._actions.addWidget(self.resolve_button, 2, 0, 1, 2)

    # --- collapsing and folding -----------------------------------------------------

    def collapse(self) -> None:
        """Hide the panel while the incident runs (the banner brings it back)."""
        self.collapsed = True
        self.hide()

    def expand(self) -> None:
        self.collapsed = False
        if self.picture is not None and self.picture.incident is not None:
            self.show()

    def _fold_reminders(self) -> None:
        show = self.reminders_box.isChecked()
        rows = set(self.timeline.reminder_rows())
        for row in range(self.timeline.rowCount()):
            self.timeline_view.setRowHidden(row, row in rows and not show)
        self.reminders_box.setText(self.tr("Show system reminders ({n})").format(n=len(rows)))

    def _connect(self) -> None:
        self.broadcast_button.clicked.connect(self._on_broadcast_clicked)
        self.bot_button.clicked.connect(self._on_bot_clicked)
        self.bulk_button.clicked.connect(self._on_bulk_clicked)
        self.answer_new_button.clicked.connect(self._on_answer_new_clicked)
        self.resolve_button.clicked.connect(self._on_resolve_clicked)
        self.steps.stepRequested.connect(self._on_step_requested)
        self.steps.statusStepChosen.connect(self._on_status_step_chosen)
        self.notes.noteRequested.connect(self._on_note_requested)
        self.notes.statusRequested.connect(self._on_status_requested)

    # --- showing ------------------------------------------------------------------

    def show_picture(self, picture: IncidentPicture) -> None:
        """Show the incident of ``picture`` (its events are the new ones)."""
        previous = self.picture.incident if self.picture is not None else None
        self.picture = picture
        incident, playbook = picture.incident, picture.playbook
        if incident is None or playbook is None:
            self.timeline.clear()
            self.steps.show_steps((), done_by={}, remind_before=timedelta(minutes=10))
            return
        if previous is None or previous.id != incident.id:
            self.timeline.clear()
            self.bulk_plan = None
            self.result.hide()
        if picture.plan is not None and self.bulk_plan is None:
            self.bulk_plan = picture.plan
        titles = {s.id: {"zh_CN": s.title.zh_CN, "en": s.title.en} for s in playbook.checklist}
        titles.update({s.step_id: dict(s.title) for s in picture.checklist})
        self.timeline.set_step_titles(titles)
        scripts = {s.id: {"zh_CN": s.title.zh_CN, "en": s.title.en} for s in playbook.scripts}
        self.timeline.set_names(scripts=scripts, chats=chat_titles(incident.playbook))
        self.timeline.add_events(picture.events)
        self.steps.set_now(self._clock())
        self.steps.show_steps(
            picture.checklist, done_by=dict(picture.done_by), remind_before=playbook.remind_before
        )
        self._fit_timeline()
        self._retranslate()

    def _fit_timeline(self) -> None:
        """Short columns fit their contents; the details take the rest and
        elide; in a narrow panel "who" gives way (never a sideways scroll)."""
        model = self.timeline
        samples = {
            column: texts_of(
                list({model.index(row, column).data() for row in range(model.rowCount())}),
                fallback=[str(model.headerData(column, Qt.Orientation.Horizontal))],
            )
            for column in TimelineColumn
            if column is not TimelineColumn.DETAILS
        }
        TIMELINE_FIT.apply(self.timeline_view, samples)

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if watched is self.timeline_view and event.type() == QEvent.Type.Resize:
            self._fit_timeline()
        return False

    def set_palette(self, palette: Palette) -> None:
        self.checklist.set_palette(palette)
        self.timeline.set_palette(palette)

    def show_result(self, text: str, *, ok: bool) -> None:
        self.result.show_result(text, ok=ok)

    def _on_tick(self) -> None:
        self.steps.set_now(self._clock())

    # --- actions ------------------------------------------------------------------

    def _incident_id(self) -> int | None:
        picture = self.picture
        return None if picture is None or picture.incident is None else picture.incident.id

    def run_change(
        self,
        op: Callable[[IncidentEngine], Change],
        *,
        then: Callable[[Change], None] | None = None,
    ) -> None:
        """Run an incident op off-thread; show its result, then ``changed``."""
        host = self._host
        self._set_busy(True)

        def done(change: Change) -> None:
            self._set_busy(False)
            self.show_result(change_summary(change, self._zone), ok=change.ok)
            if then is not None:
                then(change)
            self.changed.emit()

        def failed(_exc: BaseException) -> None:
            self._set_busy(False)

        run_op(self, lambda: op(host.require_engine()), on_success=done, on_failure=failed)

    def _on_broadcast_clicked(self) -> None:
        if self.open_broadcast is not None:
            self.open_broadcast(self)

    def _on_bulk_clicked(self) -> None:
        if self.open_bulk_reply is not None:
            self.open_bulk_reply(self)

    def _on_bot_clicked(self) -> None:
        picture, incident_id = self.picture, self._incident_id()
        if picture is None or incident_id is None or picture.playbook is None:
            return
        who = current_user()
        if picture.bot is BotState.OFF:
            topics = picture.playbook.bot.topics
            text = self.tr(
                "Switch the bot auto-reply on now? Customers writing about {topics} will get "
                "the playbook's notice until the bot is restored or the incident resolved."
            ).format(topics=topics_text(topics) if topics else self.tr("any topic"))
            if not self.confirm(self, self.tr("Bot auto-reply"), text, self.tr("Switch bot on")):
                return
            self.run_change(lambda engine: engine.bot_on(incident_id, who=who))
            return
        text = self.tr(
            "Put the bot auto-reply back exactly as it was before the incident? "
            "Customers stop getting the incident notice."
        )
        if not self.confirm(self, self.tr("Bot auto-reply"), text, self.tr("Restore bot")):
            return
        self.run_change(lambda engine: engine.bot_off(incident_id, who=who))

    def _on_resolve_clicked(self) -> None:
        picture, incident_id = self.picture, self._incident_id()
        if picture is None or incident_id is None or picture.playbook is None:
            return
        plan = ResolvePlan(
            incident_id=incident_id,
            title=picture.playbook.names.get(ui_language()),
            bot_on=picture.bot in (BotState.ON, BotState.UNKNOWN),
            scripts=len(picture.published),
            team_chats=sum(1 for c in picture.channels if c.configured),
        )
        summary = self.ask_resolution(self, plan)
        if summary is None:
            return
        who = current_user()
        self.run_change(lambda engine: engine.resolve(incident_id, summary=summary, who=who))

    def _on_answer_new_clicked(self) -> None:
        picture, incident_id, plan = self.picture, self._incident_id(), self.bulk_plan
        if picture is None or incident_id is None or plan is None:
            return
        matches = picture.new_matches
        if matches is None or not matches.count:
            return
        only = frozenset(matches.ticket_ids)
        host, who = self._host, current_user()
        self.run_change(
            lambda engine: engine.bulk_reply(
                incident_id,
                plan.script_id,
                tickets=host.open_tickets(),
                who=who,
                language=plan.language,
                flt=plan.flt,
                only=only,
            )
        )

    def _on_status_step_chosen(self) -> None:
        self.note_edit.setFocus()
        self.show_result(self.tr("Write the status update below, then post it."), ok=True)

    def _on_step_requested(self, step_id: str, needs_confirmation: bool) -> None:
        incident_id, playbook = self._incident_id(), self.picture and self.picture.playbook
        if incident_id is None or not playbook or self._busy:
            return
        if needs_confirmation:
            titles = {s.id: s.title.get(ui_language()) for s in playbook.checklist}
            text = self.tr("Mark “{step}” as done? This cannot be undone.").format(
                step=titles.get(step_id, step_id)
            )
            if not self.confirm(self, self.tr("Checklist"), text, self.tr("Mark done")):
                return
        who = current_user()
        self.run_change(lambda engine: engine.complete_step(incident_id, step_id, who=who))

    def _on_note_requested(self, text: str) -> None:
        incident_id = self._incident_id()
        if incident_id is None or self._busy:
            return
        who = current_user()
        self.run_change(
            lambda engine: engine.note(incident_id, text, who=who),
            then=lambda _change: self.note_edit.clear(),
        )

    def _on_status_requested(self, text: str, notify_team: bool) -> None:
        incident_id, picture = self._incident_id(), self.picture
        if incident_id is None or picture is None or self._busy:
            return
        notify = [c.name for c in picture.channels if c.configured] if notify_team else []
        who = current_user()
        self.run_change(
            lambda engine: engine.status_update(incident_id, text, who=who, notify=notify),
            then=lambda _change: self.note_edit.clear(),
        )

    # --- state of the buttons -----------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _update_buttons(self) -> None:
        picture = self.picture
        active = picture is not None and picture.incident is not None and not self._busy
        unavailable = picture.unavailable if picture is not None else {}
        self._enable(self.broadcast_button, active, None)
        self._enable(self.resolve_button, active, None)
        self._enable(self.bot_button, active, self._why(unavailable, "bot"))
        self._enable(self.bulk_button, active, self._why(unavailable, "bulk_reply"))
        self.notes.set_active(active)
        self.notes.set_team_chats(
            picture is not None and any(c.configured for c in picture.channels)
        )
        self.steps.set_active(active)
        self._update_answer_new(active)

    def _update_answer_new(self, active: bool) -> None:
        picture = self.picture
        matches = picture.new_matches if picture is not None else None
        visible = self.bulk_plan is not None and matches is not None
        if visible == self.answer_new_button.isHidden():
            self.answer_new_button.setVisible(visible)
            self._place_resolve()
        if not visible or matches is None:
            return
        self.answer_new_button.setText(
            self.tr("Answer {n} new matching tickets").format(n=matches.count)
        )
        why = None if matches.count else self.tr("No new matching tickets since the last reply")
        self._enable(self.answer_new_button, active and matches.count > 0, why)

    def _why(self, unavailable: Mapping[str, str], op: str) -> str | None:
        reason = unavailable.get(op)
        return None if reason is None else unavailable_text(op, reason)

    @staticmethod
    def _enable(button: QWidget, enabled: bool, why: str | None) -> None:
        button.setEnabled(enabled and why is None)
        button.setToolTip(why or "")

    # --- text -------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.timeline.set_language(ui_language())
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._timeline_title.setText(self.tr("Incident log (newest first)"))
        self.collapse_button.setToolTip(
            self.tr("Hide the incident panel; click the banner to bring it back")
        )
        self._fold_reminders()
        self.broadcast_button.setText(self.tr("Broadcast…"))
        self.bulk_button.setText(self.tr("Reply to matching tickets…"))
        self.resolve_button.setText(self.tr("Resolve…"))
        picture = self.picture
        bot_on = picture is not None and picture.bot in (BotState.ON, BotState.UNKNOWN)
        self.bot_button.setText(self.tr("Restore bot…") if bot_on else self.tr("Switch bot on…"))
        self._show_heading()
        self._update_buttons()

    def _show_heading(self) -> None:
        picture = self.picture
        if picture is None or picture.incident is None:
            self.title.setText(self.tr("No open incident"))
            self.summary.clear()
            return
        incident = picture.incident
        declared = incident.declared_at.astimezone(self._zone)
        self.title.setText(
            self.tr("Incident #{id} · declared {time} by {who}").format(
                id=incident.id, time=f"{declared:%H:%M}", who=incident.declared_by
            )
        )
        self.summary.setText(incident.summary)
