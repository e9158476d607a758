"""SLA clocks: per-ticket first-response and resolution deadlines.

A ticket has up to two clocks, both started when it was created:

- the **first-response** clock, stopped by ``first_response_at`` (or by the
  ticket finishing without one);
- the **resolution** clock, stopped when the ticket is resolved or closed.

A clock exists when its due time is known: the backend's own due time
(``Ticket.first_response_due`` / ``resolution_due``) wins; otherwise the
local policy (``SlaSettings.target`` for the ticket's queue and priority,
counted in business hours when a calendar is set). The warn instant lies
``warn_ratio`` of the way from the start to the due time (in working time
under a calendar).

**Boundary rule.** A clock is BREACHED strictly *after* its due instant
(``t > due``), AT_RISK from its warn instant up to and including the due
instant (``warn <= t <= due``), OK before. So ``seconds_to_breach = due - t``
is negative exactly when breached, and an answer given at the due instant
meets the target (as ``FloorState.first_response_met`` already counts it).

**Pausing.** While a ticket waits on the customer (status PENDING) and the
policy says ``pause_when_pending``, its live clocks are paused at
``pending_since`` (``updated_at`` when the backend gave no such time): they
read as of that instant, for as long as the ticket stays pending. The domain
carries no accumulated pause time, so once the ticket leaves PENDING its
clocks run on against their original due instants; backends that credit
pauses send their own due times, which win.

Halted clocks (stopped or paused) read at the instant they halted; running
clocks read at ``now``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache

from cockpit.business_hours import add_business_time, business_seconds_between
from cockpit.domain import Status, Ticket
from cockpit.settings import SlaSettings

# The open statuses, for hot loops: a frozenset lookup costs a fifth of
# ``Ticket.is_open`` (enum member look-ups), which adds up over 100k tickets.
OPEN_STATUSES: frozenset[Status] = frozenset(s for s in Status if s.is_open)


class ClockKind(StrEnum):
    FIRST_RESPONSE = "first_response"
    RESOLUTION = "resolution"


class SlaState(StrEnum):
    OK = "ok"
    AT_RISK = "at_risk"
    BREACHED = "breached"


class DueSource(StrEnum):
    """Who set the due time: the backend's own, or the local policy."""

    BACKEND = "backend"
    POLICY = "policy"


def classify(warn_at: datetime, due_at: datetime, at: datetime) -> SlaState:
    """The state of a clock that reads ``at``: the boundary rule in one place."""
    if at > due_at:
        return SlaState.BREACHED
    if at >= warn_at:
        return SlaState.AT_RISK
    return SlaState.OK


@dataclass(frozen=True, slots=True)
class SlaClock:
    """One clock of one ticket: its schedule and, if it halted, when."""

    kind: ClockKind
    started_at: datetime
    warn_at: datetime
    due_at: datetime
    source: DueSource
    # Stopped for good: answered (first response) or the ticket finished.
    stopped_at: datetime | None = None
    # Paused while the ticket waits on the customer.
    paused_at: datetime | None = None

    @property
    def running(self) -> bool:
        return self.stopped_at is None and self.paused_at is None

    @property
    def live(self) -> bool:
        """Running or paused: the clock still matters for an open ticket."""
        return self.stopped_at is None

    @property
    def halted_at(self) -> datetime | None:
        return self.stopped_at if self.stopped_at is not None else self.paused_at

    def reads_at(self, now: datetime) -> datetime:
        """The instant the clock shows: ``now`` while running, else when it halted."""
        halted = self.halted_at
        return now if halted is None else halted

    def state(self, now: datetime) -> SlaState:
        return classify(self.warn_at, self.due_at, self.reads_at(now))

    def seconds_to_breach(self, now: datetime) -> float:
        """Seconds left before the breach; negative once breached."""
        return (self.due_at - self.reads_at(now)).total_seconds()


@dataclass(frozen=True, slots=True)
class TicketSla:
    """A ticket's SLA at one instant, as its most pressing live clock shows it.

    ``clock`` is None (and the state OK) when the ticket has no live clock:
    no target applies, or everything is answered and done.
    """

    state: SlaState
    clock: ClockKind | None = None
    due_at: datetime | None = None
    seconds_to_breach: float | None = None
    paused: bool = False


def clocks(ticket: Ticket, sla: SlaSettings) -> tuple[SlaClock, ...]:
    """The ticket's clocks (none, one or both), from its data and the policy."""
    target = sla.target(ticket.queue, ticket.priority)
    is_open = ticket.status in OPEN_STATUSES
    finished_at = None if is_open else (ticket.resolved_at or ticket.updated_at)
    paused_at = _paused_at(ticket, sla) if is_open else None
    result: list[SlaClock] = []
    first = _schedule(ticket, ticket.first_response_due, target.first_response_s, sla)
    if first is not None:
        stopped = ticket.first_response_at or finished_at
        result.append(_clock(ClockKind.FIRST_RESPONSE, ticket, first, stopped, paused_at))
    resolution = _schedule(ticket, ticket.resolution_due, target.resolution_s, sla)
    if resolution is not None:
        result.append(_clock(ClockKind.RESOLUTION, ticket, resolution, finished_at, paused_at))
    return tuple(result)


def pressing(ticket_clocks: tuple[SlaClock, ...]) -> SlaClock | None:
    """The live clock that falls due first (first response on a tie).

    All clocks of a ticket start together, so the one due first is also the
    one that warns first: its state is the ticket's state.
    """
    live = [c for c in ticket_clocks if c.live]
    return min(live, key=lambda c: (c.due_at, c.kind)) if live else None


def evaluate(ticket: Ticket, sla: SlaSettings, now: datetime) -> TicketSla:
    """The ticket's SLA state and time to breach at ``now``."""
    clock = pressing(clocks(ticket, sla))
    if clock is None:
        return TicketSla(SlaState.OK)
    return TicketSla(
        state=clock.state(now),
        clock=clock.kind,
        due_at=clock.due_at,
        seconds_to_breach=clock.seconds_to_breach(now),
        paused=not clock.running,
    )


def _paused_at(ticket: Ticket, sla: SlaSettings) -> datetime | None:
    if not sla.pause_when_pending or ticket.status is not Status.PENDING:
        return None
    return ticket.pending_since or ticket.updated_at


def _clock(
    kind: ClockKind,
    ticket: Ticket,
    schedule: tuple[datetime, datetime, DueSource],
    stopped_at: datetime | None,
    paused_at: datetime | None,
) -> SlaClock:
    warn_at, due_at, source = schedule
    return SlaClock(
        kind=kind,
        started_at=ticket.created_at,
        warn_at=warn_at,
        due_at=due_at,
        source=source,
        stopped_at=stopped_at,
        paused_at=None if stopped_at is not None else paused_at,
    )


def _schedule(
    ticket: Ticket, backend_due: datetime | None, target_s: float | None, sla: SlaSettings
) -> tuple[datetime, datetime, DueSource] | None:
    """(warn, due, source) for one clock, or None when no target applies."""
    start = ticket.created_at
    hours = sla.business_hours
    if backend_due is not None:
        if hours is None:
            warn = start + (backend_due - start) * sla.warn_ratio
        else:
            span = business_seconds_between(start, backend_due, hours)
            warn = add_business_time(start, span * sla.warn_ratio, hours)
        # A due time at or before the start warns at the due time itself.
        return min(warn, backend_due), backend_due, DueSource.BACKEND
    if target_s is None:
        return None
    if hours is None:
        due_after, warn_after = _offsets(target_s, sla.warn_ratio)
        due = start + due_after
        warn = start + warn_after
    else:
        due = add_business_time(start, target_s, hours)
        warn = add_business_time(start, target_s * sla.warn_ratio, hours)
    return min(warn, due), due, DueSource.POLICY


@lru_cache(maxsize=64)
def _offsets(target_s: float, warn_ratio: float) -> tuple[timedelta, timedelta]:
    """(due, warn) offsets from the start for a round-the-clock target."""
    return timedelta(seconds=target_s), timedelta(seconds=target_s * warn_ratio)
