"""What incident mode shows, read in one go on the database worker.

:func:`read_picture` runs off the GUI thread (through ``run_op``) and returns
an immutable :class:`IncidentPicture`: the open incident, its playbook, the
checklist, the new timeline events, the bot's state, what the backend
cannot do, and how many new tickets match the last bulk reply. The GUI then
only renders it; countdowns tick locally from the deadlines it carries
(:func:`live_status`), so no database call happens per second.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

from cockpit.domain import Ticket, TicketId
from cockpit.incidents.checklist import StepState, StepStatus
from cockpit.incidents.engine import IncidentEngine, TickResult
from cockpit.incidents.matching import MatchPreview, TicketFilter
from cockpit.incidents.model import Action
from cockpit.incidents.playbook import Playbook
from cockpit.incidents.queries import TeamChannelState
from cockpit.store.incidents import EventRecord, IncidentRecord, Outcome, Phase


@runtime_checkable
class IncidentHost(Protocol):
    """The part of the runtime incident mode needs (``cockpit.runtime.Runtime``)."""

    def subscribe_incidents(self, *, on_tick: Callable[[TickResult], None]) -> None: ...
    def require_engine(self) -> IncidentEngine: ...
    def open_tickets(self) -> list[Ticket]: ...
    def run_op(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]: ...


class BotState(StrEnum):
    ON = "on"  # the incident switched the auto-reply on
    OFF = "off"  # as it was before the incident
    UNKNOWN = "unknown"  # the last switch has no known outcome
    NOT_SUPPORTED = "not_supported"  # the backend cannot switch it


@dataclass(frozen=True, slots=True)
class BulkPlan:
    """How the last "one reply to many tickets" was made, to repeat it for
    the tickets that arrived since."""

    flt: TicketFilter
    script_id: str
    language: str


@dataclass(frozen=True, slots=True)
class IncidentPicture:
    incident: IncidentRecord | None
    playbook: Playbook | None
    playbooks: tuple[Playbook, ...]
    # Other open incidents (one per kind), besides the one shown.
    others: tuple[IncidentRecord, ...] = ()
    checklist: tuple[StepState, ...] = ()
    # step id → who completed it last.
    done_by: Mapping[str, str] = field(default_factory=dict)
    # Events newer than the ``after_id`` asked for (all of them when None).
    events: tuple[EventRecord, ...] = ()
    bot: BotState = BotState.OFF
    # op → reason code, for ops this backend cannot do.
    unavailable: Mapping[str, str] = field(default_factory=dict)
    channels: tuple[TeamChannelState, ...] = ()
    published: tuple[str, ...] = ()
    plan: BulkPlan | None = None
    new_matches: MatchPreview | None = None
    read_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TicketSample:
    id: TicketId
    subject: str
    queue: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class BulkPreview:
    """A bulk-reply preview with a few sample tickets to show."""

    match: MatchPreview
    samples: tuple[TicketSample, ...]


def read_picture(
    engine: IncidentEngine,
    tickets: Callable[[], Iterable[Ticket]],
    *,
    incident_id: int | None = None,
    after_id: int | None = None,
    plan: BulkPlan | None = None,
) -> IncidentPicture:
    """The incident to show (``incident_id`` while it is open, else the most
    recently declared open one) and everything about it. Reads only."""
    active = engine.active()
    playbooks = tuple(engine.playbooks())
    unavailable = engine.unavailable_ops()
    chosen = next((i for i in active if i.id == incident_id), active[-1] if active else None)
    if chosen is None:
        return IncidentPicture(None, None, playbooks, unavailable=unavailable)
    if chosen.id != incident_id:
        after_id = None  # another incident: its whole timeline
    now = engine.ctx.clock.now()
    store = engine.ctx.store
    steps = store.events(chosen.id, actions=[Action.STEP_DONE.value, Action.STATUS_UPDATE.value])
    switches = store.events(chosen.id, actions=[Action.BOT_ON.value, Action.BOT_RESTORE.value])
    replies = store.events(chosen.id, actions=[Action.TICKET_REPLY.value])
    plan = plan or _plan_from_log(engine, chosen.id, replies)
    new_matches = None
    if plan is not None and "bulk_reply" not in unavailable:
        new_matches = engine.preview_bulk_reply(chosen.id, tickets(), flt=plan.flt)
    return IncidentPicture(
        incident=chosen,
        playbook=engine.playbook_of(chosen.id),
        playbooks=playbooks,
        others=tuple(i for i in active if i.id != chosen.id),
        checklist=engine.checklist(chosen.id, now),
        done_by=done_by(steps),
        events=tuple(engine.timeline(chosen.id, after_id=after_id)),
        bot=BotState.NOT_SUPPORTED if "bot" in unavailable else bot_state(switches),
        unavailable=unavailable,
        channels=tuple(engine.team_channels(chosen.id)),
        published=tuple(engine.published_scripts(chosen.id)),
        plan=plan,
        new_matches=new_matches,
        read_at=now,
    )


def _plan_from_log(
    engine: IncidentEngine, incident_id: int, replies: Sequence[EventRecord]
) -> BulkPlan | None:
    """After a restart: the playbook's filter with the last script used."""
    intents = [e for e in replies if e.phase is Phase.INTENT]
    if not intents:
        return None
    last = intents[-1].payload
    return BulkPlan(
        engine.ticket_filter(incident_id),
        str(last.get("script")),
        str(last.get("language") or "zh_CN"),
    )


def done_by(events: Iterable[EventRecord]) -> dict[str, str]:
    """step id → who completed it last (status updates complete ``status_update``)."""
    found: dict[str, str] = {}
    for event in events:
        if event.action == Action.STEP_DONE:
            found[str(event.payload.get("step"))] = event.who
        elif event.action == Action.STATUS_UPDATE:
            found["status_update"] = event.who
    return found


def bot_state(events: Iterable[EventRecord]) -> BotState:
    """From the incident's bot switches: on after a confirmed switch on, off
    after a confirmed restore (or before any), unknown after an unknown one."""
    state = BotState.OFF
    for event in events:
        if event.phase is not Phase.OUTCOME:
            continue
        if event.outcome is Outcome.OK:
            state = BotState.ON if event.action == Action.BOT_ON else BotState.OFF
        elif event.outcome is Outcome.UNKNOWN:
            state = BotState.UNKNOWN
    return state


def live_status(state: StepState, now: datetime, remind_before: timedelta) -> StepStatus:
    """The step's status at ``now`` (the GUI's clock), from its deadline."""
    if state.status in (StepStatus.DONE, StepStatus.CLOSED, StepStatus.OPEN):
        return state.status
    if state.due_at is None:
        return StepStatus.OPEN
    if now >= state.due_at:
        return StepStatus.OVERDUE
    if now >= state.due_at - remind_before:
        return StepStatus.DUE_SOON
    return StepStatus.UPCOMING


def overdue_count(picture: IncidentPicture, now: datetime) -> int:
    if picture.playbook is None:
        return 0
    before = picture.playbook.remind_before
    return sum(1 for s in picture.checklist if live_status(s, now, before) is StepStatus.OVERDUE)


def preview_bulk(
    engine: IncidentEngine,
    tickets: Iterable[Ticket],
    incident_id: int,
    flt: TicketFilter,
    *,
    samples: int = 5,
) -> BulkPreview:
    """How many open tickets match ``flt`` and are not answered yet, with the
    newest few as samples."""
    pool = list(tickets)
    match = engine.preview_bulk_reply(incident_id, pool, flt=flt)
    by_id = {t.id: t for t in pool}
    newest = [by_id[i] for i in reversed(match.ticket_ids[-samples:]) if i in by_id]
    return BulkPreview(
        match,
        tuple(TicketSample(t.id, t.subject, str(t.queue), t.created_at) for t in newest),
    )


def current_user() -> str:
    """Who acts, as written in the incident log: the login name."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "cockpit"
