"""Checklist countdowns at their boundaries: the text, the status (due soon
from remind_before, overdue from the deadline itself), and the panel's column
ticking on an injected clock without any database call."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cockpit.incidents.checklist import StepState, StepStatus
from tests.cockpit.factories import T0
from tests.widgets.incidents.fakes import FakeHost
from widgets.incident_panel import IncidentPanel
from widgets.incident_state import live_status, read_picture
from widgets.incident_text import countdown_text, span_text
from widgets.models.checklist_model import ChecklistColumn, ChecklistModel, ChecklistRole
from widgets.run_op import ErrorMessage

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _step(
    *, due_in: timedelta | None, every: timedelta | None = None, completions: int = 0
) -> StepState:
    return StepState(
        step_id="inform_supervisor",
        title={"zh_CN": "向客服主管报告故障", "en": "Report the outage to the supervisor"},
        owner="lead",
        every=every,
        due_at=None if due_in is None else T0 + due_in,
        done_at=None,
        completions=completions,
        status=StepStatus.UPCOMING,
        remaining=due_in,
    )


@pytest.mark.parametrize(
    ("left", "text"),
    [
        (timedelta(minutes=15), "due in 0:15:00"),
        (timedelta(seconds=1), "due in 0:00:01"),
        (timedelta(0), "overdue by 0:00:00"),
        (timedelta(seconds=-1), "overdue by 0:00:01"),
        (timedelta(minutes=59, seconds=59), "due in 0:59:59"),
        (timedelta(hours=1), "due in 1:00:00"),
        (timedelta(hours=-2, seconds=-5), "overdue by 2:00:05"),
    ],
)
def test_countdown_text_at_the_boundaries(left: timedelta, text: str) -> None:
    step = _step(due_in=timedelta(minutes=15))
    now = T0 + timedelta(minutes=15) - left
    status = live_status(step, now, timedelta(minutes=5))
    assert countdown_text(step, status, now) == text


def test_status_turns_due_soon_at_remind_before_and_overdue_at_the_deadline() -> None:
    step = _step(due_in=timedelta(minutes=15))
    before = timedelta(minutes=5)
    assert live_status(step, T0 + timedelta(minutes=9, seconds=59), before) is StepStatus.UPCOMING
    assert live_status(step, T0 + timedelta(minutes=10), before) is StepStatus.DUE_SOON
    assert live_status(step, T0 + timedelta(minutes=14, seconds=59), before) is StepStatus.DUE_SOON
    assert live_status(step, T0 + timedelta(minutes=15), before) is StepStatus.OVERDUE


def test_recurring_steps_count_to_their_next_time() -> None:
    step = _step(due_in=timedelta(minutes=30), every=timedelta(minutes=30), completions=2)
    now = T0
    assert countdown_text(step, live_status(step, now, timedelta(0)), now) == "next due in 0:30:00"


def test_steps_without_deadline_and_done_steps() -> None:
    open_step = _step(due_in=None)
    assert countdown_text(open_step, StepStatus.OPEN, T0) == "no deadline"
    done = StepState(**{**_fields(open_step), "done_at": T0, "status": StepStatus.DONE})
    text = countdown_text(done, StepStatus.DONE, T0, zone=SHANGHAI, who="lead-li")
    assert text == "✓ done 00:00 · lead-li"


def _fields(step: StepState) -> dict[str, object]:
    return {name: getattr(step, name) for name in StepState.__slots__}


def test_span_text_never_goes_negative() -> None:
    assert span_text(timedelta(seconds=-30)) == "0:00:00"
    assert span_text(timedelta(hours=25)) == "1 d 1 h"


def test_model_colours_overdue_and_due_soon_rows(qtbot: QtBot) -> None:
    model = ChecklistModel()
    model.set_steps(
        (_step(due_in=timedelta(minutes=15)),), done_by={}, remind_before=timedelta(minutes=5)
    )
    index = model.index(0, ChecklistColumn.DUE)
    changed: list[object] = []
    model.dataChanged.connect(lambda *args: changed.append(args))
    model.set_now(T0 + timedelta(minutes=11))
    assert changed
    assert model.data(index, ChecklistRole.STATUS) is StepStatus.DUE_SOON
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    model.set_now(T0 + timedelta(minutes=16))
    assert model.data(index) == "overdue by 0:01:00"
    assert model.data(index, ChecklistRole.STATUS) is StepStatus.OVERDUE
    assert model.data(index, Qt.ItemDataRole.FontRole).bold()


def test_panel_countdown_ticks_with_the_clock(
    qtbot: QtBot, host: FakeHost, errors: list[ErrorMessage]
) -> None:
    incident_id = host.declare()
    panel = IncidentPanel(host, clock=host.clock.now)
    qtbot.addWidget(panel)
    panel.show_picture(read_picture(host.engine, host.open_tickets, incident_id=incident_id))
    rows = {
        panel.checklist.data(panel.checklist.index(r, 0), ChecklistRole.STEP_ID): r
        for r in range(panel.checklist.rowCount())
    }
    due = panel.checklist.index(rows["inform_supervisor"], ChecklistColumn.DUE)
    assert due.data() == "due in 0:15:00"
    host.clock.advance(timedelta(minutes=14, seconds=30))
    panel._timer.timeout.emit()
    assert due.data() == "due in 0:00:30"
    host.clock.advance(timedelta(seconds=45))
    panel._timer.timeout.emit()
    assert due.data() == "overdue by 0:00:15"
    assert not errors
