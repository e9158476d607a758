"""The queues ranked by SLA risk, on hand-built figures."""

from __future__ import annotations

from datetime import timedelta

from cockpit.at_risk import SlaRow
from cockpit.domain import Kind, Priority, QueueId, TicketId
from cockpit.metrics import ClockFigures, QueueFigures
from cockpit.ranking import RiskLevel, needs_help, occupancy, rank_queues, short_of_target
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


def test_needing_help_first_then_at_risk_then_shortfall() -> None:
    # No service-level base and nobody waiting: "short" is short of no one,
    # so the breaches count first among the queues that need help.
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


def test_nobody_free_everywhere_colours_no_queue() -> None:
    # A peak with every agent taken: "nobody free" is the floor's fact (the
    # headline says it), not an outlier; breaches and risk still colour.
    ranked = {
        str(r.queue): (r.level, r.zero_available)
        for r in rank_queues(
            [
                q("busy", waiting=30, agents_available=0, agents_busy=9),
                q("risky", waiting=5, at_risk=1, agents_available=0, agents_busy=4),
                q("late", waiting=5, breached=2, agents_available=0, agents_busy=4),
            ]
        )
    }
    assert ranked == {
        "busy": (RiskLevel.OK, True),
        "risky": (RiskLevel.WATCH, True),
        "late": (RiskLevel.NEEDS_HELP, True),
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


def sl_queue(qid: str, level: float, target: float, **fields: object) -> QueueFigures:
    """A queue whose service level of ``level`` is counted on 100 customers."""
    in_target = round(100 * level)
    return q(
        qid,
        service_level=level,
        service_level_target=target,
        answered_in_target=in_target,
        answered_late=100 - in_target - 13,
        waiting_past_target=13,
        **fields,
    )


def test_far_below_target_with_many_waiting_outranks_one_breach() -> None:
    # The 1 am case: Payment has one resolution clock past due but answers
    # in time; Pre-sales answers 57 % in time against a 90 % target with 40
    # customers waiting. The lead must be sent to Pre-sales.
    payment = sl_queue("payment", 0.95, 0.8, resolution=ClockFigures(breached=1), waiting=2)
    presale = sl_queue("presale", 0.57, 0.9, waiting=40)
    ranked = rank_queues([payment, presale])
    assert order(ranked) == ["presale", "payment"]
    assert ranked[0].short_of_target == 33  # 90 % of 100 is 90 in target, not 57
    assert ranked[0].in_trouble == 33
    assert ranked[1].in_trouble == 1
    worst = needs_help(ranked)
    assert worst is not None
    assert worst.queue == "presale"


def test_many_breaches_outrank_a_small_gap() -> None:
    # Two points under target on 100 customers is 2 customers short; twelve
    # tickets past due are twelve customers let down.
    late = sl_queue("late", 0.85, 0.8, breached=12, waiting=20)
    gap = sl_queue("gap", 0.78, 0.8, waiting=20)
    assert order(rank_queues([gap, late])) == ["late", "gap"]
    (risk,) = rank_queues([gap])
    assert risk.short_of_target == 2


def test_breaches_and_the_gap_add_up() -> None:
    # 5 past due + 10 short (70 % vs 80 %) beats 12 past due at target.
    both = sl_queue("both", 0.70, 0.8, breached=5)
    many = sl_queue("many", 0.80, 0.8, breached=12)
    assert order(rank_queues([many, both])) == ["both", "many"]


def test_short_of_target_without_the_parts_uses_the_waiting() -> None:
    # A backend that reports only the percentage: the waiting stand in.
    assert short_of_target(q("p", service_level=0.5, service_level_target=0.9, waiting=10)) == 4
    assert short_of_target(q("none", service_level=None, waiting=10)) == 0
    assert short_of_target(q("above", service_level=0.95, waiting=10)) == 0
    # at target exactly: nobody short (no float noise)
    assert short_of_target(sl_queue("edge", 0.8, 0.8)) == 0
