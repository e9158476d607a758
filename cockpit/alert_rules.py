"""The alert rules: what is wrong on the floor right now, read off a FloorView.

Each rule yields :class:`Condition` values, structured (enums, numbers, ISO
times), never sentences. The alert engine (:mod:`cockpit.alerts`) turns
conditions into de-duplicated alerts. Thresholds are crossed on *reaching*
them, as the queue table colours its cells:

- URGENT_BREACHED (critical) — an urgent ticket on the breached list.
- SERVICE_LEVEL_LOW — critical at or below ``thresholds.service_level.critical``,
  a warning below the queue's own ``service_level_target``.
- WAITING_HIGH (critical) — waiting count at or over ``thresholds.waiting.critical``.
- OLDEST_WAIT_HIGH (critical) — the oldest wait at or over
  ``thresholds.oldest_wait_s.critical``.
- COLLAB_NO_ANSWER, CUSTOMER_NOT_UPDATED (warnings) and URGENT_NOT_REPORTED
  (critical) — the escalation flags (:mod:`cockpit.escalations`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from cockpit.clock import format_time
from cockpit.domain import Priority, QueueId, TicketId
from cockpit.escalations import EscalationFlag, level_name
from cockpit.metrics import FloorView, QueueFigures
from cockpit.settings import Thresholds

Details = Mapping[str, str | int | float | None]


class AlertRule(StrEnum):
    URGENT_BREACHED = "urgent_breached"
    SERVICE_LEVEL_LOW = "service_level_low"
    WAITING_HIGH = "waiting_high"
    OLDEST_WAIT_HIGH = "oldest_wait_high"
    COLLAB_NO_ANSWER = EscalationFlag.COLLAB_NO_ANSWER.value
    CUSTOMER_NOT_UPDATED = EscalationFlag.CUSTOMER_NOT_UPDATED.value
    URGENT_NOT_REPORTED = EscalationFlag.URGENT_NOT_REPORTED.value


class Severity(StrEnum):
    WARNING = "warning"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return 2 if self is Severity.CRITICAL else 1


@dataclass(frozen=True, slots=True)
class AlertKey:
    """What makes two firings the same alert: the rule and its target (a
    ticket for ticket rules, whatever queue it is in; else a queue)."""

    rule: AlertRule
    queue: QueueId | None = None
    ticket: TicketId | None = None


@dataclass(frozen=True, slots=True)
class Condition:
    """One rule firing now."""

    rule: AlertRule
    severity: Severity
    queue: QueueId | None
    ticket: TicketId | None
    details: Details = field(hash=False)

    @property
    def key(self) -> AlertKey:
        if self.ticket is not None:
            return AlertKey(self.rule, ticket=self.ticket)
        return AlertKey(self.rule, queue=self.queue)


_FLAG_SEVERITY = {
    EscalationFlag.COLLAB_NO_ANSWER: Severity.WARNING,
    EscalationFlag.CUSTOMER_NOT_UPDATED: Severity.WARNING,
    EscalationFlag.URGENT_NOT_REPORTED: Severity.CRITICAL,
}


def conditions(view: FloorView, thresholds: Thresholds) -> list[Condition]:
    """Every condition firing on ``view``."""
    found = list(_urgent_breached(view))
    for figures in view.queues:
        found.extend(_queue_conditions(figures, thresholds))
    found.extend(_escalation_conditions(view))
    return found


def _urgent_breached(view: FloorView) -> Iterator[Condition]:
    for row in view.breached:
        if row.priority is Priority.URGENT:
            details = {"clock": row.clock.value, "due_at": format_time(row.due_at)}
            yield Condition(
                AlertRule.URGENT_BREACHED, Severity.CRITICAL, row.queue, row.ticket, details
            )


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
    for row in view.escalations:
        for flag in row.flags:
            details = {"level": level_name(row.level), "since": format_time(row.since)}
            yield Condition(
                AlertRule(flag.value), _FLAG_SEVERITY[flag], row.queue, row.ticket, details
            )
