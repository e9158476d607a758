"""One reply to many tickets: select the open tickets that belong to an
incident, preview how many, send them a script, and later answer only the
ones that arrived since (the log knows who was answered)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from cockpit.backends.base import Capability, ReplyOutcome
from cockpit.domain import Ticket, TicketId
from cockpit.incidents.broadcast import script_of
from cockpit.incidents.context import Context, values_for
from cockpit.incidents.model import Action, ChangeBuilder, Reason
from cockpit.incidents.playbook import Playbook
from cockpit.incidents.templating import MissingVariables, render
from cockpit.store.incidents import Claims, IncidentRecord, Outcome, Phase

TICKETS_CHANNEL = "tickets"


@dataclass(frozen=True, slots=True)
class TicketFilter:
    """Which open tickets belong to an incident.

    A ticket matches when its topic is one of ``topics`` *or* its subject or
    tags contain one of ``keywords`` (case-insensitive); with neither given,
    every ticket does. ``queues``, ``channels`` and the time window, when
    given, restrict the match further. Tickets in ``ids`` always match
    (while open).
    """

    topics: frozenset[str] = frozenset()
    keywords: tuple[str, ...] = ()
    queues: frozenset[str] = frozenset()
    channels: frozenset[str] = frozenset()
    since: datetime | None = None
    until: datetime | None = None
    # Tickets that belong whatever their topic, words or age (a declared surge).
    ids: frozenset[TicketId] = frozenset()
    _lowered: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lowered = tuple(k.casefold() for k in self.keywords if k.strip())
        object.__setattr__(self, "_lowered", lowered)

    @classmethod
    def for_playbook(cls, playbook: Playbook, declared_at: datetime) -> TicketFilter:
        window = playbook.match.window
        return cls(
            topics=frozenset(playbook.match.topics),
            keywords=tuple(playbook.match.keywords),
            queues=frozenset(playbook.match.queues),
            channels=frozenset(playbook.match.channels),
            since=None if window is None else declared_at - window,
        )

    def matches(self, ticket: Ticket) -> bool:
        if not ticket.is_open:
            return False
        if ticket.id in self.ids:
            return True
        if self.queues and ticket.queue not in self.queues:
            return False
        if self.channels and ticket.channel.value not in self.channels:
            return False
        if self.since is not None and ticket.created_at < self.since:
            return False
        if self.until is not None and ticket.created_at > self.until:
            return False
        if not self.topics and not self._lowered:
            return True
        if ticket.topic in self.topics:
            return True
        haystack = " ".join((ticket.subject, *ticket.tags)).casefold()
        return any(keyword in haystack for keyword in self._lowered)


@dataclass(frozen=True, slots=True)
class MatchPreview:
    """The matching tickets (oldest first) and how many were left out
    because the incident already answered them."""

    ticket_ids: tuple[TicketId, ...]
    already_answered: int = 0

    @property
    def count(self) -> int:
        return len(self.ticket_ids)


def latest_by_id(tickets: Iterable[Ticket]) -> list[Ticket]:
    """Each ticket once, in its latest version. A full load is paged through
    a change feed: a ticket that changes while the pages are read comes back
    on a later page, so the same id may appear twice (open, then closed)."""
    latest: dict[TicketId, Ticket] = {}
    for ticket in tickets:
        seen = latest.get(ticket.id)
        if seen is None or ticket.updated_at >= seen.updated_at:
            latest[ticket.id] = ticket
    return list(latest.values())


def preview_matches(
    tickets: Iterable[Ticket], flt: TicketFilter, *, exclude: frozenset[TicketId] = frozenset()
) -> MatchPreview:
    """The matching tickets, each once (see :func:`latest_by_id`), oldest first."""
    matching = sorted(
        (t for t in latest_by_id(tickets) if flt.matches(t)), key=lambda t: (t.created_at, t.id)
    )
    kept = tuple(t.id for t in matching if t.id not in exclude)
    return MatchPreview(kept, len(matching) - len(kept))


def answered_ids(ctx: Context, incident_id: int) -> frozenset[TicketId]:
    """Tickets this incident replied to, or may have (unknown outcome, or an
    attempt still in flight): never answered twice by the bulk reply."""
    events = ctx.store.events(incident_id, actions=[Action.TICKET_REPLY.value])
    failed = {
        e.related_id
        for e in events
        if e.phase is Phase.OUTCOME and e.outcome in (Outcome.FAILED, Outcome.NOT_SUPPORTED)
    }
    return frozenset(
        TicketId(str(e.payload.get("ticket")))
        for e in events
        if e.phase is Phase.INTENT and e.id not in failed
    )


@dataclass(frozen=True, slots=True)
class BulkRendered:
    """The reply each ticket would get."""

    bodies: Mapping[TicketId, str]
    missing: tuple[str, ...] = ()


def render_replies(
    ctx: Context,
    incident: IncidentRecord,
    script_id: str,
    tickets: Sequence[Ticket],
    *,
    language: str,
    variables: Mapping[str, str] | None = None,
) -> BulkRendered:
    playbook = ctx.playbook(incident)
    template = script_of(playbook, script_id).text(language).joined()
    bodies: dict[TicketId, str] = {}
    try:
        for ticket in tickets:
            values = values_for(ctx, incident, playbook, language, variables, ticket=ticket)
            bodies[ticket.id] = render(template, values)
    except MissingVariables as exc:
        return BulkRendered({}, exc.names)
    return BulkRendered(bodies)


def bulk_reply(
    ctx: Context,
    change: ChangeBuilder,
    script_id: str,
    tickets: Sequence[Ticket],
    *,
    language: str,
    who: str,
    variables: Mapping[str, str] | None = None,
) -> None:
    """Reply to each ticket once; each ticket's outcome is logged. Tickets the
    incident already answered are skipped."""
    incident = change.incident
    script = script_of(ctx.playbook(incident), script_id)
    refusal = _refusal(ctx, script.channels)
    if refusal is not None:
        _refuse(ctx, change, who, refusal[0], refusal[1], {"script": script_id})
        return
    done = answered_ids(ctx, incident.id)
    todo = [t for t in tickets if t.id not in done]
    rendered = render_replies(
        ctx, incident, script_id, todo, language=language, variables=variables
    )
    if rendered.missing:
        payload = {"script": script_id, "missing": list(rendered.missing)}
        _refuse(ctx, change, who, Reason.MISSING_VARIABLES.value, Outcome.FAILED, payload)
        return
    claims = Claims("ticket")
    for ticket in todo:
        body = rendered.bodies[ticket.id]
        _reply_one(ctx, change, ticket.id, body, (script_id, language, who), claims)


def _reply_one(
    ctx: Context,
    change: ChangeBuilder,
    ticket_id: TicketId,
    body: str,
    how: tuple[str, str, str],
    claims: Claims,
) -> None:
    """Claim the ticket in the log, then reply. The claim fails when the
    ticket was answered (or may have been) since ``answered_ids`` was read:
    by another desk, or by a run that was killed mid-way; it is skipped."""
    script_id, language, who = how
    payload = {"ticket": ticket_id, "script": script_id, "language": language, "text": body}
    intent = ctx.journal.begin_once(change.incident.id, Action.TICKET_REPLY, who, payload, claims)
    if intent is None:
        return
    done = ctx.journal.finish(
        intent, lambda: ctx.backend.reply(ticket_id, body), target=ticket_id, judge=_judge
    )
    change.add(done.result, (intent, *done.events))


def _refuse(
    ctx: Context,
    change: ChangeBuilder,
    who: str,
    reason: str,
    outcome: Outcome,
    payload: Mapping[str, object],
) -> None:
    result, event = ctx.journal.refuse(
        change.incident.id, Action.TICKET_REPLY, who, reason, outcome=outcome, payload=payload
    )
    change.add(result, (event,))


def _refusal(ctx: Context, channels: Sequence[str]) -> tuple[str, Outcome] | None:
    if TICKETS_CHANNEL not in channels:
        return Reason.CHANNEL_NOT_ALLOWED.value, Outcome.FAILED
    why = ctx.backend.capabilities.why_not(Capability.TICKET_REPLY)
    return None if why is None else (why, Outcome.NOT_SUPPORTED)


def _judge(answer: ReplyOutcome) -> tuple[Outcome, str | None]:
    return (Outcome.OK, None) if answer.ok else (Outcome.FAILED, answer.error or "refused")
