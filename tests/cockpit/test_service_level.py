"""The service level by the contact-centre definition, and each SLA clock
counted on its own, on hand-built floors with exact numbers (definitions:
docs/metrics.md)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cockpit.domain import Priority, QueueId, Status, Ticket
from cockpit.floor import FloorState
from cockpit.metrics import ClockFigures, QueueFigures, compute_view
from cockpit.settings import SlaSettings, SlaTarget
from tests.cockpit.brute_sl import check_figures
from tests.cockpit.factories import QUEUES, at, batch, ticket

# logistics: first response in 10 min (warn at 8), resolution in 60 min (warn at 48).
TIGHT = SlaTarget(first_response_s=600, resolution_s=3600)
SLA = SlaSettings(queue_overrides={"logistics": {p: TIGHT for p in Priority}})


def floor_at(*tickets: Ticket, now: float = 0, sla: SlaSettings = SLA) -> FloorState:
    floor = FloorState(sla)
    floor.apply(batch(*tickets, now=now, full=True, queues=QUEUES))
    return floor


def figures(floor: FloorState, name: str = "logistics") -> QueueFigures:
    return next(f for f in compute_view(floor, backend="test").queues if f.queue == name)


def parts(f: QueueFigures) -> tuple[int, int, int, int]:
    return (f.answered_in_target, f.answered_late, f.waiting_past_target, f.abandoned_past_target)


def test_waiting_customers_pull_the_service_level_down() -> None:
    # The case: one answered in target, 43 waiting two hours.
    waiting = [ticket(f"w{i}", created=-120) for i in range(43)]
    answered = ticket("a", created=-30, first_response_at=at(-25))
    f = figures(floor_at(answered, *waiting))
    assert parts(f) == (1, 0, 43, 0)
    assert f.service_level == pytest.approx(1 / 44)


def test_each_part_on_its_boundaries() -> None:
    floor = floor_at(
        # answered at the due instant: in target; one second after: late
        ticket("in", created=-20, first_response_at=at(-10)),
        ticket("late", created=-20, first_response_at=at(-10 + 1 / 60)),
        # answered before the window (60 min) opened: not counted
        ticket("old", created=-80, first_response_at=at(-60)),
        # waiting exactly at its due instant is not yet past it; one second more is
        ticket("due-now", created=-10),
        ticket("past", created=-10 - 1 / 60),
        # created a day ago and still waiting: counts, whenever it arrived
        ticket("ancient", created=-1440),
        # closed unanswered after the due instant: abandoned past target;
        # closed unanswered within target: not counted
        ticket("gone", created=-30, status=Status.CLOSED, resolved_at=at(-5)),
        ticket("quick", created=-30, status=Status.CLOSED, resolved_at=at(-25)),
        # waiting on the customer: paused, not waiting past target
        ticket("paused", created=-30, status=Status.PENDING, pending_since=at(-15)),
    )
    f = figures(floor)
    assert parts(f) == (1, 1, 2, 1)
    assert f.service_level == pytest.approx(1 / 5)
    # The first-response clock on its own: paused at -15 it was past due then.
    assert f.first_response == ClockFigures(breached=3, at_risk=1, met=1, missed=2)
    check_figures(floor)


def test_tickets_without_a_first_response_target_do_not_count() -> None:
    sla = SlaSettings(queue_overrides={"logistics": {Priority.MEDIUM: SlaTarget(resolution_s=60)}})
    floor = floor_at(
        ticket("a", created=-30, first_response_at=at(-20)),
        ticket("w", created=-300),
        sla=sla,
    )
    f = figures(floor)
    assert parts(f) == (0, 0, 0, 0)
    assert f.service_level is None


def test_the_window_slides_with_backend_time() -> None:
    floor = floor_at(ticket("a", created=-30, first_response_at=at(-20)), ticket("w", created=-5))
    assert figures(floor).service_level == 1.0
    floor.apply(batch(now=40))  # the answer is 60 min old: out; w is 45 min past due
    f = figures(floor)
    assert parts(f) == (0, 0, 1, 0)
    assert f.service_level == 0.0


def test_a_mass_reply_does_not_make_the_service_level_jump() -> None:
    # 40 customers waiting two hours past their target, 10 answered in time.
    waiting = [ticket(f"w{i}", created=-130) for i in range(40)]
    answered = [ticket(f"a{i}", created=-30, first_response_at=at(-25)) for i in range(10)]
    floor = floor_at(*waiting, *answered)
    before = figures(floor)
    assert parts(before) == (10, 0, 40, 0)
    assert before.service_level == pytest.approx(0.2)
    # One broadcast answers all forty at once.
    replied = [replace(t, first_response_at=at(1), updated_at=at(1)) for t in waiting]
    floor.apply(batch(*replied, now=1))
    after = figures(floor)
    assert parts(after) == (10, 40, 0, 0)
    assert after.service_level == pytest.approx(0.2)
    assert after.waiting == 0


def test_each_clock_counts_on_its_own() -> None:
    # Late on both clocks: the ticket list counts it once, each clock once.
    both = ticket("both", created=-90, first_response_at=None)
    resolution_only = ticket("res", created=-70, first_response_at=at(-65))
    at_risk = ticket("risk", created=-50, first_response_at=at(-49))
    fixed_late = ticket(
        "fixed", created=-80, first_response_at=at(-79), status=Status.RESOLVED, resolved_at=at(-5)
    )
    fixed = ticket(
        "ok", created=-40, first_response_at=at(-39), status=Status.RESOLVED, resolved_at=at(-30)
    )
    floor = floor_at(both, resolution_only, at_risk, fixed_late, fixed)
    f = figures(floor)
    assert (f.breached, f.at_risk) == (2, 1)
    # answers before the 60-min window (res, fixed) are not in met
    assert f.first_response == ClockFigures(breached=1, at_risk=0, met=2, missed=0)
    assert f.resolution == ClockFigures(breached=2, at_risk=1, met=1, missed=1)
    check_figures(floor)


def test_per_clock_counts_follow_time_and_updates() -> None:
    floor = floor_at(ticket("t", created=-5))
    assert figures(floor).first_response == ClockFigures()
    floor.apply(batch(now=3))  # 8 min old: first response at risk
    assert figures(floor).first_response == ClockFigures(at_risk=1)
    floor.apply(batch(now=6))  # 11 min: breached
    assert figures(floor).first_response == ClockFigures(breached=1)
    answered = ticket("t", created=-5, first_response_at=at(6), updated_at=at(6))
    floor.apply(batch(answered, now=6))
    f = figures(floor)
    assert f.first_response == ClockFigures(missed=1)
    assert f.resolution == ClockFigures()
    floor.apply(batch(now=44))  # resolution: 49 min old, at risk
    assert figures(floor).resolution == ClockFigures(at_risk=1)
    check_figures(floor)
    assert figures(floor, "refund").first_response == ClockFigures()
    assert QueueId("refund") in {q.id for q in QUEUES}
