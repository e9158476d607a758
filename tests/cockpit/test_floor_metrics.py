"""FloorState merging and the FloorView figures, exact, on hand-built floors."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.domain import AgentState, Priority, QueueId, Status, Ticket, TicketId
from cockpit.floor import FloorState
from cockpit.metrics import compute_view
from cockpit.settings import SlaSettings
from tests.cockpit.factories import QUEUES, agent, at, batch, ticket

LOG = QueueId("logistics")


def figures(state: FloorState, queue: str = "logistics"):  # type: ignore[no-untyped-def]
    view = compute_view(state, backend="test")
    return next(f for f in view.queues if f.queue == queue)


@pytest.fixture
def state() -> FloorState:
    floor = FloorState(SlaSettings())
    agents = (
        agent("a1", AgentState.AVAILABLE, "logistics"),
        agent("a2", AgentState.BUSY, "logistics", "refund"),
        agent("a3", AgentState.AWAY, "refund"),
        agent("a4", AgentState.OFFLINE, "logistics"),
    )
    floor.apply(batch(now=0, full=True, queues=QUEUES, agents=agents))
    return floor


def test_figures_are_exact(state: FloorState) -> None:
    state.apply(
        batch(
            # waiting 10 min and 3 min; one answered within 2 h (medium), one too late
            ticket("w1", created=-10),
            ticket("w2", created=-3),
            ticket("r1", created=-50, first_response_at=at(-40)),
            ticket("r2", created=-200, first_response_at=at(-30)),
            # resolved 5 and 20 minutes ago
            ticket(
                "d1",
                created=-14,
                status=Status.RESOLVED,
                first_response_at=at(-13),
                resolved_at=at(-5),
            ),
            ticket(
                "d2",
                created=-90,
                status=Status.CLOSED,
                first_response_at=at(-80),
                resolved_at=at(-20),
            ),
            ticket("x1", "refund", created=-1),
        )
    )
    f = figures(state)
    assert f.open == 4
    assert f.waiting == 2
    assert f.oldest_wait_s == 600
    assert f.arrivals_15m == 3  # w1, w2, d1 (created at -14)
    assert f.resolutions_15m == 1
    # first responses in the last hour: r1 (met), r2 (late: 170 min > 2 h), d1 (met)
    assert f.service_level == pytest.approx(2 / 3)
    assert (f.agents_available, f.agents_busy, f.agents_away) == (1, 1, 0)
    assert f.names["zh_CN"] == "物流配送"


def test_window_boundaries_are_half_open(state: FloorState) -> None:
    state.apply(batch(ticket("edge", created=-15), ticket("inside", created=-14.99), now=0))
    assert figures(state).arrivals_15m == 1


def test_backend_due_time_wins_over_policy(state: FloorState) -> None:
    # Within the local 2 h target but after the backend's own due time.
    late = ticket("t", created=-30, first_response_at=at(-20), first_response_due=at(-25))
    state.apply(batch(late))
    assert figures(state).service_level == 0.0


def test_a_changed_ticket_takes_back_its_old_contribution(state: FloorState) -> None:
    state.apply(batch(ticket("t", created=-10)))
    assert figures(state).waiting == 1
    answered = ticket("t", created=-10, first_response_at=at(-1), updated_at=at(-1))
    state.apply(batch(answered))
    f = figures(state)
    assert (f.open, f.waiting, f.service_level) == (1, 0, 1.0)
    moved = ticket("t", "refund", created=-10, first_response_at=at(-1), updated_at=at(0))
    touched = state.apply(batch(moved))
    assert touched >= {QueueId("logistics"), QueueId("refund")}
    assert figures(state).open == 0
    assert figures(state, "refund").open == 1


def test_a_future_stamped_version_does_not_block_the_next_real_update(
    state: FloorState,
) -> None:
    # A server clock 2 h fast stamped the first version; once the clock is put
    # right, the next change carries an earlier stamp but is the newer version
    # (batches arrive in the feed's change order).
    fast = at(120)
    state.apply(batch(ticket("t", created=-10, updated_at=fast)))
    state.apply(
        batch(ticket("t", created=-10, updated_at=at(0), status=Status.RESOLVED, resolved_at=at(0)))
    )
    assert figures(state).open == 0
    assert state.tickets[TicketId("t")].status is Status.RESOLVED


def test_finished_tickets_leave_after_24_hours(state: FloorState) -> None:
    state.apply(batch(ticket("old", created=-70, status=Status.CLOSED, resolved_at=at(-60))))
    assert "old" in state.tickets
    state.apply(batch(now=24 * 60 - 61))
    assert "old" in state.tickets
    state.apply(batch(now=24 * 60 - 59))
    assert "old" not in state.tickets
    assert figures(state).resolutions_15m == 0


def test_a_full_batch_replaces_everything(state: FloorState) -> None:
    state.apply(batch(ticket("a"), ticket("b")))
    state.apply(batch(ticket("c"), full=True, queues=QUEUES))
    assert set(state.tickets) == {"c"}
    assert figures(state).open == 1


def test_changed_lists_only_queues_whose_figures_moved(state: FloorState) -> None:
    first = compute_view(state, backend="test")
    assert first.changed == {q.id for q in QUEUES}
    state.apply(batch(ticket("x", "refund", created=-1)))
    second = compute_view(state, backend="test", previous=first)
    assert second.changed == {QueueId("refund")}


def test_queue_specific_targets_apply() -> None:
    from cockpit.settings import SlaTarget

    sla = SlaSettings(
        queue_overrides={"logistics": {Priority.MEDIUM: SlaTarget(first_response_s=60)}}
    )
    floor = FloorState(sla)
    floor.apply(batch(ticket("t", created=-5, first_response_at=at(-3)), full=True, queues=QUEUES))
    assert figures(floor).service_level == 0.0
    floor.replace_sla(SlaSettings())
    assert figures(floor).service_level == 1.0


# --- the incremental indexes agree with a brute-force count ------------------

minutes = st.integers(min_value=-300, max_value=0)


@st.composite
def versions(draw: st.DrawFn) -> Ticket:
    created = draw(minutes)
    status = draw(st.sampled_from(list(Status)))
    responded = draw(st.one_of(st.none(), st.integers(min_value=created, max_value=0)))
    finished = status in (Status.RESOLVED, Status.CLOSED)
    return ticket(
        draw(st.sampled_from(["a", "b", "c", "d", "e"])),
        draw(st.sampled_from(["logistics", "refund"])),
        created=created,
        priority=draw(st.sampled_from(list(Priority))),
        status=status,
        first_response_at=None if responded is None else at(responded),
        resolved_at=at(draw(st.integers(min_value=created, max_value=0))) if finished else None,
        updated_at=at(draw(st.integers(min_value=created, max_value=0))),
    )


def brute_force(tickets: list[Ticket], queue: str, state: FloorState) -> tuple[int, int, int, int]:
    now = state.server_time
    assert now is not None
    mine = [t for t in tickets if t.queue == queue]
    window = timedelta(minutes=15)
    return (
        sum(t.is_open for t in mine),
        sum(t.is_open and t.first_response_at is None for t in mine),
        sum(now - window < t.created_at <= now for t in mine),
        sum(
            t.resolved_at is not None and not t.is_open and now - window < t.resolved_at <= now
            for t in mine
        ),
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(versions(), max_size=6), max_size=6))
def test_incremental_merge_matches_brute_force(polls: list[list[Ticket]]) -> None:
    floor = FloorState(SlaSettings())
    floor.apply(batch(full=True, queues=QUEUES))
    latest: dict[str, Ticket] = {}
    for tickets in polls:
        floor.apply(batch(*tickets))
        for t in tickets:
            latest[t.id] = t  # the last version to arrive wins (the feed's change order)
    for queue in ("logistics", "refund"):
        f = figures(floor, queue)
        expected = brute_force(list(latest.values()), queue, floor)
        assert (f.open, f.waiting, f.arrivals_15m, f.resolutions_15m) == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(versions(), max_size=12))
def test_a_full_load_equals_the_same_tickets_merged_one_by_one(tickets: list[Ticket]) -> None:
    """A full load builds every index in one sorted update per list; a
    ticket listed twice counts in its last version only, as if upserted."""
    loaded = FloorState(SlaSettings())
    loaded.apply(batch(*tickets, full=True, queues=QUEUES))
    merged = FloorState(SlaSettings())
    merged.apply(batch(full=True, queues=QUEUES))
    for t in tickets:
        merged.apply(batch(t))
    one, other = compute_view(loaded, backend="t"), compute_view(merged, backend="t")
    assert one.queues == other.queues
    assert (one.at_risk, one.breached, one.escalations) == (
        other.at_risk,
        other.breached,
        other.escalations,
    )
    assert one.heatmap == other.heatmap
    assert loaded.tickets == merged.tickets
