"""The FloorView: the live figures a supervisor reads, computed off-thread
from the FloorState after every poll. Immutable; the GUI only renders it.

Besides the per-queue figures it carries the SLA picture: per-queue
breached / at-risk / paused counts, the at-risk and breached lists
(:mod:`cockpit.at_risk`), the escalations (:mod:`cockpit.escalations`) and
the heatmap grid (:mod:`cockpit.heatmap`). Everything is read from indexes
the FloorState keeps incrementally, so computing a view never scans the
floor.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import MappingProxyType

from sortedcontainers import SortedList

from cockpit.at_risk import DEFAULT_LIMIT, SlaRow, at_risk_rows, breached_rows
from cockpit.backends.vendor_common import RateBudget
from cockpit.domain import Agent, AgentState, Queue, QueueId
from cockpit.escalation_index import EscalationSummary
from cockpit.escalations import EscalationRow
from cockpit.floor import FloorState, agents_by_queue
from cockpit.heatmap import (
    BUCKETS,
    DEFAULT_BUCKET,
    DEFAULT_SPAN,
    HeatmapGrid,
    build_heatmaps,
    empty_grid,
)
from cockpit.settings import EscalationSettings, Settings
from cockpit.sla import ClockKind


@dataclass(frozen=True, slots=True)
class ClockFigures:
    """One SLA clock (first response or resolution) of one queue.

    ``breached`` / ``at_risk``: open tickets whose clock of this kind is past
    due / in its warn window now (paused clocks read as of their pause).
    ``met`` / ``missed``: clocks of this kind that stopped inside the service
    level window, at or before their due instant / after it.
    """

    breached: int = 0
    at_risk: int = 0
    met: int = 0
    missed: int = 0


@dataclass(frozen=True, slots=True)
class QueueFigures:
    queue: QueueId
    name: str
    names: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    open: int = 0
    # Open tickets that have had no first response yet.
    waiting: int = 0
    # Age of the oldest of those, in seconds (0 when none waits).
    oldest_wait_s: float = 0.0
    agents_available: int = 0
    agents_busy: int = 0
    agents_away: int = 0
    arrivals_15m: int = 0
    resolutions_15m: int = 0
    # Service level over SERVICE_LEVEL_WINDOW (see docs/metrics.md):
    # answered_in_target / (answered_in_target + answered_late
    #                       + waiting_past_target + abandoned_past_target);
    # None when that denominator is 0.
    service_level: float | None = None
    service_level_target: float = 0.8
    # The parts of the service level, counted in the same window.
    answered_in_target: int = 0
    answered_late: int = 0
    waiting_past_target: int = 0
    abandoned_past_target: int = 0
    # Open tickets whose pressing SLA clock is past due / in its warn window.
    breached: int = 0
    at_risk: int = 0
    # Open tickets whose SLA clocks are paused (waiting on the customer).
    sla_paused: int = 0
    # Each SLA clock on its own (a ticket late on both counts in both).
    first_response: ClockFigures = field(default_factory=ClockFigures)
    resolution: ClockFigures = field(default_factory=ClockFigures)

    def display_name(self, language: str) -> str:
        return self.names.get(language) or self.name


@dataclass(frozen=True, slots=True)
class FloorView:
    generated_at: datetime
    backend: str
    queues: tuple[QueueFigures, ...]
    # Queues whose figures differ from the previous view (all on the first).
    changed: frozenset[QueueId] = frozenset()
    # At-risk tickets, nearest to breach first (at most ViewOptions.at_risk_limit).
    at_risk: tuple[SlaRow, ...] = ()
    # Breached tickets, at most the same limit: urgent ones first, then the
    # others; most overdue first within each.
    breached: tuple[SlaRow, ...] = ()
    # Escalated open tickets (highest level, longest at it first), then
    # flagged agent-level ones (most overdue first); at most the escalation
    # limit of each. The summary counts the whole floor exactly.
    escalations: tuple[EscalationRow, ...] = ()
    escalation_summary: EscalationSummary = field(default_factory=EscalationSummary)
    heatmap: HeatmapGrid = field(default_factory=empty_grid, hash=False)
    # The same grid at every bucket size of ViewOptions.heatmap_buckets (and
    # heatmap_bucket), so switching the size in the UI needs no new poll.
    heatmaps: Mapping[timedelta, HeatmapGrid] = field(default_factory=dict, hash=False)
    # The API budget left, for the status bar: read on the poll worker after
    # the fetch; None when the backend has no rate limit.
    rate_budget: RateBudget | None = None
    # People on the floor by state, each counted once (a queue's figures count
    # an agent in every queue they are skilled for).
    staffing: Mapping[AgentState, int] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class ViewOptions:
    """How much of the SLA picture a view carries, and the heatmap's grid."""

    at_risk_limit: int = DEFAULT_LIMIT
    escalation_limit: int = DEFAULT_LIMIT
    heatmap_bucket: timedelta = DEFAULT_BUCKET
    heatmap_span: timedelta = DEFAULT_SPAN
    # Further sizes computed in the same pass (cheap: coarser grids sum columns).
    heatmap_buckets: tuple[timedelta, ...] = BUCKETS
    escalations: EscalationSettings = field(default_factory=EscalationSettings)

    @classmethod
    def from_settings(cls, settings: Settings) -> ViewOptions:
        """The options the settings define (the rest at their defaults)."""
        return cls(escalations=settings.escalations)


ARRIVALS_WINDOW = timedelta(minutes=15)
SERVICE_LEVEL_WINDOW = timedelta(minutes=60)
FIRST = ClockKind.FIRST_RESPONSE.value


def _count_in(values: SortedList, start: float, end: float) -> int:
    """How many values lie in the half-open window (start, end]."""
    return int(values.bisect_right(end) - values.bisect_right(start))


def queue_figures(state: FloorState, queue_id: QueueId, agents: list[Agent]) -> QueueFigures:
    """One queue's live figures at the state's server time."""
    assert state.server_time is not None
    now = state.server_time.timestamp()
    idx = state.index(queue_id)
    queue = state.queues.get(queue_id) or Queue(id=queue_id, name=queue_id)
    by_state = Counter(agent.state for agent in agents)
    oldest = max(0.0, now - idx.waiting[0][0]) if idx.waiting else 0.0
    sla = state.sla_index.queue(queue_id)
    breached = sla.breached(state.sla_index.as_of)
    first, resolution = clock_figures(state, queue_id)
    parts = _service_level_parts(state, queue_id)
    return QueueFigures(
        queue=queue_id,
        name=queue.name,
        names=queue.names,
        open=idx.open,
        waiting=len(idx.waiting),
        oldest_wait_s=round(oldest, 3),
        agents_available=by_state[AgentState.AVAILABLE],
        agents_busy=by_state[AgentState.BUSY],
        agents_away=by_state[AgentState.AWAY],
        arrivals_15m=_count_in(idx.arrivals, now - ARRIVALS_WINDOW.total_seconds(), now),
        resolutions_15m=_count_in(idx.resolutions, now - ARRIVALS_WINDOW.total_seconds(), now),
        service_level=service_level(*parts),
        service_level_target=queue.service_level_target,
        answered_in_target=parts[0],
        answered_late=parts[1],
        waiting_past_target=parts[2],
        abandoned_past_target=parts[3],
        breached=breached,
        at_risk=sla.alarmed_count() - breached,
        sla_paused=sla.paused,
        first_response=first,
        resolution=resolution,
    )


def service_level(
    answered_in_target: int, answered_late: int, waiting_past_target: int, abandoned: int
) -> float | None:
    """in target / (in target + late + still waiting past target + abandoned
    past target); None when nothing counts (see docs/metrics.md)."""
    total = answered_in_target + answered_late + waiting_past_target + abandoned
    return None if total == 0 else answered_in_target / total


def _service_level_parts(state: FloorState, queue_id: QueueId) -> tuple[int, int, int, int]:
    """(answered in target, answered late, waiting past target, abandoned
    past target) of one queue, over SERVICE_LEVEL_WINDOW ending now."""
    assert state.server_time is not None
    now = state.server_time.timestamp()
    start = now - SERVICE_LEVEL_WINDOW.total_seconds()
    idx = state.index(queue_id)
    waiting = state.sla_index.queue(queue_id).running_breached(FIRST, now)
    return (
        _count_in(idx.answered_in_target, start, now),
        _count_in(idx.answered_late, start, now),
        waiting,
        _count_in(idx.abandoned_late, start, now),
    )


def clock_figures(state: FloorState, queue_id: QueueId) -> tuple[ClockFigures, ClockFigures]:
    """(first response, resolution) figures of one queue now, each clock on its own."""
    assert state.server_time is not None
    now = state.server_time.timestamp()
    start = now - SERVICE_LEVEL_WINDOW.total_seconds()
    idx = state.index(queue_id)
    sla = state.sla_index.queue(queue_id)
    fr_breached, fr_at_risk = sla.clock_counts(FIRST, now)
    res_breached, res_at_risk = sla.clock_counts(ClockKind.RESOLUTION.value, now)
    first = ClockFigures(
        breached=fr_breached,
        at_risk=fr_at_risk,
        met=_count_in(idx.answered_in_target, start, now),
        missed=_count_in(idx.answered_late, start, now) + _count_in(idx.abandoned_late, start, now),
    )
    resolution = ClockFigures(
        breached=res_breached,
        at_risk=res_at_risk,
        met=_count_in(idx.resolved_in_target, start, now),
        missed=_count_in(idx.resolved_late, start, now),
    )
    return first, resolution


def compute_view(
    state: FloorState,
    *,
    backend: str,
    previous: FloorView | None = None,
    options: ViewOptions | None = None,
) -> FloorView:
    """The FloorView for the state as it is now; ``changed`` is relative to ``previous``."""
    if state.server_time is None:
        raise ValueError("no data yet: apply a batch first")
    options = options or ViewOptions()
    queue_ids = state.queue_ids()
    staffing = agents_by_queue(state.agents.values(), queue_ids)
    figures = tuple(queue_figures(state, q, staffing.get(q, [])) for q in queue_ids)
    before = {} if previous is None else {f.queue: f for f in previous.queues}
    changed = frozenset(f.queue for f in figures if before.get(f.queue) != f)
    escalations = state.escalation_index
    sizes = dict.fromkeys((options.heatmap_bucket, *options.heatmap_buckets))
    heatmaps = build_heatmaps(state, buckets=tuple(sizes), span=options.heatmap_span)
    return FloorView(
        generated_at=state.server_time,
        backend=backend,
        queues=figures,
        changed=changed,
        at_risk=at_risk_rows(state, options.at_risk_limit),
        breached=breached_rows(state, options.at_risk_limit),
        escalations=escalations.rows(
            state.tickets, state.server_time, options.escalations, options.escalation_limit
        ),
        escalation_summary=escalations.summary(state.server_time, options.escalations),
        heatmap=heatmaps[options.heatmap_bucket],
        heatmaps=MappingProxyType(heatmaps),
        staffing=MappingProxyType(dict(Counter(a.state for a in state.agents.values()))),
    )
