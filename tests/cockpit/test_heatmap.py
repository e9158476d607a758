"""The heatmap grid on hand-built floors: exact bucket edges, the three
measures, and the tickets behind a cell."""

from __future__ import annotations

import math
import random
from datetime import timedelta

import numpy as np
import pytest

from cockpit.domain import Priority, QueueId, Status, Ticket
from cockpit.floor import FloorState
from cockpit.heatmap import BUCKETS, HeatmapMode, build_heatmap, build_heatmaps, cell_tickets
from cockpit.metrics import ViewOptions, compute_view
from cockpit.settings import SlaSettings
from tests.cockpit.factories import QUEUES, T0, at, batch, ticket

SECOND = 1 / 60
LOG = QueueId("logistics")
HOUR = timedelta(hours=1)
QUARTER = timedelta(minutes=15)


def urgent(tid: str, created: float, **fields: object) -> Ticket:
    """First response due 5 min after ``created``, at risk from 4 min."""
    return ticket(tid, created=created, priority=Priority.URGENT, **fields)


@pytest.fixture
def floor() -> FloorState:
    """Now is T0 + 10 min; 30-minute columns 45, 46, 47 start at -60, -30, 0."""
    state = FloorState(SlaSettings())
    tickets = (
        # answered 5 min late: due -25 (column 46), warned at -26
        urgent("late", -30, first_response_at=at(-20)),
        # answered before its warn instant: due -35 (column 45), no breach
        urgent("met", -40, first_response_at=at(-38)),
        # still open, due exactly at the start of column 47: breached there
        urgent("edge", -5),
        # due exactly now: not breached yet, but warned
        urgent("now", 5),
        # due a second ago: breached
        urgent("second", 5 - SECOND),
        # a high ticket resolved exactly at its resolution due time (+5): met
        ticket(
            "slow",
            "refund",
            created=-235,
            priority=Priority.HIGH,
            first_response_at=at(-230),
            status=Status.RESOLVED,
            resolved_at=at(5),
        ),
    )
    state.apply(batch(*tickets, now=10, full=True, queues=QUEUES))
    return state


def test_grid_labels_cover_the_last_day(floor: FloorState) -> None:
    grid = build_heatmap(floor)
    assert grid.queues == ("logistics", "refund")
    assert len(grid.starts) == 48
    assert grid.starts[-1] == T0
    assert grid.starts[0] == T0 - timedelta(hours=23.5)
    steps = {b - a for a, b in zip(grid.starts, grid.starts[1:], strict=False)}
    assert steps == {timedelta(minutes=30)}
    assert grid.breaches.shape == grid.due.shape == grid.at_risk.shape == (2, 48)
    assert grid.column_of(at(10)) == 47
    assert grid.column_of(at(-30)) == 46
    assert grid.column_of(at(30)) is None


def test_breaches_due_and_warnings_per_bucket(floor: FloorState) -> None:
    grid = build_heatmap(floor)
    assert grid.breaches[0, 45:].tolist() == [0, 1, 2]
    assert grid.due[0, 45:].tolist() == [1, 1, 2]
    # warnings: late (-26) and edge (-1); now (+9) and second (+9 min - 1 s)
    assert grid.at_risk[0, 45:].tolist() == [0, 2, 2]
    # refund: resolved at its due instant, which meets the target
    assert grid.breaches[1].sum() == 0
    assert grid.due[1, 47] == 1
    assert grid.breaches[0, :45].sum() == grid.due[0, :45].sum() == 0


def test_breach_rate(floor: FloorState) -> None:
    rate = build_heatmap(floor).values(HeatmapMode.BREACH_RATE)
    assert rate[0, 45:].tolist() == [0.0, 1.0, 1.0]
    assert math.isnan(rate[0, 0])


def test_the_tickets_behind_a_cell(floor: FloorState) -> None:
    grid = build_heatmap(floor)
    assert cell_tickets(floor, LOG, grid.starts[46]) == ("late",)
    assert cell_tickets(floor, LOG, grid.starts[47]) == ("edge", "second")
    assert cell_tickets(floor, LOG, grid.starts[47], mode=HeatmapMode.BREACH_RATE) == (
        "edge",
        "second",
    )
    assert cell_tickets(floor, LOG, grid.starts[46], mode=HeatmapMode.AT_RISK) == ("edge", "late")
    assert cell_tickets(floor, LOG, grid.starts[47], mode=HeatmapMode.AT_RISK) == (
        "now",
        "second",
    )
    assert cell_tickets(floor, LOG, grid.starts[45]) == ()


@pytest.mark.parametrize(
    ("bucket", "columns", "tail"),
    [(QUARTER, 96, [0, 1, 0, 2]), (HOUR, 24, [0, 0, 1, 2])],
)
def test_other_bucket_sizes(
    floor: FloorState, bucket: timedelta, columns: int, tail: list[int]
) -> None:
    grid = build_heatmap(floor, bucket=bucket)
    assert len(grid.starts) == columns
    assert grid.starts[-1] == T0
    assert grid.breaches[0, -4:].tolist() == tail
    cell = grid.starts[-2] if bucket == HOUR else grid.starts[-3]
    assert cell_tickets(floor, LOG, cell, bucket=bucket) == ("late",)


def test_a_breach_moves_into_the_grid_as_time_passes(floor: FloorState) -> None:
    floor.apply(batch(now=10 + SECOND))
    grid = build_heatmap(floor)
    assert grid.breaches[0, 47] == 3  # "now" is one second past due
    floor.apply(batch(now=30))  # a new bucket: the grid slides by one column
    grid = build_heatmap(floor)
    assert grid.starts[-1] == at(30)
    assert grid.breaches[0, -3:].tolist() == [1, 3, 0]


def test_the_grid_is_read_only_and_compares_by_value(floor: FloorState) -> None:
    grid = build_heatmap(floor)
    with pytest.raises(ValueError, match="read-only"):
        grid.breaches[0, 0] = 7
    with pytest.raises(ValueError, match="read-only"):
        grid.rate()[0, 0] = 1.0
    assert grid == build_heatmap(floor)
    assert grid != build_heatmap(floor, bucket=HOUR)
    view = compute_view(floor, backend="test")
    assert view.heatmap == grid
    assert np.array_equal(view.heatmap.values(HeatmapMode.BREACHES), grid.breaches)


def test_the_view_carries_the_grid_for_its_options(floor: FloorState) -> None:
    view = compute_view(floor, backend="test", options=ViewOptions(heatmap_bucket=QUARTER))
    assert len(view.heatmap.starts) == 96


@pytest.mark.parametrize("minute", [10, 10 + SECOND, 30, 44, 59])
def test_every_size_from_one_pass_sums_the_quarter_hours(floor: FloorState, minute: float) -> None:
    floor.apply(batch(now=minute))
    grids = build_heatmaps(floor)
    assert set(grids) == set(BUCKETS)
    fine = grids[QUARTER]
    for bucket, grid in grids.items():
        assert grid == build_heatmap(floor, bucket=bucket)
        assert grid.starts[-1] <= floor.server_time < grid.starts[-1] + bucket  # type: ignore[operator]
        for column, start in enumerate(grid.starts):
            inside = [i for i, s in enumerate(fine.starts) if start <= s < start + bucket]
            if start < fine.starts[0]:
                continue  # before the quarter-hour grid (quarters past its end are future)
            for measure in ("breaches", "due", "at_risk"):
                coarse, quarters = getattr(grid, measure), getattr(fine, measure)
                assert coarse[:, column].tolist() == quarters[:, inside].sum(axis=1).tolist()


def test_the_view_carries_every_bucket_size(floor: FloorState) -> None:
    view = compute_view(floor, backend="test")
    assert set(view.heatmaps) == set(BUCKETS)
    assert view.heatmaps[view.heatmap.bucket] == view.heatmap
    assert view.heatmaps[HOUR] == build_heatmap(floor, bucket=HOUR)


def test_bad_buckets_are_refused(floor: FloorState) -> None:
    with pytest.raises(ValueError, match="whole number of 15 minutes"):
        build_heatmap(floor, bucket=timedelta(minutes=20))
    with pytest.raises(ValueError, match="not a whole number"):
        build_heatmap(floor, bucket=HOUR, span=timedelta(minutes=90))
    with pytest.raises(ValueError, match="not the start"):
        cell_tickets(floor, LOG, at(15))


def _random_update(rng: random.Random, tid: str, now: float) -> Ticket:
    """A ticket version as a poll at ``now`` might bring it."""
    created = now - rng.uniform(0, 240)
    fields: dict[str, object] = {"updated_at": at(now)}
    roll = rng.random()
    if roll < 0.3:
        fields["first_response_at"] = at(rng.uniform(created, now))
    if roll < 0.15:
        fields.update(status=Status.RESOLVED, resolved_at=at(now))
    elif roll > 0.85:
        fields.update(status=Status.PENDING, pending_since=at(rng.uniform(created, now)))
    queue = rng.choice(("logistics", "refund"))
    return ticket(tid, queue, created=created, priority=rng.choice(list(Priority)), **fields)


def test_the_kept_grid_equals_one_built_from_scratch_poll_after_poll() -> None:
    """The heatmap recounts only the buckets that changed and the ones "now"
    moved across; over polls that add, answer, resolve, pause and re-queue
    tickets while time crosses bucket edges, it equals a fresh build."""
    rng = random.Random(11)
    state = FloorState(SlaSettings())
    state.apply(batch(*(_random_update(rng, f"t{i}", 0) for i in range(60)), now=0, full=True))
    build_heatmaps(state)
    now = 0.0
    for poll in range(40):
        now += rng.choice((0.5, 3, 7, 16))
        ids = (f"t{rng.randrange(90)}" for _ in range(rng.randrange(8)))
        changed = [_random_update(rng, tid, now) for tid in ids]
        state.apply(batch(*changed, now=now, cursor=str(poll + 2)))
        fresh = FloorState(SlaSettings())
        fresh.apply(batch(*state.tickets.values(), now=now, full=True))
        fresh.sla_index.advance(state.sla_index.as_of)
        kept, scratch = build_heatmaps(state), build_heatmaps(fresh)
        for bucket in BUCKETS:
            for measure in ("breaches", "due", "at_risk"):
                assert np.array_equal(
                    getattr(kept[bucket], measure), getattr(scratch[bucket], measure)
                ), (poll, bucket, measure)
