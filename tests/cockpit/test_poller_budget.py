"""The API budget travels with the view: read on the poll worker after the
fetch, None for backends without a rate limit, never a reason to fail a poll."""

from __future__ import annotations

from cockpit.backends.vendor_common import RateBudget
from cockpit.metrics import FloorView
from cockpit.runtime.poller import Poller
from cockpit.settings import Settings
from tests.cockpit.factories import QUEUES, batch, ticket
from tests.cockpit.fakes import FakeBackend


class BudgetedBackend(FakeBackend):
    def __init__(self, *budgets: RateBudget | Exception) -> None:
        polls = iter(range(1_000_000))
        # The server's clock moves on between polls (a frozen answer is not applied).
        super().__init__(
            lambda cursor: batch(ticket("a"), now=next(polls), full=True, queues=QUEUES)
        )
        self.budgets = list(budgets)

    def rate_budget(self) -> RateBudget | None:
        budget = self.budgets.pop(0)
        if isinstance(budget, Exception):
            raise budget
        return budget


def _views(backend: FakeBackend, polls: int) -> list[FloorView]:
    poller = Poller(backend, settings=Settings())
    views: list[FloorView] = []
    poller.subscribe(on_view=views.append)
    for _ in range(polls):
        poller.poll_once()
    return views


def test_the_view_carries_the_budget_of_each_poll() -> None:
    first = RateBudget(remaining=9, limit=200, server_remaining=183, server_limit=200)
    second = RateBudget(remaining=3, limit=200, server_remaining=20, server_limit=200)
    views = _views(BudgetedBackend(first, second), 2)
    assert [v.rate_budget for v in views] == [first, second]


def test_no_budget_without_a_rate_limit() -> None:
    assert (
        _views(FakeBackend(batch(ticket("a"), full=True, queues=QUEUES)), 1)[0].rate_budget is None
    )


def test_a_failing_budget_read_costs_nothing_but_the_budget() -> None:
    views = _views(BudgetedBackend(RuntimeError("boom")), 1)
    assert len(views) == 1
    assert views[0].rate_budget is None
