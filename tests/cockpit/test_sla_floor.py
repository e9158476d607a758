"""The SLA picture of a floor: per-queue counts, the at-risk and breached
lists, and (with the heatmap) agreement of the incremental indexes with a
brute-force evaluation of every ticket."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import replace
from datetime import timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.at_risk import SlaRow, clock_states
from cockpit.domain import Priority, QueueId, Status, Ticket, TicketId
from cockpit.floor import FloorState
from cockpit.heatmap import HeatmapMode, build_heatmap, cell_tickets, grid_starts
from cockpit.metrics import FloorView, QueueFigures, ViewOptions, compute_view
from cockpit.settings import SlaSettings, SlaTarget
from cockpit.sla import ClockKind, SlaState, clocks, evaluate, pressing
from tests.cockpit.brute_sl import check_figures
from tests.cockpit.factories import QUEUES, at, batch, ticket

SECOND = 1 / 60  # in the factories' minutes


def floor_at(*tickets: Ticket, now: float = 0, sla: SlaSettings | None = None) -> FloorState:
    floor = FloorState(sla or SlaSettings())
    floor.apply(batch(*tickets, now=now, full=True, queues=QUEUES))
    return floor


def queue(view: FloorView, name: str = "logistics") -> QueueFigures:
    return next(f for f in view.queues if f.queue == name)


def ids(rows: tuple[SlaRow, ...]) -> list[str]:
    return [r.ticket for r in rows]


def test_counts_and_lists_on_a_hand_built_floor() -> None:
    floor = floor_at(
        # urgent, due at +5: breached at +6
        ticket("u", created=0, priority=Priority.URGENT),
        # medium (2 h), at risk from 96 min on: created 100 min ago
        ticket("m", created=-94, priority=Priority.MEDIUM),
        # high answered: resolution due at 240 min, at risk from 192
        ticket("h", created=-200, priority=Priority.HIGH, first_response_at=at(-199)),
        # OK for a long while
        ticket("l", created=0, priority=Priority.LOW),
        # paused: pending on the customer
        ticket("p", created=-500, status=Status.PENDING, pending_since=at(-400)),
        ticket("r", "refund", created=-300),
        now=6,
    )
    view = compute_view(floor, backend="test")
    f = queue(view)
    assert (f.breached, f.at_risk, f.sla_paused) == (1, 2, 1)
    assert queue(view, "refund").breached == 1
    assert ids(view.at_risk) == ["m", "h"]  # m due at +26, h at +40
    assert [r.seconds_to_breach for r in view.at_risk] == [20 * 60, 34 * 60]
    # urgent first, then the most overdue
    assert ids(view.breached) == ["u", "r"]
    u = view.breached[0]
    assert (u.clock, u.due_at, u.seconds_to_breach, u.age_s) == (
        ClockKind.FIRST_RESPONSE,
        at(5),
        -60,
        360,
    )
    assert view.at_risk[1].clock is ClockKind.RESOLUTION


@pytest.mark.parametrize(
    ("now", "breached", "at_risk"), [(5 - SECOND, 0, 1), (5, 0, 1), (5 + SECOND, 1, 0)]
)
def test_queue_counts_at_the_due_instant(now: float, breached: int, at_risk: int) -> None:
    floor = floor_at(ticket("u", created=0, priority=Priority.URGENT), now=now)
    f = queue(compute_view(floor, backend="test"))
    assert (f.breached, f.at_risk) == (breached, at_risk)


def test_counts_move_with_time_alone() -> None:
    floor = floor_at(ticket("u", created=0, priority=Priority.URGENT), now=0)
    seen = []
    for minute in (1, 4, 5, 6, 3):  # and back: a server clock may step back
        floor.apply(batch(now=minute))
        f = queue(compute_view(floor, backend="test"))
        seen.append((f.breached, f.at_risk))
    assert seen == [(0, 0), (0, 1), (0, 1), (1, 0), (0, 0)]


def test_a_ticket_counts_once_even_with_two_breached_clocks() -> None:
    t = ticket("h", created=-600, priority=Priority.HIGH)  # 30 min and 4 h both gone
    view = compute_view(floor_at(t), backend="test")
    assert (queue(view).breached, ids(view.breached)) == (1, ["h"])
    assert view.breached[0].clock is ClockKind.FIRST_RESPONSE


def test_lists_are_limited() -> None:
    tickets = [ticket(f"t{i}", created=-200 - i) for i in range(10)]
    view = compute_view(floor_at(*tickets), backend="test", options=ViewOptions(at_risk_limit=3))
    assert ids(view.breached) == ["t9", "t8", "t7"]
    assert queue(view).breached == 10


def test_an_update_moves_a_ticket_between_lists() -> None:
    floor = floor_at(ticket("t", created=-100), now=0)
    assert ids(compute_view(floor, backend="test").at_risk) == ["t"]
    floor.apply(batch(ticket("t", created=-100, first_response_at=at(0), updated_at=at(0))))
    view = compute_view(floor, backend="test")
    assert (view.at_risk, queue(view).at_risk) == ((), 0)


def test_a_policy_change_rebuilds_the_sla_indexes() -> None:
    floor = floor_at(ticket("t", created=-10), now=0)
    assert queue(compute_view(floor, backend="test")).breached == 0
    tight = {"logistics": {Priority.MEDIUM: SlaTarget(first_response_s=60)}}
    floor.replace_sla(SlaSettings(queue_overrides=tight))
    assert queue(compute_view(floor, backend="test")).breached == 1


# --- the incremental indexes agree with a brute-force evaluation ----------------

_QUEUE_NAMES = ("logistics", "refund", "payment")
# Times from a small set that lines up with the targets (urgent 5 min,
# at risk from 4; high 30/24; medium 120/96) and with the poll steps below,
# so that "now" often lands exactly on a warn or due instant.
_minute = st.one_of(
    st.sampled_from([-125, -120, -96, -35, -30, -24, -6, -5, -4, -1, 0, 1, 4, 5]),
    st.integers(min_value=-900, max_value=300),
)
_maybe_time = st.one_of(st.none(), _minute.map(at))
_STEPS = [0, 0.5, 1, 4, 5, 24, 30, 61, 96, 240, 1500, -1]


@st.composite
def versions(draw: st.DrawFn) -> Ticket:
    created = draw(_minute)
    return ticket(
        draw(st.sampled_from(["a", "b", "c", "d", "e", "f"])),
        draw(st.sampled_from(_QUEUE_NAMES)),
        created=created,
        priority=draw(st.sampled_from(list(Priority))),
        status=draw(st.sampled_from(list(Status))),
        updated_at=at(draw(st.integers(min_value=created, max_value=created + 600))),
        first_response_at=draw(_maybe_time),
        resolved_at=draw(_maybe_time),
        pending_since=draw(_maybe_time),
        first_response_due=draw(st.one_of(st.none(), _maybe_time)),
        resolution_due=draw(st.one_of(st.none(), st.none(), _maybe_time)),
    )


# One-field edits of a ticket's latest version, as a backend reports them.
_edits = st.one_of(
    st.tuples(st.just("status"), st.sampled_from(list(Status))),
    st.tuples(st.just("priority"), st.sampled_from(list(Priority))),
    st.tuples(st.just("queue"), st.sampled_from(_QUEUE_NAMES)),
    st.tuples(st.just("assignee"), st.sampled_from(["ann", "bo"])),
    st.tuples(
        st.sampled_from(
            [
                "first_response_at",
                "resolved_at",
                "pending_since",
                "first_response_due",
                "resolution_due",
            ]
        ),
        _maybe_time,
    ),
)


@st.composite
def polls(draw: st.DrawFn) -> Poll:
    tickets = draw(st.lists(versions(), max_size=4))
    edits = draw(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), _edits), max_size=4))
    step = draw(st.sampled_from(_STEPS))
    action = draw(st.sampled_from(["poll"] * 8 + ["full", "policy"]))
    return tickets, edits, step, action


Poll = tuple[list[Ticket], list[tuple[str, tuple[str, object]]], float, str]


_POLICIES = (
    SlaSettings(),
    SlaSettings(warn_ratio=0.5, pause_when_pending=False),
    SlaSettings(queue_overrides={"refund": {Priority.LOW: SlaTarget(resolution_s=90 * 60)}}),
)


def brute_sla(floor: FloorState) -> dict[str, tuple[int, int, int]]:
    assert floor.server_time is not None
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for t in floor.tickets.values():
        result = evaluate(t, floor.sla, floor.server_time)
        if not t.is_open or result.clock is None:
            continue
        slot = 2 if result.paused else (0 if result.state is SlaState.BREACHED else 1)
        if result.paused or result.state is not SlaState.OK:
            counts[t.queue][slot] += 1
    return {q: tuple(c) for q, c in counts.items()}  # type: ignore[misc]


def brute_lists(floor: FloorState) -> tuple[list[str], list[str]]:
    assert floor.server_time is not None
    at_risk, urgent, others = [], [], []
    for t in floor.tickets.values():
        clock = pressing(clocks(t, floor.sla))
        if not t.is_open or clock is None or not clock.running:
            continue
        key = (clock.due_at, t.id, clock.kind)
        state = clock.state(floor.server_time)
        if state is SlaState.AT_RISK:
            at_risk.append(key)
        elif state is SlaState.BREACHED:
            (urgent if t.priority is Priority.URGENT else others).append(key)
    return (
        [k[1] for k in sorted(at_risk)],
        [k[1] for k in sorted(urgent) + sorted(others)],
    )


def brute_grid(floor: FloorState, bucket: timedelta) -> dict[str, np.ndarray]:
    """breaches / due / at_risk per (queue, column), and the ids behind each cell."""
    now = floor.server_time
    assert now is not None
    starts = grid_starts(now, bucket, timedelta(hours=24))
    rows = floor.queue_ids()
    grids = {name: np.zeros((len(rows), len(starts)), dtype=np.int64) for name in _MEASURES}
    cells: dict[tuple[str, str, int], set[TicketId]] = defaultdict(set)

    def mark(name: str, t: Ticket, when: object) -> None:
        column = math.floor((when - starts[0]) / bucket)  # type: ignore[operator]
        if 0 <= column < len(starts):
            grids[name][rows.index(t.queue), column] += 1
            cells[(name, t.queue, column)].add(t.id)

    for t in floor.tickets.values():
        for clock in clocks(t, floor.sla):
            halted = clock.halted_at
            breached = clock.due_at < now if halted is None else halted > clock.due_at
            warned = clock.warn_at <= now if halted is None else halted >= clock.warn_at
            if halted is not None or breached:
                mark("due", t, clock.due_at)
            if breached:
                mark("breaches", t, clock.due_at)
            if warned:
                mark("at_risk", t, clock.warn_at)
    return {**grids, "cells": cells}  # type: ignore[dict-item]


_MEASURES = ("breaches", "due", "at_risk")


def check_against_brute_force(floor: FloorState) -> None:
    view = compute_view(floor, backend="test", options=ViewOptions(at_risk_limit=1000))
    expected = brute_sla(floor)
    for f in view.queues:
        assert (f.breached, f.at_risk, f.sla_paused) == expected.get(f.queue, (0, 0, 0))
    check_figures(floor)
    assert floor.server_time is not None
    for row in view.at_risk + view.breached:
        fresh = clocks(floor.tickets[row.ticket], floor.sla)
        assert row.clocks == clock_states(fresh, floor.server_time)
        assert row.clock_state(row.clock) is not None
    at_risk, breached = brute_lists(floor)
    assert ids(view.at_risk) == at_risk
    assert ids(view.breached) == breached
    for bucket in (timedelta(minutes=15), timedelta(hours=1)):
        grid = build_heatmap(floor, bucket=bucket)
        brute = brute_grid(floor, bucket)
        for name in _MEASURES:
            assert np.array_equal(getattr(grid, name), brute[name]), name
        cells = brute["cells"]
        for (name, queue_id, column), behind in cells.items():  # type: ignore[attr-defined]
            if name == "due":
                continue
            mode = HeatmapMode.AT_RISK if name == "at_risk" else HeatmapMode.BREACHES
            found = cell_tickets(
                floor, QueueId(queue_id), grid.starts[column], bucket=bucket, mode=mode
            )
            assert found == tuple(sorted(behind))


@settings(max_examples=300, deadline=None)
@given(st.lists(polls(), min_size=1, max_size=8))
def test_incremental_sla_indexes_match_brute_force(history: list[Poll]) -> None:
    floor = FloorState(SlaSettings())
    now = 0.0
    floor.apply(batch(now=now, full=True, queues=QUEUES))
    for number, (tickets, edits, step, action) in enumerate(history):
        now += step
        if action == "policy":
            floor.replace_sla(_POLICIES[number % len(_POLICIES)])
        changed = list(tickets)
        for ticket_id, (name, value) in edits:
            old = floor.tickets.get(TicketId(ticket_id))
            if old is not None:
                later = old.updated_at + timedelta(minutes=1)
                changed.append(replace(old, **{name: value, "updated_at": later}))
        floor.apply(batch(*changed, now=now, full=action == "full", queues=QUEUES))
        check_against_brute_force(floor)


@settings(max_examples=1000)
@given(versions(), st.lists(_edits, min_size=1, max_size=3), st.sampled_from(_POLICIES))
def test_equal_sla_keys_mean_equal_clocks(
    first: Ticket, edits: list[tuple[str, object]], policy: SlaSettings
) -> None:
    # FloorState skips the SLA indexes for updates that keep this key.
    from cockpit.floor import _sla_key

    second = replace(first, **dict(edits), updated_at=first.updated_at + timedelta(minutes=1))
    if _sla_key(first) == _sla_key(second):
        assert clocks(first, policy) == clocks(second, policy)


def test_moving_the_pending_time_past_the_due_time_is_a_breach() -> None:
    pending = ticket("p", created=-60, priority=Priority.URGENT, status=Status.PENDING)
    floor = floor_at(replace(pending, pending_since=at(-58)), now=0)
    assert build_heatmap(floor).breaches.sum() == 0
    floor.apply(batch(replace(pending, pending_since=at(-50), updated_at=at(0)), now=0))
    assert build_heatmap(floor).breaches.sum() == 1
