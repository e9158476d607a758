"""The incident panel: switching the bot and resolving need a confirmation
(declining changes nothing), one-off steps are ticked after a confirmation,
disabled buttons say why, notes land in the live timeline, and an action
with an unknown outcome is highlighted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cockpit.backends.base import AutoReplyState, Capability, UnknownOutcome
from cockpit.incidents.model import Action
from cockpit.store.incidents import EventRecord, Outcome, Phase
from tests.cockpit.factories import T0
from tests.widgets.incidents.fakes import BEFORE, Answers, FakeHost, backend_without
from widgets.incident_panel import IncidentPanel
from widgets.incident_state import BotState, read_picture
from widgets.models.checklist_model import ChecklistRole
from widgets.models.timeline_model import TimelineColumn, TimelineRole
from widgets.resolve_dialog import ResolvePlan
from widgets.run_op import ErrorMessage, OpRunner


def _panel(qtbot: QtBot, host: FakeHost, answers: Answers) -> IncidentPanel:
    panel = IncidentPanel(host, confirm=answers, clock=host.clock.now)
    qtbot.addWidget(panel)
    panel.changed.connect(lambda: _refresh(panel, host))
    _refresh(panel, host)
    return panel


def _refresh(panel: IncidentPanel, host: FakeHost) -> None:
    current = panel.picture.incident if panel.picture is not None else None
    panel.show_picture(
        read_picture(
            host.engine,
            host.open_tickets,
            incident_id=None if current is None else current.id,
            after_id=panel.timeline.last_id,
            plan=panel.bulk_plan,
        )
    )


def _actions(host: FakeHost, incident_id: int) -> list[str]:
    return [e.action for e in host.engine.timeline(incident_id)]


def test_switching_the_bot_on_needs_a_confirmation(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage]
) -> None:
    incident_id = host.declare(auto=False)
    answers = Answers(False)
    panel = _panel(qtbot, host, answers)
    assert panel.bot_button.text() == "Switch bot on…"
    panel.bot_button.click()
    assert len(answers.asked) == 1
    assert "login, payment, app crashes" in answers.asked[0]
    assert host.backend.auto_reply == BEFORE
    assert Action.BOT_ON.value not in _actions(host, incident_id)

    answers.answer = True
    panel.bot_button.click()
    assert host.backend.auto_reply.enabled
    assert host.backend.auto_reply != BEFORE
    assert panel.picture is not None
    assert panel.picture.bot is BotState.ON
    assert panel.bot_button.text() == "Restore bot…"
    assert not errors


def test_restoring_the_bot_needs_a_confirmation(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage]
) -> None:
    host.declare()  # the playbook switches the bot on by itself
    answers = Answers(False)
    panel = _panel(qtbot, host, answers)
    panel.bot_button.click()
    assert host.backend.auto_reply != BEFORE
    answers.answer = True
    panel.bot_button.click()
    assert len(answers.asked) == 2
    assert host.backend.auto_reply == BEFORE


def test_resolving_needs_a_confirmation_with_a_summary(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage]
) -> None:
    incident_id = host.declare()
    panel = _panel(qtbot, host, Answers())
    plans: list[ResolvePlan] = []
    summary: list[str | None] = [None]

    def ask(_parent: object, plan: ResolvePlan) -> str | None:
        plans.append(plan)
        return summary[0]

    panel.ask_resolution = ask
    panel.resolve_button.click()
    assert host.engine.incident(incident_id).active
    assert plans[0].bot_on
    assert plans[0].scripts == 6  # three scripts, each in two languages

    summary[0] = "支付网关回滚完成"
    panel.resolve_button.click()
    resolved = host.engine.incident(incident_id)
    assert not resolved.active
    assert resolved.resolution == "支付网关回滚完成"
    assert host.backend.auto_reply == BEFORE
    assert host.backend.scripts == {}
    assert panel.picture is not None
    assert panel.picture.incident is None
    assert not errors


def test_one_off_steps_are_ticked_after_a_confirmation(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage]
) -> None:
    incident_id = host.declare()
    answers = Answers(False)
    panel = _panel(qtbot, host, answers)
    row = _row(panel, "inform_supervisor")
    panel.checklist_view.selectRow(row)
    assert panel.step_button.isEnabled()
    panel.step_button.click()
    assert answers.asked
    assert Action.STEP_DONE.value not in _actions(host, incident_id)
    answers.answer = True
    panel.step_button.click()
    assert Action.STEP_DONE.value in _actions(host, incident_id)
    assert panel.checklist.index(row, 2).data().startswith("✓ done")

    # A recurring step is recorded again without a question.
    asked = len(answers.asked)
    panel.checklist_view.selectRow(_row(panel, "customer_update"))
    panel.step_button.click()
    assert len(answers.asked) == asked
    assert _actions(host, incident_id).count(Action.STEP_DONE.value) == 2
    assert not errors


def _row(panel: IncidentPanel, step_id: str) -> int:
    for row in range(panel.checklist.rowCount()):
        if panel.checklist.index(row, 0).data(ChecklistRole.STEP_ID) == step_id:
            return row
    raise AssertionError(step_id)


def test_notes_and_status_updates_reach_the_live_timeline(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage]
) -> None:
    incident_id = host.declare()
    panel = _panel(qtbot, host, Answers())
    assert not panel.note_button.isEnabled()
    panel.note_edit.setText("回滚中，预计 01:30")
    panel.note_button.click()
    assert panel.note_edit.text() == ""
    top = panel.timeline.index(0, TimelineColumn.DETAILS)
    assert top.data() == "回滚中，预计 01:30"
    assert panel.timeline.index(0, TimelineColumn.WHAT).data() == "Note"
    panel.note_edit.setText("已定位到支付网关")
    panel.status_button.click()
    assert _actions(host, incident_id)[-1] == Action.STATUS_UPDATE.value
    assert panel.timeline.index(0, TimelineColumn.WHAT).data() == "Status update"
    assert not errors


@pytest.mark.parametrize("width", [330, 430, 700])
def test_the_live_log_never_scrolls_sideways(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage], width: int
) -> None:
    # The panel beside the floor on a 1366 screen is ~430 px wide.
    host.declare()
    panel = _panel(qtbot, host, Answers())
    panel.resize(width, 900)
    panel.show()
    qtbot.waitExposed(panel)
    panel.note_edit.setText("回滚中，预计 01:30，技术组已定位到支付网关的超时配置")
    panel.note_button.click()
    view = panel.timeline_view
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible())
    header = view.horizontalHeader()
    assert header.length() <= view.viewport().width()
    for always in (TimelineColumn.TIME, TimelineColumn.WHAT, TimelineColumn.DETAILS):
        assert not view.isColumnHidden(always)
    assert not errors


@pytest.mark.usefixtures("real_font")
@pytest.mark.parametrize("width", [430, 700])
def test_the_checklist_gives_the_steps_words_the_width(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage], width: int
) -> None:
    """Beside the floor on a 1366 screen "who" gives way to the step's words
    (never a sideways scroll); the tooltip keeps the owner and who ticked it."""
    from widgets.models.checklist_model import ChecklistColumn

    host.declare(auto=False)
    panel = _panel(qtbot, host, Answers(True))
    panel.resize(width, 900)
    panel.show()
    qtbot.waitExposed(panel)
    row = _row(panel, "inform_supervisor")
    panel.checklist_view.selectRow(row)
    panel.step_button.click()
    view = panel.checklist_view
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible())
    assert view.horizontalHeader().length() <= view.viewport().width()
    narrow = width < 500
    assert view.isColumnHidden(ChecklistColumn.OWNER) is narrow
    assert not view.isColumnHidden(ChecklistColumn.DUE)
    if narrow:  # the step takes at least half the width
        assert view.columnWidth(ChecklistColumn.STEP) >= view.viewport().width() / 2
    tip = panel.checklist.index(row, ChecklistColumn.STEP).data(Qt.ItemDataRole.ToolTipRole)
    assert "Who: Team lead" in tip
    assert panel.picture is not None
    assert f"by {panel.picture.done_by['inform_supervisor']}" in tip
    assert not errors


@pytest.fixture
def limited(tmp_path: Path) -> Iterator[FakeHost]:
    fake = FakeHost(
        tmp_path, backend=backend_without(Capability.AUTO_REPLY, Capability.TICKET_REPLY)
    )
    runner = OpRunner(fake.run_op)
    runner.install()
    yield fake
    runner.uninstall()
    fake.close()


def test_disabled_buttons_say_why(qtbot: QtBot, limited: FakeHost) -> None:
    limited.declare()
    panel = _panel(qtbot, limited, Answers())
    assert not panel.bot_button.isEnabled()
    assert panel.bot_button.toolTip() == (
        "Switching the bot is not available: this backend has no way to switch the bot auto-reply."
    )
    assert not panel.bulk_button.isEnabled()
    assert "needs a channel for each reply" in panel.bulk_button.toolTip()
    assert panel.broadcast_button.isEnabled()
    assert panel.broadcast_button.toolTip() == ""
    assert panel.picture is not None
    assert panel.picture.bot is BotState.NOT_SUPPORTED


def test_an_unknown_outcome_is_highlighted(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage]
) -> None:
    incident_id = host.declare(auto=False)

    def lost(_state: AutoReplyState) -> AutoReplyState:
        raise UnknownOutcome("timeout after sending")

    host.backend.set_auto_reply = lost  # type: ignore[method-assign]
    panel = _panel(qtbot, host, Answers())
    panel.bot_button.click()
    assert "1 not done" in panel.result.text()
    entry = panel.timeline.index(0, TimelineColumn.RESULT)
    assert entry.data(TimelineRole.OUTCOME) == Outcome.UNKNOWN
    assert entry.data() == "⚠ unknown outcome"
    assert entry.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert panel.picture is not None
    assert panel.picture.bot is BotState.UNKNOWN
    assert _actions(host, incident_id).count(Action.BOT_ON.value) == 2  # intent + outcome


def test_the_live_log_names_chats_and_scripts_not_their_ids(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage]
) -> None:
    incident_id = host.declare()  # publishes scripts; the team chats have no webhook
    panel = _panel(qtbot, host, Answers())
    backend_id = f"inc{incident_id}-outage_ack-en"
    withdrawn = EventRecord(
        id=10_000, incident_id=incident_id, at=T0, who="li", action="script_withdraw",
        phase=Phase.RECORD, outcome=Outcome.OK, payload={"backend_id": backend_id},
    )  # fmt: skip
    panel.timeline.add_events([withdrawn])
    model = panel.timeline
    rows = [
        (
            model.index(r, TimelineColumn.RESULT).data(),
            model.index(r, TimelineColumn.DETAILS).data(),
        )
        for r in range(model.rowCount())
    ]
    details = " | ".join(d for _, d in rows)
    assert "Team chat: Floor leads" in details
    assert "Outage: apology and explanation (English)" in details  # published
    assert (
        model.index(0, TimelineColumn.DETAILS).data() == "Outage: apology and explanation (English)"
    )
    for code in ("floor_leads", "it_ops", "inc1-", "(zh_CN)", "(en)"):
        assert code not in details, code
    assert ("not sent", "Team chat: Floor leads · the team chat is not configured (no webhook "
            "address)") in rows  # fmt: skip
    assert not errors
