"""The escalations board: tickets grouped by level with the exact counts,
age at the level ticking on, flags as chips with words, flagged agent-level
tickets, and the model's update discipline."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from cockpit.alert_rules import Severity
from cockpit.domain import EscalationLevel
from cockpit.settings import EscalationSettings
from tests.cockpit.factories import batch, ticket
from tests.widgets.floor_fakes import floor_view, hand_built_floor
from widgets.escalations_panel import EscalationsPanel
from widgets.models.escalation_model import LEVELS, EscalationColumn, EscalationRole


class Monotonic:
    now = 500.0

    def __call__(self) -> float:
        return self.now


def make_panel(qtbot: QtBot, mono: Monotonic | None = None) -> EscalationsPanel:
    panel = EscalationsPanel(
        limits=EscalationSettings(), tick_ms=60_000, monotonic=mono or Monotonic()
    )
    qtbot.addWidget(panel)
    panel.resize(900, 500)
    return panel


def group(panel: EscalationsPanel, level: EscalationLevel) -> QModelIndex:
    return panel.model.index(LEVELS.index(level), 0)


def rows(panel: EscalationsPanel, level: EscalationLevel) -> list[str]:
    parent = group(panel, level)
    return [
        panel.model.index(r, 0, parent).data(EscalationRole.TICKET_ID)
        for r in range(panel.model.rowCount(parent))
    ]


def test_tickets_grouped_by_level_highest_first(qtbot: QtBot) -> None:
    panel = make_panel(qtbot)
    panel._on_floor_changed(floor_view(hand_built_floor()))
    model = panel.model
    titles = [model.index(i, 0).data() for i in range(model.rowCount())]
    assert titles == [
        "PR / legal · 1",
        "Supervisor · 0",
        "Team lead · 1",
        "Flagged, still with an agent · 4",
    ]
    assert rows(panel, EscalationLevel.PR_LEGAL) == ["pr"]
    assert rows(panel, EscalationLevel.LEAD) == ["angry"]
    # urgent tickets nobody reported in 5 min, most overdue first
    assert rows(panel, EscalationLevel.AGENT) == ["met", "late", "edge", "second"]
    lead = model.index(0, 0, group(panel, EscalationLevel.LEAD))
    row = lead.row()
    parent = group(panel, EscalationLevel.LEAD)
    at_level = model.index(row, EscalationColumn.AT_LEVEL, parent).data()
    assert at_level == "3:30:00"
    assert model.index(row, EscalationColumn.OWNER, parent).data() == "lead-li"
    assert model.index(row, EscalationColumn.QUEUE, parent).data() == "Refunds"
    assert model.index(row, EscalationColumn.SUBJECT, parent).data() == "退款三天未到账"


def test_flags_are_chips_with_words(qtbot: QtBot) -> None:
    panel = make_panel(qtbot)
    panel._on_floor_changed(floor_view(hand_built_floor()))
    model = panel.model
    parent = group(panel, EscalationLevel.LEAD)
    chips = model.index(0, EscalationColumn.FLAGS, parent).data(EscalationRole.FLAGS)
    assert chips == (("Not updated", Severity.WARNING),)
    agent = group(panel, EscalationLevel.AGENT)
    chips = model.index(1, EscalationColumn.FLAGS, agent).data(EscalationRole.FLAGS)
    assert chips == (("Not reported", Severity.CRITICAL),)
    assert model.index(1, EscalationColumn.FLAGS, agent).data() == "Not reported"
    tip = model.index(1, 0, agent).data(Qt.ItemDataRole.ToolTipRole)
    assert "Urgent: not reported to the supervisor (> 5 min)" in tip
    # the counts on top, flags coloured when any is raised
    counts = panel.counts
    assert counts["lead"].text() == "Team lead 1"
    assert counts["pr_legal"].text() == "PR / legal 1"
    assert counts["urgent_not_reported"].text() == "⚑ Urgent not reported 4"
    assert counts["urgent_not_reported"].property("severity") == "critical"
    assert counts["customer_not_updated"].property("severity") == "warning"
    assert counts["collab_no_answer"].property("severity") == "normal"
    panel.grab()  # the chip delegate paints without error


def test_the_age_at_level_ticks_on_between_polls(qtbot: QtBot) -> None:
    mono = Monotonic()
    panel = make_panel(qtbot, mono)
    panel._on_floor_changed(floor_view(hand_built_floor()))
    parent = group(panel, EscalationLevel.PR_LEGAL)
    index = panel.model.index(0, EscalationColumn.AT_LEVEL, parent)
    assert index.data() == "1:10:00"
    changed: list[int] = []
    panel.model.dataChanged.connect(lambda a, b, *_: changed.append(a.column()))
    mono.now += 5 * 60
    panel.model.tick()
    assert index.data() == "1:15:00"
    assert set(changed) == {EscalationColumn.AT_LEVEL}


def test_same_tickets_update_in_place_others_reset(qtbot: QtBot) -> None:
    panel = make_panel(qtbot)
    state = hand_built_floor()
    panel._on_floor_changed(floor_view(state))
    resets: list[bool] = []
    panel.model.modelReset.connect(lambda: resets.append(True))
    panel._on_floor_changed(floor_view(state))
    assert resets == []
    state.apply(
        batch(
            ticket("boss", "refund", created=-20, escalation=EscalationLevel.SUPERVISOR),
            now=10.5,
        )
    )
    panel._on_floor_changed(floor_view(state))
    assert resets == [True]
    assert rows(panel, EscalationLevel.SUPERVISOR) == ["boss"]
    assert panel.tree.isExpanded(group(panel, EscalationLevel.SUPERVISOR))


def test_double_click_asks_for_the_ticket(qtbot: QtBot) -> None:
    panel = make_panel(qtbot)
    panel._on_floor_changed(floor_view(hand_built_floor()))
    asked: list[str] = []
    panel.ticketActivated.connect(asked.append)
    parent = group(panel, EscalationLevel.LEAD)
    panel.tree.doubleClicked.emit(panel.model.index(0, 1, parent))
    panel.tree.doubleClicked.emit(parent)  # a group row: nothing
    assert asked == ["angry"]
