"""Team-chat deliveries: each attempt logged, failed ones retried with
backoff by ``tick``, and their state readable for the UI.

A delivery is the first attempt's intent; later attempts carry its id in
``payload["delivery"]``. Only failures the service or the network marked
retryable are retried, at most ``RetryPolicy.max_attempts`` times.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from cockpit.incidents.context import Context, values_for
from cockpit.incidents.journal import Performed
from cockpit.incidents.model import Action, ChangeBuilder, Reason, team
from cockpit.incidents.playbook import LocalText, Playbook
from cockpit.incidents.templating import MissingVariables, render
from cockpit.incidents.webhooks import NOT_CONFIGURED, Service
from cockpit.store.incidents import EventRecord, IncidentRecord, Outcome, Phase

# Resolved incidents keep retrying their last notices for this long.
RETRY_AFTER_RESOLVE = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class DeliveryState:
    """One team-chat message and how its attempts went."""

    delivery_id: int
    channel: str
    service: str
    title: str
    attempts: int
    outcome: Outcome
    reason: str | None
    first_at: datetime
    last_at: datetime
    # When the next attempt is due; None when none will be made.
    next_attempt_at: datetime | None


def deliver(
    ctx: Context,
    change: ChangeBuilder,
    *,
    channel: str,
    service: Service,
    title: str,
    text: str,
    who: str,
    delivery: int | None = None,
    attempt: int = 1,
) -> Performed[None]:
    """One attempt; the result's ``retry_at`` says when the next one is due."""
    payload = {
        "channel": channel,
        "service": service.value,
        "title": title,
        "text": text,
        "attempt": attempt,
    }
    if delivery is not None:
        payload["delivery"] = delivery
    target = str(team(channel))
    done = ctx.journal.perform(
        change.incident.id,
        Action.WEBHOOK,
        who,
        payload,
        lambda: ctx.webhooks.send(channel, service, title=title, text=text),
        target=target,
    )
    result = done.result
    if done.failure is not None and done.failure.retryable:
        delay = ctx.retry.next_delay(attempt)
        if delay is not None:
            result = replace(result, retry_at=done.events[-1].at + delay)
    change.add(result, done.events)
    return Performed(result, None, done.events, done.failure)


def notify_team(
    ctx: Context,
    change: ChangeBuilder,
    text: LocalText | str,
    *,
    who: str,
    languages: Sequence[str],
    channels: Iterable[str] | None = None,
) -> None:
    """Send a notice (a playbook text, or a free text) to the playbook's team
    chats, or to the named ones among them."""
    incident = change.incident
    playbook = ctx.playbook(incident)
    known = {c.name: c for c in (playbook.team.channels if playbook.team else [])}
    names = list(known) if channels is None else list(channels)
    if not names:
        return
    title = f"#{incident.id} {playbook.names.get(languages[0])}"
    try:
        body = _notice_text(ctx, incident, playbook, text, languages)
    except MissingVariables as exc:
        _refuse(ctx, change, who, Reason.MISSING_VARIABLES.value, None, list(exc.names))
        return
    for name in names:
        channel = known.get(name)
        if channel is None:
            _refuse(ctx, change, who, Reason.UNKNOWN_CHANNEL.value, name)
        elif not ctx.webhooks.configured(name):
            # Named on purpose, a chat must work; notified by default, it is optional.
            _refuse(ctx, change, who, NOT_CONFIGURED, name, optional=channels is None)
        else:
            service = Service(channel.service)
            deliver(ctx, change, channel=name, service=service, title=title, text=body, who=who)


def _refuse(
    ctx: Context,
    change: ChangeBuilder,
    who: str,
    reason: str,
    channel: str | None,
    missing: list[str] | None = None,
    *,
    optional: bool = False,
) -> None:
    result, event = ctx.journal.refuse(
        change.incident.id,
        Action.WEBHOOK,
        who,
        reason,
        target=None if channel is None else str(team(channel)),
        outcome=Outcome.FAILED,
        payload=None if missing is None else {"missing": missing},
    )
    change.add(replace(result, optional=optional), (event,))


def _notice_text(
    ctx: Context,
    incident: IncidentRecord,
    playbook: Playbook,
    text: LocalText | str,
    languages: Sequence[str],
) -> str:
    if isinstance(text, str):
        return text
    return "\n\n".join(
        render(text.get(lang), values_for(ctx, incident, playbook, lang)) for lang in languages
    )


# --- reading the log ----------------------------------------------------------------------


def delivery_states(ctx: Context, events: Iterable[EventRecord]) -> list[DeliveryState]:
    attempts: dict[int, list[EventRecord]] = {}
    outcomes: dict[int, EventRecord] = {}
    for event in events:
        if event.action != Action.WEBHOOK:
            continue
        if event.phase is Phase.INTENT:
            delivery = int(event.payload.get("delivery") or event.id)
            attempts.setdefault(delivery, []).append(event)
        elif event.phase is Phase.OUTCOME and event.related_id is not None:
            outcomes[event.related_id] = event
    return [_state(ctx, d, tries, outcomes) for d, tries in attempts.items()]


def _state(
    ctx: Context, delivery: int, tries: list[EventRecord], outcomes: dict[int, EventRecord]
) -> DeliveryState:
    first, last = tries[0], tries[-1]
    settled = outcomes.get(last.id)
    outcome = Outcome.PENDING if settled is None else settled.outcome
    next_at = None
    if settled is not None and outcome is Outcome.FAILED and settled.payload.get("retryable"):
        delay = ctx.retry.next_delay(int(last.payload.get("attempt", len(tries))))
        next_at = None if delay is None else settled.at + delay
    return DeliveryState(
        delivery_id=delivery,
        channel=str(first.payload.get("channel")),
        service=str(first.payload.get("service")),
        title=str(first.payload.get("title", "")),
        attempts=len(tries),
        outcome=outcome,
        reason=None if settled is None else settled.payload.get("reason"),
        first_at=first.at,
        last_at=(settled or last).at,
        next_attempt_at=next_at,
    )


def retry_due(ctx: Context, now: datetime, *, who: str) -> list[ChangeBuilder]:
    """Re-attempt every failed delivery whose backoff has run out."""
    changes = []
    for incident in _retrying_incidents(ctx, now):
        events = ctx.store.events(incident.id, actions=[Action.WEBHOOK.value])
        change = ChangeBuilder(incident)
        for state in delivery_states(ctx, events):
            if state.next_attempt_at is None or state.next_attempt_at > now:
                continue
            first = next(e for e in events if e.id == state.delivery_id)
            deliver(
                ctx,
                change,
                channel=state.channel,
                service=Service(state.service),
                title=state.title,
                text=str(first.payload.get("text", "")),
                who=who,
                delivery=state.delivery_id,
                attempt=state.attempts + 1,
            )
        if change.events:
            changes.append(change)
    return changes


def _retrying_incidents(ctx: Context, now: datetime) -> list[IncidentRecord]:
    return [
        incident
        for incident in ctx.store.recent(limit=20)
        if incident.resolved_at is None or now - incident.resolved_at <= RETRY_AFTER_RESOLVE
    ]
