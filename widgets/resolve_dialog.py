"""Resolving an incident: the confirmation, with what will happen and the
resolution summary the review will show. Nothing happens until the lead
presses "Resolve incident" with a summary written."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True, slots=True)
class ResolvePlan:
    """What resolving will do, for the confirmation text."""

    incident_id: int
    title: str
    bot_on: bool
    scripts: int
    team_chats: int


class ResolveDialog(QDialog):
    def __init__(self, plan: ResolvePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resolveDialog")
        self.setWindowTitle(self.tr("Resolve incident #{id}").format(id=plan.incident_id))
        self.setMinimumWidth(560)
        intro = QLabel(self._explain(plan), self)
        intro.setWordWrap(True)
        self.summary = QPlainTextEdit(self)
        self.summary.setPlaceholderText(
            self.tr("What was the cause and how was it fixed? (shown in the review)")
        )
        self.summary.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(self)
        self.resolve_button = self.buttons.addButton(
            self.tr("Resolve incident"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.summary.textChanged.connect(self._on_summary_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("Resolution summary"), self))
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self._on_summary_changed()

    def _explain(self, plan: ResolvePlan) -> str:
        lines = [self.tr("Resolve “{title}”? Resolving will:").format(title=plan.title)]
        if plan.bot_on:
            lines.append(self.tr("• put the bot auto-reply back exactly as it was before"))
        if plan.scripts:
            lines.append(
                self.tr("• withdraw the {n} script(s) published to the agents").format(
                    n=plan.scripts
                )
            )
        if plan.team_chats:
            lines.append(self.tr("• tell the team chats that the incident is over"))
        lines.append(self.tr("• return polling to its normal pace"))
        lines.append(self.tr("The incident log stays open for notes and the review."))
        return "\n".join(lines)

    def _on_summary_changed(self) -> None:
        self.resolve_button.setEnabled(bool(self.text()))

    def text(self) -> str:
        return self.summary.toPlainText().strip()


def ask_resolution(parent: QWidget | None, plan: ResolvePlan) -> str | None:
    """The resolution summary, or None when the lead cancelled."""
    dialog = ResolveDialog(plan, parent)
    try:
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
