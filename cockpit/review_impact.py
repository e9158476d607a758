"""The figures of one review phase, and the chart series, from metric samples.

A phase is the half-open window ``(start, end]``; the samples in it are the
floor samples (``queue == "*"``) with ``start < at <= end``, and since each
sample's counts cover ``(previous poll, at]``, a phase whose bounds fall on
poll times counts exactly the events inside it.

Definitions (per phase):
- ``created``: tickets created (bot-deflected ones included), also by topic
  and by kind; ``complaints`` is the ``complaint`` kind.
- ``bot_deflected``: of those, the ones the bot settled.
- ``responses`` / ``late_responses``: first responses given in the phase,
  and those after their SLA target (the SLA breaches of the phase).
- ``service_level`` (docs/metrics.md, over the phase instead of 60 min):
  ``answered_in_target`` / (``answered_in_target`` + ``answered_late`` +
  ``abandoned_past_target`` + ``waiting_past_target``), where the first
  three are first responses in / after their target and tickets finished
  unanswered past it during the phase, and ``waiting_past_target`` is the
  customers still waiting past their target at the phase's last poll;
  None when that sum is 0 (so also for samples recorded before the parts
  were). A mass reply turns long waits into late answers: it cannot lift it.
- ``first_response_breached_peak`` / ``resolution_breached_peak``: the most
  open clocks of each kind past due at any poll.
- ``mean_wait_s``: mean time from creation to first response of those;
  ``peak_wait_s``: the longest such wait, or the oldest customer still
  waiting at a poll, whichever is larger.
- ``breached_peak`` / ``at_risk_peak`` / ``waiting_peak``: the most open
  tickets past / near their SLA / waiting at any poll.
- ``agents_on_duty_mean`` / ``_peak``: distinct people not offline, per poll.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from cockpit.domain import Kind
from cockpit.metrics import service_level
from cockpit.store.samples import Sample


class PhaseName(StrEnum):
    BASELINE = "baseline"
    INCIDENT = "incident"
    RECOVERY = "recovery"


@dataclass(frozen=True, slots=True)
class Window:
    phase: PhaseName
    start: datetime
    end: datetime

    @property
    def length(self) -> timedelta:
        return self.end - self.start

    def holds(self, at: datetime) -> bool:
        return self.start < at <= self.end


@dataclass(frozen=True, slots=True)
class PhaseImpact:
    phase: PhaseName
    start: datetime
    end: datetime
    samples: int = 0
    created: int = 0
    by_topic: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    complaints: int = 0
    bot_deflected: int = 0
    resolutions: int = 0
    responses: int = 0
    late_responses: int = 0
    service_level: float | None = None
    answered_in_target: int = 0
    answered_late: int = 0
    abandoned_past_target: int = 0
    waiting_past_target: int = 0
    first_response_breached_peak: int = 0
    resolution_breached_peak: int = 0
    mean_wait_s: float | None = None
    peak_wait_s: float = 0.0
    breached_peak: int = 0
    at_risk_peak: int = 0
    waiting_peak: int = 0
    agents_on_duty_mean: float | None = None
    agents_on_duty_peak: int = 0

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600

    @property
    def created_per_hour(self) -> float | None:
        return self.created / self.hours if self.hours > 0 else None


def phase_impact(window: Window, samples: Sequence[Sample]) -> PhaseImpact:
    """The figures of ``window`` from floor samples (see the module doc)."""
    inside = [s for s in samples if window.holds(s.at)]
    if not inside:
        return PhaseImpact(window.phase, window.start, window.end)
    topics: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for s in inside:
        topics.update(s.topics)
        kinds.update(s.kinds)
    responses = sum(s.responses for s in inside)
    late = sum(s.responses_late for s in inside)
    on_duty = [s.agents_on_duty for s in inside]
    in_target = sum(s.answered_in_target for s in inside)
    answered_late = sum(s.answered_late for s in inside)
    abandoned = sum(s.abandoned_past_target for s in inside)
    waiting = max(inside, key=lambda s: s.at).waiting_past_target
    return PhaseImpact(
        phase=window.phase,
        start=window.start,
        end=window.end,
        samples=len(inside),
        created=sum(s.arrivals for s in inside),
        by_topic=dict(topics.most_common()),
        by_kind=dict(kinds.most_common()),
        complaints=kinds.get(Kind.COMPLAINT.value, 0),
        bot_deflected=sum(s.bot_deflected for s in inside),
        resolutions=sum(s.resolutions for s in inside),
        responses=responses,
        late_responses=late,
        service_level=service_level(in_target, answered_late, waiting, abandoned),
        answered_in_target=in_target,
        answered_late=answered_late,
        abandoned_past_target=abandoned,
        waiting_past_target=waiting,
        first_response_breached_peak=max(s.first_response_breached for s in inside),
        resolution_breached_peak=max(s.resolution_breached for s in inside),
        mean_wait_s=sum(s.wait_sum_s for s in inside) / responses if responses else None,
        peak_wait_s=max(max(s.wait_max_s, s.oldest_wait_s) for s in inside),
        breached_peak=max(s.breached for s in inside),
        at_risk_peak=max(s.at_risk for s in inside),
        waiting_peak=max(s.waiting for s in inside),
        agents_on_duty_mean=sum(on_duty) / len(on_duty),
        agents_on_duty_peak=max(on_duty),
    )


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One chart bucket ending at ``at``: arrivals summed, levels at their peak."""

    at: datetime
    arrivals: int
    waiting: int
    breached: int
    complaints: int


MAX_POINTS = 120


def bucket_size(span: timedelta, *, points: int = MAX_POINTS) -> timedelta:
    """Whole minutes, at least one, so that ``span`` needs at most ``points`` buckets."""
    minutes = max(1, math.ceil(span.total_seconds() / 60 / points))
    return timedelta(minutes=minutes)


def series(samples: Sequence[Sample], start: datetime, end: datetime) -> list[SeriesPoint]:
    """Floor samples in ``(start, end]`` in equal buckets (see :func:`bucket_size`)."""
    if end <= start:
        return []
    step = bucket_size(end - start)
    count = math.ceil((end - start) / step)
    arrivals = [0] * count
    waiting = [0] * count
    breached = [0] * count
    complaints = [0] * count
    seen = [False] * count
    for s in samples:
        if not start < s.at <= end:
            continue
        i = min(count - 1, max(0, math.ceil((s.at - start) / step) - 1))
        arrivals[i] += s.arrivals
        complaints[i] += s.kinds.get(Kind.COMPLAINT.value, 0)
        waiting[i] = max(waiting[i], s.waiting)
        breached[i] = max(breached[i], s.breached)
        seen[i] = True
    return [
        SeriesPoint(start + (i + 1) * step, arrivals[i], waiting[i], breached[i], complaints[i])
        for i in range(count)
        if seen[i]
    ]
