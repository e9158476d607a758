"""Escalation flags at their limits, the rows and their grouping, and the
watch list FloorState keeps for them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.domain import AgentId, EscalationLevel, Kind, Priority, Status, Ticket
from cockpit.escalation_index import EscalationSummary
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


def test_the_view_reads_the_escalation_indexes() -> None:
    escalated = ticket("e", created=-20, escalation=EscalationLevel.SUPERVISOR, escalated_at=at(-5))
    plain = ticket("p", created=-20)
    floor = _floor(escalated, plain)
    view = compute_view(floor, backend="test")
    assert [r.ticket for r in view.escalations] == ["e"]
    assert view.escalation_summary == EscalationSummary(supervisor=1)
    floor.apply(batch(ticket("e", created=-20, status=Status.RESOLVED, updated_at=at(1)), now=1))
    view = compute_view(floor, backend="test")
    assert (view.escalations, view.escalation_summary) == ((), EscalationSummary())


def test_rows_are_cut_at_the_limit_but_the_summary_counts_everything() -> None:
    tickets = [
        *(
            ticket(f"l{i}", created=-99, escalation=EscalationLevel.LEAD, escalated_at=at(-i))
            for i in range(5)
        ),
        *(ticket(f"u{i}", created=-10 - i, priority=Priority.URGENT) for i in range(5)),
    ]
    view = compute_view(_floor(*tickets), backend="test", options=ViewOptions(escalation_limit=2))
    # two escalated (longest at their level first), two flagged (most overdue first)
    assert [r.ticket for r in view.escalations] == ["l4", "l3", "u4", "u3"]
    assert view.escalation_summary == EscalationSummary(lead=5, urgent_not_reported=5)


def test_the_view_uses_the_configured_limits() -> None:
    floor = _floor(ticket("u", created=-2, priority=Priority.URGENT))
    assert compute_view(floor, backend="test").escalations == ()
    options = ViewOptions(escalations=EscalationSettings(urgent_report_s=60))
    (row,) = compute_view(floor, backend="test", options=options).escalations
    assert row.flags == (EscalationFlag.URGENT_NOT_REPORTED,)


# --- the incremental indexes agree with a scan of the floor --------------------

_minute = st.one_of(
    st.sampled_from([-125, -120, -65, -60, -6, -5, -1, 0]),
    st.integers(min_value=-600, max_value=60),
)
_maybe = st.one_of(st.none(), _minute.map(at))


@st.composite
def versions(draw: st.DrawFn) -> Ticket:
    created = draw(_minute)
    return ticket(
        draw(st.sampled_from(["a", "b", "c", "d", "e", "f", "g"])),
        draw(st.sampled_from(["logistics", "refund"])),
        created=created,
        updated_at=at(draw(st.integers(min_value=created, max_value=created + 300))),
        priority=draw(st.sampled_from(list(Priority))),
        kind=draw(st.sampled_from([Kind.COMPLAINT, Kind.ENQUIRY])),
        status=draw(st.sampled_from(list(Status))),
        escalation=draw(st.sampled_from(list(EscalationLevel))),
        escalated_at=draw(_maybe),
        waiting_since=draw(_maybe),
        last_customer_update_at=draw(_maybe),
    )


def scan(floor: FloorState, limits: EscalationSettings) -> tuple[list[str], EscalationSummary]:
    assert floor.server_time is not None
    now = floor.server_time
    open_tickets = [t for t in floor.tickets.values() if t.is_open]
    rows = escalation_rows(open_tickets, now, limits)
    escalated = [r.ticket for r in rows if r.level is not EscalationLevel.AGENT]
    raised_at = {
        EscalationFlag.COLLAB_NO_ANSWER: lambda t: (
            (t.waiting_since or t.updated_at) + timedelta(seconds=limits.collab_no_answer_s)
        ),
        EscalationFlag.URGENT_NOT_REPORTED: lambda t: (
            t.created_at + timedelta(seconds=limits.urgent_report_s)
        ),
    }
    by_id = {t.id: t for t in open_tickets}
    flagged = sorted(
        (min(raised_at[f](by_id[r.ticket]) for f in r.flags), r.ticket)
        for r in rows
        if r.level is EscalationLevel.AGENT
    )
    every = [f for r in rows for f in r.flags]
    levels = [r.level for r in rows]
    summary = EscalationSummary(
        lead=levels.count(EscalationLevel.LEAD),
        supervisor=levels.count(EscalationLevel.SUPERVISOR),
        pr_legal=levels.count(EscalationLevel.PR_LEGAL),
        collab_no_answer=every.count(EscalationFlag.COLLAB_NO_ANSWER),
        customer_not_updated=every.count(EscalationFlag.CUSTOMER_NOT_UPDATED),
        urgent_not_reported=every.count(EscalationFlag.URGENT_NOT_REPORTED),
    )
    return escalated + [ticket_id for _, ticket_id in flagged], summary


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(versions(), max_size=5), st.sampled_from([0, 1, 4, 5, 59, 60, 61])),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from([LIMITS, EscalationSettings(urgent_report_s=60, collab_no_answer_s=300)]),
)
def test_incremental_escalations_match_a_scan(
    polls: list[tuple[list[Ticket], int]], limits: EscalationSettings
) -> None:
    floor = _floor()
    now = 0
    options = ViewOptions(escalations=limits, escalation_limit=1000)
    for tickets, step in polls:
        now += step
        floor.apply(batch(*tickets, now=now))
        view = compute_view(floor, backend="test", options=options)
        expected_rows, expected_summary = scan(floor, limits)
        assert [r.ticket for r in view.escalations] == expected_rows
        assert view.escalation_summary == expected_summary
