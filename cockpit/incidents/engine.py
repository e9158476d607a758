"""The incident engine: declare → automatic steps → broadcasts, bot, bulk
replies, checklist → resolve → restore.

Every op is a small synchronous function that the UI or the command line
runs on the database executor; it returns a :class:`Change` saying what
happened. Every side effect is logged before it happens and its outcome
after (see :mod:`cockpit.incidents.journal`). Queries return plain data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from cockpit.backends.base import TicketBackend
from cockpit.clock import Clock, SystemClock
from cockpit.domain import Ticket, TicketId
from cockpit.incidents import bot, broadcast, delivery, matching
from cockpit.incidents.checklist import (
    IncidentAlert,
    Reminder,
    overdue_alerts,
    reminder_key,
    reminders_due,
    steps_of,
)
from cockpit.incidents.context import Context, RetryPolicy, split_language
from cockpit.incidents.journal import SYSTEM, recover_interrupted
from cockpit.incidents.model import Action, Change, ChangeBuilder, Severity, Target
from cockpit.incidents.playbook import LANGUAGES, Playbook, PlaybookLibrary
from cockpit.incidents.queries import IncidentQueries, incident_checklist
from cockpit.incidents.templating import MissingVariables
from cockpit.incidents.webhooks import WebhookSender
from cockpit.store.incidents import (
    EventRecord,
    IncidentRecord,
    IncidentStore,
    NewEvent,
    Outcome,
)

log = logging.getLogger(__name__)


class UnknownStep(LookupError):
    def __init__(self, step_id: str) -> None:
        super().__init__(f"the checklist has no step {step_id!r}")
        self.step_id = step_id


class IncidentNotActive(ValueError):
    """An op that needs an open incident was asked of a resolved one."""

    def __init__(self, incident_id: int) -> None:
        super().__init__(f"incident {incident_id} is resolved")
        self.incident_id = incident_id


@dataclass(frozen=True, slots=True)
class TickResult:
    reminders: tuple[Reminder, ...] = ()
    alerts: tuple[IncidentAlert, ...] = ()
    # Reminder events and retried deliveries, per incident.
    changes: tuple[Change, ...] = ()


class IncidentEngine(IncidentQueries):
    def __init__(
        self,
        store: IncidentStore,
        backend: TicketBackend,
        *,
        library: PlaybookLibrary,
        clock: Clock | None = None,
        set_poll_interval: Callable[[float], None] | None = None,
        normal_poll_interval: float = 5.0,
        webhooks: WebhookSender | None = None,
        retry: RetryPolicy | None = None,
        zone: tzinfo = UTC,
    ) -> None:
        self.library = library
        self._own_webhooks = webhooks is None
        self.ctx = Context(
            store=store,
            backend=backend,
            clock=clock or SystemClock(),
            webhooks=webhooks or WebhookSender(),
            retry=retry or RetryPolicy(),
            zone=zone,
        )
        self._set_poll_interval = set_poll_interval
        self._normal_interval = normal_poll_interval
        self._interval: float | None = None

    def close(self) -> None:
        if self._own_webhooks:
            self.ctx.webhooks.close()

    # --- start-up ---------------------------------------------------------------

    def recover(self) -> list[EventRecord]:
        """At start: settle interrupted actions as ``unknown`` (visible in the
        timeline; an interrupted bot switch also notes what the backend shows
        now, see :func:`bot.reconcile`) and poll at the pace the open
        incidents ask for."""
        settled = recover_interrupted(self.ctx.store, self.ctx.clock, bot.observer(self.ctx))
        bot.reconcile(self.ctx, settled)
        for event in settled:
            log.warning("incident %s: %s was interrupted", event.incident_id, event.action)
        self._apply_poll_interval()
        return settled

    # --- declare and resolve ------------------------------------------------------

    def declare(
        self,
        playbook_id: str,
        *,
        summary: str,
        who: str,
        severity: Severity | None = None,
        variables: Mapping[str, str] | None = None,
        auto: bool = True,
        languages: Sequence[str] = LANGUAGES,
        tickets: Collection[TicketId] | None = None,
    ) -> Change:
        """Open an incident from a playbook and run its automatic steps; joins
        the open incident instead when one of the same kind exists.
        ``tickets`` (a suggested incident's surge) belong to its match too."""
        playbook = self.playbook(playbook_id)
        level = severity or Severity(playbook.severity)
        linked = sorted(tickets or ())
        for _ in range(2):  # a lost race with another desk ends in a join
            existing = self.ctx.store.active(playbook.kind)
            if existing:
                return self._join(existing[0], playbook, summary, level, who, linked)
            created = self._create(playbook, summary, level, who, variables or {}, linked)
            if created is not None:
                break
        else:
            raise RuntimeError("could neither declare nor join")  # pragma: no cover
        change = ChangeBuilder(created[0], [created[1]])
        self._apply_poll_interval()
        if auto:
            self._auto_steps(change, playbook, who, languages)
        return change.build()

    def _create(
        self,
        playbook: Playbook,
        summary: str,
        level: Severity,
        who: str,
        variables: Mapping[str, str],
        tickets: list[TicketId],
    ) -> tuple[IncidentRecord, EventRecord] | None:
        payload: dict[str, object] = {
            "playbook": playbook.id,
            "version": playbook.version,
            "severity": level.value,
            "summary": summary,
            "variables": dict(variables),
        }
        if tickets:
            payload["tickets"] = list(tickets)
        return self.ctx.store.create(
            kind=playbook.kind,
            playbook_id=playbook.id,
            playbook=playbook.to_json(),
            severity=level.value,
            summary=summary,
            variables=variables,
            declared=NewEvent(Action.DECLARE.value, who, self.ctx.clock.now(), payload=payload),
        )

    def _join(
        self,
        incident: IncidentRecord,
        playbook: Playbook,
        summary: str,
        level: Severity,
        who: str,
        tickets: list[TicketId],
    ) -> Change:
        payload: dict[str, object] = {
            "playbook": playbook.id,
            "severity": level.value,
            "summary": summary,
        }
        if tickets:
            payload["tickets"] = list(tickets)
        event = self.ctx.journal.record(incident.id, Action.JOIN, who, payload)
        return Change(incident, (event,), joined=True)

    def _auto_steps(
        self, change: ChangeBuilder, playbook: Playbook, who: str, languages: Sequence[str]
    ) -> None:
        if playbook.auto.bot:
            self._bot_on(change, playbook, who, languages, None)
        for script_id in playbook.auto.publish:
            ready = broadcast.preview(
                self.ctx, change.incident, script_id, [Target.parse("agents")], languages=languages
            )
            broadcast.send(self.ctx, change, ready, who=who)
        if playbook.auto.notify_team and playbook.team is not None:
            delivery.notify_team(
                self.ctx, change, playbook.team.declared, who=who, languages=languages
            )

    def resolve(self, incident_id: int, *, summary: str, who: str) -> Change:
        """Put the bot back as it was, withdraw the incident's scripts, close
        the incident and tell the team. The restores come first, while the
        incident still holds its kind, so a new declaration cannot save the
        incident's own bot text as "the state before". Idempotent: on a
        resolved incident it only retries restores that failed before."""
        change = ChangeBuilder(self.ctx.store.get(incident_id))
        fresh = change.incident.active
        bot.restore(self.ctx, change, who=who)
        broadcast.withdraw_all(self.ctx, change, who=who)
        if fresh:
            now = self.ctx.clock.now()
            event = NewEvent(Action.RESOLVE.value, who, now, payload={"summary": summary})
            change.incident, written = self.ctx.store.update(
                incident_id, event=event, resolved=(now, who, summary)
            )
            change.add(None, (written,) if written else ())
            team = self.ctx.playbook(change.incident).team
            if team is not None and written is not None:  # None: another desk resolved it
                delivery.notify_team(self.ctx, change, team.resolved, who=who, languages=LANGUAGES)
        self._apply_poll_interval()
        return change.build()

    # --- records ------------------------------------------------------------------

    def note(self, incident_id: int, text: str, *, who: str) -> Change:
        """A free-text note, at any time (also after resolve, for the review)."""
        incident = self.ctx.store.get(incident_id)
        event = self.ctx.journal.record(incident_id, Action.NOTE, who, {"text": text})
        return Change(incident, (event,))

    def status_update(
        self, incident_id: int, text: str, *, who: str, notify: Sequence[str] = ()
    ) -> Change:
        """A status update (completes the status cadence), optionally posted
        to the named team chats of the playbook."""
        change = ChangeBuilder(self._active(incident_id))
        event = self.ctx.journal.record(incident_id, Action.STATUS_UPDATE, who, {"text": text})
        change.add(None, (event,))
        if notify:
            delivery.notify_team(
                self.ctx, change, text, who=who, languages=LANGUAGES, channels=notify
            )
        return change.build()

    def set_variables(self, incident_id: int, values: Mapping[str, str], *, who: str) -> Change:
        """Set script variables (``eta`` …, or ``eta.en`` for one language)
        for every later text of the incident."""
        self._active(incident_id)
        # A value for every language replaces that variable's per-language ones.
        plain = {split_language(k)[0] for k in values if split_language(k)[1] is None}

        def merge(stored: Mapping[str, str]) -> dict[str, str]:
            kept = {k: v for k, v in stored.items() if split_language(k)[0] not in plain}
            return {**kept, **values}

        event = NewEvent(Action.VARIABLES.value, who, self.ctx.clock.now(), payload=dict(values))
        # Merged with the variables as stored at write time: another desk's are kept.
        updated, written = self.ctx.store.update(incident_id, event=event, merge_variables=merge)
        return Change(updated, (written,) if written else ())

    def complete_step(
        self, incident_id: int, step_id: str, *, who: str, note: str | None = None
    ) -> Change:
        incident = self._active(incident_id)
        if step_id not in {s.id for s in steps_of(self.ctx.playbook(incident))}:
            raise UnknownStep(step_id)
        payload = {"step": step_id} if note is None else {"step": step_id, "note": note}
        event = self.ctx.journal.record(incident_id, Action.STEP_DONE, who, payload)
        return Change(incident, (event,))

    # --- bot and broadcasts -----------------------------------------------------------

    def bot_on(
        self,
        incident_id: int,
        *,
        who: str,
        languages: Sequence[str] = LANGUAGES,
        variables: Mapping[str, str] | None = None,
        message: str | None = None,
    ) -> Change:
        """Switch the auto-reply on with the playbook's text (or ``message``)."""
        change = ChangeBuilder(self._active(incident_id))
        playbook = self.ctx.playbook(change.incident)
        self._bot_on(change, playbook, who, languages, variables, message)
        return change.build()

    def _bot_on(
        self,
        change: ChangeBuilder,
        playbook: Playbook,
        who: str,
        languages: Sequence[str],
        variables: Mapping[str, str] | None,
        message: str | None = None,
    ) -> None:
        if message is None:
            try:
                message = bot.bot_text(self.ctx, change.incident, playbook, languages, variables)
            except MissingVariables as exc:
                result, event = self.ctx.journal.refuse(
                    change.incident.id,
                    Action.BOT_ON,
                    who,
                    "missing_variables",
                    target=bot.BOT_TARGET,
                    outcome=Outcome.FAILED,
                    payload={"missing": list(exc.names)},
                )
                change.add(result, (event,))
                return
        bot.switch_on(self.ctx, change, message=message, topics=playbook.bot.topics, who=who)

    def bot_off(self, incident_id: int, *, who: str) -> Change:
        """Put the auto-reply back to what it was before the incident."""
        change = ChangeBuilder(self.ctx.store.get(incident_id))
        bot.restore(self.ctx, change, who=who)
        return change.build()

    def broadcast(
        self,
        incident_id: int,
        script_id: str,
        *,
        targets: Sequence[Target],
        who: str,
        languages: Sequence[str] = LANGUAGES,
        variables: Mapping[str, str] | None = None,
    ) -> Change:
        change = ChangeBuilder(self._active(incident_id))
        ready = broadcast.preview(
            self.ctx, change.incident, script_id, targets, languages=languages, variables=variables
        )
        broadcast.send(self.ctx, change, ready, who=who)
        return change.build()

    # --- one reply to many tickets -------------------------------------------------------

    def bulk_reply(
        self,
        incident_id: int,
        script_id: str,
        *,
        tickets: Iterable[Ticket],
        who: str,
        language: str = "zh_CN",
        flt: matching.TicketFilter | None = None,
        only: Collection[TicketId] | None = None,
        variables: Mapping[str, str] | None = None,
    ) -> Change:
        """Reply with the script to every matching ticket not answered yet
        (``only`` narrows to the tickets the lead kept in the preview). Run it
        again later to answer the ones that arrived since."""
        change = ChangeBuilder(self._active(incident_id))
        flt = flt or self.ticket_filter(incident_id)
        chosen = [
            t
            for t in matching.latest_by_id(tickets)
            if flt.matches(t) and (only is None or t.id in only)
        ]
        chosen.sort(key=lambda t: (t.created_at, t.id))
        matching.bulk_reply(
            self.ctx, change, script_id, chosen, language=language, who=who, variables=variables
        )
        return change.build()

    # --- time -----------------------------------------------------------------------------

    def tick(self, now: datetime | None = None) -> TickResult:
        """Raise due reminders (each logged once), list overdue steps, and retry
        failed team-chat deliveries whose backoff has run out."""
        now = now or self.ctx.clock.now()
        reminders: list[Reminder] = []
        alerts: list[IncidentAlert] = []
        changes: list[Change] = []
        for incident in self.ctx.store.active():
            events = self.ctx.store.events(incident.id)
            playbook = self.ctx.playbook(incident)
            states = incident_checklist(playbook, incident, events, now)
            already = {reminder_key(e.payload) for e in events if e.action == Action.REMINDER}
            due = reminders_due(
                incident.id, states, now=now, remind_every=playbook.remind_every, already=already
            )
            written = [
                self.ctx.journal.record(r.incident_id, Action.REMINDER, SYSTEM, r.payload())
                for r in due
            ]
            if written:
                changes.append(Change(incident, tuple(written)))
            reminders.extend(due)
            alerts.extend(
                overdue_alerts(incident.id, incident.kind, incident.severity, states, now)
            )
        changes.extend(c.build() for c in delivery.retry_due(self.ctx, now, who=SYSTEM))
        return TickResult(tuple(reminders), tuple(alerts), tuple(changes))

    # --- helpers -----------------------------------------------------------------------------

    def _active(self, incident_id: int) -> IncidentRecord:
        incident = self.ctx.store.get(incident_id)
        if not incident.active:
            raise IncidentNotActive(incident_id)
        return incident

    def _apply_poll_interval(self) -> None:
        if self._set_poll_interval is None:
            return
        intervals = [
            self.ctx.playbook(i).poll_interval.total_seconds() for i in self.ctx.store.active()
        ]
        wanted = min(intervals) if intervals else self._normal_interval
        if wanted != self._interval:
            self._interval = wanted
            self._set_poll_interval(wanted)
