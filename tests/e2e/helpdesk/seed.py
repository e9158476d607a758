"""The tickets seeded into the live django-helpdesk, and the truth they imply.

Ages and due times are minutes relative to the moment of seeding. Margins
are minutes wide, so the truth holds for the whole (≈1 min) test run.
Statuses: 1 open, 2 reopened, 3 resolved, 4 closed, 5 duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

QUEUES = [
    {"slug": "billing", "title": "Billing"},
    {"slug": "logistics", "title": "Logistics"},
    {"slug": "tech", "title": "Tech support"},
    {"slug": "sandbox", "title": "Sandbox (replies)"},
]


def _t(queue: str, title: str, priority: int, status: int, age: float, **kw: Any) -> dict[str, Any]:
    return {
        "queue": queue,
        "title": title,
        "priority": priority,
        "status": status,
        "age_minutes": age,
        **kw,
    }


TICKETS = [
    # billing: 4 open (one on hold), 1 waiting, 1 breached, 1 at risk
    _t(
        "billing",
        "Charged twice",
        1,
        1,
        30,
        due_in_minutes=-10,
        assigned_to="agent01",
        responded_after_minutes=5,
    ),
    _t("billing", "Refund still missing", 2, 2, 120, due_in_minutes=5, responded_after_minutes=10),
    _t("billing", "Invoice address", 3, 1, 2),
    _t("billing", "Old refund", 4, 3, 500),
    _t("billing", "Waiting for bank", 5, 1, 600, on_hold=True, responded_after_minutes=30),
    # logistics: 3 open, 2 waiting (oldest 60 min), 1 breached, 1 at risk
    _t("logistics", "Parcel lost", 2, 1, 60, due_in_minutes=-1, email=True),
    _t("logistics", "Wrong address", 3, 1, 10, due_in_minutes=600),
    _t("logistics", "Courier rude", 4, 4, 900),
    _t("logistics", "Fresh food late", 1, 2, 100, due_in_minutes=5, responded_after_minutes=2),
    # tech: 3 open (one on hold), 1 waiting, nothing due soon
    _t("tech", "App crashes", 3, 1, 240, due_in_minutes=2880, responded_after_minutes=20),
    _t("tech", "App crashes again", 5, 5, 200),
    _t("tech", "Login code never arrives", 4, 1, 5, email=True),
    _t("tech", "Waiting for vendor", 2, 1, 30, on_hold=True, responded_after_minutes=3),
    # sandbox: the reply tests write here
    _t("sandbox", "Reply target", 3, 1, 20),
    _t("sandbox", "Reply target, webhook down", 3, 1, 20),
]
SPEC = {"staff": "cockpit", "agents": ["agent01"], "queues": QUEUES, "tickets": TICKETS}


@dataclass(frozen=True)
class QueueTruth:
    open: int
    waiting: int
    breached: int
    at_risk: int
    arrivals_15m: int
    oldest_wait_min: float
    service_level: float | None
    # Each SLA clock on its own: open tickets past their first-response /
    # resolution due time (a ticket late on both counts in both).
    first_response_breached: int = 0
    resolution_breached: int = 0


# logistics' "Parcel lost" (high, 60 min old, unanswered, due a minute ago)
# is late on both clocks: the ticket counts once, each clock once; waiting
# 30 min past its first-response target, it makes the service level 0.
TRUTH = {
    "billing": QueueTruth(4, 1, 1, 1, 1, 2, 1.0, first_response_breached=0, resolution_breached=1),
    "logistics": QueueTruth(
        3, 2, 1, 1, 1, 60, 0.0, first_response_breached=1, resolution_breached=1
    ),
    "tech": QueueTruth(3, 1, 0, 0, 1, 5, 1.0),
}
# The default first-response targets by helpdesk priority code (1 urgent,
# 2 high, 3 medium, 4-5 low), in minutes; only high has a resolution target
# (4 h), and the seed's own due dates (resolution) win over it.
FIRST_RESPONSE_MIN = {1: 5, 2: 30, 3: 120, 4: 1440, 5: 1440}
HIGH_RESOLUTION_MIN = 240
# Replies change waiting and service level in the sandbox: only "open" is fixed there.
SANDBOX_OPEN = 2


def derived_truth() -> dict[str, QueueTruth]:
    """The truth recomputed from TICKETS, to keep the table above honest."""
    result: dict[str, QueueTruth] = {}
    for queue in TRUTH:
        mine = [t for t in TICKETS if t["queue"] == queue and t["status"] in (1, 2)]
        waiting = [t for t in mine if t.get("responded_after_minutes") is None]
        due = [t["due_in_minutes"] for t in mine if t.get("due_in_minutes") is not None]
        in_target = late = waiting_past = 0
        for t in mine:
            target = FIRST_RESPONSE_MIN[t["priority"]]
            responded = t.get("responded_after_minutes")
            if responded is None:
                # On hold pauses the clocks (none of the seed's unanswered ones is).
                waiting_past += not t.get("on_hold") and t["age_minutes"] > target
            elif t["age_minutes"] - responded <= 60:
                in_target += responded <= target
                late += responded > target
        resolution_late = 0
        for t in mine:
            own_due = t.get("due_in_minutes")
            if own_due is not None:
                resolution_late += own_due < 0
            elif t["priority"] == 2 and not t.get("on_hold"):
                resolution_late += t["age_minutes"] > HIGH_RESOLUTION_MIN
        counted = in_target + late + waiting_past
        result[queue] = QueueTruth(
            open=len(mine),
            waiting=len(waiting),
            breached=sum(1 for d in due if d < 0),
            at_risk=sum(1 for d in due if 0 <= d <= 10),
            arrivals_15m=sum(1 for t in mine if t["age_minutes"] <= 15),
            oldest_wait_min=max((t["age_minutes"] for t in waiting), default=0),
            service_level=in_target / counted if counted else None,
            first_response_breached=waiting_past,
            resolution_breached=resolution_late,
        )
    return result
