"""Plain words for the floor panels: the core's enums (priority, kind, SLA
clock, escalation level and flags, alert rules and severities) in the UI
language, and the durations and local times the panels show.

The core hands out enums and numbers; this module turns them into text.
Unknown values are shown as they are rather than hidden.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, tzinfo
from enum import Enum
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from cockpit.alert_rules import AlertRule, Severity
from cockpit.alerts import Alert
from cockpit.domain import Channel, EscalationLevel, Kind, Priority, Status
from cockpit.durations import clock_duration
from cockpit.escalations import EscalationFlag
from cockpit.ranking import QueueRisk
from cockpit.settings import EscalationSettings
from cockpit.sla import ClockKind, SlaState

CONTEXT = "FloorText"
E = TypeVar("E", bound=Enum)


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


_PRIORITIES: Mapping[Priority, object] = {
    Priority.URGENT: QT_TRANSLATE_NOOP("FloorText", "Urgent"),
    Priority.HIGH: QT_TRANSLATE_NOOP("FloorText", "High"),
    Priority.MEDIUM: QT_TRANSLATE_NOOP("FloorText", "Medium"),
    Priority.LOW: QT_TRANSLATE_NOOP("FloorText", "Low"),
}
_KINDS: Mapping[Kind, object] = {
    Kind.ENQUIRY: QT_TRANSLATE_NOOP("FloorText", "Enquiry"),
    Kind.COMPLAINT: QT_TRANSLATE_NOOP("FloorText", "Complaint"),
    Kind.TECH_SUPPORT: QT_TRANSLATE_NOOP("FloorText", "Tech support"),
    Kind.SUGGESTION: QT_TRANSLATE_NOOP("FloorText", "Suggestion"),
}
_CLOCKS: Mapping[ClockKind, object] = {
    ClockKind.FIRST_RESPONSE: QT_TRANSLATE_NOOP("FloorText", "First response"),
    ClockKind.RESOLUTION: QT_TRANSLATE_NOOP("FloorText", "Resolution"),
}
_SLA_STATES: Mapping[SlaState, object] = {
    SlaState.OK: QT_TRANSLATE_NOOP("FloorText", "On time"),
    SlaState.AT_RISK: QT_TRANSLATE_NOOP("FloorText", "At risk"),
    SlaState.BREACHED: QT_TRANSLATE_NOOP("FloorText", "Breached"),
}
_LEVELS: Mapping[EscalationLevel, object] = {
    EscalationLevel.AGENT: QT_TRANSLATE_NOOP("FloorText", "Agent"),
    EscalationLevel.LEAD: QT_TRANSLATE_NOOP("FloorText", "Team lead"),
    EscalationLevel.SUPERVISOR: QT_TRANSLATE_NOOP("FloorText", "Supervisor"),
    EscalationLevel.PR_LEGAL: QT_TRANSLATE_NOOP("FloorText", "PR / legal"),
}
_STATUSES: Mapping[Status, object] = {
    Status.OPEN: QT_TRANSLATE_NOOP("FloorText", "Open"),
    Status.PENDING: QT_TRANSLATE_NOOP("FloorText", "Waiting on the customer"),
    Status.WAITING_OTHER: QT_TRANSLATE_NOOP("FloorText", "Waiting on another department"),
    Status.RESOLVED: QT_TRANSLATE_NOOP("FloorText", "Resolved"),
    Status.CLOSED: QT_TRANSLATE_NOOP("FloorText", "Closed"),
}
_CHANNELS: Mapping[Channel, object] = {
    Channel.CHAT: QT_TRANSLATE_NOOP("FloorText", "Chat"),
    Channel.PHONE: QT_TRANSLATE_NOOP("FloorText", "Phone"),
    Channel.EMAIL: QT_TRANSLATE_NOOP("FloorText", "Email"),
    Channel.APP: QT_TRANSLATE_NOOP("FloorText", "App"),
    Channel.SOCIAL: QT_TRANSLATE_NOOP("FloorText", "Social media"),
    Channel.WEB: QT_TRANSLATE_NOOP("FloorText", "Web form"),
}
# Alert severities: "Critical" is never "Urgent" (a ticket priority), in
# either language (严重 / 紧急).
_SEVERITIES: Mapping[Severity, object] = {
    Severity.CRITICAL: QT_TRANSLATE_NOOP("FloorText", "Critical"),
    Severity.WARNING: QT_TRANSLATE_NOOP("FloorText", "Warning"),
    Severity.NOTICE: QT_TRANSLATE_NOOP("FloorText", "Notice"),
}
# Flags as chips, in two words (the limit is the same on every row: it is in
# the tooltips and the counts on top) …
_FLAGS: Mapping[EscalationFlag, object] = {
    EscalationFlag.COLLAB_NO_ANSWER: QT_TRANSLATE_NOOP("FloorText", "No answer"),
    EscalationFlag.CUSTOMER_NOT_UPDATED: QT_TRANSLATE_NOOP("FloorText", "Not updated"),
    EscalationFlag.URGENT_NOT_REPORTED: QT_TRANSLATE_NOOP("FloorText", "Not reported"),
}
# … and in full, for tooltips and counts.
_FLAG_NAMES: Mapping[EscalationFlag, object] = {
    EscalationFlag.COLLAB_NO_ANSWER: QT_TRANSLATE_NOOP(
        "FloorText", "Collaboration: no answer from the other department"
    ),
    EscalationFlag.CUSTOMER_NOT_UPDATED: QT_TRANSLATE_NOOP(
        "FloorText", "Escalated complaint: customer not updated"
    ),
    EscalationFlag.URGENT_NOT_REPORTED: QT_TRANSLATE_NOOP(
        "FloorText", "Urgent: not reported to the supervisor"
    ),
}
_FLAG_SHORT: Mapping[EscalationFlag, object] = {
    EscalationFlag.COLLAB_NO_ANSWER: QT_TRANSLATE_NOOP("FloorText", "No answer"),
    # Short: the counts share a row above the table (the tooltip has the full name).
    EscalationFlag.CUSTOMER_NOT_UPDATED: QT_TRANSLATE_NOOP("FloorText", "Not updated"),
    EscalationFlag.URGENT_NOT_REPORTED: QT_TRANSLATE_NOOP("FloorText", "Urgent not reported"),
}
_CLOCKS_SHORT: Mapping[ClockKind, object] = {
    ClockKind.FIRST_RESPONSE: QT_TRANSLATE_NOOP("FloorText", "1st reply"),
    ClockKind.RESOLUTION: QT_TRANSLATE_NOOP("FloorText", "Resolve"),
}
# Alert sentences put the queue first, so rows elided at the panel's edge
# are still told apart: "Refunds & returns — 12 waiting past target".
# (one ticket, several tickets) for the ticket rules.
_TICKET_RULES: Mapping[AlertRule, tuple[object, object]] = {
    AlertRule.URGENT_BREACHED: (
        QT_TRANSLATE_NOOP("FloorText", "{queue} — 1 urgent ticket breached"),
        QT_TRANSLATE_NOOP("FloorText", "{queue} — {n} urgent tickets breached"),
    ),
    AlertRule.WAITING_PAST_TARGET: (
        QT_TRANSLATE_NOOP("FloorText", "{queue} — 1 waiting past target ({waiting} waiting)"),
        QT_TRANSLATE_NOOP("FloorText", "{queue} — {n} waiting past target ({waiting} waiting)"),
    ),
    AlertRule.RESOLUTION_BREACHED: (
        QT_TRANSLATE_NOOP("FloorText", "{queue} — 1 ticket past its resolution target"),
        QT_TRANSLATE_NOOP("FloorText", "{queue} — {n} tickets past their resolution target"),
    ),
    AlertRule.COLLAB_NO_ANSWER: (
        QT_TRANSLATE_NOOP(
            "FloorText", "{queue} — 1 collaboration ticket without an answer for over {limit}"
        ),
        QT_TRANSLATE_NOOP(
            "FloorText", "{queue} — {n} collaboration tickets without an answer for over {limit}"
        ),
    ),
    AlertRule.CUSTOMER_NOT_UPDATED: (
        QT_TRANSLATE_NOOP(
            "FloorText", "{queue} — 1 complaint without a customer update for over {limit}"
        ),
        QT_TRANSLATE_NOOP(
            "FloorText", "{queue} — {n} complaints without a customer update for over {limit}"
        ),
    ),
    AlertRule.URGENT_NOT_REPORTED: (
        QT_TRANSLATE_NOOP("FloorText", "{queue} — 1 urgent ticket not reported to the supervisor"),
        QT_TRANSLATE_NOOP(
            "FloorText", "{queue} — {n} urgent tickets not reported to the supervisor"
        ),
    ),
}
_QUEUE_RULES: Mapping[AlertRule, object] = {
    AlertRule.SERVICE_LEVEL_LOW: QT_TRANSLATE_NOOP(
        "FloorText", "{queue} — service level {level} (target {target})"
    ),
    AlertRule.OLDEST_WAIT_HIGH: QT_TRANSLATE_NOOP(
        "FloorText", "{queue} — oldest wait {wait} (target {target_wait})"
    ),
}
# How many tickets a queue-figure rule counts, from its details.
_COUNT_KEYS: Mapping[AlertRule, str] = {AlertRule.WAITING_PAST_TARGET: "waiting_past_target"}
_CHECKLIST_OVERDUE = QT_TRANSLATE_NOOP(
    "FloorText", "Incident #{incident} — checklist step “{step}” overdue by {span}"
)

_FLAG_VALUES = frozenset(flag.value for flag in EscalationFlag)


def _lookup(table: Mapping[E, object], value: E) -> str:
    text = table.get(value)
    return tr(str(text)) if text is not None else str(value.value)


def priority_text(priority: Priority) -> str:
    return _lookup(_PRIORITIES, priority)


def kind_text(kind: Kind) -> str:
    return _lookup(_KINDS, kind)


def clock_text(clock: ClockKind) -> str:
    return _lookup(_CLOCKS, clock)


def clock_short_text(clock: ClockKind) -> str:
    return _lookup(_CLOCKS_SHORT, clock)


def sla_state_text(state: SlaState) -> str:
    return _lookup(_SLA_STATES, state)


def level_text(level: EscalationLevel) -> str:
    return _lookup(_LEVELS, level)


def status_text(status: Status) -> str:
    return _lookup(_STATUSES, status)


def channel_text(channel: Channel | str) -> str:
    return _lookup(_CHANNELS, channel) if isinstance(channel, Channel) else str(channel)


def severity_text(severity: Severity) -> str:
    return _lookup(_SEVERITIES, severity)


def flag_limit(flag: EscalationFlag, limits: EscalationSettings) -> float:
    """The wait, in seconds, after which ``flag`` is raised."""
    return {
        EscalationFlag.COLLAB_NO_ANSWER: limits.collab_no_answer_s,
        EscalationFlag.CUSTOMER_NOT_UPDATED: limits.customer_update_s,
        EscalationFlag.URGENT_NOT_REPORTED: limits.urgent_report_s,
    }[flag]


def flag_text(flag: EscalationFlag, limits: EscalationSettings) -> str:
    """The flag as a chip: "Not reported" (:func:`flag_name` has the limit)."""
    text = _FLAGS.get(flag)
    return str(flag.value) if text is None else tr(str(text))


def flag_name(flag: EscalationFlag, limits: EscalationSettings) -> str:
    """The flag in full, with its limit: "Urgent: not reported to the supervisor (> 5 min)"."""
    name = tr(str(_FLAG_NAMES[flag])) if flag in _FLAG_NAMES else str(flag.value)
    return f"{name} (> {limit_text(flag_limit(flag, limits))})"


def flag_short(flag: EscalationFlag) -> str:
    return _lookup(_FLAG_SHORT, flag)


def alert_text(
    alert: Alert, *, queue: str, limits: EscalationSettings, language: str = "en"
) -> str:
    """The alert as one sentence, queue first: "Payment — 3 urgent tickets
    breached"; ``language`` ("zh_CN" or "en") picks a checklist step's own title."""
    details = alert.details
    if alert.rule is AlertRule.CHECKLIST_OVERDUE:
        return _checklist_overdue_text(alert, language)
    if alert.rule in _TICKET_RULES:
        one, several = _TICKET_RULES[alert.rule]
        count = alert_ticket_count(alert)
        limit = ""
        if alert.rule.value in _FLAG_VALUES:
            limit = limit_text(flag_limit(EscalationFlag(alert.rule.value), limits))
        return tr(str(one if count == 1 else several)).format(
            n=count, queue=queue, limit=limit, waiting=details.get("waiting", "?")
        )
    text = _QUEUE_RULES.get(alert.rule)
    if text is None:
        return f"{queue} — {alert.rule.value}" if queue else str(alert.rule.value)
    target_s = details.get("target_s")
    return tr(str(text)).format(
        queue=queue,
        level=_percent(details.get("service_level")),
        target=_percent(details.get("target")),
        wait=span_text(_number(details.get("oldest_wait_s"))),
        target_wait=span_text(_number(target_s)) if target_s is not None else "—",
    )


def _checklist_overdue_text(alert: Alert, language: str) -> str:
    details = alert.details
    titles = (details.get(f"title_{language}"), details.get("title_en"), details.get("step"))
    title = next((str(t) for t in titles if t), "?")
    return tr(str(_CHECKLIST_OVERDUE)).format(
        incident=details.get("incident", "?"),
        step=title,
        span=span_text(_number(details.get("overdue_s"))),
    )


def alert_ticket_count(alert: Alert) -> int:
    """How many tickets the alert is about (0 for a queue-level alert)."""
    count = alert.details.get(_COUNT_KEYS.get(alert.rule, "count"))
    if isinstance(count, int):
        return count
    return 1 if alert.ticket is not None else 0


def alert_tickets(alert: Alert) -> tuple[str, ...]:
    tickets = alert.details.get("tickets")
    if isinstance(tickets, tuple | list):
        return tuple(str(t) for t in tickets)
    return () if alert.ticket is None else (alert.ticket,)


def _percent(value: object) -> str:
    return f"{round(float(value) * 100)}%" if isinstance(value, int | float) else "—"


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


# --- durations and times ----------------------------------------------------------


def countdown_text(seconds: float) -> str:
    """A wait or a time left: ``0:06:05``, ``6:05:00``; ``2 d 4 h`` from a
    day on (never negative). The one duration format (``cockpit.durations``)."""
    translate = QCoreApplication.translate
    return clock_duration(
        max(0.0, seconds),
        day_unit=translate("FloorText", "d"),
        hour_unit=translate("FloorText", "h"),
    )


def span_text(seconds: float) -> str:
    """An age or a time overdue, in the same one format as :func:`countdown_text`."""
    return countdown_text(seconds)


def limit_text(seconds: float) -> str:
    """A configured limit or size in words: "45 s", "12 min", "2 h 05 min",
    "3 d 4 h" (a setting, not a measurement, so no clock digits)."""
    translate = QCoreApplication.translate
    total = max(0, int(seconds))
    if total < 60:
        return translate("FloorText", "{s} s").format(s=total)
    minutes = total // 60
    if minutes < 60:
        return translate("FloorText", "{m} min").format(m=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        if minutes == 0:
            return translate("FloorText", "{h} h").format(h=hours)
        return translate("FloorText", "{h} h {m} min").format(h=hours, m=f"{minutes:02d}")
    days, hours = divmod(hours, 24)
    return translate("FloorText", "{d} d {h} h").format(d=days, h=hours)


def local(when: datetime, zone: tzinfo | None) -> datetime:
    """``when`` in the display zone (the computer's own when None)."""
    return when.astimezone(zone) if zone is not None else when.astimezone()


def clock_time(when: datetime, zone: tzinfo | None, *, seconds: bool = False) -> str:
    return local(when, zone).strftime("%H:%M:%S" if seconds else "%H:%M")


def date_time(when: datetime, zone: tzinfo | None) -> str:
    return local(when, zone).strftime("%m-%d %H:%M")


def bucket_text(start: datetime, bucket: timedelta, zone: tzinfo | None) -> str:
    """A bucket as local "11-24 01:00–01:30"."""
    end = local(start + bucket, zone)
    return f"{date_time(start, zone)}–{end:%H:%M}"


# --- the headline: which queue needs help now -------------------------------------


def risk_headline(risk: QueueRisk | None, *, language: str) -> str:
    """ "Needs help now: Refunds — SL 71% vs 80% · 12 breached · 5 at risk,
    next in 0:04:10 · nobody free"; "All queues on track" without one."""
    if risk is None:
        return QCoreApplication.translate("FloorText", "All queues on track")
    return QCoreApplication.translate("FloorText", "Needs help now: {queue} — {facts}").format(
        queue=risk.figures.display_name(language), facts=" · ".join(risk_facts(risk))
    )


def risk_facts(risk: QueueRisk) -> list[str]:
    """The facts that put the queue where it is, most pressing first."""
    f = risk.figures
    facts = []
    if f.service_level is not None:
        facts.append(
            QCoreApplication.translate("FloorText", "SL {level} vs {target}").format(
                level=_percent(f.service_level), target=_percent(f.service_level_target)
            )
        )
    if risk.breached:
        facts.append(
            QCoreApplication.translate("FloorText", "{n} breached").format(n=risk.breached)
        )
    if risk.at_risk:
        if risk.soonest_due_s is not None:
            facts.append(
                QCoreApplication.translate("FloorText", "{n} at risk, next in {time}").format(
                    n=risk.at_risk, time=countdown_text(risk.soonest_due_s)
                )
            )
        else:
            facts.append(
                QCoreApplication.translate("FloorText", "{n} at risk").format(n=risk.at_risk)
            )
    if f.waiting_past_target:
        facts.append(
            QCoreApplication.translate("FloorText", "{n} waiting past target").format(
                n=f.waiting_past_target
            )
        )
    facts.extend(staffing_facts(risk))
    return facts


def staffing_facts(risk: QueueRisk) -> list[str]:
    """Nobody free, occupancy, and the agents the target needs (when known)."""
    facts = []
    if risk.zero_available:
        facts.append(QCoreApplication.translate("FloorText", "nobody free"))
    if risk.occupancy is not None and risk.occupancy >= 0.85:
        facts.append(
            QCoreApplication.translate("FloorText", "occupancy {share}").format(
                share=_percent(risk.occupancy)
            )
        )
    short = risk.agents_short
    if short:
        facts.append(
            QCoreApplication.translate("FloorText", "{n} more agents needed").format(n=short)
        )
    return facts
