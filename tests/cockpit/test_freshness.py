"""Replays, frozen answers and clock skew: judged per batch, and the poller
neither applies them nor calls them live."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from cockpit.clock import ManualClock
from cockpit.runtime.freshness import Verdict, judge, skew_of
from cockpit.runtime.health import HealthState
from cockpit.runtime.poller import Poller
from cockpit.settings import Settings
from tests.cockpit.factories import QUEUES, T0, at, batch, ticket
from tests.cockpit.fakes import FakeBackend


@pytest.mark.parametrize(
    ("cursor", "now", "full", "verdict"),
    [
        ("11", 1, False, Verdict.FRESH),  # time and cursor move on
        ("10", 1, False, Verdict.FRESH),  # nothing changed, but the clock moved
        ("10", 0, False, Verdict.FROZEN),  # the very same answer again
        ("9", 1, False, Verdict.REPLAYED),  # a cursor behind ours
        ("10", -1, False, Verdict.REPLAYED),  # 60 s older, nothing new
        ("11", -120, False, Verdict.FRESH),  # clock put back 2 h while changes go on
        ("3", 5, True, Verdict.FRESH),  # the backend started afresh (a full load, later)
        ("3", -5, True, Verdict.REPLAYED),  # an old full load from a cache
    ],
)
def test_judge(cursor: str, now: float, full: bool, verdict: Verdict) -> None:
    assert judge(at(0), "10", batch(now=now, cursor=cursor, full=full)) is verdict


def test_date_resolution_jitter_is_not_a_replay() -> None:
    late = replace(batch(cursor="10"), server_time=at(0) - timedelta(seconds=1))
    assert judge(at(0), "10", late) is Verdict.FROZEN
    assert judge(at(0), "opaque-a", batch(now=0, cursor="opaque-b")) is Verdict.FRESH


def test_skew_from_the_date_header_and_from_ticket_stamps() -> None:
    quiet = batch(ticket("a", created=-5, updated_at=at(-1)))
    assert skew_of(quiet, 0.4) is None
    fast = skew_of(batch(ticket("a", created=-5, updated_at=at(120))), 7200.0)
    assert fast is not None
    assert fast.server_ahead_s == 7200.0
    assert fast.stamps_ahead_s == pytest.approx(7200.0)
    # A batch without tickets keeps what the last one saw of the stamps.
    kept = skew_of(batch(), None, fast)
    assert kept is not None
    assert kept.server_ahead_s is None
    assert kept.stamps_ahead_s == pytest.approx(7200.0)


def test_a_replayed_or_frozen_answer_is_not_applied_and_not_live() -> None:
    clock = ManualClock(T0)
    first = batch(ticket("a"), full=True, queues=QUEUES, cursor="10")
    newer = batch(ticket("a"), ticket("b"), now=1, cursor="12")
    backend = FakeBackend(first, newer, first, newer, batch(now=2, cursor="13"))
    poller = Poller(backend, settings=Settings(poll_interval_s=5), clock=clock)
    views = []
    poller.subscribe(on_view=views.append)
    assert poller.poll_once() is not None
    assert poller.poll_once() is not None
    assert poller.poll_once() is None  # the first answer again: older than the floor
    assert poller.health.state is HealthState.DEGRADED
    assert poller.health.reason == "replayed"
    assert poller.read(lambda s: (s.cursor, sorted(s.tickets))) == ("12", ["a", "b"])
    assert poller.poll_once() is None  # the same answer as last applied
    assert poller.health.reason == "frozen"
    assert len(views) == 2
    clock.advance(timedelta(seconds=20))  # 4 polls without news: stale
    poller.refresh_health()
    assert poller.health.state is HealthState.STALE
    assert poller.health.reason == "frozen"
    assert poller.poll_once() is not None
    assert poller.health.state is HealthState.LIVE
    assert poller.health.consecutive_failures == 0
