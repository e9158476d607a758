"""Each fault, through a real proxy on loopback, against the real runtime:

- no exception (no poll bug logged, no "internal" reason),
- truthful health while the fault lasts (state and reason; never "live" on
  data that is not moving),
- the last good data is kept (the floor is neither emptied nor moved back),
- bounded requests during the fault (no retry storm; Retry-After honoured),
- recovery within 2 polls once the fault clears (backoff and the auth wait
  aside: ``poll_now``), and the floor then agrees with the backend,
- the GUI thread is never held up 100 ms or more.
"""

from __future__ import annotations

import itertools
import logging
import math
import time
from dataclasses import dataclass
from datetime import timedelta

import pytest

from cockpit.runtime.health import HealthState
from tests.faults.proxy import TICKETS, Fault
from tests.faults.rig import DEADLINE_S, INTERVAL_S, Rig

pytestmark = pytest.mark.e2e

MAX_GUI_STALL_S = 0.100
# A poll sends at most these requests: queues (full loads), tickets, agents.
REQUESTS_PER_POLL = 3
BAD = (HealthState.DEGRADED, HealthState.STALE)
OFFLINE = (HealthState.OFFLINE,)


@dataclass(frozen=True)
class Case:
    fault: Fault
    reason: str | None  # None: the fault is harmless, health stays live
    states: tuple[HealthState, ...] = BAD
    # Requests the client itself sends per poll attempt (inline 503 retries).
    per_request: int = 1


CASES = [
    Case(Fault.REFUSED, "unreachable", per_request=3),
    Case(Fault.HANG, "timeout"),
    Case(Fault.TRICKLE, "timeout"),
    Case(Fault.TRICKLE_BODY, "timeout"),
    Case(Fault.HUGE, "too_large"),
    Case(Fault.HUGE_UNDECLARED, "too_large"),
    Case(Fault.TRUNCATED, "incomplete"),
    Case(Fault.HEADERS_CUT, "incomplete"),
    Case(Fault.RESET, "dropped"),
    Case(Fault.SERVER_ERROR, "server_error"),
    Case(Fault.UNAVAILABLE, "server_error", per_request=3),
    Case(Fault.RATE_LIMITED, "rate_limited"),
    Case(Fault.RATE_LIMITED_BARE, "rate_limited"),
    Case(Fault.UNAUTHORIZED, "auth", OFFLINE),
    Case(Fault.FORBIDDEN, "permission", OFFLINE),
    Case(Fault.LOGIN_PAGE, "html_page"),
    Case(Fault.WRONG_SHAPE, "payload"),
    Case(Fault.REPLAY, "replayed"),
    Case(Fault.FROZEN, "frozen"),
    Case(Fault.CURSOR_BACK, "replayed"),
    Case(Fault.DUPLICATES, None),
]


def _live(rig: Rig) -> bool:
    return bool(rig.healths) and rig.health.state is HealthState.LIVE


def _warm_up(rig: Rig) -> None:
    """Live, with a few answers in the proxy's memory (for replays)."""
    rig.wait(lambda: _live(rig) and len(rig.proxy.requests(path=TICKETS)) >= 4)
    rig.heartbeat.reset()


@pytest.mark.parametrize("case", CASES, ids=[c.fault.value for c in CASES])
def test_fault(rig: Rig, case: Case, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="cockpit")
    _warm_up(rig)
    time_before, _, _ = rig.floor()
    assert time_before is not None

    started = time.monotonic()
    rig.proxy.set_fault(case.fault)
    if case.reason is None:
        rig.wait(lambda: len(rig.proxy.requests(since=started, path=TICKETS)) >= 4)
        assert _live(rig)
        time_hit = time_before
    else:
        rig.wait(lambda: rig.health.reason == case.reason and rig.health.state in case.states)
        time_hit, _, _ = rig.floor()
        # A few more attempts: the health stays truthful and requests stay bounded.
        rig.wait(lambda: time.monotonic() - started > 6 * INTERVAL_S)
        assert rig.health.reason == case.reason
        assert rig.health.state in case.states
    during = time.monotonic() - started
    faulted = rig.proxy.requests(since=started)
    attempts = math.ceil(during / INTERVAL_S) + 2
    assert len(faulted) <= attempts * REQUESTS_PER_POLL * case.per_request

    # The last good data is kept and the floor never moves back.
    time_during, tickets_during, _ = rig.floor()
    assert tickets_during
    assert time_hit is not None
    assert time_during is not None
    if case.reason is not None:
        assert time_during == time_hit  # nothing from the faulty answers was applied
    assert time_during >= time_before

    cleared = time.monotonic()
    rig.proxy.set_fault(Fault.NONE)
    rig.runtime.poll_now()  # backoff and the auth wait aside
    rig.wait(lambda: _live(rig))
    assert len(rig.proxy.requests(since=cleared, path=TICKETS)) <= 2
    rig.assert_floor_agrees_with_the_backend()

    assert "unexpectedly" not in caplog.text
    assert all(h.reason != "internal" for h in rig.healths)
    print(
        f"{case.fault.value}: max GUI stall {rig.heartbeat.max_gap_s * 1000:.0f} ms "
        f"(wall {rig.heartbeat.max_wall_gap_s * 1000:.0f} ms)"
    )
    assert rig.heartbeat.max_gap_s < MAX_GUI_STALL_S, f"GUI stalled {rig.heartbeat.max_gap_s:.3f} s"


def test_retry_after_is_honoured(rig: Rig) -> None:
    _warm_up(rig)
    rig.proxy.retry_after_s = 1
    started = time.monotonic()
    rig.proxy.set_fault(Fault.RATE_LIMITED)
    rig.wait(lambda: len(rig.proxy.requests(since=started)) >= 3, timeout_s=10)
    times = [s.at for s in rig.proxy.requests(since=started)]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.8 * rig.proxy.retry_after_s


def test_a_trickling_answer_is_abandoned_at_the_deadline(rig: Rig) -> None:
    _warm_up(rig)
    started = time.monotonic()
    rig.proxy.set_fault(Fault.TRICKLE_BODY)
    rig.wait(lambda: rig.health.reason == "timeout")
    took = time.monotonic() - started
    # One deadline, plus at most one poll interval to start the poll.
    assert took < DEADLINE_S + INTERVAL_S + 0.5
    assert "no complete answer" in (rig.health.detail or "")


def test_a_fast_server_clock_is_shown_and_does_not_block_later_updates(rig: Rig) -> None:
    _warm_up(rig)
    before, _, _ = rig.floor()
    assert before is not None
    fast = before + timedelta(hours=1)  # batches later than this came from the fast clock
    rig.proxy.set_fault(Fault.SKEW)
    rig.wait(lambda: rig.health.skew is not None and rig.bar.skew_label.isVisibleTo(rig.bar))
    skew = rig.health.skew
    assert skew is not None
    assert skew.server_ahead_s == pytest.approx(7200, abs=5)
    assert "2 h" in rig.bar.skew_label.toolTip()
    assert _live(rig)  # a fast clock is still data

    # Tickets changed during the fault carry stamps 2 h ahead.
    def skewed() -> set[str]:
        return {t.id for b in rig.batches if b.server_time > fast for t in b.tickets}

    rig.wait(lambda: len(skewed()) >= 20, timeout_s=20)
    changed_fast = skewed()
    rig.proxy.set_fault(Fault.NONE)
    seen = len(rig.batches)
    # Some of those tickets change again, now stamped by the right clock: the
    # change must land although its stamp is earlier than the one on the floor.
    rig.wait(
        lambda: any(t.id in changed_fast for b in rig.batches[seen:] for t in b.tickets),
        timeout_s=30,
    )
    rig.wait(lambda: rig.bar.skew_label.isHidden() and _live(rig))
    rig.assert_floor_agrees_with_the_backend()
    assert rig.heartbeat.max_gap_s < MAX_GUI_STALL_S
