"""Broadcast a playbook script: choose the script, the targets (agents, the
bot, each team chat) and the languages, read exactly what each target will
get, then send and see how each delivery went.

The preview is rendered by the engine off the GUI thread (``run_op``) after
every change; "Send" is enabled only while the preview on screen matches the
choices, so nothing goes out unseen. Sending to the bot asks first.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cockpit.incidents.broadcast import BroadcastPreview
from cockpit.incidents.model import AGENTS, BOT, Change, Target, TargetKind, team
from cockpit.incidents.playbook import LANGUAGES
from widgets.confirm import Confirm, ask
from widgets.incident_banner import ui_language
from widgets.incident_state import IncidentHost, IncidentPicture, current_user
from widgets.incident_text import (
    LANGUAGE_LABELS,
    change_summary,
    chat_titles,
    placeholder_words,
    reason_text,
    result_text,
    service_text,
    target_text,
    unavailable_text,
)
from widgets.preview_send import preview_timer, send_buttons
from widgets.result_view import ResultView
from widgets.run_op import run_op
from widgets.variables_form import VariablesForm

PREVIEW_DELAY_MS = 150


class BroadcastDialog(QDialog):
    def __init__(
        self,
        host: IncidentHost,
        picture: IncidentPicture,
        *,
        confirm: Confirm = ask,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        assert picture.incident is not None
        assert picture.playbook is not None
        self.setObjectName("broadcastDialog")
        self.setMinimumSize(760, 640)
        self._host = host
        self._picture = picture
        self._incident = picture.incident
        self._playbook = picture.playbook
        self._confirm = confirm
        self._language = ui_language()
        self._chats = chat_titles(self._incident.playbook)
        self._generation = 0
        self.preview: BroadcastPreview | None = None
        self._preview_generation = -1
        self.sent: Change | None = None

        self.script_box = QComboBox(self)
        for script in self._playbook.scripts:
            self.script_box.addItem(script.title.get(self._language), script.id)
        self.target_boxes: dict[Target, QCheckBox] = {}
        self.language_boxes: dict[str, QCheckBox] = {}
        self.variables = VariablesForm(self)
        self.variables.set_playbook(
            self._playbook, language=self._language, values=self._incident.variables
        )
        self.preview_view = QTextBrowser(self)
        self.preview_view.setObjectName("broadcastPreview")
        self.results_view = ResultView(self)
        self.send_button = QPushButton(self)
        self.buttons = send_buttons(self, self.send_button, self._on_send_clicked)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self._timer = preview_timer(self, PREVIEW_DELAY_MS, self._request_preview)
        self._build()
        self.script_box.currentIndexChanged.connect(self._on_choice_changed)
        self.variables.edited.connect(self._on_choice_changed)
        self._on_choice_changed()

    # --- layout -----------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Broadcast a script"))
        form = QFormLayout()
        form.addRow(self.tr("Script"), self.script_box)
        targets = QGroupBox(self.tr("Send to"), self)
        target_layout = QVBoxLayout(targets)
        for target, label in self._targets():
            box = QCheckBox(label, targets)
            box.toggled.connect(self._on_choice_changed)
            target_layout.addWidget(box)
            self.target_boxes[target] = box
        languages = QGroupBox(self.tr("Languages"), self)
        language_layout = QHBoxLayout(languages)
        for code in LANGUAGES:
            box = QCheckBox(LANGUAGE_LABELS.get(code, code), languages)
            box.setChecked(True)
            box.toggled.connect(self._on_choice_changed)
            language_layout.addWidget(box)
            self.language_boxes[code] = box
        language_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(targets, 1)
        row.addWidget(languages, 1)
        layout.addLayout(row)
        layout.addWidget(self.variables)
        self._preview_title = QLabel(self.tr("Preview: exactly what each target gets"), self)
        self._preview_title.setObjectName("sectionTitle")
        layout.addWidget(self._preview_title)
        layout.addWidget(self.preview_view, 1)
        layout.addWidget(self.results_view)
        layout.addWidget(self.buttons)
        self.send_button.setText(self.tr("Send"))
        self.agents_box().setChecked(True)

    def _targets(self) -> list[tuple[Target, str]]:
        found = [(AGENTS, target_text(AGENTS)), (BOT, target_text(BOT))]
        for channel in self._picture.channels:
            label = (
                f"{target_text(team(channel.name), self._chats)} ({service_text(channel.service)})"
            )
            if not channel.configured:
                label += " — " + self.tr("not configured")
            found.append((team(channel.name), label))
        return found

    def agents_box(self) -> QCheckBox:
        return self.target_boxes[AGENTS]

    # --- choices ------------------------------------------------------------------

    def selected_targets(self) -> list[Target]:
        return [t for t, box in self.target_boxes.items() if box.isChecked() and box.isEnabled()]

    def selected_languages(self) -> list[str]:
        return [code for code, box in self.language_boxes.items() if box.isChecked()]

    def _on_choice_changed(self) -> None:
        self._update_target_boxes()
        self._generation += 1
        self.send_button.setEnabled(False)
        self._timer.start()

    def _update_target_boxes(self) -> None:
        script = self._playbook.script(str(self.script_box.currentData()))
        configured = {c.name: c.configured for c in self._picture.channels}
        unavailable = self._picture.unavailable
        for target, box in self.target_boxes.items():
            why = None
            if target.kind.value not in script.channels:
                why = self.tr("The playbook does not allow this script here.")
            elif target.kind is TargetKind.AGENTS and "publish_scripts" in unavailable:
                why = unavailable_text("publish_scripts", unavailable["publish_scripts"])
            elif target.kind is TargetKind.BOT and "bot" in unavailable:
                why = unavailable_text("bot", unavailable["bot"])
            elif target.kind is TargetKind.TEAM and not configured.get(str(target.channel)):
                why = reason_text("webhook_not_configured")
            box.blockSignals(True)
            box.setEnabled(why is None)
            box.setToolTip(why or "")
            box.blockSignals(False)

    def _request_preview(self) -> None:
        targets, languages = self.selected_targets(), self.selected_languages()
        generation = self._generation
        if not targets or not languages:
            self._show_preview(None, generation)
            return
        host, incident_id = self._host, self._incident.id
        script_id, values = str(self.script_box.currentData()), self.variables.values()
        run_op(
            self,
            lambda: host.require_engine().preview_broadcast(
                incident_id, script_id, targets=targets, languages=languages, variables=values
            ),
            on_success=lambda preview: self._show_preview(preview, generation),
        )

    def _show_preview(self, preview: BroadcastPreview | None, generation: int) -> None:
        if generation != self._generation:
            return  # the choices changed meanwhile; a newer preview is coming
        self.preview, self._preview_generation = preview, generation
        if preview is None:
            hint = self.tr("Choose at least one target and one language.")
            self.preview_view.setHtml(f"<p>{html.escape(hint)}</p>")
        else:
            self.preview_view.setHtml(self._preview_html(preview))
        ready = preview is not None and bool(preview.messages) and self.sent is None
        self.send_button.setEnabled(ready)

    def _preview_html(self, preview: BroadcastPreview) -> str:
        parts = []
        for message in preview.messages:
            languages = " + ".join(LANGUAGE_LABELS.get(code, code) for code in message.languages)
            head = f"→ {target_text(message.target, self._chats)} · {languages}"
            body = self._marked(html.escape(message.text), message.languages[0])
            parts.append(
                f"<h3>{html.escape(head)}</h3><p><b>{html.escape(message.title)}</b></p>"
                f"<p>{body}</p><hr>"
            )
        for problem in preview.problems:
            why = reason_text(problem.reason)
            if problem.detail:
                why += f" ({problem.detail})"
            line = self.tr("Not sent to {target}: {why}").format(
                target=target_text(problem.target, self._chats), why=why
            )
            parts.append(f"<p style='color:#c62828'><b>{html.escape(line)}</b></p>")
        return "".join(parts)

    def _marked(self, text: str, language: str) -> str:
        """The escaped text with line breaks, and each ``{placeholder}`` an
        agent fills in shown as what it is, with a sample value."""
        filled = 0
        for name, (label, sample) in placeholder_words(self._playbook, language).items():
            mark = "{" + name + "}"
            if mark not in text:
                continue
            filled += 1
            words = self.tr("{label}, e.g. “{sample}”").format(label=label, sample=sample)
            text = text.replace(
                mark, f"<span style='background-color:#fff1b8'>[{html.escape(words)}]</span>"
            )
        body = text.replace("\n", "<br>")
        if filled:
            note = self.tr("Marked parts are filled in by the agent for each ticket.")
            body += f"<br><i>{html.escape(note)}</i>"
        return body

    # --- sending ------------------------------------------------------------------

    def _on_send_clicked(self) -> None:
        preview = self.preview
        if preview is None or self._preview_generation != self._generation:
            return
        targets = self.selected_targets()
        if BOT in targets:
            text = self.tr(
                "This replaces the bot auto-reply with the script's text until the bot is "
                "restored or the incident resolved. Send?"
            )
            if not self._confirm(self, self.tr("Bot auto-reply"), text, self.tr("Send")):
                return
        host, incident_id, who = self._host, self._incident.id, current_user()
        script_id, values = preview.script_id, self.variables.values()
        languages = self.selected_languages()
        self.send_button.setEnabled(False)
        run_op(
            self,
            lambda: host.require_engine().broadcast(
                incident_id,
                script_id,
                targets=targets,
                who=who,
                languages=languages,
                variables=values,
            ),
            on_success=self._on_sent,
            on_failure=lambda _exc: self.send_button.setEnabled(True),
        )

    def _on_sent(self, change: Change) -> None:
        self.sent = change
        lines = [change_summary(change, limit=0).splitlines()[0]]
        for result in change.results:
            mark = "✓" if result.ok else "✗"
            lines.append(f"{mark} {result_text(result, chats=self._chats)}")
        self.results_view.show_result("\n".join(lines), ok=change.ok)
        self.send_button.setEnabled(False)
        self.send_button.setText(self.tr("Sent"))
