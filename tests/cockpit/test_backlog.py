"""Backlog-recovery mode on a hand-built floor, and its review figures from
metric samples."""

from __future__ import annotations

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from cockpit.backlog import BacklogRecovery, recovery_from_samples, recovery_html
from cockpit.floor import FloorState
from cockpit.settings import SlaSettings
from cockpit.store.samples import FLOOR, Sample
from tests.cockpit.factories import at, batch, ticket


def waiting(n: int, *, start: int = 0) -> list:  # type: ignore[type-arg]
    return [ticket(f"W{i}", "refund" if i % 2 else "logistics", created=-60 + i)
            for i in range(start, n)]  # fmt: skip


def answer(ids: range, now: float) -> list:  # type: ignore[type-arg]
    return [
        ticket(f"W{i}", "refund" if i % 2 else "logistics", created=-60 + i,
               first_response_at=at(now), updated_at=at(now))
        for i in ids
    ]  # fmt: skip


def test_recovery_follows_the_backlog_down_and_ends_itself() -> None:
    state = FloorState(SlaSettings())
    state.apply(batch(*waiting(30), now=0, full=True))
    recovery = BacklogRecovery(since=at(0), baseline=5)
    first = recovery.observe(state)
    assert (first.backlog, first.left, first.done) == (30, 25, False)
    assert first.eta is None  # nothing drained yet
    assert [t.ticket for t in first.oldest[:3]] == ["W0", "W1", "W2"]  # oldest first
    assert {t.queue for t in first.oldest} == {"logistics", "refund"}
    assert first.oldest[0].wait_s == 3600
    state.apply(batch(*answer(range(10), 10), now=10))
    second = recovery.observe(state)
    assert second.backlog == 20
    assert second.drain_per_min == 1.0
    assert second.eta == timedelta(minutes=15)
    state.apply(batch(*answer(range(10, 24), 20), now=20))
    done = recovery.observe(state)
    assert done.done
    assert done.cleared_at == at(20)
    assert done.oldest == ()
    assert recovery.observe(state) is done  # it stays ended


def sample(minute: float, waiting_now: int, oldest: float = 0) -> Sample:
    return Sample(at=at(minute), queue=FLOOR, waiting=waiting_now, oldest_wait_s=oldest)


def test_review_figures_from_samples() -> None:
    samples = [
        *(sample(m, 10) for m in range(-90, -30, 5)),  # the hour before: 10 waiting
        *(sample(m, 80) for m in range(-30, 0, 5)),  # the incident
        sample(0, 90, oldest=1800), sample(10, 60), sample(20, 30), sample(30, 11),
        sample(40, 9),
    ]  # fmt: skip
    figures = recovery_from_samples(samples, declared_at=at(-30), resolved_at=at(0))
    assert figures is not None
    assert (figures.baseline, figures.backlog_at_resolve, figures.peak) == (10, 90, 90)
    assert figures.cleared_at == at(30)  # 11 <= 10 × 1.1 + 1
    assert figures.time_to_clear == timedelta(minutes=30)
    assert figures.drain_per_min == round(79 / 30, 2)
    html = recovery_html(figures, language="en", zone=ZoneInfo("Asia/Shanghai"))
    assert "Backlog recovery" in html and "(+30 min)" in html  # noqa: PT018
    assert "积压恢复" in recovery_html(figures, language="zh_CN", zone=UTC)
    assert recovery_from_samples(samples[:5], declared_at=at(-30), resolved_at=at(0)) is None
    assert recovery_html(None, language="en", zone=UTC) == ""


def test_a_backlog_that_never_clears_says_so() -> None:
    samples = [sample(-40, 5), sample(0, 50), sample(10, 60)]
    figures = recovery_from_samples(samples, declared_at=at(-30), resolved_at=at(0))
    assert figures is not None
    assert figures.cleared_at is None and figures.drain_per_min is None  # noqa: PT018
    assert "not yet" in recovery_html(figures, language="en", zone=UTC)
