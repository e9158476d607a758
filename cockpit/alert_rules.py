"""The alert rules: what is wrong on the floor right now, read off a FloorView.

Each rule yields :class:`Condition` values, structured (enums, numbers, ISO
times), never sentences. The alert engine (:mod:`cockpit.alerts`) turns
conditions into de-duplicated alerts. Thresholds are crossed on *reaching*
them, as the queue table colours its cells:

- URGENT_BREACHED (critical) — urgent tickets on the breached list.
- SERVICE_LEVEL_LOW — critical at or below ``thresholds.service_level.critical``,
  a warning below the queue's own ``service_level_target``.
- WAITING_HIGH (critical) — waiting count at or over ``thresholds.waiting.critical``.
- OLDEST_WAIT_HIGH (critical) — the oldest wait at or over
  ``thresholds.oldest_wait_s.critical``.
- COLLAB_NO_ANSWER, CUSTOMER_NOT_UPDATED (warnings) and URGENT_NOT_REPORTED
  (critical) — the escalation flags (:mod:`cockpit.escalations`).

One rule does not read the floor: CHECKLIST_OVERDUE, a checklist step of an
open incident past its deadline, comes from the incident engine's tick
(:func:`incident_conditions`; :meth:`cockpit.alerts.AlertEngine.observe_incidents`).
It is one alert per (incident, step), critical for a critical incident and a
warning otherwise; ``details`` are the step's
(:meth:`cockpit.incidents.checklist.IncidentAlert.details`: ``incident``,
``step``, ``title_zh_CN``, ``title_en``, ``due_at``, ``overdue_s`` …).

**Ticket rules are grouped per queue.** A busy floor can breach hundreds of
urgent tickets at once; one alert per ticket would bury the supervisor. So
the ticket rules (urgent breached, the flags) fire once per (rule, queue):
"3 urgent tickets breached in Payment", with ``details``: ``count``,
``tickets`` (the ids, in the order the view lists them: most pressing
first) and the earliest instant involved (``oldest_due_at`` / ``since``).
The ticket set may change while the alert stays the same alert; the engine
refreshes its details silently (see :mod:`cockpit.alerts`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from cockpit.clock import format_time
from cockpit.domain import Priority, QueueId, TicketId
from cockpit.escalations import EscalationFlag
from cockpit.incidents.checklist import CHECKLIST_OVERDUE, IncidentAlert
from cockpit.metrics import FloorView, QueueFigures
from cockpit.settings import Thresholds

Details = Mapping[str, str | int | float | tuple[str, ...] | None]


class AlertRule(StrEnum):
    URGENT_BREACHED = "urgent_breached"
    SERVICE_LEVEL_LOW = "service_level_low"
    WAITING_HIGH = "waiting_high"
    OLDEST_WAIT_HIGH = "oldest_wait_high"
    COLLAB_NO_ANSWER = EscalationFlag.COLLAB_NO_ANSWER.value
    CUSTOMER_NOT_UPDATED = EscalationFlag.CUSTOMER_NOT_UPDATED.value
    URGENT_NOT_REPORTED = EscalationFlag.URGENT_NOT_REPORTED.value
    CHECKLIST_OVERDUE = CHECKLIST_OVERDUE


# The rules whose alerts come from the incident engine, not from a FloorView.
INCIDENT_RULES = frozenset({AlertRule.CHECKLIST_OVERDUE})


class Severity(StrEnum):
    WARNING = "warning"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return 2 if self is Severity.CRITICAL else 1


@dataclass(frozen=True, slots=True)
class AlertKey:
    """What makes two firings the same alert: the rule and its target (a
    queue; a ticket, whatever queue it is in, for a condition about one
    ticket — the built-in rules group tickets per queue; a ``subject`` for
    what is neither, such as an incident's checklist step)."""

    rule: AlertRule
    queue: QueueId | None = None
    ticket: TicketId | None = None
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class Condition:
    """One rule firing now."""

    rule: AlertRule
    severity: Severity
    queue: QueueId | None
    ticket: TicketId | None
    details: Details = field(hash=False)
    subject: str | None = None

    @property
    def key(self) -> AlertKey:
        if self.subject is not None:
            return AlertKey(self.rule, subject=self.subject)
        if self.ticket is not None:
            return AlertKey(self.rule, ticket=self.ticket)
        return AlertKey(self.rule, queue=self.queue)


_FLAG_SEVERITY = {
    EscalationFlag.COLLAB_NO_ANSWER: Severity.WARNING,
    EscalationFlag.CUSTOMER_NOT_UPDATED: Severity.WARNING,
    EscalationFlag.URGENT_NOT_REPORTED: Severity.CRITICAL,
}
# An incident's severity (critical / major / minor) → its overdue steps' alerts.
_INCIDENT_SEVERITY = {"critical": Severity.CRITICAL}


def conditions(view: FloorView, thresholds: Thresholds) -> list[Condition]:
    """Every condition firing on ``view``."""
    found = list(_urgent_breached(view))
    for figures in view.queues:
        found.extend(_queue_conditions(figures, thresholds))
    found.extend(_escalation_conditions(view))
    return found


def incident_conditions(alerts: Iterable[IncidentAlert]) -> list[Condition]:
    """The incident engine's overdue checklist steps, one condition each."""
    return [
        Condition(
            AlertRule(alert.rule),
            _INCIDENT_SEVERITY.get(alert.severity, Severity.WARNING),
            None,
            None,
            {**alert.details(), "incident_severity": alert.severity},
            subject=alert.key,
        )
        for alert in alerts
    ]


def _urgent_breached(view: FloorView) -> Iterator[Condition]:
    urgent = ((r.queue, r.ticket, r.due_at) for r in view.breached if r.priority is Priority.URGENT)
    for queue, (tickets, oldest) in _per_queue(urgent).items():
        details = _group_details(tickets, "oldest_due_at", oldest)
        yield Condition(AlertRule.URGENT_BREACHED, Severity.CRITICAL, queue, None, details)


def _queue_conditions(f: QueueFigures, thresholds: Thresholds) -> Iterator[Condition]:
    level = f.service_level
    critical = thresholds.service_level.critical
    if level is not None and (level <= critical or level < f.service_level_target):
        severity = Severity.CRITICAL if level <= critical else Severity.WARNING
        details = {"service_level": level, "target": f.service_level_target, "critical": critical}
        yield Condition(AlertRule.SERVICE_LEVEL_LOW, severity, f.queue, None, details)
    if f.waiting >= thresholds.waiting.critical:
        details = {"waiting": f.waiting, "threshold": thresholds.waiting.critical}
        yield Condition(AlertRule.WAITING_HIGH, Severity.CRITICAL, f.queue, None, details)
    limit = thresholds.oldest_wait_s.critical
    if f.waiting and f.oldest_wait_s >= limit:
        details = {"oldest_wait_s": f.oldest_wait_s, "threshold": limit}
        yield Condition(AlertRule.OLDEST_WAIT_HIGH, Severity.CRITICAL, f.queue, None, details)


def _escalation_conditions(view: FloorView) -> Iterator[Condition]:
    for flag, severity in _FLAG_SEVERITY.items():
        rows = ((r.queue, r.ticket, r.since) for r in view.escalations if flag in r.flags)
        for queue, (tickets, since) in _per_queue(rows).items():
            details = _group_details(tickets, "since", since)
            yield Condition(AlertRule(flag.value), severity, queue, None, details)


def _per_queue(
    rows: Iterable[tuple[QueueId, TicketId, datetime]],
) -> dict[QueueId, tuple[list[TicketId], datetime]]:
    """Ticket ids per queue (in the order given) and the earliest instant of each."""
    groups: dict[QueueId, tuple[list[TicketId], datetime]] = {}
    for queue, ticket, when in rows:
        tickets, earliest = groups.get(queue, ([], when))
        tickets.append(ticket)
        groups[queue] = (tickets, min(earliest, when))
    return groups


def _group_details(tickets: list[TicketId], when_key: str, when: datetime) -> Details:
    return {"count": len(tickets), "tickets": tuple(tickets), when_key: format_time(when)}
