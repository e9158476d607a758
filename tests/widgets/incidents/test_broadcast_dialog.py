"""The broadcast dialog: exactly what each target gets, per language, is on
screen before anything is sent; unconfigured team chats are shown and cannot
be picked; sending to the bot asks first; results are shown per target."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cockpit.incidents.model import AGENTS, BOT, team
from tests.widgets.incidents.fakes import Answers, FakeHost
from widgets.broadcast_dialog import BroadcastDialog
from widgets.incident_state import read_picture
from widgets.run_op import ErrorMessage, OpRunner

SECRETS = {"webhook.it_ops.url": "http://127.0.0.1:9/services/T1/B2/xyz"}


def _dialog(qtbot: QtBot, host: FakeHost, answers: Answers | None = None) -> BroadcastDialog:
    dialog = BroadcastDialog(
        host, read_picture(host.engine, host.open_tickets), confirm=answers or Answers()
    )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=2000)
    return dialog


def _preview_ready(dialog: BroadcastDialog) -> bool:
    return dialog.send_button.isEnabled()


def test_preview_per_language_before_any_send(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage]
) -> None:
    host.declare(auto=False, variables={"eta": "01:30"})
    dialog = _dialog(qtbot, host)
    assert dialog.selected_targets() == [AGENTS]
    assert dialog.preview is not None
    by_language = {m.languages: m.text for m in dialog.preview.messages}
    assert set(by_language) == {("zh_CN",), ("en",)}
    shown = dialog.preview_view.toPlainText()
    assert "预计01:30恢复" in shown
    assert "expected 01:30" in shown
    assert "→ Agents (reply scripts) · 中文" in shown
    assert "→ Agents (reply scripts) · English" in shown
    assert host.backend.scripts == {}  # nothing sent yet
    assert dialog.send_button.isEnabled()

    dialog.language_boxes["en"].setChecked(False)
    assert not dialog.send_button.isEnabled()  # the preview on screen is out of date
    qtbot.waitUntil(lambda: _preview_ready(dialog), timeout=2000)
    assert "expected 01:30" not in dialog.preview_view.toPlainText()
    assert not errors


def test_changing_a_variable_changes_the_preview(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage]
) -> None:
    host.declare(auto=False)
    dialog = _dialog(qtbot, host)
    dialog.variables.edits["eta"].setText("02:15")
    qtbot.waitUntil(lambda: "预计02:15恢复" in dialog.preview_view.toPlainText(), timeout=2000)


def test_send_publishes_and_shows_each_result(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage]
) -> None:
    incident_id = host.declare(auto=False)
    dialog = _dialog(qtbot, host)
    dialog.send_button.click()
    assert dialog.sent is not None
    assert sorted(host.backend.scripts) == [
        f"inc{incident_id}-outage_ack-en",
        f"inc{incident_id}-outage_ack-zh_CN",
    ]
    text = dialog.results_view.text()
    assert text.count("✓ Script published to agents") == 2
    assert not dialog.send_button.isEnabled()
    assert not errors


def test_unconfigured_team_chats_are_shown_but_cannot_be_picked(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage]
) -> None:
    host.declare(auto=False)
    dialog = _dialog(qtbot, host)
    floor = dialog.target_boxes[team("floor_leads")]
    assert "not configured" in floor.text()
    assert not floor.isEnabled()
    assert "not configured" in floor.toolTip()


def test_a_script_not_meant_for_a_target_disables_it(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage]
) -> None:
    host.declare(auto=False)
    dialog = _dialog(qtbot, host)
    assert dialog.target_boxes[BOT].isEnabled()
    dialog.script_box.setCurrentIndex(dialog.script_box.findData("payment_charge"))
    assert not dialog.target_boxes[BOT].isEnabled()
    assert dialog.target_boxes[BOT].toolTip() == "The playbook does not allow this script here."


@pytest.fixture
def chat_host(tmp_path: Path) -> Iterator[FakeHost]:
    fake = FakeHost(tmp_path, secrets=SECRETS)
    runner = OpRunner(fake.run_op)
    runner.install()
    yield fake
    runner.uninstall()
    fake.close()


def test_configured_team_chat_can_be_picked(qtbot: QtBot, chat_host: FakeHost) -> None:
    chat_host.declare(auto=False)
    dialog = _dialog(qtbot, chat_host)
    box = dialog.target_boxes[team("it_ops")]
    assert box.isEnabled()
    assert "not configured" not in box.text()


def test_sending_to_the_bot_asks_first(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage]
) -> None:
    host.declare(auto=False)
    answers = Answers(False)
    dialog = _dialog(qtbot, host, answers)
    dialog.target_boxes[AGENTS].setChecked(False)
    dialog.target_boxes[BOT].setChecked(True)
    qtbot.waitUntil(lambda: _preview_ready(dialog), timeout=2000)
    assert "→ Bot auto-reply · 中文 + English" in dialog.preview_view.toPlainText()
    before = host.backend.auto_reply
    dialog.send_button.click()
    assert len(answers.asked) == 1
    assert host.backend.auto_reply == before
    answers.answer = True
    dialog.send_button.click()
    assert host.backend.auto_reply.enabled
    assert host.backend.auto_reply.message.startswith("亲爱的顾客，您好")


def test_no_internal_ids_on_screen(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage]
) -> None:
    """Team chats by the playbook's label and the product's name; what an
    agent fills in per ticket by the playbook's label, with a sample value."""
    host.declare(auto=False)
    dialog = _dialog(qtbot, host)
    labels = [box.text() for box in dialog.target_boxes.values()]
    assert any(text.startswith("Team chat: Floor leads (WeCom)") for text in labels)
    assert any(text.startswith("Team chat: IT operations (Slack)") for text in labels)
    assert not any("floor_leads" in text or "wecom" in text for text in labels)
    shown = dialog.preview_view.toPlainText()
    assert "{customer}" not in shown
    assert "[How to address the customer, e.g. “there”]" in shown
    assert "[客户称呼, e.g. “亲爱的顾客”]" in shown
    assert "Marked parts are filled in by the agent for each ticket." in shown
    # What agents get still holds the placeholder they fill in.
    assert dialog.preview is not None
    assert all("{customer}" in m.text for m in dialog.preview.messages)
    assert not errors
