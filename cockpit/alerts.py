"""The alert engine: conditions on each FloorView (and overdue incident
checklist steps) become de-duplicated, acknowledgeable alerts, and
everything that happens to them is recorded.

**De-duplication.** An alert is identified by its :class:`AlertKey` (rule +
ticket, rule + queue, or rule + subject: an incident's step). While its
condition keeps firing it stays one alert (details refresh silently; a rise
in severity notifies again). When the condition stops, the alert is
CLEARED. If it fires again *within* the cool-down (``now - cleared_at <
cooldown``) the same alert is REOPENED without notifying; from the cool-down
on it is a new alert that notifies. Severities follow the ladder of
:mod:`cockpit.alert_rules` with hysteresis (the engine hands each active
alert's severity back to the rules), so a figure at a line does not flap.

**Who is told.** ``AlertEvent.notify`` says whether the supervisor should
be told now (tray message, sound). A NOTICE never notifies (it is listed
only); a new WARNING or CRITICAL alert does, and so does a rise in severity.

**Repeats and worsening** (``settings.alerts``, :mod:`cockpit.alert_policy`).
An active alert nobody has acknowledged or snoozed notifies again
(REPEATED) at an interval of floor time, on the engine's time base: each
view's ``generated_at`` (the backend's server time), each incident tick's
``now``. A group a step worse than when it last notified notifies again
(WORSENED), acknowledged or not, as a rise in severity does: having taken
"5 waiting past target" is not having taken 15.

**Acknowledge / snooze.** ``acknowledge`` records who took it and when, and
stops the repeats. ``snooze`` silences the alert's key (notifications only:
it stays listed) until a time; when the snooze ends and the alert is still
active and unacknowledged, it notifies again (RENOTIFIED).

**Two sources.** ``evaluate(view)`` applies the floor rules to each view;
``observe_incidents(alerts, now)`` takes the incident engine's overdue
checklist steps at each of its ticks (the whole list each time: a step no
longer listed, done or its incident resolved, is cleared). Each source
clears only its own alerts; both share the keys, cool-down, acknowledgements,
snoozes and log.

**Recording.** Every event (raised, reopened, severity changed, cleared,
acknowledged, snoozed, renotified, repeated, worsened) goes through one
:class:`AlertLog`, with the time and who (None for the engine itself).
:class:`MemoryAlertLog` is the in-memory, append-only one with listeners; a
database-backed log can replace it.

**Threads.** ``evaluate`` runs on the poll worker, ``observe_incidents`` on
the database worker, ``acknowledge`` and ``snooze`` on an op worker: one
re-entrant lock guards the engine, and events are appended under it, so the
log's order is the order things happened. Log listeners therefore run
under that lock: keep them short and hand off (the Qt bridge emits a
signal); they may read the engine.
"""

from __future__ import annotations

import itertools
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import NewType, Protocol

from cockpit.alert_policy import repeat_interval, worsened
from cockpit.alert_rules import (
    INCIDENT_RULES,
    AlertKey,
    AlertRule,
    Condition,
    Details,
    Severity,
    conditions,
    incident_conditions,
)
from cockpit.clock import Clock, SystemClock
from cockpit.domain import QueueId, TicketId
from cockpit.incidents.checklist import IncidentAlert
from cockpit.metrics import FloorView
from cockpit.settings import AlertSettings, SlaSettings, Thresholds

AlertId = NewType("AlertId", str)

DEFAULT_COOLDOWN = timedelta(minutes=10)
FLOOR_RULES = frozenset(AlertRule) - INCIDENT_RULES


class UnknownAlert(LookupError):
    """No such alert (never raised, or forgotten after its cool-down)."""


class AlertStatus(StrEnum):
    ACTIVE = "active"
    CLEARED = "cleared"


class EventKind(StrEnum):
    RAISED = "raised"
    REOPENED = "reopened"
    SEVERITY_CHANGED = "severity_changed"
    CLEARED = "cleared"
    ACKNOWLEDGED = "acknowledged"
    SNOOZED = "snoozed"
    RENOTIFIED = "renotified"
    REPEATED = "repeated"
    WORSENED = "worsened"


@dataclass(frozen=True, slots=True)
class Alert:
    id: AlertId
    rule: AlertRule
    severity: Severity
    queue: QueueId | None
    ticket: TicketId | None
    raised_at: datetime
    details: Details = field(hash=False)
    status: AlertStatus = AlertStatus.ACTIVE
    last_seen_at: datetime | None = None
    cleared_at: datetime | None = None
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None
    snoozed_until: datetime | None = None
    snoozed_by: str | None = None
    # What the alert is about when neither a queue nor a ticket (see AlertKey).
    subject: str | None = None
    # How bad it is now (higher is worse; Condition.measure), and when it last
    # notified (or reopened: the repeats count from then) and how bad it was.
    measure: float | None = None
    notified_at: datetime | None = None
    notified_measure: float | None = None

    @property
    def key(self) -> AlertKey:
        if self.subject is not None:
            return AlertKey(self.rule, subject=self.subject)
        if self.ticket is not None:
            return AlertKey(self.rule, ticket=self.ticket)
        return AlertKey(self.rule, queue=self.queue)

    def snoozed(self, now: datetime) -> bool:
        return self.snoozed_until is not None and now < self.snoozed_until


@dataclass(frozen=True, slots=True)
class AlertEvent:
    """One thing that happened to an alert; ``alert`` is how it stood after."""

    seq: int
    kind: EventKind
    alert: Alert
    at: datetime
    who: str | None = None
    notify: bool = False


@dataclass(frozen=True, slots=True)
class AlertUpdate:
    """What one evaluation changed, and the alerts active after it."""

    events: tuple[AlertEvent, ...]
    active: tuple[Alert, ...]


class AlertLog(Protocol):
    """Where alert events are recorded, in order; append-only."""

    def append(self, event: AlertEvent) -> None: ...

    def events(self, since: int = 0) -> Sequence[AlertEvent]:
        """Events with ``seq > since``, oldest first."""
        ...


AlertListener = Callable[[AlertEvent], None]


class MemoryAlertLog:
    """The in-memory log; listeners hear every event as it is appended."""

    def __init__(self) -> None:
        self._events: list[AlertEvent] = []
        self._listeners: list[AlertListener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: AlertListener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def append(self, event: AlertEvent) -> None:
        with self._lock:
            self._events.append(event)
            listeners = list(self._listeners)
        for listener in listeners:
            listener(event)

    def events(self, since: int = 0) -> tuple[AlertEvent, ...]:
        with self._lock:
            return tuple(e for e in self._events if e.seq > since)


class AlertEngine:
    """Evaluates rules on each view and keeps the alerts; see the module doc."""

    def __init__(
        self,
        *,
        thresholds: Thresholds | None = None,
        sla: SlaSettings | None = None,
        settings: AlertSettings | None = None,
        log: AlertLog | None = None,
        cooldown: timedelta = DEFAULT_COOLDOWN,
        clock: Clock | None = None,
        ids: Callable[[], str] | None = None,
    ) -> None:
        self.thresholds = thresholds or Thresholds()
        self.sla = sla or SlaSettings()
        self.settings = settings or AlertSettings()
        self.log: AlertLog = log if log is not None else MemoryAlertLog()
        self.cooldown = cooldown
        self._clock = clock or SystemClock()
        self._ids = ids or (lambda: uuid.uuid4().hex)
        self._seq = itertools.count(1)
        self._lock = threading.RLock()
        self._by_key: dict[AlertKey, Alert] = {}
        self._by_id: dict[AlertId, AlertKey] = {}
        self._snoozes: dict[AlertKey, tuple[datetime, str]] = {}

    # --- reading ---------------------------------------------------------------

    def active(self) -> tuple[Alert, ...]:
        """Active alerts, most severe first, then oldest first."""
        with self._lock:
            return self._active()

    def get(self, alert_id: str) -> Alert:
        with self._lock:
            return self._alert(alert_id)

    # --- the poll worker ---------------------------------------------------------

    def set_thresholds(self, thresholds: Thresholds) -> None:
        with self._lock:
            self.thresholds = thresholds

    def configure(
        self, *, sla: SlaSettings | None = None, settings: AlertSettings | None = None
    ) -> None:
        """New SLA targets and/or repeat settings (from the next evaluation on)."""
        with self._lock:
            self.sla = sla or self.sla
            self.settings = settings or self.settings

    def evaluate(self, view: FloorView) -> AlertUpdate:
        """Apply the rules to ``view`` (its ``generated_at`` is "now")."""
        with self._lock:
            previous = {a.key: a.severity for a in self._active()}
            found = conditions(view, self.thresholds, sla=self.sla, previous=previous)
            return self._apply(found, FLOOR_RULES, view.generated_at)

    # --- the database worker (incident ticks) --------------------------------------

    def observe_incidents(self, alerts: Sequence[IncidentAlert], now: datetime) -> AlertUpdate:
        """Take the overdue checklist steps of the open incidents as of ``now``
        (an incident tick): raise, keep or clear their alerts."""
        with self._lock:
            return self._apply(incident_conditions(alerts), INCIDENT_RULES, now)

    # --- user actions (an op worker) ---------------------------------------------

    def acknowledge(self, alert_id: str, who: str, *, at: datetime | None = None) -> Alert:
        """Record that ``who`` has taken the alert."""
        with self._lock:
            when = at or self._clock.now()
            alert = replace(self._alert(alert_id), acknowledged_by=who, acknowledged_at=when)
            self._store(EventKind.ACKNOWLEDGED, alert, when, who=who)
            return alert

    def snooze(
        self, alert_id: str, *, until: datetime, who: str, at: datetime | None = None
    ) -> Alert:
        """Silence the alert's notifications until ``until`` (it stays listed)."""
        with self._lock:
            when = at or self._clock.now()
            if until <= when:
                raise ValueError("a snooze must end in the future")
            alert = replace(self._alert(alert_id), snoozed_until=until, snoozed_by=who)
            self._snoozes[alert.key] = (until, who)
            self._store(EventKind.SNOOZED, alert, when, who=who)
            return alert

    # --- internals ---------------------------------------------------------------

    def _apply(
        self, found: Sequence[Condition], rules: frozenset[AlertRule], now: datetime
    ) -> AlertUpdate:
        """Fire ``found``; clear the active alerts of ``rules`` (one source's) not in it."""
        firing = {c.key: c for c in found}
        events: list[AlertEvent] = []
        for condition in firing.values():
            events.extend(self._fire(condition, now))
        for key, alert in list(self._by_key.items()):
            if alert.status is AlertStatus.ACTIVE and alert.rule in rules and key not in firing:
                cleared = replace(alert, status=AlertStatus.CLEARED, cleared_at=now)
                events.append(self._store(EventKind.CLEARED, cleared, now))
        events.extend(self._end_snoozes(now))
        events.extend(self._repeats(rules, now))
        self._forget(now)
        return AlertUpdate(tuple(events), self._active())

    def _fire(self, condition: Condition, now: datetime) -> list[AlertEvent]:
        alert = self._by_key.get(condition.key)
        if alert is not None:
            seen = replace(
                alert,
                status=AlertStatus.ACTIVE,
                severity=condition.severity,
                details=_frozen(condition.details),
                last_seen_at=now,
                cleared_at=None,
                measure=condition.measure,
            )
            if alert.status is AlertStatus.ACTIVE:
                if condition.severity is not alert.severity:
                    rise = condition.severity.rank > alert.severity.rank
                    notify = rise and _loud(seen, now)
                    return [self._store(EventKind.SEVERITY_CHANGED, seen, now, notify=notify)]
                worse = worsened(seen.rule, seen.measure, seen.notified_measure, self.settings)
                if worse and _loud(seen, now):
                    return [self._store(EventKind.WORSENED, seen, now, notify=True)]
                self._by_key[alert.key] = seen  # still firing: one alert, no event
                return []
            assert alert.cleared_at is not None
            if now - alert.cleared_at < self.cooldown:
                # A reopen restarts the repeat interval: a flapping figure
                # does not notify through the back door.
                reopened = replace(seen, notified_at=now)
                return [self._store(EventKind.REOPENED, reopened, now)]
            del self._by_id[alert.id]  # its cool-down is over: a new alert takes the key
        new = self._new_alert(condition, now)
        return [self._store(EventKind.RAISED, new, now, notify=_loud(new, now))]

    def _new_alert(self, condition: Condition, now: datetime) -> Alert:
        snooze = self._snoozes.get(condition.key)
        return Alert(
            id=AlertId(self._ids()),
            rule=condition.rule,
            severity=condition.severity,
            queue=condition.queue,
            ticket=condition.ticket,
            raised_at=now,
            details=_frozen(condition.details),
            last_seen_at=now,
            snoozed_until=None if snooze is None else snooze[0],
            snoozed_by=None if snooze is None else snooze[1],
            subject=condition.subject,
            measure=condition.measure,
        )

    def _end_snoozes(self, now: datetime) -> list[AlertEvent]:
        events: list[AlertEvent] = []
        for key, (until, _) in list(self._snoozes.items()):
            if now < until:
                continue
            del self._snoozes[key]
            alert = self._by_key.get(key)
            if alert is None:
                continue
            woken = replace(alert, snoozed_until=None, snoozed_by=None)
            loud = alert.status is AlertStatus.ACTIVE and alert.acknowledged_at is None
            if loud and _loud(woken, now):
                events.append(self._store(EventKind.RENOTIFIED, woken, now, notify=True))
            else:
                self._by_key[key] = woken
        return events

    def _repeats(self, rules: frozenset[AlertRule], now: datetime) -> list[AlertEvent]:
        """Active alerts of ``rules`` nobody has taken, due to notify again."""
        events: list[AlertEvent] = []
        for alert in self._active():
            interval = repeat_interval(alert.severity, self.settings)
            if alert.rule not in rules or interval is None or alert.acknowledged_at is not None:
                continue
            if alert.snoozed(now):
                continue
            since = alert.notified_at or alert.raised_at
            if now - since >= interval:
                events.append(self._store(EventKind.REPEATED, alert, now, notify=True))
        return events

    def _forget(self, now: datetime) -> None:
        """Drop cleared alerts whose cool-down is over (the log keeps them)."""
        for key, alert in list(self._by_key.items()):
            if alert.cleared_at is not None and now - alert.cleared_at >= self.cooldown:
                del self._by_key[key]
                del self._by_id[alert.id]

    def _store(
        self,
        kind: EventKind,
        alert: Alert,
        at: datetime,
        *,
        who: str | None = None,
        notify: bool = False,
    ) -> AlertEvent:
        if notify:
            alert = replace(alert, notified_at=at, notified_measure=alert.measure)
        self._by_key[alert.key] = alert
        self._by_id[alert.id] = alert.key
        event = AlertEvent(next(self._seq), kind, alert, at, who=who, notify=notify)
        self.log.append(event)
        return event

    def _alert(self, alert_id: str) -> Alert:
        key = self._by_id.get(AlertId(alert_id))
        if key is None:
            raise UnknownAlert(alert_id)
        return self._by_key[key]

    def _active(self) -> tuple[Alert, ...]:
        alerts = [a for a in self._by_key.values() if a.status is AlertStatus.ACTIVE]
        alerts.sort(key=lambda a: (-a.severity.rank, a.raised_at, a.id))
        return tuple(alerts)


def _loud(alert: Alert, now: datetime) -> bool:
    """Whether the alert may notify now: not a notice, not snoozed."""
    return alert.severity is not Severity.NOTICE and not alert.snoozed(now)


def _frozen(details: Details) -> Details:
    return MappingProxyType(dict(details))
