"""Declaring an incident: which playbook (suggested from an alert's topics
when opened from an alert), how severe, a one-line summary and the script
variables; a confirmation names what the playbook will do by itself."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cockpit.incidents.model import Severity
from cockpit.incidents.playbook import Playbook
from widgets.confirm import Confirm, ask
from widgets.incident_banner import ui_language
from widgets.incident_text import severity_text
from widgets.variables_form import VariablesForm

# An alert's severity → the incident severity offered first.
_SEVERITY_FROM_ALERT = {"critical": Severity.CRITICAL, "warning": Severity.MAJOR}


@dataclass(frozen=True, slots=True)
class AlertHints:
    """What an alert tells about the incident it may be."""

    topics: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    severity: Severity | None = None
    summary: str = ""


@dataclass(frozen=True, slots=True)
class DeclareRequest:
    playbook_id: str
    severity: Severity
    summary: str
    variables: Mapping[str, str]
    auto: bool


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, Iterable):
        return tuple(str(v) for v in value if str(v).strip())
    return ()


def alert_hints(alert: Any) -> AlertHints:
    """Read hints from any alert-like object: ``details`` keys ``topic`` /
    ``topics`` / ``keywords``, its ``queue`` and ``rule``, and its severity."""
    details: Mapping[str, Any] = getattr(alert, "details", None) or {}
    topics = _strings(details.get("topics")) + _strings(details.get("topic"))
    queue = getattr(alert, "queue", None)
    words = _strings(details.get("keywords")) + ((str(queue),) if queue else ())
    severity = _SEVERITY_FROM_ALERT.get(str(getattr(alert, "severity", "")))
    rule = getattr(alert, "rule", None)
    summary = " · ".join(str(p) for p in (rule, queue) if p)
    return AlertHints(topics, words, severity, summary)


def suggest_playbooks(playbooks: Sequence[Playbook], hints: AlertHints) -> list[str]:
    """Playbook ids, best match first: a topic the playbook lists counts
    twice, a queue or word found in its topics, keywords or queues once.
    Playbooks that match nothing keep their order, after the others."""
    wanted = {t.casefold() for t in hints.topics}
    words = [w.casefold() for w in hints.words]

    def score(playbook: Playbook) -> int:
        match = playbook.match
        own = {t.casefold() for t in match.topics}
        vocabulary = own | {k.casefold() for k in match.keywords} | set(match.queues)
        hits = 2 * len(wanted & own)
        hits += sum(1 for w in words if w in vocabulary)
        return hits

    ranked = sorted(enumerate(playbooks), key=lambda pair: (-score(pair[1]), pair[0]))
    return [p.id for _, p in ranked if score(p) > 0]


class DeclareDialog(QDialog):
    def __init__(
        self,
        playbooks: Sequence[Playbook],
        *,
        hints: AlertHints | None = None,
        confirm: Confirm = ask,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("declareDialog")
        self.setMinimumWidth(620)
        self._playbooks = list(playbooks)
        self._hints = hints or AlertHints()
        self._confirm = confirm
        self._language = ui_language()
        self.request: DeclareRequest | None = None

        self.playbook_box = QComboBox(self)
        self.about = QLabel(self)
        self.about.setWordWrap(True)
        self.about.setObjectName("panelHint")
        self.suggestion = QLabel(self)
        self.suggestion.setObjectName("panelHint")
        self.severity_box = QComboBox(self)
        for severity in Severity:
            self.severity_box.addItem(severity_text(severity.value), severity.value)
        self.summary = QLineEdit(self)
        self.summary.setText(self._hints.summary)
        self.variables = VariablesForm(self)
        self.auto_box = QCheckBox(self)
        self.auto_box.setChecked(True)
        self.buttons = QDialogButtonBox(self)
        self.declare_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._layout()
        self._fill_playbooks()
        self.playbook_box.currentIndexChanged.connect(self._on_playbook_changed)
        self.summary.textChanged.connect(self._update_button)
        self.buttons.accepted.connect(self._on_declare_clicked)
        self.buttons.rejected.connect(self.reject)
        self._retranslate()
        self._on_playbook_changed()
        if self._hints.severity is not None:
            self.severity_box.setCurrentIndex(
                self.severity_box.findData(self._hints.severity.value)
            )

    def _layout(self) -> None:
        self._labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout()
        form.addRow(self._labels[0], self.playbook_box)
        form.addRow("", self.suggestion)
        form.addRow("", self.about)
        form.addRow(self._labels[1], self.severity_box)
        form.addRow(self._labels[2], self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self._variables_title = QLabel(self)
        self._variables_title.setObjectName("sectionTitle")
        layout.addWidget(self._variables_title)
        layout.addWidget(self.variables)
        layout.addWidget(self.auto_box)
        layout.addWidget(self.buttons)

    def _fill_playbooks(self) -> None:
        suggested = suggest_playbooks(self._playbooks, self._hints)
        order = suggested + [p.id for p in self._playbooks if p.id not in suggested]
        by_id = {p.id: p for p in self._playbooks}
        for playbook_id in order:
            self.playbook_box.addItem(by_id[playbook_id].names.get(self._language), playbook_id)
        self._suggested = suggested[:1]

    def selected(self) -> Playbook | None:
        playbook_id = self.playbook_box.currentData()
        return next((p for p in self._playbooks if p.id == playbook_id), None)

    def _on_playbook_changed(self) -> None:
        playbook = self.selected()
        self.variables.set_playbook(playbook, language=self._language)
        if playbook is not None:
            self.severity_box.setCurrentIndex(self.severity_box.findData(playbook.severity))
        self._retranslate()

    def _update_button(self) -> None:
        self.declare_button.setEnabled(bool(self.summary.text().strip()) and bool(self.selected()))

    def _on_declare_clicked(self) -> None:
        playbook = self.selected()
        summary = self.summary.text().strip()
        if playbook is None or not summary:
            return
        auto = self.auto_box.isChecked()
        name = playbook.names.get(self._language)
        text = self.tr("Declare “{name}” now?").format(name=name)
        if auto:
            text += "\n\n" + self._auto_text(playbook)
        if not self._confirm(self, self.tr("Declare incident"), text, self.tr("Declare incident")):
            return
        self.request = DeclareRequest(
            playbook_id=playbook.id,
            severity=Severity(self.severity_box.currentData()),
            summary=summary,
            variables=self.variables.values(),
            auto=auto,
        )
        self.accept()

    def _auto_text(self, playbook: Playbook) -> str:
        steps = []
        if playbook.auto.bot:
            steps.append(self.tr("• switch the bot auto-reply on"))
        if playbook.auto.publish:
            count = len(playbook.auto.publish)
            steps.append(self.tr("• publish {n} script(s) to the agents").format(n=count))
        if playbook.auto.notify_team and playbook.team is not None:
            steps.append(self.tr("• tell the team chats"))
        if not steps:
            return self.tr("The playbook does nothing by itself.")
        return "\n".join([self.tr("The playbook will at once:"), *steps])

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Declare incident"))
        texts = (self.tr("Playbook"), self.tr("Severity"), self.tr("Summary"))
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        playbook = self.selected()
        self.about.setText(playbook.summary.get(self._language) if playbook else "")
        suggested = (
            bool(self._suggested) and playbook is not None and (playbook.id == self._suggested[0])
        )
        self.suggestion.setText(self.tr("Suggested by the alert's topics") if suggested else "")
        self.suggestion.setVisible(suggested)
        self.summary.setPlaceholderText(self.tr("What is happening, in one line"))
        self._variables_title.setText(self.tr("Script variables (empty: the default in grey)"))
        self.auto_box.setText(self.tr("Run the playbook's automatic steps now"))
        if playbook is not None:
            self.auto_box.setToolTip(self._auto_text(playbook))
        self.declare_button.setText(self.tr("Declare…"))
        self._update_button()
