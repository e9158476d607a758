"""Recording every poll as metric samples, off the GUI thread and without
making the poll wait on the database.

:class:`MetricsRecorder` listens to the poller (``on_batch`` then
``on_view``, both on the poll worker). From the batch it counts what
happened since the previous poll: arrivals (by topic and kind, and how many
the bot deflected: ``Ticket.bot_deflected``), resolutions, first responses
(how many missed their target, and how long customers waited for them),
and the service level's counted parts (first responses in and after their
target, tickets finished unanswered past it; docs/metrics.md). From the
view it takes the levels (open, waiting, oldest wait, breached, at risk,
service level, customers waiting past target, each clock's breaches,
agents by state); the floor's service level comes from the queues' summed
parts. The rows go into a buffer that one
job on the database writer (``Executors.db``) drains in a single insert: a
slow database makes the inserts bigger, never the poll slower.

The counts rest on the feed's contract: every ticket that changed since the
cursor is in the batch, and a ticket's creation, first response and
resolution are changes. A ticket counts in the sample whose interval
``(previous poll, this poll]`` holds the event's time (server time).
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from cockpit.domain import AgentState, Batch, QueueId, Ticket, TicketId
from cockpit.floor import FloorState
from cockpit.metrics import FloorView, QueueFigures, service_level
from cockpit.sla import SlaClock
from cockpit.store.samples import FLOOR, MetricStore, Sample

log = logging.getLogger(__name__)

# About an hour of 5-second polls of a ten-queue floor.
MAX_BUFFER = 10_000


@dataclass(slots=True)
class Tally:
    """What happened in one queue during one poll interval."""

    arrivals: int = 0
    resolutions: int = 0
    responses: int = 0
    late: int = 0
    wait_sum_s: float = 0.0
    wait_max_s: float = 0.0
    deflected: int = 0
    in_target: int = 0
    answered_late: int = 0
    abandoned: int = 0
    topics: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        self.arrivals += other.arrivals
        self.resolutions += other.resolutions
        self.responses += other.responses
        self.late += other.late
        self.wait_sum_s += other.wait_sum_s
        self.wait_max_s = max(self.wait_max_s, other.wait_max_s)
        self.deflected += other.deflected
        self.in_target += other.in_target
        self.answered_late += other.answered_late
        self.abandoned += other.abandoned
        self.topics.update(other.topics)
        self.kinds.update(other.kinds)


def tally(
    tickets: Iterable[Ticket],
    *,
    since: datetime,
    until: datetime,
    met: Callable[[Ticket], bool],
    first_clock: Callable[[Ticket], SlaClock | None] = lambda _: None,
) -> dict[QueueId, Tally]:
    """Per-queue counts of the events in ``(since, until]`` among ``tickets``
    (the latest version of each counts once). ``first_clock`` gives a
    ticket's first-response clock, for the service level's parts."""
    latest: dict[TicketId, Ticket] = {t.id: t for t in tickets}
    result: dict[QueueId, Tally] = {}
    for ticket in latest.values():
        t = result.get(ticket.queue) or result.setdefault(ticket.queue, Tally())
        if since < ticket.created_at <= until:
            t.arrivals += 1
            t.topics[str(ticket.topic)] += 1
            t.kinds[ticket.kind.value] += 1
            t.deflected += ticket.bot_deflected
        if ticket.resolved_at is not None and since < ticket.resolved_at <= until:
            t.resolutions += 1
        first = ticket.first_response_at
        if first is not None and since < first <= until:
            wait = max(0.0, (first - ticket.created_at).total_seconds())
            t.responses += 1
            t.late += not met(ticket)
            t.wait_sum_s += wait
            t.wait_max_s = max(t.wait_max_s, wait)
        _tally_service_level(t, ticket, first_clock(ticket), since=since, until=until)
    return result


def _tally_service_level(
    t: Tally, ticket: Ticket, clock: SlaClock | None, *, since: datetime, until: datetime
) -> None:
    """The service level's counted parts (a ticket with no target counts in none)."""
    if clock is None or clock.stopped_at is None or not since < clock.stopped_at <= until:
        return
    late = clock.stopped_at > clock.due_at
    if ticket.first_response_at is not None:
        t.in_target += not late
        t.answered_late += late
    else:
        t.abandoned += late


@dataclass(frozen=True, slots=True)
class _Pending:
    at: datetime
    span_s: float
    tallies: Mapping[QueueId, Tally]
    agents: Mapping[AgentState, int]


def _sample(
    queue: str,
    at: datetime,
    span_s: float,
    t: Tally,
    levels: Mapping[str, float | int | None],
) -> Sample:
    return Sample(
        at=at,
        queue=queue,
        span_s=span_s,
        arrivals=t.arrivals,
        resolutions=t.resolutions,
        responses=t.responses,
        responses_late=t.late,
        wait_sum_s=round(t.wait_sum_s, 3),
        wait_max_s=round(t.wait_max_s, 3),
        bot_deflected=t.deflected,
        answered_in_target=t.in_target,
        answered_late=t.answered_late,
        abandoned_past_target=t.abandoned,
        topics=dict(t.topics),
        kinds=dict(t.kinds),
        **levels,  # type: ignore[arg-type]
    )


def _levels(f: QueueFigures) -> dict[str, float | int | None]:
    return {
        "open": f.open,
        "waiting": f.waiting,
        "oldest_wait_s": f.oldest_wait_s,
        "breached": f.breached,
        "at_risk": f.at_risk,
        "service_level": f.service_level,
        "agents_available": f.agents_available,
        "agents_busy": f.agents_busy,
        "agents_away": f.agents_away,
        "waiting_past_target": f.waiting_past_target,
        "first_response_breached": f.first_response.breached,
        "resolution_breached": f.resolution.breached,
    }


def _floor_service_level(queues: Iterable[QueueFigures]) -> float | None:
    """The floor's service level: the queues' parts summed, then divided."""
    parts = [0, 0, 0, 0]
    for f in queues:
        parts[0] += f.answered_in_target
        parts[1] += f.answered_late
        parts[2] += f.waiting_past_target
        parts[3] += f.abandoned_past_target
    return service_level(*parts)


def samples_for(
    view: FloorView,
    tallies: Mapping[QueueId, Tally],
    agents: Mapping[AgentState, int],
    *,
    span_s: float,
) -> list[Sample]:
    """One sample per queue of ``view`` and one for the whole floor."""
    at = view.generated_at
    rows = [
        _sample(f.queue, at, span_s, tallies.get(f.queue) or Tally(), _levels(f))
        for f in view.queues
    ]
    floor = Tally()
    for t in tallies.values():
        floor.add(t)
    totals: dict[str, float | int | None] = {
        name: sum(getattr(f, name) for f in view.queues)
        for name in ("open", "waiting", "breached", "at_risk", "waiting_past_target")
    }
    totals["first_response_breached"] = sum(f.first_response.breached for f in view.queues)
    totals["resolution_breached"] = sum(f.resolution.breached for f in view.queues)
    totals["oldest_wait_s"] = max((f.oldest_wait_s for f in view.queues), default=0.0)
    totals["service_level"] = _floor_service_level(view.queues)
    totals["agents_available"] = agents.get(AgentState.AVAILABLE, 0)
    totals["agents_busy"] = agents.get(AgentState.BUSY, 0)
    totals["agents_away"] = agents.get(AgentState.AWAY, 0)
    rows.append(_sample(FLOOR, at, span_s, floor, totals))
    return rows


class _Subscribable(Protocol):
    """The part of the poller the recorder needs."""

    def subscribe(
        self,
        *,
        on_view: Callable[[FloorView], None] | None = None,
        on_batch: Callable[[Batch, FloorState], None] | None = None,
    ) -> None: ...


class MetricsRecorder:
    """Turns polls into metric samples; see the module docstring."""

    def __init__(
        self, store: MetricStore, executor: Executor, *, max_buffer: int = MAX_BUFFER
    ) -> None:
        self._store = store
        self._executor = executor
        self._max_buffer = max_buffer
        self._last_at: datetime | None = None
        self._pending: _Pending | None = None
        self._buffer: list[Sample] = []
        self._flushing = False
        self._lock = threading.Lock()
        self.dropped = 0
        self._defer_to: Callable[[], str | None] = lambda: None
        # Why this recorder leaves the samples to someone else, if it does.
        self.deferred: str | None = None

    def attach(self, poller: _Subscribable) -> None:
        poller.subscribe(on_batch=self.on_batch, on_view=self.on_view)

    def defer_to(self, check: Callable[[], str | None]) -> None:
        """Record nothing while ``check()`` names who records instead (a
        recording relay), so that the shared database counts every poll once."""
        self._defer_to = check

    def _deferring(self) -> bool:
        reason = self._defer_to()
        if reason != self.deferred:
            if reason is None:
                log.info("recording metric samples again: %s no longer records them", self.deferred)
            else:
                log.warning("not recording metric samples here: %s", reason)
            self.deferred = reason
        return reason is not None

    # --- the poll worker -------------------------------------------------------------

    def on_batch(self, batch: Batch, state: FloorState) -> None:
        # Events are counted up to where the change list is complete: behind
        # a relay that is its last poll of the help desk, a little before the
        # answer's server time; later events come with a later batch.
        if self._deferring():
            self._last_at = self._pending = None  # counts start afresh if this resumes
            return
        at, since = batch.server_time, self._last_at
        until = at if batch.complete_to is None else min(at, batch.complete_to)
        if since is None or until <= since:
            tallies: Mapping[QueueId, Tally] = {}
            span = 0.0
        else:
            tallies = tally(
                batch.tickets,
                since=since,
                until=until,
                met=state.first_response_met,
                first_clock=state.first_response_clock,
            )
            span = (until - since).total_seconds()
        if since is None or until > since:
            self._last_at = until
        agents = Counter(agent.state for agent in state.agents.values())
        self._pending = _Pending(at, span, tallies, agents)

    def on_view(self, view: FloorView) -> None:
        if self.deferred is not None:
            return
        pending, self._pending = self._pending, None
        if pending is None or pending.at != view.generated_at:
            pending = _Pending(view.generated_at, 0.0, {}, {})
        rows = samples_for(view, pending.tallies, pending.agents, span_s=pending.span_s)
        with self._lock:
            self._buffer.extend(rows)
            excess = len(self._buffer) - self._max_buffer
            if excess > 0:
                del self._buffer[:excess]
                self.dropped += excess
                log.warning("the database is behind: dropped %d metric samples", excess)
            if self._flushing:
                return
            self._flushing = True
        try:
            self._executor.submit(self.flush)
        except RuntimeError:  # shut down: the app is closing
            with self._lock:
                self._flushing = False

    # --- the database writer ---------------------------------------------------------

    def flush(self) -> int:
        """Write what is buffered (runs on the database writer)."""
        with self._lock:
            rows, self._buffer = self._buffer, []
            self._flushing = False
        try:
            return self._store.add(rows)
        except Exception:
            log.exception("could not store %d metric samples", len(rows))
            return 0
