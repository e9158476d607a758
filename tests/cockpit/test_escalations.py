"""Escalation flags at their limits, the rows and their grouping, and the
watch list FloorState keeps for them."""

from __future__ import annotations

import pytest

from cockpit.domain import AgentId, EscalationLevel, Kind, Priority, Status, Ticket
from cockpit.escalations import (
    EscalationFlag,
    by_level,
    escalation_row,
    escalation_rows,
    flags,
)
from cockpit.floor import FloorState
from cockpit.metrics import ViewOptions, compute_view
from cockpit.settings import EscalationSettings, SlaSettings
from tests.cockpit.factories import QUEUES, at, batch, ticket

LIMITS = EscalationSettings()
SECOND = 1 / 60
# (just under, at, just over) the limit, and whether the flag is raised
EDGES = [(-SECOND, False), (0, False), (SECOND, True)]


@pytest.mark.parametrize(("offset", "raised"), EDGES)
def test_collaboration_without_an_answer_for_over_an_hour(offset: float, raised: bool) -> None:
    t = ticket("c", created=-100, status=Status.WAITING_OTHER, waiting_since=at(0))
    assert (EscalationFlag.COLLAB_NO_ANSWER in flags(t, at(60 + offset), LIMITS)) is raised


def test_collaboration_without_a_waiting_time_counts_from_the_last_update() -> None:
    t = ticket("c", created=-100, status=Status.WAITING_OTHER, updated_at=at(0))
    assert flags(t, at(60 + SECOND), LIMITS) == (EscalationFlag.COLLAB_NO_ANSWER,)


@pytest.mark.parametrize(("offset", "raised"), EDGES)
def test_escalated_complaint_without_a_customer_update(offset: float, raised: bool) -> None:
    t = ticket(
        "k",
        created=-300,
        kind=Kind.COMPLAINT,
        escalation=EscalationLevel.LEAD,
        escalated_at=at(-200),
        last_customer_update_at=at(0),
    )
    assert (EscalationFlag.CUSTOMER_NOT_UPDATED in flags(t, at(120 + offset), LIMITS)) is raised


def test_customer_updates_fall_back_to_the_escalation_then_creation_time() -> None:
    base = {"kind": Kind.COMPLAINT, "escalation": EscalationLevel.SUPERVISOR}
    escalated = ticket("k", created=-300, escalated_at=at(0), **base)
    assert flags(escalated, at(120), LIMITS) == ()
    assert flags(escalated, at(120 + SECOND), LIMITS) == (EscalationFlag.CUSTOMER_NOT_UPDATED,)
    bare = ticket("k", created=0, **base)
    assert flags(bare, at(120 + SECOND), LIMITS) == (EscalationFlag.CUSTOMER_NOT_UPDATED,)


def test_only_escalated_complaints_need_customer_updates() -> None:
    enquiry = ticket("e", created=-500, escalation=EscalationLevel.LEAD, escalated_at=at(-500))
    agent_level = ticket("a", created=-500, kind=Kind.COMPLAINT)
    assert flags(enquiry, at(0), LIMITS) == flags(agent_level, at(0), LIMITS) == ()


@pytest.mark.parametrize(("offset", "raised"), EDGES)
def test_urgent_ticket_not_reported_within_five_minutes(offset: float, raised: bool) -> None:
    t = ticket("u", created=0, priority=Priority.URGENT, escalation=EscalationLevel.LEAD)
    assert (EscalationFlag.URGENT_NOT_REPORTED in flags(t, at(5 + offset), LIMITS)) is raised


def test_an_urgent_ticket_reported_to_the_supervisor_is_not_flagged() -> None:
    t = ticket("u", created=-60, priority=Priority.URGENT, escalation=EscalationLevel.SUPERVISOR)
    assert flags(t, at(0), LIMITS) == ()


def test_limits_come_from_the_settings() -> None:
    limits = EscalationSettings(collab_no_answer_s=60, customer_update_s=60, urgent_report_s=60)
    t = ticket(
        "x",
        created=0,
        priority=Priority.URGENT,
        kind=Kind.COMPLAINT,
        escalation=EscalationLevel.LEAD,
        status=Status.WAITING_OTHER,
        waiting_since=at(0),
    )
    assert flags(t, at(1), limits) == ()
    assert flags(t, at(1 + SECOND), limits) == tuple(EscalationFlag)


def test_finished_tickets_carry_no_flags() -> None:
    t = ticket("d", created=-500, priority=Priority.URGENT, status=Status.CLOSED)
    assert flags(t, at(0), LIMITS) == ()


def test_rows_are_escalated_or_flagged_tickets() -> None:
    lead = ticket(
        "l",
        created=-90,
        escalation=EscalationLevel.LEAD,
        escalated_at=at(-30),
        assignee=AgentId("L1"),
    )
    quiet = ticket("q", created=-1, priority=Priority.URGENT)  # not late yet
    row = escalation_row(lead, at(0), LIMITS)
    assert row is not None
    assert (row.level, row.since, row.age_at_level_s, row.owner, row.flags) == (
        EscalationLevel.LEAD,
        at(-30),
        1800,
        "L1",
        (),
    )
    assert escalation_row(quiet, at(0), LIMITS) is None
    late = escalation_row(quiet, at(5), LIMITS)
    assert late is not None
    assert (late.level, late.since, late.flags) == (
        EscalationLevel.AGENT,
        at(-1),
        (EscalationFlag.URGENT_NOT_REPORTED,),
    )


def test_rows_sort_by_level_then_time_at_it_and_group_by_level() -> None:
    tickets = [
        ticket("a", created=-99, escalation=EscalationLevel.LEAD, escalated_at=at(-10)),
        ticket("b", created=-99, escalation=EscalationLevel.LEAD, escalated_at=at(-50)),
        ticket("c", created=-99, escalation=EscalationLevel.PR_LEGAL, escalated_at=at(-1)),
        ticket("d", created=-99, status=Status.WAITING_OTHER, waiting_since=at(-70)),
    ]
    rows = escalation_rows(tickets, at(0), LIMITS)
    assert [r.ticket for r in rows] == ["c", "b", "a", "d"]
    groups = by_level(rows)
    assert list(groups) == [
        EscalationLevel.PR_LEGAL,
        EscalationLevel.SUPERVISOR,
        EscalationLevel.LEAD,
        EscalationLevel.AGENT,
    ]
    assert [r.ticket for r in groups[EscalationLevel.LEAD]] == ["b", "a"]
    assert groups[EscalationLevel.SUPERVISOR] == ()


def _floor(*tickets: Ticket, now: float = 0) -> FloorState:
    floor = FloorState(SlaSettings())
    floor.apply(batch(*tickets, now=now, full=True, queues=QUEUES))
    return floor


def test_the_view_reads_the_watch_list_only() -> None:
    escalated = ticket("e", created=-20, escalation=EscalationLevel.SUPERVISOR, escalated_at=at(-5))
    plain = ticket("p", created=-20)
    floor = _floor(escalated, plain)
    assert floor.watched == {"e"}
    view = compute_view(floor, backend="test")
    assert [r.ticket for r in view.escalations] == ["e"]
    floor.apply(batch(ticket("e", created=-20, status=Status.RESOLVED, updated_at=at(1)), now=1))
    assert floor.watched == set()
    assert compute_view(floor, backend="test").escalations == ()


def test_the_view_uses_the_configured_limits() -> None:
    floor = _floor(ticket("u", created=-2, priority=Priority.URGENT))
    assert compute_view(floor, backend="test").escalations == ()
    options = ViewOptions(escalations=EscalationSettings(urgent_report_s=60))
    (row,) = compute_view(floor, backend="test", options=options).escalations
    assert row.flags == (EscalationFlag.URGENT_NOT_REPORTED,)
