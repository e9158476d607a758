"""What a review reads off the incident's event log: the timeline, the
notes, who responded, the response latencies and checklist compliance.

Latencies, each from the declaration unless said otherwise:
- ``detection``: from *detection* to declaration. Detection is the first
  queue-level alert (service level low, too many waiting, oldest wait too
  long) raised or reopened in the ``lookback`` (default one hour) before
  the declaration; without one, there is no detection latency. Ticket-level
  alerts (one urgent ticket late) are left out: a busy floor always has some;
  so are alerts raised at the first poll the cockpit recorded (it had only
  just started watching).
- ``first_broadcast``: to the first message that got through: a reply script
  published to agents, a team-chat post, or a reply to a ticket. Failed,
  refused and unknown attempts do not count; the latency names the message
  (``cause`` is its action, ``target`` the script, chat or ticket).
- ``bot_on``: to the bot auto-reply switched on successfully.
Checklist steps: each deadline (one-off: ``due_after`` the declaration;
recurring: the cadence, counted from the last completion) against the
completion that met it: on time, late by how much, missed (past due and
still not done when the incident was resolved, or now), or, for a deadline
after the resolution, open at resolution (never "not yet due" once resolved).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from cockpit.alert_rules import QUEUE_RULES
from cockpit.alerts import EventKind
from cockpit.incidents.checklist import steps_of
from cockpit.incidents.model import Action
from cockpit.incidents.playbook import Playbook, Step
from cockpit.store.alert_log import AlertRecord
from cockpit.store.incidents import EventRecord, IncidentRecord, Outcome, Phase

SYSTEM = "system"
# Queue figures going bad (the floor rules about one queue), plus the
# fixed-count rule of older alert logs.
DETECTION_RULES: frozenset[str] = frozenset({*QUEUE_RULES, "waiting_high"})
DETECTION_KINDS = frozenset({EventKind.RAISED, EventKind.REOPENED})
DETECTION_LOOKBACK = timedelta(hours=1)
BROADCAST_ACTIONS = frozenset({Action.SCRIPT_PUBLISH, Action.WEBHOOK, Action.TICKET_REPLY})
# What the timeline shows of each action's payload (the log keeps it all).
_DETAIL_KEYS: dict[str, tuple[str, ...]] = {
    Action.DECLARE: ("summary",),
    Action.JOIN: ("summary",),
    Action.RESOLVE: ("summary",),
    Action.NOTE: ("text",),
    Action.STATUS_UPDATE: ("text",),
    Action.STEP_DONE: ("step",),
    Action.REMINDER: ("step", "kind"),
    Action.SCRIPT_PUBLISH: ("title", "language"),
    Action.SCRIPT_WITHDRAW: ("backend_id",),
    Action.WEBHOOK: ("target", "channel"),
    Action.TICKET_REPLY: ("script", "language"),
}
DETAIL_LIMIT = 120


class LatencyName(StrEnum):
    DETECTION = "detection"
    FIRST_BROADCAST = "first_broadcast"
    BOT_ON = "bot_on"


@dataclass(frozen=True, slots=True)
class Latency:
    name: LatencyName
    start: datetime | None
    end: datetime | None
    # What started or ended it (an alert rule and queue, an action).
    cause: str | None = None
    # What the action was aimed at: a script id, "team:<chat>", a ticket id.
    target: str | None = None

    @property
    def seconds(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        return (self.end - self.start).total_seconds()


# Wall time is shown beside floor time when they are at least this far apart.
WALL_DIFFERS = timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: datetime
    who: str
    action: str
    outcome: str
    detail: str | None = None
    # Consecutive replies to tickets are shown as one entry.
    count: int = 1
    event_id: int | None = None
    # ``at`` is floor time (the backend's); the wall clock when it was
    # written, only where the two differ (an accelerated simulator, a skewed
    # backend clock).
    wall_at: datetime | None = None
    # The shown payload values by key (``detail`` joins them), and why an
    # action did not succeed: the export words them from these codes.
    fields: Mapping[str, str] = field(default_factory=dict)
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Responder:
    who: str
    actions: int
    first_at: datetime
    last_at: datetime


class Compliance(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSED = "missed"
    DONE = "done"  # no deadline, done
    NOT_DONE = "not_done"  # no deadline, not done
    NOT_DUE = "not_due"  # the deadline has not come yet
    OPEN_AT_RESOLVE = "open_at_resolve"  # not done; due after the resolution


@dataclass(frozen=True, slots=True)
class Occurrence:
    due_at: datetime | None
    done_at: datetime | None
    # done - due (negative: early); for a missed one, the time past due at the end.
    late_by_s: float | None
    status: Compliance


@dataclass(frozen=True, slots=True)
class StepCompliance:
    step_id: str
    title: Mapping[str, str]
    owner: str | None
    recurring: bool
    occurrences: tuple[Occurrence, ...]

    @property
    def status(self) -> Compliance:
        states = {o.status for o in self.occurrences}
        for worst in (Compliance.MISSED, Compliance.LATE):
            if worst in states:
                return worst
        if not self.occurrences:
            return Compliance.NOT_DONE
        return self.occurrences[0].status

    @property
    def worst_late_s(self) -> float | None:
        late = [o.late_by_s for o in self.occurrences if o.late_by_s is not None]
        return max(late) if late else None


def _fields(action: str, payload: Mapping[str, Any]) -> dict[str, str]:
    keys = _DETAIL_KEYS.get(action, ())
    return {k: str(payload[k]) for k in keys if k != "reason" and payload.get(k) not in (None, "")}


def _reason(payload: Mapping[str, Any], outcome: str) -> str | None:
    if outcome in (Outcome.OK.value, Outcome.PENDING.value) or not payload.get("reason"):
        return None
    return str(payload["reason"])


def _detail(fields: Mapping[str, str], reason: str | None) -> str | None:
    text = " · ".join([*fields.values(), *([reason] if reason else [])])
    return (text[: DETAIL_LIMIT - 1] + "…" if len(text) > DETAIL_LIMIT else text) or None


def timeline(events: Sequence[EventRecord]) -> list[TimelineEntry]:
    """Records and outcomes (an intent shows once, at its outcome, with the
    intent's payload; an intent still pending shows as itself); consecutive
    ticket replies collapse into one entry with a count."""
    intents = {e.id: e for e in events if e.phase is Phase.INTENT}
    settled = {e.related_id for e in events if e.phase is Phase.OUTCOME}
    entries: list[TimelineEntry] = []
    for event in events:
        if event.phase is Phase.INTENT and event.id in settled:
            continue
        intent = intents.get(event.related_id or -1)
        payload = {**(intent.payload if intent else {}), **event.payload}
        shown = _fields(event.action, payload)
        why = _reason(payload, event.outcome.value)
        entry = TimelineEntry(
            event.at,
            event.who,
            event.action,
            event.outcome.value,
            _detail(shown, why),
            event_id=event.id,
            wall_at=_wall_if_different(event),
            fields=shown,
            reason=why,
        )
        last = entries[-1] if entries else None
        if (
            last is not None
            and entry.action == last.action == Action.TICKET_REPLY
            and entry.outcome == last.outcome
            and entry.reason == last.reason
        ):
            entries[-1] = replace(last, count=last.count + 1)
            continue
        entries.append(entry)
    return entries


def _wall_if_different(event: EventRecord) -> datetime | None:
    wall = event.wall_at
    if wall is None or abs(wall - event.at) < WALL_DIFFERS:
        return None
    return wall


def notes(events: Iterable[EventRecord]) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            e.at,
            e.who,
            e.action,
            e.outcome.value,
            str(e.payload.get("text", "")),
            wall_at=_wall_if_different(e),
        )
        for e in events
        if e.action in (Action.NOTE, Action.STATUS_UPDATE)
    ]


def responders(events: Iterable[EventRecord]) -> list[Responder]:
    """Who acted (records and intents, not the outcomes), first to act first."""
    found: dict[str, list[datetime]] = {}
    for event in events:
        if event.phase is Phase.OUTCOME or event.who == SYSTEM:
            continue
        found.setdefault(event.who, []).append(event.at)
    rows = [Responder(who, len(times), min(times), max(times)) for who, times in found.items()]
    return sorted(rows, key=lambda r: (r.first_at, r.who))


def _first_ok(events: Iterable[EventRecord], actions: frozenset[Action]) -> EventRecord | None:
    return next(
        (
            e
            for e in events
            if e.phase is not Phase.INTENT and e.outcome is Outcome.OK and e.action in actions
        ),
        None,
    )


def latencies(
    incident: IncidentRecord,
    events: Sequence[EventRecord],
    alerts: Sequence[AlertRecord],
    *,
    lookback: timedelta = DETECTION_LOOKBACK,
    watching_since: datetime | None = None,
) -> list[Latency]:
    """See the module doc. ``watching_since`` is the first poll recorded
    around the lookback: alerts raised at it only say the cockpit had just
    started, not when the trouble began, so they do not count."""
    declared = incident.declared_at
    detected = next(
        (
            a
            for a in alerts
            if a.rule in DETECTION_RULES
            and a.kind in DETECTION_KINDS
            and declared - lookback <= a.at <= declared
            and (watching_since is None or a.at > watching_since)
        ),
        None,
    )
    broadcast = _first_ok(events, BROADCAST_ACTIONS)
    intents = {e.id: e for e in events if e.phase is Phase.INTENT}
    bot = _first_ok(events, frozenset({Action.BOT_ON}))
    return [
        Latency(
            LatencyName.DETECTION,
            None if detected is None else detected.at,
            declared if detected else None,
            None if detected is None else f"{detected.rule}:{detected.queue or '-'}",
        ),
        Latency(
            LatencyName.FIRST_BROADCAST,
            declared,
            None if broadcast is None else broadcast.at,
            None if broadcast is None else broadcast.action,
            None if broadcast is None else _aimed_at(broadcast, intents),
        ),
        Latency(LatencyName.BOT_ON, declared, None if bot is None else bot.at),
    ]


def _aimed_at(outcome: EventRecord, intents: Mapping[int, EventRecord]) -> str | None:
    """The script, chat or ticket the first message went to."""
    intent = intents.get(outcome.related_id or -1)
    payload = {**(intent.payload if intent else {}), **outcome.payload}
    if outcome.action == Action.WEBHOOK and payload.get("channel"):
        return f"team:{payload['channel']}"
    key = "ticket" if outcome.action == Action.TICKET_REPLY else "script"
    return str(payload.get(key) or "") or None


def _occurrence(
    due: datetime | None, done: datetime | None, end: datetime, *, resolved: bool = False
) -> Occurrence:
    if due is None:
        return Occurrence(None, done, None, Compliance.DONE if done else Compliance.NOT_DONE)
    if done is not None:
        late = (done - due).total_seconds()
        return Occurrence(due, done, late, Compliance.ON_TIME if late <= 0 else Compliance.LATE)
    if end >= due:  # as the checklist: overdue from the due instant on
        return Occurrence(due, None, (end - due).total_seconds(), Compliance.MISSED)
    return Occurrence(
        due, None, None, Compliance.OPEN_AT_RESOLVE if resolved else Compliance.NOT_DUE
    )


def step_compliance(
    step: Step,
    declared: datetime,
    completions: Sequence[datetime],
    end: datetime,
    *,
    resolved: bool = False,
) -> StepCompliance:
    """``end`` is the resolution when ``resolved``, else now."""
    done = sorted(completions)
    occurrences: list[Occurrence] = []
    if step.every is None:
        due = None if step.due_after is None else declared + step.due_after
        occurrences.append(_occurrence(due, done[0] if done else None, end, resolved=resolved))
    else:
        due = declared + (step.due_after or step.every)
        for completion in done:
            occurrences.append(_occurrence(due, completion, end))
            due = completion + step.every
        if due <= end or not occurrences:
            occurrences.append(_occurrence(due, None, end, resolved=resolved))
    title = {"zh_CN": step.title.zh_CN, "en": step.title.en}
    return StepCompliance(step.id, title, step.owner, step.every is not None, tuple(occurrences))


def checklist(
    playbook: Playbook, incident: IncidentRecord, events: Iterable[EventRecord], now: datetime
) -> list[StepCompliance]:
    from cockpit.incidents.playbook_checks import STATUS_STEP

    done: dict[str, list[datetime]] = {}
    for event in events:
        if event.action == Action.STEP_DONE:
            done.setdefault(str(event.payload.get("step")), []).append(event.at)
        elif event.action == Action.STATUS_UPDATE:
            done.setdefault(STATUS_STEP, []).append(event.at)
    end = incident.resolved_at or now
    resolved = incident.resolved_at is not None
    return [
        step_compliance(step, incident.declared_at, done.get(step.id, []), end, resolved=resolved)
        for step in steps_of(playbook)
    ]
