"""The queues ranked by SLA risk, on hand-built figures."""

from __future__ import annotations

from datetime import timedelta

from cockpit.at_risk import SlaRow
from cockpit.domain import Kind, Priority, QueueId, TicketId
from cockpit.metrics import ClockFigures, QueueFigures
from cockpit.ranking import RiskLevel, needs_help, occupancy, rank_queues
from cockpit.sla import ClockKind, SlaState
from tests.cockpit.factories import at


def q(qid: str, **fields: object) -> QueueFigures:
    values: dict[str, object] = {"agents_available": 2, "agents_busy": 2}
    values.update(fields)
    return QueueFigures(queue=QueueId(qid), name=qid, **values)  # type: ignore[arg-type]


def row(queue: str, seconds: float) -> SlaRow:
    return SlaRow(
        ticket=TicketId(f"{queue}-{seconds}"),
        queue=QueueId(queue),
        priority=Priority.HIGH,
        kind=Kind.ENQUIRY,
        clock=ClockKind.FIRST_RESPONSE,
        state=SlaState.AT_RISK,
        created_at=at(0),
        age_s=60,
        assignee=None,
        due_at=at(0) + timedelta(seconds=seconds),
        seconds_to_breach=seconds,
    )


def order(ranked: tuple[object, ...]) -> list[str]:
    return [str(r.queue) for r in ranked]  # type: ignore[attr-defined]


def test_breaches_come_first_then_at_risk_then_shortfall() -> None:
    ranked = rank_queues(
        [
            q("calm", service_level=0.95),
            q("short", service_level=0.70),
            q("risky", at_risk=3, service_level=0.9),
            q("late", breached=1, service_level=0.99),
            q("later", breached=4, service_level=0.99),
        ]
    )
    assert order(ranked) == ["later", "late", "short", "risky", "calm"]
    assert [r.rank for r in ranked] == [1, 2, 3, 4, 5]


def test_levels_colour_only_the_outliers() -> None:
    ranked = {
        str(r.queue): r.level
        for r in rank_queues(
            [
                q("ok", service_level=0.9),
                q("watch", at_risk=1, service_level=0.9),
                q("past", waiting_past_target=2, service_level=0.9),
                q("below", service_level=0.79),
                q("starved", waiting=3, agents_available=0, agents_busy=4),
                q("new"),
            ]
        )
    }
    assert ranked == {
        "ok": RiskLevel.OK,
        "watch": RiskLevel.WATCH,
        "past": RiskLevel.WATCH,
        "below": RiskLevel.NEEDS_HELP,
        "starved": RiskLevel.WATCH,
        "new": RiskLevel.OK,
    }


def test_at_target_is_not_below() -> None:
    (risk,) = rank_queues([q("edge", service_level=0.8, service_level_target=0.8)])
    assert risk.level is RiskLevel.OK
    assert risk.shortfall == 0


def test_soonest_deadline_breaks_a_tie() -> None:
    ranked = rank_queues(
        [q("a", at_risk=2), q("b", at_risk=2)], at_risk=[row("a", 600), row("b", 120), row("a", 90)]
    )
    assert order(ranked) == ["a", "b"]
    assert ranked[0].soonest_due_s == 90


def test_ties_keep_the_core_order() -> None:
    assert order(rank_queues([q("x"), q("y"), q("z")])) == ["x", "y", "z"]


def test_per_clock_breaches_count_when_they_say_more() -> None:
    figures = q("r", breached=1, resolution=ClockFigures(breached=5))
    (risk,) = rank_queues([figures])
    assert risk.breached == 5


def test_staffing_facts() -> None:
    (risk,) = rank_queues([q("s", waiting=4, agents_available=0, agents_busy=6)])
    assert risk.zero_available
    assert risk.occupancy == 1.0
    assert risk.agents_needed is None
    assert risk.agents_short is None
    assert occupancy(q("none", agents_available=0, agents_busy=0)) is None


def test_agents_needed_hook() -> None:
    (risk,) = rank_queues([q("h", agents_available=1, agents_busy=3)], agents_needed=lambda f: 7)
    assert risk.agents_needed == 7
    assert risk.agents_short == 3


def test_headline_only_when_a_queue_needs_it() -> None:
    assert needs_help(rank_queues([q("fine", service_level=0.9)])) is None
    worst = needs_help(rank_queues([q("fine"), q("bad", breached=2)]))
    assert worst is not None
    assert worst.queue == "bad"
    assert needs_help(()) is None
