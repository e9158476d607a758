"""The simulator's change feed: full loads, paging, cursors and pruning."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from cockpit.sim import ChangePage, CursorExpired, FloorSimulator, SimConfig

START = datetime(2026, 11, 11, 6, 0, tzinfo=UTC)
TICK = timedelta(seconds=5)


@pytest.fixture
def sim() -> FloorSimulator:
    return FloorSimulator(SimConfig.default(warmup=timedelta(hours=26)), seed=21, start=START)


def test_full_load_pages_through_open_and_recently_finished(sim: FloorSimulator) -> None:
    first = sim.changes_since(None, 500)
    assert first.full
    assert first.has_more
    assert len(first.tickets) == 500
    seen = list(first.tickets)
    cursor = first.next_cursor
    pages = 1
    while True:
        page = sim.changes_since(cursor, 500)
        assert not page.full
        seen.extend(page.tickets)
        cursor, pages = page.next_cursor, pages + 1
        if not page.has_more:
            break
    assert pages == -(-len(seen) // 500)
    assert cursor == sim.cursor
    assert sorted(t.id for t in seen) == sorted(t.id for t in sim.tickets())
    assert len({t.id for t in seen}) == len(seen)
    horizon = sim.now - timedelta(hours=24) - TICK
    finished = [t for t in seen if not t.is_open]
    assert finished
    assert any(t.is_open for t in seen)
    assert all(t.resolved_at and t.resolved_at > horizon for t in finished)
    # The warm-up ran 26 h, so older finished tickets existed and were dropped.
    assert min(t.created_at for t in seen) < sim.now - timedelta(hours=24)


def test_incremental_pages_return_only_changes_in_order(sim: FloorSimulator) -> None:
    cursor = sim.cursor
    assert sim.changes_since(cursor) == ChangePage([], cursor, False, False)
    before = sim.now
    sim.advance(timedelta(minutes=2))
    page = sim.changes_since(cursor, 5000)
    assert page.tickets
    assert not page.has_more
    assert not page.full
    assert all(before < t.updated_at <= sim.now for t in page.tickets)
    assert len({t.id for t in page.tickets}) == len(page.tickets)
    assert [t.updated_at for t in page.tickets] == sorted(t.updated_at for t in page.tickets)
    limited = sim.changes_since(cursor, 3)
    assert limited.has_more
    assert limited.tickets == page.tickets[:3]
    rest = sim.changes_since(limited.next_cursor, 5000)
    assert limited.tickets + rest.tickets == page.tickets


def test_a_ticket_changed_while_paging_appears_again(sim: FloorSimulator) -> None:
    first = sim.changes_since(None, 100)
    target = next(t for t in first.tickets if t.is_open)
    sim.reply(target.id, "进度更新")
    seen = []
    cursor = first.next_cursor
    while True:
        page = sim.changes_since(cursor, 1000)
        seen.extend(page.tickets)
        cursor = page.next_cursor
        if not page.has_more:
            break
    assert seen[-1].id == target.id
    assert seen[-1].last_customer_update_at == sim.now


def test_bad_cursors_and_limits(sim: FloorSimulator) -> None:
    with pytest.raises(CursorExpired):
        sim.changes_since(-1)
    with pytest.raises(CursorExpired):
        sim.changes_since(sim.cursor + 1)
    with pytest.raises(ValueError, match="limit"):
        sim.changes_since(None, 0)


def test_history_is_pruned_and_old_cursors_expire(sim: FloorSimulator) -> None:
    old_cursor = sim.changes_since(None, 10).next_cursor
    size = len(sim.tickets())
    sim.advance(timedelta(hours=20))
    with pytest.raises(CursorExpired):
        sim.changes_since(old_cursor)
    horizon = sim.now - timedelta(hours=24) - TICK
    tickets = sim.tickets()
    assert all(t.resolved_at > horizon for t in tickets if t.resolved_at)
    assert 0.5 * size < len(tickets) < 2 * size  # bounded, not growing
    fresh = sim.changes_since(sim.cursor)
    assert fresh.tickets == []


def test_touch_random_changes_that_many_open_tickets(sim: FloorSimulator) -> None:
    cursor = sim.cursor
    assert sim.touch_random(25) == 25
    page = sim.changes_since(cursor)
    assert len(page.tickets) == 25
    assert all(t.is_open and t.updated_at == sim.now for t in page.tickets)


def test_the_large_floor_builds_quickly() -> None:
    began = time.perf_counter()
    big = FloorSimulator(SimConfig.large(), seed=1, start=START)
    took = time.perf_counter() - began
    assert took < 20  # ~1 s on a developer machine
    assert len(big.queues()) == 40
    assert len(big.agents()) == 1000
    cursor = big.cursor
    assert big.touch_random(1000) == 1000
    assert len(big.changes_since(cursor, 5000).tickets) == 1000
    opened = 0
    page_cursor = None
    while True:
        page = big.changes_since(page_cursor, 5000)
        opened += sum(t.is_open for t in page.tickets)
        page_cursor = page.next_cursor
        if not page.has_more:
            break
    assert opened >= 100_000
    began = time.perf_counter()
    big.advance(timedelta(seconds=30))
    assert time.perf_counter() - began < 2
