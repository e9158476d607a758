"""Ground truth for tests: the per-queue figures of the floor, counted by
brute force over the simulator's own records.

The cockpit computes the same figures incrementally from the change feed;
end-to-end tests compare the two for equality, so the definitions below are
exact, including which end of each window is open.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cockpit.domain import AgentState, QueueId
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
    - ``service_level``: of the tickets with
      ``now - 60 min < first_response_at <= now``, the share whose
      ``first_response_at - created_at`` is at most the first-response
      target for (queue, priority) in the SLA settings (a priority without a
      target counts as met); ``None`` when there are none. Bot-deflected
      tickets have ``first_response_at == created_at`` and so count as met.
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


class _Tally:
    __slots__ = (
        "arrivals",
        "available",
        "away",
        "busy",
        "met",
        "oldest",
        "open",
        "resolutions",
        "responded",
        "waiting",
    )

    def __init__(self) -> None:
        self.open = self.waiting = self.arrivals = self.resolutions = 0
        self.available = self.busy = self.away = 0
        self.met = self.responded = 0
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
    responses_from = now_us - SERVICE_LEVEL_WINDOW_S * US
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
        response = rec.first_response
        if response is not None and responses_from < response <= now_us:
            tally.responded += 1
            target_s = sla.target(rec.queue, rec.priority).first_response_s
            if target_s is None or response - rec.created <= target_s * US:
                tally.met += 1
    _count_agents(tallies, agents)
    return {QueueId(q): _freeze(q, t, now_us) for q, t in tallies.items()}


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
        service_level=tally.met / tally.responded if tally.responded else None,
    )
