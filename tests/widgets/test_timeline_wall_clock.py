"""The incident timeline shows floor time; its tooltip adds the wall clock
where the two differ (an accelerated simulator)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cockpit.store.incidents import EventRecord, Outcome, Phase
from widgets.models.timeline_model import TimelineColumn, TimelineModel

FLOOR = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)


def _event(event_id: int, wall: datetime | None) -> EventRecord:
    return EventRecord(
        id=event_id,
        incident_id=1,
        at=FLOOR,
        who="lead-li",
        action="note",
        phase=Phase.RECORD,
        outcome=Outcome.OK,
        payload={"text": "checking"},
        wall_at=wall,
        time_base="backend",
    )


def test_the_tooltip_gives_the_wall_clock_only_where_it_differs(qtbot: QtBot) -> None:
    model = TimelineModel(zone=UTC)
    model.add_events([_event(1, FLOOR - timedelta(minutes=42)), _event(2, FLOOR)])
    shown = {model.index(row, TimelineColumn.TIME).data() for row in range(2)}
    assert len(shown) == 1  # both rows show the floor time
    newest, oldest = (
        model.index(row, TimelineColumn.DETAILS).data(Qt.ItemDataRole.ToolTipRole)
        for row in range(2)
    )
    assert "Wall clock" not in newest
    assert "Wall clock: " in oldest
    assert "14:18" in oldest
