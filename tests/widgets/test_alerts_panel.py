"""The alerts panel: one line per rule and queue, overdue checklist steps in
the UI language, acknowledge and snooze through the runtime recorded with who
and when, the history, declaring an incident from a floor alert, and
notifications with or without a system tray."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from cockpit.alert_rules import AlertRule
from cockpit.alerts import AlertUpdate, EventKind
from cockpit.incidents.checklist import IncidentAlert
from cockpit.settings import Settings
from tests.widgets.floor_fakes import FakeFloorHost, floor_view, hand_built_floor
from widgets.actions import MainActions
from widgets.alert_notifier import AlertNotifier
from widgets.app import Translations
from widgets.bridge import Bridge
from widgets.floor_board import FloorBoard
from widgets.main_window import MainWindow
from widgets.models.alert_model import AlertColumn
from widgets.status_bar import StatusBarView
from widgets.theme import DAY


@pytest.fixture
def board(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> tuple[FloorBoard, FakeFloorHost]:
    monkeypatch.setattr("widgets.floor_board.current_user", lambda: "sup-wang")
    state = hand_built_floor()
    host = FakeFloorHost(state)
    actions = MainActions()
    window = MainWindow(
        thresholds=Settings().thresholds,
        status_bar=StatusBarView(backend_url="sim://test"),
        actions=actions,
    )
    actions.setParent(window)
    qtbot.addWidget(window)
    bridge = Bridge(window)
    floor = FloorBoard(host, window=window, settings=Settings(), palette=DAY, parent=window)
    floor.notifier.messages.clear()
    floor.bind(bridge)
    floor.attach(bridge)
    view = floor_view(state)
    bridge.floorUpdated.emit(view)
    host.evaluate(view)
    return floor, host


def texts(floor: FloorBoard) -> list[str]:
    model = floor.alerts.model
    return [model.index(r, AlertColumn.ALERT).data() for r in range(model.rowCount())]


def select(floor: FloorBoard, rule: AlertRule) -> str:
    alert = next(a for a in floor.alerts.model.alerts() if a.rule is rule)
    floor.alerts.select_alert(alert.id)
    return alert.id


def test_one_line_per_rule_and_queue(board: tuple[FloorBoard, FakeFloorHost]) -> None:
    floor, _ = board
    # most severe first, then by rule; the queue first in every line; ticket
    # rules carry their count. (The oldest wait, 28 min, is well inside the
    # 2 h target: no alert.)
    # With the floor's real per-clock figures: the service level (25 %, few
    # tickets behind it), the two customers waiting past target and the one
    # resolution breach are notices, listed after the warnings.
    assert texts(floor) == [
        "Logistics — 2 urgent tickets breached",
        "Refunds — 1 complaint without a customer update for over 2 h",
        "Logistics — 4 urgent tickets not reported to the supervisor",
        "Logistics — service level 25% (target 80%)",
        "Logistics — 2 waiting past target (5 waiting)",
        "Refunds — 1 ticket past its resolution target",
    ]
    model = floor.alerts.model
    assert model.index(0, AlertColumn.SEVERITY).data() == "Critical"
    assert model.index(2, AlertColumn.SEVERITY).data() == "Warning"
    assert model.index(3, AlertColumn.SEVERITY).data() == "Notice"
    assert model.index(0, AlertColumn.TICKETS).data() == "2"
    assert model.index(1, AlertColumn.TICKETS).data() == "1"  # the one complaint
    assert model.index(0, AlertColumn.STATUS).data() == "new"
    # Notices never wait to be taken.
    assert floor.alerts.summary.text() == "6 active · 3 not taken"
    assert floor.alerts.summary.property("severity") == "critical"
    assert floor.alerts.windowTitle() == "Alerts (3)"  # what needs someone: notices aside


def test_acknowledge_is_recorded_with_who_and_when(
    qtbot: QtBot, board: tuple[FloorBoard, FakeFloorHost]
) -> None:
    floor, host = board
    panel = floor.alerts
    assert not panel.acknowledge.isEnabled()  # nothing selected
    alert_id = select(floor, AlertRule.URGENT_BREACHED)
    assert panel.acknowledge.isEnabled()
    panel.acknowledge.click()
    event = host.engine.log.events()[-1]
    now = host.clock.now()
    assert (event.kind, event.who, event.at, event.alert.id) == (
        EventKind.ACKNOWLEDGED,
        "sup-wang",
        now,
        alert_id,
    )
    row = [a.id for a in panel.model.alerts()].index(alert_id)
    taken = panel.model.index(row, AlertColumn.STATUS).data()
    assert taken == f"sup-wang at {now.astimezone():%H:%M}"
    assert panel.history.count() == 1
    assert panel.history.item(0).text() == (
        f"{now.astimezone():%H:%M} sup-wang acknowledged: Logistics — 2 urgent tickets breached"
    )
    assert not panel.acknowledge.isEnabled()  # already taken
    assert panel.summary.text() == "6 active · 2 not taken"


def test_snooze_is_recorded_and_keeps_the_alert_listed(
    board: tuple[FloorBoard, FakeFloorHost],
) -> None:
    floor, host = board
    panel = floor.alerts
    alert_id = select(floor, AlertRule.CUSTOMER_NOT_UPDATED)
    panel.snooze[timedelta(hours=1)].click()
    event = host.engine.log.events()[-1]
    until = host.clock.now() + timedelta(hours=1)
    assert (event.kind, event.who, event.alert.snoozed_until) == (
        EventKind.SNOOZED,
        "sup-wang",
        until,
    )
    assert alert_id in [a.id for a in panel.model.alerts()]
    assert (
        panel.history.item(0)
        .text()
        .endswith(
            f"sup-wang snoozed until {until.astimezone():%H:%M}: "
            "Refunds — 1 complaint without a customer update for over 2 h"
        )
    )


def test_the_selection_survives_a_new_alert(board: tuple[FloorBoard, FakeFloorHost]) -> None:
    floor, host = board
    alert_id = select(floor, AlertRule.CUSTOMER_NOT_UPDATED)
    from cockpit.metrics import FloorView

    view = floor_view(host.state)
    worse = FloorView(
        generated_at=view.generated_at,
        backend=view.backend,
        queues=tuple(q if q.queue != "refund" else _waiting(q) for q in view.queues),
        breached=view.breached,
        escalations=view.escalations,
    )
    host.evaluate(worse)
    assert len(floor.alerts.model.alerts()) == 7
    assert [a.id for a in floor.alerts.selected_alerts()] == [alert_id]


def test_declare_an_incident_from_an_alert(board: tuple[FloorBoard, FakeFloorHost]) -> None:
    floor, _ = board
    asked: list[object] = []
    floor.declareRequested.connect(asked.append)
    panel = floor.alerts
    panel.set_declare_available(True)
    assert not panel.declare.isEnabled()
    alert_id = select(floor, AlertRule.URGENT_BREACHED)
    panel.declare.click()
    assert [getattr(a, "id", None) for a in asked] == [alert_id]
    panel.set_declare_available(False)
    assert not panel.declare.isEnabled()


def test_an_overdue_checklist_step_is_listed_in_the_ui_language(
    qtbot: QtBot, board: tuple[FloorBoard, FakeFloorHost], translations: Translations
) -> None:
    floor, host = board
    panel = floor.alerts
    now = host.clock.now()
    step = IncidentAlert(
        rule="checklist_overdue",
        incident_id=3,
        incident_kind="desk_failure",
        severity="major",
        step_id="inform_supervisor",
        title={"zh_CN": "向客服主管报告故障", "en": "Report to the supervisor"},
        due_at=now - timedelta(minutes=12),
        overdue_by=timedelta(minutes=12),
    )
    host.observe_incidents([step], now)
    line = "Incident #3 — checklist step “Report to the supervisor” overdue by 0:12:00"
    # a warning (a major incident): after the floor's warnings, before its notices
    assert texts(floor)[3] == line
    model = panel.model
    row = texts(floor).index(line)
    assert model.index(row, AlertColumn.SEVERITY).data() == "Warning"
    assert model.index(row, AlertColumn.TICKETS).data() == "—"
    assert floor.notifier.messages[-1] == ("Alert", line)
    assert panel.summary.text() == "7 active · 4 not taken"

    # it already belongs to an incident: acknowledge it, but no declaring
    panel.set_declare_available(True)
    select(floor, AlertRule.CHECKLIST_OVERDUE)
    assert panel.acknowledge.isEnabled()
    assert not panel.declare.isEnabled()
    select(floor, AlertRule.URGENT_BREACHED)
    assert panel.declare.isEnabled()

    translations.apply("zh_CN")
    zh_line = "事件 #3 — 检查清单步骤“向客服主管报告故障”已逾期 0:12:00"
    qtbot.waitUntil(lambda: zh_line in texts(floor))

    host.observe_incidents([], now + timedelta(minutes=1))  # the step is done
    assert len(texts(floor)) == 6
    assert zh_line not in texts(floor)


def test_new_alerts_notify_once_a_tray_or_none(board: tuple[FloorBoard, FakeFloorHost]) -> None:
    floor, host = board
    # the board's notifier heard the first evaluation: three new alerts (the
    # notices are listed, not told), one message
    assert [title for title, _ in floor.notifier.messages] == ["3 new alerts"]
    assert floor.notifier.messages[0][1].splitlines()[0] == "Logistics — 2 urgent tickets breached"
    # the next poll with the same floor: nothing new, no message
    host.evaluate(floor_view(host.state))
    assert len(floor.notifier.messages) == 1


def test_without_a_tray_nothing_breaks_and_the_sound_is_optional(qtbot: QtBot) -> None:
    beeps: list[bool] = []
    texts_seen: list[str] = []
    notifier = AlertNotifier(
        text=lambda a: texts_seen.append(a.id) or a.id,
        beep=lambda: beeps.append(True),
        tray_available=lambda: False,
    )
    assert notifier.tray is None
    host = FakeFloorHost(hand_built_floor())
    update = host.evaluate(floor_view(host.state))
    notifier.on_alerts_changed(update)
    assert notifier.messages[0][0] == "3 new alerts"
    assert beeps == []
    notifier.set_sound(True)
    critical = next(e for e in update.events if e.alert.rule is AlertRule.URGENT_BREACHED)
    notifier.on_alerts_changed(AlertUpdate((critical,), update.active))
    assert notifier.messages[-1][0] == "Critical alert"
    assert beeps == [True]
    notifier.on_alerts_changed(AlertUpdate((), update.active))  # nothing to tell
    assert len(notifier.messages) == 2
    notifier.shutdown()


def test_with_a_tray_the_message_goes_there(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QSystemTrayIcon, "show", lambda self: None)
    monkeypatch.setattr(
        QSystemTrayIcon, "showMessage", lambda self, title, body, *_: shown.append((title, body))
    )
    notifier = AlertNotifier(text=lambda a: f"text of {a.rule}", tray_available=lambda: True)
    assert notifier.tray is not None
    host = FakeFloorHost(hand_built_floor())
    notifier.on_alerts_changed(host.evaluate(floor_view(host.state)))
    assert shown == [notifier.messages[0]]
    notifier.shutdown()


def test_the_sound_toggle_is_kept_with_the_window_state(
    qtbot: QtBot, board: tuple[FloorBoard, FakeFloorHost], tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    floor, _ = board
    state = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    actions = MainActions()
    floor.install_sound_toggle(actions, state)
    assert not actions.alert_sound.isChecked()
    actions.alert_sound.trigger()
    assert floor.notifier.sound is True
    assert state.value("ui/alert_sound", type=bool) is True


def _waiting(figures):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(figures, waiting=40, waiting_past_target=20)


def test_who_is_the_settings_operator_else_the_login_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from widgets.floor_board import operator_name

    monkeypatch.setattr("widgets.floor_board.current_user", lambda: "login-name")
    assert operator_name(Settings()) == "login-name"
    assert operator_name(Settings(operator="  ")) == "login-name"
    assert operator_name(Settings(operator="值班主管 王")) == "值班主管 王"


def test_a_notice_is_listed_quietly_and_never_waits_to_be_taken(
    board: tuple[FloorBoard, FakeFloorHost],
) -> None:
    from dataclasses import replace

    from cockpit.alert_rules import Severity
    from widgets.models.alert_model import AlertRole

    floor, host = board
    view = floor_view(host.state)
    refund = next(q for q in view.queues if q.queue == "refund")
    nearly = replace(refund, waiting=3, waiting_past_target=2)  # a notice: under 5
    queues = tuple(nearly if q.queue == "refund" else q for q in view.queues)
    told = len(floor.notifier.messages)
    host.evaluate(replace(view, queues=queues))
    model = floor.alerts.model
    row = next(
        r
        for r, a in enumerate(model.alerts())
        if a.severity is Severity.NOTICE
        and a.queue == "refund"
        and a.rule is AlertRule.WAITING_PAST_TARGET
    )
    assert (
        model.index(row, AlertColumn.ALERT).data() == "Refunds — 2 waiting past target (3 waiting)"
    )
    assert model.index(row, AlertColumn.SEVERITY).data() == "Notice"
    assert model.index(row, AlertColumn.SEVERITY).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(row, AlertColumn.TICKETS).data() == "2"
    assert model.index(row, 0).data(AlertRole.ALERT).rule is AlertRule.WAITING_PAST_TARGET
    severities = [a.severity for a in model.alerts()]
    assert severities[row:] == [Severity.NOTICE] * (len(severities) - row)  # least severe last
    assert floor.alerts.summary.text() == "7 active · 3 not taken"
    assert len(floor.notifier.messages) == told  # nothing to tell


def test_reminders_and_worsening_say_so_in_the_title(qtbot: QtBot) -> None:
    from dataclasses import replace

    notifier = AlertNotifier(text=lambda a: a.rule.value, tray_available=lambda: False)
    host = FakeFloorHost(hand_built_floor())
    update = host.evaluate(floor_view(host.state))
    critical = next(e for e in update.events if e.alert.rule is AlertRule.URGENT_BREACHED)
    warning = next(e for e in update.events if e.alert.rule is AlertRule.URGENT_NOT_REPORTED)
    repeat = replace(critical, kind=EventKind.REPEATED)
    notifier.on_alerts_changed(AlertUpdate((repeat,), update.active))
    assert notifier.messages[-1] == ("Critical alert not acknowledged yet", "urgent_breached")
    again = (repeat, replace(warning, kind=EventKind.RENOTIFIED))
    notifier.on_alerts_changed(AlertUpdate(again, update.active))
    assert notifier.messages[-1][0] == "2 alerts not acknowledged yet"
    notifier.on_alerts_changed(AlertUpdate((replace(warning, kind=EventKind.WORSENED),), ()))
    assert notifier.messages[-1][0] == "Alert getting worse"
    notifier.shutdown()
