"""Which queue needs the supervisor now: the queues ranked by SLA risk.

The queue table sorts by it, the headline names its first queue and the
wall board shows its order. The ranking reads only the FloorView's
figures (no clock, no floor). Queues that need help come first; among
them, the most customers in trouble first: the tickets past due plus the
customers the queue is short of its service-level target (how many more
first responses of the window had to be in target to meet it), so a queue
far below its target with many customers outranks one with a single late
ticket. Then tickets about to breach, how far the service level is below
its target, and the soonest deadline. Each queue also gets a level, so
that the views colour the outliers only (``OK`` queues stay plain), and
the staffing facts a floor lead acts on: nobody available, occupancy, and the agents needed to
hold the target when a forecaster is given (``agents_needed``; the
Erlang C forecaster lives in :mod:`cockpit.forecast`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import IntEnum

from cockpit.at_risk import SlaRow
from cockpit.domain import QueueId
from cockpit.metrics import QueueFigures

# Agents a queue needs to hold its service-level target, or None when
# unknown. The staffing forecaster (Erlang C) plugs in here.
AgentsNeeded = Callable[[QueueFigures], int | None]


class RiskLevel(IntEnum):
    """How much a queue needs attention; higher is worse."""

    OK = 0
    # Tickets at risk, waiting past target, or waiting with nobody free
    # while other queues have agents free (someone could be moved).
    WATCH = 1
    NEEDS_HELP = 2  # breaches, or the service level under its target


@dataclass(frozen=True, slots=True)
class QueueRisk:
    """One queue's place in the ranking and the facts behind it."""

    figures: QueueFigures
    level: RiskLevel
    rank: int  # 1 = worst
    breached: int
    at_risk: int
    # Target minus service level (positive: below target); None without a level.
    shortfall: float | None
    # Customers short of the target: first responses of the service-level
    # window that had to be in target for the queue to meet it (0 at or above).
    short_of_target: int
    # Seconds until the queue's next at-risk ticket breaches; None when none is listed.
    soonest_due_s: float | None
    zero_available: bool  # tickets waiting and nobody available to take them
    # Busy ÷ (busy + available) of the agents skilled for the queue; None with nobody on.
    occupancy: float | None
    agents_needed: int | None = None

    @property
    def queue(self) -> QueueId:
        return self.figures.queue

    @property
    def in_trouble(self) -> int:
        """The ranking's measure: tickets past due plus customers short of target."""
        return self.breached + self.short_of_target

    @property
    def agents_short(self) -> int | None:
        """How many more agents the target needs than are on the queue now."""
        if self.agents_needed is None:
            return None
        on = self.figures.agents_available + self.figures.agents_busy
        return max(0, self.agents_needed - on)


def occupancy(figures: QueueFigures) -> float | None:
    on = figures.agents_available + figures.agents_busy
    return None if on == 0 else figures.agents_busy / on


def breaches(figures: QueueFigures) -> int:
    """Open tickets past due: the pressing clock's count, or the per-clock
    counts when those say more (a ticket late on both counts once)."""
    per_clock = max(figures.first_response.breached, figures.resolution.breached)
    return max(figures.breached, per_clock)


def shortfall(figures: QueueFigures) -> float | None:
    if figures.service_level is None:
        return None
    return figures.service_level_target - figures.service_level


def short_of_target(figures: QueueFigures) -> int:
    """How many more first responses of the service-level window had to be
    within target for the queue to meet its target: the shortfall times the
    service level's base (answered + still waiting past target + closed
    unanswered past target). A backend that reports only the percentage
    gives no base; the customers waiting stand in for it."""
    below = shortfall(figures)
    if below is None or below <= 0:
        return 0
    base = (
        figures.answered_in_target
        + figures.answered_late
        + figures.waiting_past_target
        + figures.abandoned_past_target
    )
    # A hair over a whole customer is that customer (float noise aside).
    return math.ceil(below * (base or figures.waiting) - 1e-9)


def soonest_due(rows: Iterable[SlaRow]) -> dict[QueueId, float]:
    """Per queue, the seconds to its nearest breach among ``rows``."""
    soonest: dict[QueueId, float] = {}
    for row in rows:
        if row.seconds_to_breach >= 0:
            current = soonest.get(row.queue)
            if current is None or row.seconds_to_breach < current:
                soonest[row.queue] = row.seconds_to_breach
    return soonest


def risk_level(
    figures: QueueFigures, *, breached: int, below: float | None, free_elsewhere: bool = True
) -> RiskLevel:
    """The queue's colour. Nobody free with customers waiting is an outlier
    only while other queues have someone free: when the whole floor is
    taken (a peak), every queue would turn amber and none would stand out;
    the headline and the agents tile say "nobody free" instead."""
    if breached > 0 or (below is not None and below > 0):
        return RiskLevel.NEEDS_HELP
    starved = free_elsewhere and figures.waiting > 0 and figures.agents_available == 0
    if figures.at_risk > 0 or figures.waiting_past_target > 0 or starved:
        return RiskLevel.WATCH
    return RiskLevel.OK


def rank_queues(
    queues: Iterable[QueueFigures],
    *,
    at_risk: Iterable[SlaRow] = (),
    agents_needed: AgentsNeeded | None = None,
) -> tuple[QueueRisk, ...]:
    """The queues worst first. Ties keep the order the core gave."""
    due = soonest_due(at_risk)
    queues = tuple(queues)
    free_somewhere = any(f.agents_available > 0 for f in queues)
    risks = [_assess(f, due.get(f.queue), agents_needed, free_somewhere) for f in queues]
    order = sorted(range(len(risks)), key=lambda i: (_sort_key(risks[i]), i))
    return tuple(_with_rank(risks[i], n) for n, i in enumerate(order, start=1))


def needs_help(ranked: Iterable[QueueRisk]) -> QueueRisk | None:
    """The queue for the headline: the worst one, if it is not OK."""
    first = next(iter(ranked), None)
    return first if first is not None and first.level is not RiskLevel.OK else None


def _assess(
    figures: QueueFigures,
    soonest_s: float | None,
    agents_needed: AgentsNeeded | None,
    free_somewhere: bool,
) -> QueueRisk:
    breached = breaches(figures)
    below = shortfall(figures)
    return QueueRisk(
        figures=figures,
        level=risk_level(figures, breached=breached, below=below, free_elsewhere=free_somewhere),
        rank=0,
        breached=breached,
        at_risk=figures.at_risk,
        shortfall=below,
        short_of_target=short_of_target(figures),
        soonest_due_s=soonest_s,
        zero_available=figures.waiting > 0 and figures.agents_available == 0,
        occupancy=occupancy(figures),
        agents_needed=None if agents_needed is None else agents_needed(figures),
    )


def _sort_key(risk: QueueRisk) -> tuple[float, ...]:
    # Python sorts ascending: negate what is worse when larger.
    return (
        -risk.level,
        -risk.in_trouble,
        -risk.breached,
        -risk.at_risk,
        -(risk.shortfall if risk.shortfall is not None else -1.0),
        risk.soonest_due_s if risk.soonest_due_s is not None else float("inf"),
        -risk.figures.waiting_past_target,
        -risk.figures.oldest_wait_s,
    )


def _with_rank(risk: QueueRisk, rank: int) -> QueueRisk:
    return replace(risk, rank=rank)
