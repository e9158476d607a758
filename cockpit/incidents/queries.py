"""Read-only questions about incidents, shared by the engine, the UI and the
command line: playbooks, open incidents, timelines, checklists with
countdowns, overdue alerts, deliveries, broadcast and bulk-reply previews."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from cockpit.backends.base import Capability
from cockpit.domain import Ticket, TicketId
from cockpit.incidents import broadcast, delivery, matching
from cockpit.incidents.checklist import IncidentAlert, StepState, checklist_state, overdue_alerts
from cockpit.incidents.context import Context
from cockpit.incidents.model import Action, Target
from cockpit.incidents.playbook import LANGUAGES, Playbook, PlaybookLibrary
from cockpit.incidents.playbook_checks import STATUS_STEP
from cockpit.store.incidents import EventRecord, IncidentRecord


class UnknownPlaybook(LookupError):
    def __init__(self, playbook_id: str) -> None:
        super().__init__(f"no playbook {playbook_id!r}")
        self.playbook_id = playbook_id


@dataclass(frozen=True, slots=True)
class TeamChannelState:
    name: str
    service: str
    # False when no webhook URL is stored for it (keyring or environment).
    configured: bool


# Which backend capability each op needs (the UI greys out the rest).
OP_CAPABILITIES = {
    "bot": Capability.AUTO_REPLY,
    "publish_scripts": Capability.REPLY_SCRIPTS,
    "bulk_reply": Capability.TICKET_REPLY,
}


class IncidentQueries:
    """Reads only; safe to call from any worker thread."""

    ctx: Context
    library: PlaybookLibrary

    def playbooks(self) -> list[Playbook]:
        return self.library.listing()

    def playbook(self, playbook_id: str) -> Playbook:
        try:
            return self.library.get(playbook_id)
        except KeyError:
            raise UnknownPlaybook(playbook_id) from None

    def playbook_of(self, incident_id: int) -> Playbook:
        """The playbook as declared (later edits of the file do not apply)."""
        return self.ctx.playbook(self.ctx.store.get(incident_id))

    def active(self) -> list[IncidentRecord]:
        return self.ctx.store.active()

    def incident(self, incident_id: int) -> IncidentRecord:
        return self.ctx.store.get(incident_id)

    def recent(self, limit: int = 50) -> list[IncidentRecord]:
        return self.ctx.store.recent(limit)

    def timeline(self, incident_id: int, *, after_id: int | None = None) -> list[EventRecord]:
        return self.ctx.store.events(incident_id, after_id=after_id)

    def checklist(self, incident_id: int, now: datetime | None = None) -> tuple[StepState, ...]:
        incident = self.ctx.store.get(incident_id)
        events = self.ctx.store.events(
            incident_id, actions=[Action.STEP_DONE.value, Action.STATUS_UPDATE.value]
        )
        return incident_checklist(
            self.ctx.playbook(incident), incident, events, now or self.ctx.clock.now()
        )

    def overdue(self, now: datetime | None = None) -> list[IncidentAlert]:
        """Overdue checklist steps of every open incident (rule ``checklist_overdue``)."""
        now = now or self.ctx.clock.now()
        alerts: list[IncidentAlert] = []
        for incident in self.ctx.store.active():
            states = self.checklist(incident.id, now)
            alerts.extend(
                overdue_alerts(incident.id, incident.kind, incident.severity, states, now)
            )
        return alerts

    def deliveries(self, incident_id: int) -> list[delivery.DeliveryState]:
        events = self.ctx.store.events(incident_id, actions=[Action.WEBHOOK.value])
        return delivery.delivery_states(self.ctx, events)

    def answered_tickets(self, incident_id: int) -> frozenset[TicketId]:
        return matching.answered_ids(self.ctx, incident_id)

    def published_scripts(self, incident_id: int) -> list[str]:
        return broadcast.published_ids(self.ctx, incident_id)

    def unavailable_ops(self) -> dict[str, str]:
        """Ops the backend cannot do, with its reason code (``bot``,
        ``publish_scripts``, ``bulk_reply``); absent means available."""
        capabilities = self.ctx.backend.capabilities
        found = {op: capabilities.why_not(cap) for op, cap in OP_CAPABILITIES.items()}
        return {op: why for op, why in found.items() if why is not None}

    def team_channels(self, incident_id: int) -> list[TeamChannelState]:
        playbook = self.playbook_of(incident_id)
        channels = playbook.team.channels if playbook.team else []
        return [
            TeamChannelState(c.name, c.service, self.ctx.webhooks.configured(c.name))
            for c in channels
        ]

    def restore_pending(self, incident_id: int) -> bool:
        """True when a resolved incident could not yet put the bot back."""
        incident = self.ctx.store.get(incident_id)
        return not incident.active and incident.saved_auto_reply is not None

    def preview_broadcast(
        self,
        incident_id: int,
        script_id: str,
        *,
        targets: Sequence[Target],
        languages: Sequence[str] = LANGUAGES,
        variables: Mapping[str, str] | None = None,
    ) -> broadcast.BroadcastPreview:
        """Exactly what each target would receive; nothing is sent or logged."""
        incident = self.ctx.store.get(incident_id)
        return broadcast.preview(
            self.ctx, incident, script_id, targets, languages=languages, variables=variables
        )

    def ticket_filter(self, incident_id: int) -> matching.TicketFilter:
        """The playbook's default selection for this incident, plus the
        tickets it was declared (or joined) with."""
        incident = self.ctx.store.get(incident_id)
        flt = matching.TicketFilter.for_playbook(self.ctx.playbook(incident), incident.declared_at)
        events = self.ctx.store.events(
            incident_id, actions=[Action.DECLARE.value, Action.JOIN.value]
        )
        ids = frozenset(TicketId(str(t)) for e in events for t in (e.payload.get("tickets") or ()))
        return replace(flt, ids=ids) if ids else flt

    def preview_bulk_reply(
        self,
        incident_id: int,
        tickets: Iterable[Ticket],
        *,
        flt: matching.TicketFilter | None = None,
    ) -> matching.MatchPreview:
        """Matching open tickets not answered yet by this incident (a count and ids)."""
        flt = flt or self.ticket_filter(incident_id)
        answered = matching.answered_ids(self.ctx, incident_id)
        return matching.preview_matches(tickets, flt, exclude=answered)


def incident_checklist(
    playbook: Playbook, incident: IncidentRecord, events: Iterable[EventRecord], now: datetime
) -> tuple[StepState, ...]:
    """The checklist of ``incident`` at ``now``, from its step and status events."""
    done: dict[str, list[datetime]] = {}
    for event in events:
        if event.action == Action.STEP_DONE:
            done.setdefault(str(event.payload.get("step")), []).append(event.at)
        elif event.action == Action.STATUS_UPDATE:
            done.setdefault(STATUS_STEP, []).append(event.at)
    return checklist_state(
        playbook,
        declared_at=incident.declared_at,
        completions=done,
        now=now,
        resolved_at=incident.resolved_at,
    )
