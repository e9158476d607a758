"""Hand-built tickets, agents and batches for core tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from cockpit.domain import (
    Agent,
    AgentId,
    AgentState,
    Batch,
    Priority,
    Queue,
    QueueId,
    Status,
    Ticket,
    TicketId,
)

T0 = datetime(2026, 11, 11, 16, 0, tzinfo=UTC)  # 00:00 in Beijing on 11.11


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def ticket(tid: str, queue: str = "logistics", *, created: float = -10, **fields: Any) -> Ticket:
    """A ticket created ``created`` minutes from T0, open and unanswered by default."""
    values: dict[str, Any] = {
        "id": TicketId(tid),
        "queue": QueueId(queue),
        "priority": Priority.MEDIUM,
        "status": Status.OPEN,
        "created_at": at(created),
        "updated_at": at(created),
    }
    values.update(fields)
    return Ticket(**values)


def agent(aid: str, state: AgentState, *skills: str) -> Agent:
    return Agent(id=AgentId(aid), name=aid, state=state, skills=tuple(QueueId(s) for s in skills))


QUEUES = (
    Queue(QueueId("logistics"), "Logistics", {"zh_CN": "物流配送", "en": "Logistics"}),
    Queue(QueueId("refund"), "Refunds", {"zh_CN": "退款售后", "en": "Refunds"}, 0.9),
)


def batch(
    *tickets: Ticket, now: float = 0, full: bool = False, cursor: str = "1", **kw: Any
) -> Batch:
    return Batch(tickets=tickets, cursor=cursor, server_time=at(now), full=full, **kw)
