"""The alert rules: what is wrong on the floor right now, read off a FloorView.

Each rule yields :class:`Condition` values, structured (enums, numbers, ISO
times), never sentences. The alert engine (:mod:`cockpit.alerts`) turns
conditions into de-duplicated alerts.

**A severity ladder, relative to each queue's own targets.** Severities are
NOTICE (listed, never notifies) → WARNING → CRITICAL, read off the shared
ladder of :mod:`cockpit.severity` with the lines of ``settings.thresholds``
(the queue table colours its cells from the same ladder). A rung once
reached is held until the figure falls ``clear`` below its line, so a figure
hovering at a line does not flap: the engine passes each alert's current
severity back in as ``previous``. The rules, with their default lines:

- URGENT_BREACHED — urgent tickets past due: always CRITICAL.
- WAITING_PAST_TARGET — customers waiting past their first-response target:
  notice 1, warning 5, critical 15.
- OLDEST_WAIT_HIGH — the oldest wait over the queue's first-response target
  (an ordinary ticket's; 1.0 = at target): notice 0.8, warning 1.0,
  critical 2.0.
- SERVICE_LEVEL_LOW — points below the queue's own service-level target:
  notice 1, warning 10, critical 25; at most a notice with fewer than
  ``service_level_min_answers`` tickets behind the level.
- RESOLUTION_BREACHED — open tickets past their resolution target: notice 1,
  warning 10.
- URGENT_NOT_REPORTED (warning 1), CUSTOMER_NOT_UPDATED
  (warning 1, critical 5), COLLAB_NO_ANSWER (notice 1, warning 3) — tickets
  per queue carrying the escalation flags (:mod:`cockpit.escalations`).

A normal floor — a few customers near their target, an answer slightly
late — therefore stays at NORMAL or NOTICE; only a queue really behind
turns critical. Each condition also carries a ``measure`` (higher is worse:
the count, the gap) by which the engine tells a group that keeps worsening.

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
"Payment — 3 urgent tickets breached", with ``details``: ``count``,
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
from cockpit.settings import Ladder, SlaSettings, Thresholds
from cockpit.severity import Level, climb, first_response_target_s, measures, service_level_level

Details = Mapping[str, str | int | float | tuple[str, ...] | None]


class AlertRule(StrEnum):
    URGENT_BREACHED = "urgent_breached"
    SERVICE_LEVEL_LOW = "service_level_low"
    WAITING_PAST_TARGET = "waiting_past_target"
    OLDEST_WAIT_HIGH = "oldest_wait_high"
    RESOLUTION_BREACHED = "resolution_breached"
    COLLAB_NO_ANSWER = EscalationFlag.COLLAB_NO_ANSWER.value
    CUSTOMER_NOT_UPDATED = EscalationFlag.CUSTOMER_NOT_UPDATED.value
    URGENT_NOT_REPORTED = EscalationFlag.URGENT_NOT_REPORTED.value
    CHECKLIST_OVERDUE = CHECKLIST_OVERDUE


# The rules whose alerts come from the incident engine, not from a FloorView.
INCIDENT_RULES = frozenset({AlertRule.CHECKLIST_OVERDUE})
# The rules about one queue's figures (not its tickets).
QUEUE_RULES = frozenset(
    {
        AlertRule.SERVICE_LEVEL_LOW,
        AlertRule.WAITING_PAST_TARGET,
        AlertRule.OLDEST_WAIT_HIGH,
        AlertRule.RESOLUTION_BREACHED,
    }
)


class Severity(StrEnum):
    """An alert's rung on the ladder (:class:`cockpit.severity.Level` above NORMAL)."""

    NOTICE = "notice"
    WARNING = "warning"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return int(self.level)

    @property
    def level(self) -> Level:
        return Level[self.name]

    @classmethod
    def of(cls, level: Level) -> Severity | None:
        """The severity of a rung; None for NORMAL (no alert)."""
        return None if level is Level.NORMAL else cls[level.name]


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
    """One rule firing now; ``measure`` (higher is worse) tells a worsening group."""

    rule: AlertRule
    severity: Severity
    queue: QueueId | None
    ticket: TicketId | None
    details: Details = field(hash=False)
    subject: str | None = None
    measure: float | None = None

    @property
    def key(self) -> AlertKey:
        if self.subject is not None:
            return AlertKey(self.rule, subject=self.subject)
        if self.ticket is not None:
            return AlertKey(self.rule, ticket=self.ticket)
        return AlertKey(self.rule, queue=self.queue)


Previous = Mapping[AlertKey, Severity]

# An incident's severity (critical / major / minor) → its overdue steps' alerts.
_INCIDENT_SEVERITY = {"critical": Severity.CRITICAL}


def conditions(
    view: FloorView,
    thresholds: Thresholds,
    *,
    sla: SlaSettings | None = None,
    previous: Previous | None = None,
) -> list[Condition]:
    """Every condition firing on ``view``; ``previous`` holds the severity of
    each alert now active (for hysteresis), ``sla`` the queues' targets."""
    rules = _Rules(thresholds, sla or SlaSettings(), previous or {})
    found = list(rules.urgent_breached(view))
    for figures in view.queues:
        found.extend(rules.queue_conditions(figures))
    found.extend(rules.escalation_conditions(view))
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


@dataclass(frozen=True, slots=True)
class _Rules:
    thresholds: Thresholds
    sla: SlaSettings
    previous: Previous

    def _rung(self, rule: AlertRule, queue: QueueId, value: float | None, ladder: Ladder) -> Level:
        return climb(value, ladder, self._before(rule, queue))

    def _before(self, rule: AlertRule, queue: QueueId) -> Level:
        before = self.previous.get(AlertKey(rule, queue=queue))
        return Level.NORMAL if before is None else before.level

    def urgent_breached(self, view: FloorView) -> Iterator[Condition]:
        urgent = (
            (r.queue, r.ticket, r.due_at) for r in view.breached if r.priority is Priority.URGENT
        )
        for queue, (tickets, oldest) in _per_queue(urgent).items():
            details = _group_details(tickets, "oldest_due_at", oldest)
            yield Condition(
                AlertRule.URGENT_BREACHED,
                Severity.CRITICAL,
                queue,
                None,
                details,
                measure=len(tickets),
            )

    def queue_conditions(self, f: QueueFigures) -> Iterator[Condition]:
        t = self.thresholds
        m = measures(f, self.sla)
        level = self._rung(
            AlertRule.WAITING_PAST_TARGET, f.queue, m.waiting_past_target, t.waiting_past_target
        )
        details: dict[str, str | int | float | None] = {
            "waiting_past_target": m.waiting_past_target,
            "waiting": f.waiting,
        }
        yield from _when(level, AlertRule.WAITING_PAST_TARGET, f, details, m.waiting_past_target)
        target_s = first_response_target_s(f.queue, self.sla)
        level = self._rung(
            AlertRule.OLDEST_WAIT_HIGH, f.queue, m.oldest_wait_ratio, t.oldest_wait_ratio
        )
        details = {
            "oldest_wait_s": f.oldest_wait_s,
            "target_s": target_s,
            "ratio": None if m.oldest_wait_ratio is None else round(m.oldest_wait_ratio, 3),
        }
        yield from _when(level, AlertRule.OLDEST_WAIT_HIGH, f, details, m.oldest_wait_ratio)
        level = service_level_level(m, t, self._before(AlertRule.SERVICE_LEVEL_LOW, f.queue))
        details = {"service_level": f.service_level, "target": f.service_level_target}
        yield from _when(level, AlertRule.SERVICE_LEVEL_LOW, f, details, m.service_level_gap)
        count = f.resolution.breached
        level = self._rung(AlertRule.RESOLUTION_BREACHED, f.queue, count, t.resolution_breached)
        yield from _when(level, AlertRule.RESOLUTION_BREACHED, f, {"count": count}, count)

    def escalation_conditions(self, view: FloorView) -> Iterator[Condition]:
        t = self.thresholds
        ladders = {
            EscalationFlag.COLLAB_NO_ANSWER: t.collab_no_answer,
            EscalationFlag.CUSTOMER_NOT_UPDATED: t.customer_not_updated,
            EscalationFlag.URGENT_NOT_REPORTED: t.urgent_not_reported,
        }
        for flag, ladder in ladders.items():
            rule = AlertRule(flag.value)
            rows = ((r.queue, r.ticket, r.since) for r in view.escalations if flag in r.flags)
            for queue, (tickets, since) in _per_queue(rows).items():
                severity = Severity.of(self._rung(rule, queue, len(tickets), ladder))
                if severity is not None:
                    details = _group_details(tickets, "since", since)
                    yield Condition(rule, severity, queue, None, details, measure=len(tickets))


def _when(
    level: Level, rule: AlertRule, f: QueueFigures, details: Details, measure: float | None
) -> Iterator[Condition]:
    severity = Severity.of(level)
    if severity is not None:
        yield Condition(rule, severity, f.queue, None, details, measure=measure)


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
