"""Declaring: playbooks suggested from an alert's topics, the severity it
implies, and a confirmation naming what the playbook will do by itself."""

from __future__ import annotations

from types import SimpleNamespace

from pytestqt.qtbot import QtBot

from cockpit.incidents.model import Severity
from cockpit.incidents.playbook import load_library
from tests.widgets.incidents.fakes import Answers
from widgets.declare_dialog import AlertHints, DeclareDialog, alert_hints, suggest_playbooks

PLAYBOOKS = load_library().listing()


def _alert(**details: object) -> SimpleNamespace:
    return SimpleNamespace(
        rule="waiting_high", queue="payment", severity="critical", details=details
    )


def test_hints_come_from_the_alert() -> None:
    hints = alert_hints(_alert(topics=["login", "payment"], keywords="闪退, crash"))
    assert hints.topics == ("login", "payment")
    assert hints.words == ("闪退", "crash", "payment")
    assert hints.severity is Severity.CRITICAL
    assert hints.summary == "waiting_high · payment"
    assert alert_hints(object()) == AlertHints()


def test_topics_suggest_the_playbook() -> None:
    assert suggest_playbooks(PLAYBOOKS, AlertHints(topics=("payment",)))[0] == "service_outage"
    assert suggest_playbooks(PLAYBOOKS, AlertHints()) == []


def test_the_dialog_preselects_the_suggestion(qtbot: QtBot) -> None:
    dialog = DeclareDialog(PLAYBOOKS, hints=alert_hints(_alert(topic="app_crash")))
    qtbot.addWidget(dialog)
    assert dialog.playbook_box.currentData() == "service_outage"
    assert dialog.suggestion.text() == "Suggested by the alert's topics"
    assert dialog.severity_box.currentData() == "critical"
    assert dialog.summary.text() == "waiting_high · payment"


def test_declaring_needs_a_summary_and_a_confirmation(qtbot: QtBot) -> None:
    answers = Answers(False)
    dialog = DeclareDialog(PLAYBOOKS, confirm=answers)
    qtbot.addWidget(dialog)
    dialog.playbook_box.setCurrentIndex(dialog.playbook_box.findData("service_outage"))
    assert not dialog.declare_button.isEnabled()
    dialog.summary.setText("登录失败激增")
    dialog.variables.edits["eta"].setText("01:30")
    assert dialog.declare_button.isEnabled()
    dialog.declare_button.click()
    assert dialog.request is None
    assert "switch the bot auto-reply on" in answers.asked[0]
    assert "publish 3 script(s) to the agents" in answers.asked[0]
    answers.answer = True
    dialog.severity_box.setCurrentIndex(dialog.severity_box.findData("major"))
    dialog.declare_button.click()
    assert dialog.request is not None
    assert dialog.request.playbook_id == "service_outage"
    assert dialog.request.severity is Severity.MAJOR
    assert dialog.request.variables == {"eta": "01:30"}
    assert dialog.request.auto


def test_per_ticket_variables_are_not_asked(qtbot: QtBot) -> None:
    dialog = DeclareDialog(PLAYBOOKS)
    qtbot.addWidget(dialog)
    dialog.playbook_box.setCurrentIndex(dialog.playbook_box.findData("service_outage"))
    assert set(dialog.variables.edits) == {"affected", "eta"}
    assert dialog.variables.edits["eta"].placeholderText() == "as soon as possible"
