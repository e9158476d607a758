"""Big synthetic floors for benchmarks: many queues, many people, and an
open backlog created directly (simulating 100,000 arrivals would take far
longer than a benchmark should wait)."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import TYPE_CHECKING

from cockpit.domain import EscalationLevel, QueueId, Status
from cockpit.sim.catalog import DEPARTMENTS, PR_LEGAL_DEPARTMENT
from cockpit.sim.model import QueueSpec, ShiftPlan, default_queues, default_staffing
from cockpit.sim.records import US, TicketRec

if TYPE_CHECKING:
    from cockpit.sim.arrivals import ArrivalMix
    from cockpit.sim.core import FloorCore

# How the backlog splits: (waiting for a first response, back in line after
# one, waiting on the customer, waiting on another department).
_BACKLOG_MIX = (0.6, 0.15, 0.15, 0.1)
_BACKLOG_AGE_S = 36 * 3600


def large_queues(count: int) -> tuple[QueueSpec, ...]:
    """``count`` queues cycling through the demo floor's kinds of queue."""
    if count < 1:
        raise ValueError("a floor needs at least one queue")
    base = default_queues()
    queues = []
    for index in range(count):
        spec = base[index % len(base)]
        number = index // len(base) + 1
        queues.append(
            replace(
                spec,
                id=QueueId(f"{spec.id}-{number:02d}"),
                names={
                    "zh_CN": f"{spec.names['zh_CN']}{number}组",
                    "en": f"{spec.names['en']} {number}",
                },
                related=(),
            )
        )
    return tuple(queues)


def large_staffing(people: int) -> tuple[ShiftPlan, ...]:
    """The demo floor's shifts scaled so that they hold ``people`` in all."""
    plans = [p for p in default_staffing() if not p.promotion_only]
    total = sum(p.agents + p.leads + p.supervisors for p in plans)
    scale = people / total
    scaled = [
        replace(
            p,
            leads=round(p.leads * scale),
            supervisors=max(round(p.supervisors * scale), 1 if p.supervisors else 0),
        )
        for p in plans
    ]
    left = people - sum(p.leads + p.supervisors for p in scaled)
    weights = [p.agents for p in plans]
    shares = [left * w // sum(weights) for w in weights]
    shares[weights.index(max(weights))] += left - sum(shares)
    return tuple(replace(p, agents=n) for p, n in zip(scaled, shares, strict=True))


def seed_backlog(core: FloorCore, mix: ArrivalMix, count: int, *, seed: int) -> None:
    """Create ``count`` open tickets at the core's current time, aged up to
    36 h, in every open state and some of them escalated."""
    from cockpit.sim.core import CUSTOMER_BACK, DEPT_ANSWER

    rng = random.Random(f"backlog:{seed}")
    now = core.now
    ages = sorted((rng.random() * _BACKLOG_AGE_S for _ in range(count)), reverse=True)
    in_line: list[TicketRec] = []
    for age in ages:
        rec = core.new_record(mix.draw(rng), now - int(age * US))
        state = rng.random()
        if state < _BACKLOG_MIX[0]:
            core.book.add(rec)
            in_line.append(rec)
            continue
        rec.first_response = rec.last_update = rec.created + int(rng.random() * age * 0.2 * US)
        rec.sessions = 1
        _maybe_escalate(rec, rng, now)
        if state < sum(_BACKLOG_MIX[:2]) and rec.escalation is not EscalationLevel.PR_LEGAL:
            in_line.append(rec)
        elif state < sum(_BACKLOG_MIX[:3]) and rec.escalation is not EscalationLevel.PR_LEGAL:
            rec.status = Status.PENDING
            rec.pending_since = rec.first_response
            core.schedule_at(now + int(rng.random() * 3 * 3600 * US), CUSTOMER_BACK, rec.id, 0)
        else:
            rec.status = Status.WAITING_OTHER
            rec.waiting_on = (
                PR_LEGAL_DEPARTMENT
                if rec.escalation is EscalationLevel.PR_LEGAL
                else DEPARTMENTS.get(rec.topic, "tech")
            )
            rec.waiting_since = rec.first_response
            core.schedule_at(now + int(rng.random() * 2 * 3600 * US), DEPT_ANSWER, rec.id, 0)
        core.book.add(rec)
    core.dispatch.enqueue_many(in_line)


def _maybe_escalate(rec: TicketRec, rng: random.Random, now: int) -> None:
    draw = rng.random()
    level = (
        EscalationLevel.PR_LEGAL
        if draw < 0.003
        else EscalationLevel.SUPERVISOR
        if draw < 0.013
        else EscalationLevel.LEAD
        if draw < 0.063
        else EscalationLevel.AGENT
    )
    if level is not EscalationLevel.AGENT:
        first = rec.first_response or rec.created
        rec.escalation = level
        rec.escalated = first + int(rng.random() * (now - first))
