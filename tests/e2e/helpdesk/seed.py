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


TRUTH = {
    "billing": QueueTruth(4, 1, 1, 1, 1, 2, 1.0),
    "logistics": QueueTruth(3, 2, 1, 1, 1, 60, None),
    "tech": QueueTruth(3, 1, 0, 0, 1, 5, 1.0),
}
# Replies change waiting and service level in the sandbox: only "open" is fixed there.
SANDBOX_OPEN = 2


def derived_truth() -> dict[str, QueueTruth]:
    """The truth recomputed from TICKETS, to keep the table above honest."""
    result: dict[str, QueueTruth] = {}
    for queue in TRUTH:
        mine = [t for t in TICKETS if t["queue"] == queue and t["status"] in (1, 2)]
        waiting = [t for t in mine if t.get("responded_after_minutes") is None]
        due = [t["due_in_minutes"] for t in mine if t.get("due_in_minutes") is not None]
        answered_last_hour = [
            t
            for t in mine
            if t.get("responded_after_minutes") is not None
            and t["age_minutes"] - t["responded_after_minutes"] <= 60
        ]
        result[queue] = QueueTruth(
            open=len(mine),
            waiting=len(waiting),
            breached=sum(1 for d in due if d < 0),
            at_risk=sum(1 for d in due if 0 <= d <= 10),
            arrivals_15m=sum(1 for t in mine if t["age_minutes"] <= 15),
            oldest_wait_min=max((t["age_minutes"] for t in waiting), default=0),
            service_level=1.0 if answered_last_hour else None,
        )
    return result
