"""Timeout warnings acted on, on a hand-built floor (urgent: 5 min to the
first response, warned at 4 min), and the handover's section."""

from __future__ import annotations

from cockpit.acted_on import ActedOnRow, ActedOnTracker, acted_on_html
from cockpit.domain import Priority, Status
from cockpit.floor import FloorState
from cockpit.settings import SlaSettings
from tests.cockpit.factories import at, batch, ticket

U = Priority.URGENT


def test_answered_before_the_breach_counts_as_acted_on_the_rest_as_missed() -> None:
    state, tracker = FloorState(SlaSettings()), ActedOnTracker()

    def poll(*tickets: object, now: float, full: bool = False) -> None:
        b = batch(*tickets, now=now, full=full)  # type: ignore[arg-type]
        state.apply(b)
        tracker.on_batch(b, state)

    a = ticket("A", created=-4.5, priority=U)  # warned at -0.5, due at +0.5
    b = ticket("B", created=-4.2, priority=U)  # warned at -0.2, due at +0.8
    old = ticket("OLD", created=-30, priority=U)  # breached before we watched: not counted
    poll(a, b, old, now=0, full=True)
    poll(ticket("A", created=-4.5, priority=U, first_response_at=at(0.2), updated_at=at(0.2)),
         now=0.3)  # fmt: skip
    poll(now=1)  # B's due instant passed unanswered
    c = ticket("C", created=0.5, priority=U)  # warned at 4.5, due at 5.5
    d = ticket("D", created=0.6, priority=U)  # warned at 4.6, due at 5.6
    poll(c, d, now=0.7)
    poll(now=4.8)  # both warned now
    poll(ticket("C", created=0.5, priority=U, status=Status.PENDING, pending_since=at(5.0),
                updated_at=at(5.0)),
         now=5.1)  # fmt: skip  # paused: waiting on the customer counts as acted on
    poll(ticket("D", created=0.6, priority=U, first_response_at=at(6.0), updated_at=at(6.0)),
         now=6.1)  # fmt: skip  # answered, but after its due instant
    rows = tracker.rates(at(-60), at(60))
    assert rows == (ActedOnRow("logistics", warnings=4, acted=2, missed=2, pending=0),)
    assert rows[0].rate == 0.5
    assert rows[0].meets_target is False
    # A shift that saw only the later warnings.
    assert tracker.rates(at(1), at(60))[0].warnings == 2


def test_pending_warnings_have_no_rate_yet() -> None:
    state, tracker = FloorState(SlaSettings()), ActedOnTracker()
    b = batch(ticket("A", created=-4.5, priority=U), now=0, full=True)
    state.apply(b)
    tracker.on_batch(b, state)
    (row,) = tracker.rates(at(-60), at(60))
    assert (row.pending, row.rate, row.meets_target) == (1, None, None)


def test_the_handover_section() -> None:
    rows = (ActedOnRow("refund", 50, 49, 1, 0), ActedOnRow("payment", 10, 10, 0, 0))
    html = acted_on_html(rows, language="en")
    assert "Timeout warnings acted on" in html
    assert "98.0 %" in html and "100.0 %" in html  # noqa: PT018
    assert "98.3 %" in html  # the floor: 59 of 60
    assert "超时预警处理率" in acted_on_html((), language="zh_CN")
    assert "not tracked" in acted_on_html(None, language="en")
