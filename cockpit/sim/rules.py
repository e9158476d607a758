"""The floor's rules of thumb: what tends to happen after a handling
session, how fast each role works, when people take their breaks."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from cockpit.domain import EscalationLevel, Kind, Role
from cockpit.sim.records import TicketRec

MIN = 60.0
HOUR = 3600.0
# (waiting on the customer, collaboration, escalation) after an agent's session.
AGENT_ODDS = {
    Kind.ENQUIRY: (0.12, 0.05, 0.015),
    Kind.TECH_SUPPORT: (0.14, 0.16, 0.05),
    Kind.COMPLAINT: (0.08, 0.12, 0.15),
    Kind.SUGGESTION: (0.03, 0.0, 0.0),
}
# A complaint that is part of a public-opinion wave goes up more often.
WAVE_ESCALATION = 0.35
# Escalation odds above the agents' tier: ordinary, complaint, public-opinion wave.
LEAD_ESCALATION = (0.05, 0.2, 0.6)
SUPERVISOR_ESCALATION = (0.02, 0.12, 0.5)
ROLE_PACE = {Role.AGENT: 1.0, Role.LEAD: 1.3, Role.SUPERVISOR: 1.6}
PUBLIC_OPINION_TAG = "public_opinion"


@dataclass(slots=True)
class SimStats:
    """Running totals since the floor was built (warm-up included)."""

    arrivals: int = 0
    bot_deflected: int = 0
    resolved: int = 0
    pending: int = 0
    collaborations: int = 0
    # Escalations that reached each level, by level value.
    escalations: list[int] = field(default_factory=lambda: [0, 0, 0, 0])

    @property
    def human_arrivals(self) -> int:
        return self.arrivals - self.bot_deflected


def session_odds(rec: TicketRec) -> tuple[float, float, float]:
    """(waiting on the customer, collaboration, escalation) odds after a
    session on ``rec``; whatever is left over is a resolution."""
    if rec.sessions >= 4 or rec.escalation is EscalationLevel.PR_LEGAL:
        return (0.0, 0.0, 0.0)
    if rec.escalation is EscalationLevel.AGENT:
        pending, collab, escalate = AGENT_ODDS[rec.kind]
        if PUBLIC_OPINION_TAG in rec.tags:
            escalate = WAVE_ESCALATION
    else:
        table = LEAD_ESCALATION if rec.tier == 1 else SUPERVISOR_ESCALATION
        column = 2 if PUBLIC_OPINION_TAG in rec.tags else int(rec.kind is Kind.COMPLAINT)
        pending, collab, escalate = 0.04, 0.12, table[column]
    if rec.sessions >= 2:
        return (pending * 0.35, collab * 0.35, escalate * 0.5)
    return (pending, collab, escalate)


def break_plan(rng: random.Random, length_s: int) -> list[tuple[float, float]]:
    """(offset into the shift, length) of each break, both in seconds: two
    short breaks and a meal on a full shift, one short break otherwise."""
    if length_s < 6 * HOUR:
        return [(length_s / 2 + rng.uniform(-600, 600), rng.uniform(8 * MIN, 12 * MIN))]
    jitter = rng.uniform
    return [
        (1.9 * HOUR + jitter(-1200, 1200), jitter(12 * MIN, 18 * MIN)),
        (length_s / 2 + jitter(-1200, 1200), jitter(25 * MIN, 35 * MIN)),
        (length_s - 1.9 * HOUR + jitter(-1200, 1200), jitter(12 * MIN, 18 * MIN)),
    ]
