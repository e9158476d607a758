"""Escalated work: tickets above agent level, and the flags that say the
supervisor must step in.

What one ticket shows: its flags and its row. FloorState keeps the
incremental indexes (:mod:`cockpit.escalation_index`) that the FloorView
reads, so no poll scans the floor. Flags are raised once a wait is *over* its limit (strictly: at
exactly the limit it is not late yet); limits come from
:class:`cockpit.settings.EscalationSettings`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from cockpit.domain import (
    AgentId,
    EscalationLevel,
    Kind,
    Priority,
    QueueId,
    Status,
    Ticket,
    TicketId,
)
from cockpit.settings import EscalationSettings
from cockpit.sla import OPEN_STATUSES


class EscalationFlag(StrEnum):
    # A collaboration ticket has had no answer from the other department.
    COLLAB_NO_ANSWER = "collab_no_answer"
    # An escalated complaint's customer has had no update.
    CUSTOMER_NOT_UPDATED = "customer_not_updated"
    # An urgent ticket has not been reported to the supervisor.
    URGENT_NOT_REPORTED = "urgent_not_reported"


@dataclass(frozen=True, slots=True)
class EscalationRow:
    """One ticket on the escalations panel.

    ``level`` is AGENT only for a ticket not escalated yet that carries a
    flag (an overdue collaboration, an unreported urgent ticket). ``since``
    is when it reached its level (``escalated_at``; ``created_at`` at agent
    level or when the backend gave no time).
    """

    ticket: TicketId
    queue: QueueId
    priority: Priority
    kind: Kind
    status: Status
    level: EscalationLevel
    since: datetime
    age_at_level_s: float
    owner: AgentId | None
    flags: tuple[EscalationFlag, ...]
    subject: str = ""


def level_name(level: EscalationLevel) -> str:
    """The level as data: ``"agent"``, ``"lead"``, ``"supervisor"``, ``"pr_legal"``."""
    return level.name.lower()


def flags(ticket: Ticket, now: datetime, limits: EscalationSettings) -> tuple[EscalationFlag, ...]:
    """The flags ``ticket`` carries at ``now``, in enum order."""
    return _flags(ticket, cutoffs_at(now, limits))


def escalation_row(
    ticket: Ticket, now: datetime, limits: EscalationSettings
) -> EscalationRow | None:
    """The ticket's row, or None when it is neither escalated nor flagged."""
    return row_at(ticket, now, cutoffs_at(now, limits))


def escalation_rows(
    tickets: Iterable[Ticket], now: datetime, limits: EscalationSettings
) -> tuple[EscalationRow, ...]:
    """Rows for ``tickets`` (a scan: the FloorView reads the incremental
    :class:`~cockpit.escalation_index.EscalationIndex` instead): highest
    level first, then longest at it."""
    cutoffs = cutoffs_at(now, limits)
    rows = [row for t in tickets if (row := row_at(t, now, cutoffs)) is not None]
    rows.sort(key=lambda r: (-r.level, r.since, r.ticket))
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class Cutoffs:
    """The earliest instants that are *not* late yet at some "now": a wait
    that began strictly before its cutoff is over its limit."""

    collab: datetime
    customer: datetime
    urgent: datetime


def cutoffs_at(now: datetime, limits: EscalationSettings) -> Cutoffs:
    return Cutoffs(
        collab=now - timedelta(seconds=limits.collab_no_answer_s),
        customer=now - timedelta(seconds=limits.customer_update_s),
        urgent=now - timedelta(seconds=limits.urgent_report_s),
    )


def _flags(ticket: Ticket, cutoffs: Cutoffs) -> tuple[EscalationFlag, ...]:
    if ticket.status not in OPEN_STATUSES:
        return ()
    raised: list[EscalationFlag] = []
    level = ticket.escalation
    if ticket.status is Status.WAITING_OTHER:
        waiting_since = ticket.waiting_since or ticket.updated_at
        if waiting_since < cutoffs.collab:
            raised.append(EscalationFlag.COLLAB_NO_ANSWER)
    if ticket.kind is Kind.COMPLAINT and level >= EscalationLevel.LEAD:
        updated = ticket.last_customer_update_at or ticket.escalated_at or ticket.created_at
        if updated < cutoffs.customer:
            raised.append(EscalationFlag.CUSTOMER_NOT_UPDATED)
    if (
        ticket.priority is Priority.URGENT
        and level < EscalationLevel.SUPERVISOR
        and ticket.created_at < cutoffs.urgent
    ):
        raised.append(EscalationFlag.URGENT_NOT_REPORTED)
    return tuple(raised)


def row_at(ticket: Ticket, now: datetime, cutoffs: Cutoffs) -> EscalationRow | None:
    """The ticket's row at ``now`` (``cutoffs`` from :func:`cutoffs_at` for it)."""
    raised = _flags(ticket, cutoffs)
    level = ticket.escalation
    if level is EscalationLevel.AGENT and not raised:
        return None
    since = (ticket.escalated_at if level is not EscalationLevel.AGENT else None) or (
        ticket.created_at
    )
    return EscalationRow(
        ticket=ticket.id,
        queue=ticket.queue,
        priority=ticket.priority,
        kind=ticket.kind,
        status=ticket.status,
        level=level,
        since=since,
        age_at_level_s=(now - since).total_seconds(),
        owner=ticket.assignee,
        flags=raised,
        subject=ticket.subject,
    )


def by_level(
    rows: Iterable[EscalationRow],
) -> Mapping[EscalationLevel, tuple[EscalationRow, ...]]:
    """Rows grouped by level, every level present (highest first)."""
    groups: dict[EscalationLevel, list[EscalationRow]] = {
        level: [] for level in sorted(EscalationLevel, reverse=True)
    }
    for row in rows:
        groups[row.level].append(row)
    return {level: tuple(group) for level, group in groups.items()}
