"""One reply to many tickets: the filter prefilled from the playbook, a
count with sample subjects before sending, a confirmation, per-ticket
outcomes, and later arrivals answered from the panel with one click."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from cockpit.domain import TicketId
from tests.cockpit.factories import ticket
from tests.widgets.incidents.fakes import Answers, FakeHost
from widgets.bulk_reply_dialog import BulkReplyDialog
from widgets.incident_panel import IncidentPanel
from widgets.incident_state import BulkPlan, read_picture
from widgets.run_op import ErrorMessage


def _floor(host: FakeHost) -> None:
    host.tickets = [
        ticket("t1", "payment", topic="payment", subject="支付失败被扣款"),
        ticket("t2", "account", topic="login", subject="登不上，验证码收不到"),
        ticket("t3", "logistics", topic="logistics", subject="快递到哪了"),
        ticket("t4", "aftersale", subject="App 闪退"),  # a keyword, not a topic
        ticket("t5", "payment", topic="payment", created=-300),  # before the window
    ]


def _dialog(
    qtbot: QtBot, host: FakeHost, answers: Answers, plans: list[BulkPlan]
) -> BulkReplyDialog:
    picture = read_picture(host.engine, host.open_tickets)
    assert picture.incident is not None
    flt = host.engine.ticket_filter(picture.incident.id)
    dialog = BulkReplyDialog(host, picture, flt, confirm=answers, on_sent=plans.append)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=2000)
    return dialog


def test_preview_count_and_samples_then_send(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage]
) -> None:
    _floor(host)
    host.declare(auto=False)
    answers, plans = Answers(False), []
    dialog = _dialog(qtbot, host, answers, plans)
    assert dialog.topics.text() == "app_crash, login, payment"
    assert dialog.preview is not None
    assert set(dialog.preview.match.ticket_ids) == {"t1", "t2", "t4"}
    assert dialog.count.text().startswith("3 open tickets match")
    subjects = [dialog.samples.item(i).text() for i in range(dialog.samples.count())]
    assert any("支付失败被扣款" in s for s in subjects)
    assert any("Account & login" in s for s in subjects)  # the queue by name, not "account"
    assert host.backend.replies == []

    dialog.send_button.click()
    assert "to 3 tickets" in answers.asked[0]
    assert host.backend.replies == []
    answers.answer = True
    dialog.send_button.click()
    assert {t for t, _ in host.backend.replies} == {"t1", "t2", "t4"}
    assert "Replied to 3 tickets; 0 failed" in dialog.results_view.text()
    assert plans
    assert plans[0].script_id == "outage_ack"
    assert not errors


def test_narrowing_the_filter_recounts(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage]
) -> None:
    _floor(host)
    host.declare(auto=False)
    dialog = _dialog(qtbot, host, Answers(), [])
    dialog.keywords.setText("")
    dialog.topics.setText("payment")
    qtbot.waitUntil(lambda: dialog.send_button.isEnabled(), timeout=2000)
    assert dialog.preview is not None
    assert dialog.preview.match.ticket_ids == (TicketId("t1"),)
    dialog.any_time.setChecked(True)
    qtbot.waitUntil(lambda: dialog.send_button.isEnabled(), timeout=2000)
    assert set(dialog.preview.match.ticket_ids) == {"t1", "t5"}


def test_later_arrivals_are_answered_with_one_click(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage]
) -> None:
    _floor(host)
    incident_id = host.declare(auto=False)
    plans: list[BulkPlan] = []
    dialog = _dialog(qtbot, host, Answers(), plans)
    dialog.send_button.click()
    host.tickets.append(ticket("t6", "payment", topic="payment", created=5, subject="重复扣款"))

    panel = IncidentPanel(host, confirm=Answers(False), clock=host.clock.now)
    qtbot.addWidget(panel)
    panel.bulk_plan = plans[0]
    picture = read_picture(host.engine, host.open_tickets, incident_id=incident_id, plan=plans[0])
    panel.show_picture(picture)
    assert not panel.answer_new_button.isHidden()
    assert panel.answer_new_button.text() == "Answer 1 new matching tickets"
    panel.answer_new_button.click()  # no question: the button says exactly what it does
    assert host.backend.replies[-1][0] == "t6"
    assert len(host.backend.replies) == 4

    picture = read_picture(host.engine, host.open_tickets, incident_id=incident_id, plan=plans[0])
    panel.show_picture(picture)
    assert panel.answer_new_button.text() == "Answer 0 new matching tickets"
    assert not panel.answer_new_button.isEnabled()
    assert panel.answer_new_button.toolTip() == "No new matching tickets since the last reply"
