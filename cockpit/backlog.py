"""Backlog-recovery mode: after an incident is resolved, clear the backlog
first (the service handbook's rule).

Live, :class:`BacklogRecovery` follows the floor after each poll (on the
poll worker): the backlog left above the baseline (tickets waiting for a
first response), the drain rate over the last 15 minutes, the ETA to clear
and the oldest-first list of waiting tickets. It ends itself once the
backlog is back to ``baseline × (1 + slack)``.

For the review, :func:`recovery_from_samples` computes the same figures
from the metric samples after the resolution, and :func:`recovery_html` is
the review section.
"""

from __future__ import annotations

import heapq
import statistics
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from html import escape
from typing import TYPE_CHECKING

from cockpit.domain import TicketId
from cockpit.floor import FloorState
from cockpit.store.samples import FLOOR, Sample

if TYPE_CHECKING:
    from cockpit.review import Review

DRAIN_WINDOW = timedelta(minutes=15)
SLACK = 0.1
OLDEST = 20


@dataclass(frozen=True, slots=True)
class WaitingTicket:
    ticket: TicketId
    queue: str
    created_at: datetime
    wait_s: float


@dataclass(frozen=True, slots=True)
class RecoveryStatus:
    """One look at the recovery. ``drain_per_min`` > 0 while the backlog
    shrinks; ``eta`` None while it does not."""

    since: datetime
    at: datetime
    baseline: int
    backlog: int
    peak: int
    drain_per_min: float
    eta: timedelta | None
    oldest: tuple[WaitingTicket, ...]
    done: bool
    cleared_at: datetime | None = None

    @property
    def left(self) -> int:
        """Waiting tickets above the baseline."""
        return max(0, self.backlog - self.baseline)


def _target(baseline: int, slack: float) -> float:
    return baseline * (1 + slack) + 1


def oldest_waiting(state: FloorState, limit: int = OLDEST) -> tuple[WaitingTicket, ...]:
    """The ``limit`` oldest unanswered open tickets of the floor, from the
    per-queue waiting indexes (a merge of sorted lists: no floor scan)."""
    assert state.server_time is not None
    now = state.server_time
    lists = [_tagged(state.index(q).waiting, str(q)) for q in state.queue_ids()]
    out = []
    for created, ticket_id, queue in heapq.merge(*lists):
        at = datetime.fromtimestamp(created, tz=now.tzinfo)
        out.append(WaitingTicket(ticket_id, str(queue), at, (now - at).total_seconds()))
        if len(out) >= limit:
            break
    return tuple(out)


def _tagged(
    entries: Iterable[tuple[float, TicketId]], queue: str
) -> Iterator[tuple[float, TicketId, str]]:
    for created, ticket_id in entries:
        yield created, ticket_id, queue


class BacklogRecovery:
    """Follows one recovery; :meth:`observe` after each poll."""

    def __init__(self, *, since: datetime, baseline: int, slack: float = SLACK) -> None:
        self.since = since
        self.baseline = baseline
        self._slack = slack
        self._points: deque[tuple[datetime, int]] = deque()
        self._peak = 0
        self.status: RecoveryStatus | None = None

    def observe(self, state: FloorState) -> RecoveryStatus:
        assert state.server_time is not None
        now = state.server_time
        if self.status is not None and self.status.done:
            return self.status
        backlog = sum(len(state.index(q).waiting) for q in state.queue_ids())
        self._peak = max(self._peak, backlog)
        self._points.append((now, backlog))
        while len(self._points) > 2 and self._points[1][0] <= now - DRAIN_WINDOW:
            self._points.popleft()
        drain = _drain(self._points)
        done = backlog <= _target(self.baseline, self._slack)
        self.status = RecoveryStatus(
            since=self.since,
            at=now,
            baseline=self.baseline,
            backlog=backlog,
            peak=self._peak,
            drain_per_min=round(drain, 3),
            eta=_eta(backlog, self.baseline, drain),
            oldest=() if done else oldest_waiting(state),
            done=done,
            cleared_at=now if done else None,
        )
        return self.status


def _drain(points: Sequence[tuple[datetime, int]]) -> float:
    if len(points) < 2:
        return 0.0
    (t0, b0), (t1, b1) = points[0], points[-1]
    minutes = (t1 - t0).total_seconds() / 60
    return 0.0 if minutes <= 0 else (b0 - b1) / minutes


def _eta(backlog: int, baseline: int, drain: float) -> timedelta | None:
    left = backlog - baseline
    if left <= 0:
        return timedelta(0)
    if drain <= 0:
        return None
    return timedelta(minutes=left / drain)


# --- the review ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecoveryFigures:
    """Backlog recovery after an incident, from the floor's metric samples."""

    resolved_at: datetime
    baseline: int
    backlog_at_resolve: int
    peak: int
    cleared_at: datetime | None
    drain_per_min: float | None
    oldest_wait_s: float

    @property
    def time_to_clear(self) -> timedelta | None:
        return None if self.cleared_at is None else self.cleared_at - self.resolved_at


def recovery_from_samples(
    samples: Iterable[Sample],
    *,
    declared_at: datetime,
    resolved_at: datetime,
    slack: float = SLACK,
) -> RecoveryFigures | None:
    """The recovery after ``resolved_at``; the baseline is the median floor
    backlog in the hour before ``declared_at``. None without samples after
    the resolution."""
    floor = sorted((s for s in samples if s.queue == FLOOR), key=lambda s: s.at)
    before = [s.waiting for s in floor if declared_at - timedelta(hours=1) <= s.at < declared_at]
    after = [s for s in floor if s.at >= resolved_at]
    if not after:
        return None
    baseline = round(statistics.median(before)) if before else 0
    start = after[0]
    cleared = next((s for s in after if s.waiting <= _target(baseline, slack)), None)
    drain = None
    if cleared is not None and cleared.at > start.at:
        drain = (start.waiting - cleared.waiting) / ((cleared.at - start.at).total_seconds() / 60)
    return RecoveryFigures(
        resolved_at=resolved_at,
        baseline=baseline,
        backlog_at_resolve=start.waiting,
        peak=max(s.waiting for s in after),
        cleared_at=None if cleared is None else cleared.at,
        drain_per_min=None if drain is None else round(drain, 2),
        oldest_wait_s=start.oldest_wait_s,
    )


_WORDS = {
    "title": ("积压恢复", "Backlog recovery"),
    "baseline": ("基线积压（事件前一小时中位数）", "Baseline backlog (median, hour before)"),
    "at_resolve": ("解除时积压", "Backlog at resolution"),
    "peak": ("解除后最高积压", "Peak after resolution"),
    "oldest": ("解除时最久等待", "Oldest wait at resolution"),
    "cleared": ("恢复到基线", "Back to baseline"),
    "drain": ("消化速度（张/分钟）", "Drain rate (tickets/min)"),
    "not_yet": ("尚未恢复", "not yet"),
}


def recovery_html(figures: RecoveryFigures | None, *, language: str, zone: tzinfo) -> str:
    """The review's backlog-recovery section (empty without figures)."""
    if figures is None:
        return ""
    i = 0 if language == "zh_CN" else 1

    def w(key: str) -> str:
        return _WORDS[key][i]

    clear = w("not_yet")
    if figures.cleared_at is not None and figures.time_to_clear is not None:
        minutes = figures.time_to_clear.total_seconds() / 60
        clear = f"{figures.cleared_at.astimezone(zone):%H:%M} (+{minutes:.0f} min)"
    rows = (
        (w("baseline"), str(figures.baseline)),
        (w("at_resolve"), str(figures.backlog_at_resolve)),
        (w("peak"), str(figures.peak)),
        (w("oldest"), f"{figures.oldest_wait_s / 60:.0f} min"),
        (w("cleared"), clear),
        (w("drain"), "—" if figures.drain_per_min is None else f"{figures.drain_per_min:.1f}"),
    )
    body = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    return f"<section><h2>{escape(w('title'))}</h2><table>{body}</table></section>"


def review_section(review: Review, *, language: str, zone: tzinfo) -> str:
    """The backlog-recovery section of a resolved incident's review."""
    info = review.incident
    if info.resolved_at is None:
        return ""
    figures = recovery_from_samples(
        review.samples, declared_at=info.declared_at, resolved_at=info.resolved_at
    )
    return recovery_html(figures, language=language, zone=zone)
