"""Ground truth for tests: the per-queue figures of the floor, counted by
brute force over the simulator's own records.

The cockpit computes the same figures incrementally from the change feed;
end-to-end tests compare the two for equality, so the definitions below are
exact, including which end of each window is open.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cockpit.domain import AgentState, QueueId, Status
from cockpit.settings import SlaSettings
from cockpit.sim.records import US, AgentRec, TicketRec

ARRIVALS_WINDOW_S = 15 * 60
RESOLUTIONS_WINDOW_S = 15 * 60
SERVICE_LEVEL_WINDOW_S = 60 * 60


@dataclass(frozen=True, slots=True)
class QueueTruth:
    """One queue's figures at one instant ``now`` (the simulator's time).

    - ``open``: tickets whose status is open, pending or waiting_other.
    - ``waiting``: open tickets (as above) with no first response yet.
    - ``oldest_wait_s``: ``now - created_at`` in seconds of the oldest of
      those; 0.0 when none waits.
    - ``agents_available`` / ``_busy`` / ``_away``: people whose ``skills``
      include the queue, by state (supervisors list no skills).
    - ``arrivals_15m``: tickets with ``now - 15 min < created_at <= now``,
      bot-deflected ones included.
    - ``resolutions_15m``: tickets with ``now - 15 min < resolved_at <= now``
      (whatever their status now, so closed ones count too).
    - ``service_level`` and its parts, over ``now - 60 min < t <= now``,
      counting only tickets whose (queue, priority) has a first-response
      target in the SLA settings (``due = created_at + target``):
      ``answered_in_target`` (first response at t, ``t <= due``),
      ``answered_late`` (``t > due``), ``waiting_past_target`` (open, no
      first response, not paused, ``now > due``, whenever created) and
      ``abandoned_past_target`` (finished at t without a first response,
      ``t > due``); ``service_level = in / (in + late + waiting +
      abandoned)``, ``None`` when that sum is 0. A ticket is finished at
      ``resolved_at``, or at its last update when it has none; it is paused
      while PENDING (from ``pending_since``, else its last update) when the
      settings pause pending tickets. Bot-deflected tickets have
      ``first_response_at == created_at`` and so count in target.
    - ``first_response`` / ``resolution``: (breached, at risk, met, missed)
      of each clock on its own (``warn = created_at + warn_ratio · target``).
      A live clock reads at ``now`` (at its pause instant while paused):
      breached when that is after ``due``, at risk when ``warn <= it <=
      due``. Met / missed: clocks that stopped in the window at or before
      / after ``due`` (a first-response clock stops at the first response;
      one finished unanswered only counts, as missed, when late; a
      resolution clock stops when the ticket finishes).
    """

    queue: QueueId
    open: int = 0
    waiting: int = 0
    oldest_wait_s: float = 0.0
    agents_available: int = 0
    agents_busy: int = 0
    agents_away: int = 0
    arrivals_15m: int = 0
    resolutions_15m: int = 0
    service_level: float | None = None
    answered_in_target: int = 0
    answered_late: int = 0
    waiting_past_target: int = 0
    abandoned_past_target: int = 0
    first_response: tuple[int, int, int, int] = (0, 0, 0, 0)
    resolution: tuple[int, int, int, int] = (0, 0, 0, 0)


class _Tally:
    __slots__ = (
        "arrivals",
        "available",
        "away",
        "busy",
        "clocks",
        "oldest",
        "open",
        "parts",
        "resolutions",
        "waiting",
    )

    def __init__(self) -> None:
        self.open = self.waiting = self.arrivals = self.resolutions = 0
        self.available = self.busy = self.away = 0
        # in target, late, waiting past target, abandoned past target
        self.parts = [0, 0, 0, 0]
        # per ClockKind value: breached, at risk, met, missed
        self.clocks = {"first_response": [0, 0, 0, 0], "resolution": [0, 0, 0, 0]}
        self.oldest: int | None = None


def compute_truth(
    records: Iterable[TicketRec],
    agents: Iterable[AgentRec],
    queues: Sequence[str],
    *,
    now_us: int,
    sla: SlaSettings,
) -> dict[QueueId, QueueTruth]:
    """The figures of every queue at ``now_us`` (see :class:`QueueTruth`)."""
    tallies = {q: _Tally() for q in queues}
    arrivals_from = now_us - ARRIVALS_WINDOW_S * US
    resolutions_from = now_us - RESOLUTIONS_WINDOW_S * US
    window_from = now_us - SERVICE_LEVEL_WINDOW_S * US
    for rec in records:
        tally = tallies.get(rec.queue)
        if tally is None or rec.created > now_us:
            continue
        if rec.status.is_open:
            tally.open += 1
            if rec.first_response is None:
                tally.waiting += 1
                if tally.oldest is None or rec.created < tally.oldest:
                    tally.oldest = rec.created
        if arrivals_from < rec.created <= now_us:
            tally.arrivals += 1
        if rec.resolved is not None and resolutions_from < rec.resolved <= now_us:
            tally.resolutions += 1
        _count_clocks(tally, rec, sla, window_from=window_from, now_us=now_us)
    _count_agents(tallies, agents)
    return {QueueId(q): _freeze(q, t, now_us) for q, t in tallies.items()}


def _count_clocks(
    tally: _Tally, rec: TicketRec, sla: SlaSettings, *, window_from: int, now_us: int
) -> None:
    """Both clocks of one ticket into the tally (see QueueTruth)."""
    target = sla.target(rec.queue, rec.priority)
    is_open = rec.status.is_open
    finished = None if is_open else (rec.resolved if rec.resolved is not None else rec.updated)
    paused = None
    if is_open and sla.pause_when_pending and rec.status is Status.PENDING:
        paused = rec.pending_since if rec.pending_since is not None else rec.updated
    for kind, target_s in (
        ("first_response", target.first_response_s),
        ("resolution", target.resolution_s),
    ):
        if target_s is None:
            continue
        due = rec.created + round(target_s * US)
        warn = min(due, rec.created + round(target_s * sla.warn_ratio * US))
        counts = tally.clocks[kind]
        stopped = finished
        if kind == "first_response" and rec.first_response is not None:
            stopped = rec.first_response
        if stopped is None:
            reads = now_us if paused is None else paused
            if reads > due:
                counts[0] += 1
            elif reads >= warn:
                counts[1] += 1
            if kind == "first_response" and paused is None and now_us > due:
                tally.parts[2] += 1
            continue
        if not window_from < stopped <= now_us:
            continue
        late = stopped > due
        if kind == "resolution" or rec.first_response is not None:
            counts[3 if late else 2] += 1
            if kind == "first_response":
                tally.parts[1 if late else 0] += 1
        elif late:
            counts[3] += 1
            tally.parts[3] += 1


def _count_agents(tallies: dict[str, _Tally], agents: Iterable[AgentRec]) -> None:
    for agent in agents:
        for skill in agent.skills:
            tally = tallies.get(skill)
            if tally is None:
                continue
            if agent.state is AgentState.AVAILABLE:
                tally.available += 1
            elif agent.state is AgentState.BUSY:
                tally.busy += 1
            elif agent.state is AgentState.AWAY:
                tally.away += 1


def _freeze(queue: str, tally: _Tally, now_us: int) -> QueueTruth:
    return QueueTruth(
        queue=QueueId(queue),
        open=tally.open,
        waiting=tally.waiting,
        oldest_wait_s=0.0 if tally.oldest is None else (now_us - tally.oldest) / US,
        agents_available=tally.available,
        agents_busy=tally.busy,
        agents_away=tally.away,
        arrivals_15m=tally.arrivals,
        resolutions_15m=tally.resolutions,
        service_level=tally.parts[0] / sum(tally.parts) if sum(tally.parts) else None,
        answered_in_target=tally.parts[0],
        answered_late=tally.parts[1],
        waiting_past_target=tally.parts[2],
        abandoned_past_target=tally.parts[3],
        first_response=_four(tally.clocks["first_response"]),
        resolution=_four(tally.clocks["resolution"]),
    )


def _four(values: list[int]) -> tuple[int, int, int, int]:
    return values[0], values[1], values[2], values[3]
