"""Paging a floor that moves between pages (the speed-60 drill's miscount).

The simulator moves with every request; a ticket that changes after its page
was read comes again on a later page. The feed adapter must keep the last
one seen, once: a batch with both versions counts the ticket twice for
anyone who counts the batch (the drill's truth counted 414 arrivals where
the floor had 410).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from cockpit.backends.feed import FeedBackend
from cockpit.clock import parse_time
from cockpit.sim import FloorSimulator, SimConfig, SimServer

START = datetime(2026, 11, 11, 0, 30, tzinfo=UTC)
TOKEN = "paging-" + "p" * 20


class SteppingClock:
    """Half a minute of floor time per request: a speed-60 floor on a slow machine."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def now(self) -> datetime:
        self._now += timedelta(seconds=30)
        return self._now


def test_a_ticket_changed_while_paging_is_in_the_batch_once_at_its_latest() -> None:
    sim = FloorSimulator(SimConfig.default(), seed=5, start=START)
    served: Counter[str] = Counter()
    last_served: dict[str, datetime] = {}

    def count(response: Any, *args: object, **kwargs: object) -> None:
        if "/tickets" in response.url:
            for t in response.json()["tickets"]:
                served[t["id"]] += 1
                last_served[t["id"]] = parse_time(t["updated_at"])

    with SimServer(sim, SteppingClock(START), token=TOKEN) as server:
        backend = FeedBackend(server.url, token=TOKEN, page_limit=200)
        backend._http.session.hooks["response"].append(count)
        try:
            batch = backend.fetch(None)
        finally:
            backend.close()
        # The floor moved under the pages: some tickets were served twice.
        assert any(n > 1 for n in served.values())
        ids = [t.id for t in batch.tickets]
        assert len(ids) == len(set(ids)) == len(served)
        # Each ticket as last served, in the order of its latest change.
        assert all(t.updated_at == last_served[t.id] for t in batch.tickets)
        assert [t.updated_at for t in batch.tickets] == sorted(t.updated_at for t in batch.tickets)
