"""The incident repository: incidents and their append-only event log.

Every method opens and commits its own short transaction and returns frozen
records, never ORM objects, so results can cross threads. Call the writing
methods from the one database writer thread (``Executors.db``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum, StrEnum
from typing import Any, Literal

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased, sessionmaker

from cockpit.clock import Clock, SystemClock
from cockpit.store.db import make_engine, upgrade, writer
from cockpit.store.models import EventRow, IncidentRow


class Phase(StrEnum):
    INTENT = "intent"  # written before a side effect
    OUTCOME = "outcome"  # written after it, pointing at its intent
    RECORD = "record"  # a plain fact: a note, a reminder, a declaration


class Outcome(StrEnum):
    PENDING = "pending"  # an intent whose outcome is not yet known
    OK = "ok"
    FAILED = "failed"
    UNKNOWN = "unknown"  # it may or may not have happened
    NOT_SUPPORTED = "not_supported"  # the backend cannot do it; nothing was tried


class Keep(Enum):
    """Marker: leave a column as it is."""

    KEEP = "keep"


class UnknownIncident(LookupError):
    def __init__(self, incident_id: int) -> None:
        super().__init__(f"no incident {incident_id}")
        self.incident_id = incident_id


@dataclass(frozen=True, slots=True)
class IncidentRecord:
    id: int
    kind: str
    playbook_id: str
    playbook: Mapping[str, Any] = field(repr=False)
    severity: str
    summary: str
    declared_at: datetime
    declared_by: str
    variables: Mapping[str, str] = field(default_factory=dict)
    saved_auto_reply: Mapping[str, Any] | None = None
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    resolution: str | None = None

    @property
    def active(self) -> bool:
        return self.resolved_at is None


@dataclass(frozen=True, slots=True)
class EventRecord:
    id: int
    incident_id: int
    at: datetime
    who: str
    action: str
    phase: Phase
    outcome: Outcome
    payload: Mapping[str, Any] = field(default_factory=dict)
    related_id: int | None = None
    # The wall clock beside ``at`` (which is on the backend's time base), and
    # which base that is (backend | http_date | wall); None in older rows.
    wall_at: datetime | None = None
    time_base: str | None = None


def _incident(row: IncidentRow) -> IncidentRecord:
    return IncidentRecord(
        id=row.id,
        kind=row.kind,
        playbook_id=row.playbook_id,
        playbook=row.playbook,
        severity=row.severity,
        summary=row.summary,
        declared_at=row.declared_at,
        declared_by=row.declared_by,
        variables=dict(row.variables or {}),
        saved_auto_reply=row.saved_auto_reply,
        resolved_at=row.resolved_at,
        resolved_by=row.resolved_by,
        resolution=row.resolution,
    )


def _event(row: EventRow) -> EventRecord:
    return EventRecord(
        id=row.id,
        incident_id=row.incident_id,
        at=row.at,
        who=row.who,
        action=row.action,
        phase=Phase(row.phase),
        outcome=Outcome(row.outcome),
        payload=dict(row.payload or {}),
        related_id=row.related_id,
        wall_at=row.wall_at,
        time_base=row.time_base,
    )


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event to append; ``related_id`` links an outcome to its intent."""

    action: str
    who: str
    at: datetime
    phase: Phase = Phase.RECORD
    outcome: Outcome = Outcome.OK
    payload: Mapping[str, Any] = field(default_factory=dict)
    related_id: int | None = None


# Outcomes after which the same action may be tried again.
_RETRYABLE = (Outcome.FAILED.value, Outcome.NOT_SUPPORTED.value)


@dataclass
class Claims:
    """Which ``payload[key]`` values (tickets) an action holds in one
    incident's log, read incrementally by :meth:`IncidentStore.append_once`.
    One per run of the action (a bulk reply); not shared between threads."""

    key: str
    seen_id: int = 0
    live: dict[int, str] = field(default_factory=dict)  # intent id → value
    taken: Counter[str] = field(default_factory=Counter)

    def seen(
        self,
        event_id: int,
        phase: str,
        outcome: str,
        related_id: int | None,
        payload: Mapping[str, Any] | None,
    ) -> None:
        self.seen_id = max(self.seen_id, event_id)
        if phase == Phase.INTENT.value:
            value = str((payload or {}).get(self.key))
            self.live[event_id] = value
            self.taken[value] += 1
        elif phase == Phase.OUTCOME.value and outcome in _RETRYABLE and related_id is not None:
            freed = self.live.pop(related_id, None)
            if freed is not None:
                self.taken[freed] -= 1


class IncidentStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # What the events' ``at`` is on, asked at each write (the engine's
        # clock: ``cockpit.timebase``); None leaves ``time_base`` empty.
        self.time_base: Callable[[], str] | None = None
        # The wall clock stamped beside it (``wall_at``).
        self.wall_clock: Clock = SystemClock()
        # Read-modify-write transactions: the incident row is locked (FOR
        # UPDATE on PostgreSQL, BEGIN IMMEDIATE on SQLite) so that two desks
        # writing one incident serialize instead of losing an update.
        self._writers = sessionmaker(writer(engine), expire_on_commit=False)

    @classmethod
    def open(cls, url: str | None = None) -> IncidentStore:
        """Connect to ``url`` (the default SQLite file when None) and migrate."""
        engine = make_engine(url)
        upgrade(engine)
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def _locked(self, incident_id: int) -> Iterator[tuple[Session, IncidentRow]]:
        with self._writers.begin() as session:
            row = session.get(IncidentRow, incident_id, with_for_update=True)
            if row is None:
                raise UnknownIncident(incident_id)
            yield session, row

    # --- incidents ---------------------------------------------------------------

    def create(
        self,
        *,
        kind: str,
        playbook_id: str,
        playbook: Mapping[str, Any],
        severity: str,
        summary: str,
        variables: Mapping[str, str],
        declared: NewEvent,
    ) -> tuple[IncidentRecord, EventRecord] | None:
        """A new open incident and its first event, in one transaction; None
        when an incident of this kind is already open."""
        try:
            with self._session() as session:
                row = IncidentRow(
                    kind=kind,
                    active_kind=kind,
                    playbook_id=playbook_id,
                    playbook=dict(playbook),
                    severity=severity,
                    summary=summary,
                    declared_at=declared.at,
                    declared_by=declared.who,
                    variables=dict(variables),
                )
                session.add(row)
                session.flush()
                first = self._add(session, row.id, declared)
                return _incident(row), _event(first)
        except IntegrityError:
            return None

    def get(self, incident_id: int) -> IncidentRecord:
        with self._session() as session:
            row = session.get(IncidentRow, incident_id)
            if row is None:
                raise UnknownIncident(incident_id)
            return _incident(row)

    def active(self, kind: str | None = None) -> list[IncidentRecord]:
        query = select(IncidentRow).where(IncidentRow.active_kind.is_not(None))
        if kind is not None:
            query = query.where(IncidentRow.active_kind == kind)
        with self._session() as session:
            rows = session.scalars(query.order_by(IncidentRow.declared_at, IncidentRow.id))
            return [_incident(row) for row in rows]

    def recent(self, limit: int = 50) -> list[IncidentRecord]:
        query = select(IncidentRow).order_by(IncidentRow.id.desc()).limit(limit)
        with self._session() as session:
            return [_incident(row) for row in session.scalars(query)]

    def update(
        self,
        incident_id: int,
        *,
        event: NewEvent | None = None,
        saved_auto_reply: Mapping[str, Any] | Literal[Keep.KEEP] | None = Keep.KEEP,
        variables: Mapping[str, str] | None = None,
        merge_variables: Callable[[Mapping[str, str]], Mapping[str, str]] | None = None,
        save_auto_reply_once: Mapping[str, Any] | None = None,
        resolved: tuple[datetime, str, str] | None = None,
    ) -> tuple[IncidentRecord, EventRecord | None]:
        """Change the incident row and append ``event`` in one transaction.

        ``saved_auto_reply`` is stored when given (None clears it) and left
        alone by default. ``merge_variables`` turns the variables as stored now
        into the new ones, inside the lock (another desk's changes are kept).
        ``save_auto_reply_once`` is stored only when no state is saved yet
        (the first switch's "before" wins, whichever desk made it).
        ``resolved`` is (at, who, summary); on an incident another desk
        resolved meanwhile nothing changes and ``event`` is not written.
        """
        with self._locked(incident_id) as (session, row):
            if resolved is not None and row.resolved_at is not None:
                return _incident(row), None
            if save_auto_reply_once is not None and row.saved_auto_reply is None:
                row.saved_auto_reply = dict(save_auto_reply_once)
            if saved_auto_reply is not Keep.KEEP:
                saved = saved_auto_reply
                row.saved_auto_reply = None if saved is None else dict(saved)
            if variables is not None:
                row.variables = dict(variables)
            if merge_variables is not None:
                row.variables = dict(merge_variables(row.variables or {}))
            if resolved is not None:
                row.resolved_at, row.resolved_by, row.resolution = resolved
                row.active_kind = None
            added = None if event is None else _event(self._add(session, row.id, event))
            session.flush()
            return _incident(row), added

    # --- events -------------------------------------------------------------------

    def append(self, incident_id: int, event: NewEvent) -> EventRecord:
        with self._session() as session:
            return _event(self._add(session, incident_id, event))

    def settle(
        self,
        intent: EventRecord,
        outcome: Outcome,
        *,
        at: datetime,
        payload: Mapping[str, Any] | None = None,
        who: str | None = None,
    ) -> EventRecord:
        """The outcome row of ``intent``."""
        return self.append(
            intent.incident_id,
            NewEvent(
                action=intent.action,
                who=who or intent.who,
                at=at,
                phase=Phase.OUTCOME,
                outcome=outcome,
                payload=payload or {},
                related_id=intent.id,
            ),
        )

    def append_once(self, incident_id: int, intent: NewEvent, claims: Claims) -> EventRecord | None:
        """Append ``intent`` unless an intent of the same action with the same
        ``payload[claims.key]`` (a ticket) is already there and did not fail:
        it succeeded, may have, or is in flight at another desk. None then.

        One locked transaction, so two desks cannot both claim a ticket and a
        run after a kill never repeats what an earlier run started. ``claims``
        carries what earlier calls of the same run read: each call reads only
        the events logged since.
        """
        value = str(intent.payload[claims.key])
        newer = (
            select(EventRow.id, EventRow.phase, EventRow.outcome, EventRow.related_id)
            .add_columns(EventRow.payload)
            .where(
                EventRow.incident_id == incident_id,
                EventRow.action == intent.action,
                EventRow.id > claims.seen_id,
            )
            .order_by(EventRow.id)
        )
        lock = select(IncidentRow.id).where(IncidentRow.id == incident_id).with_for_update()
        with self._writers.begin() as session:
            if session.scalar(lock) is None:  # (the playbook column is large: not loaded)
                raise UnknownIncident(incident_id)
            for event_id, phase, outcome, related_id, payload in session.execute(newer):
                claims.seen(event_id, phase, outcome, related_id, payload)
            if claims.taken[value] > 0:
                return None
            row = self._add(session, incident_id, intent)
            claims.seen(row.id, Phase.INTENT.value, Outcome.PENDING.value, None, row.payload)
            return _event(row)

    def _add(self, session: Session, incident_id: int, event: NewEvent) -> EventRow:
        base = self.time_base
        row = EventRow(
            incident_id=incident_id,
            at=event.at,
            who=event.who,
            action=event.action,
            phase=event.phase.value,
            outcome=event.outcome.value,
            related_id=event.related_id,
            payload=dict(event.payload),
            wall_at=self.wall_clock.now(),
            time_base=None if base is None else base(),
        )
        session.add(row)
        session.flush()
        return row

    def events(
        self,
        incident_id: int,
        *,
        actions: Iterable[str] | None = None,
        after_id: int | None = None,
    ) -> list[EventRecord]:
        """The incident's log in order; optionally only some actions, or only
        events newer than ``after_id`` (for incremental timeline refreshes)."""
        query = select(EventRow).where(EventRow.incident_id == incident_id)
        if actions is not None:
            query = query.where(EventRow.action.in_(list(actions)))
        if after_id is not None:
            query = query.where(EventRow.id > after_id)
        with self._session() as session:
            return [_event(row) for row in session.scalars(query.order_by(EventRow.id))]

    def dangling_intents(self) -> list[EventRecord]:
        """Intents that never got an outcome: actions interrupted mid-way."""
        outcome = aliased(EventRow)
        query = (
            select(EventRow)
            .outerjoin(outcome, outcome.related_id == EventRow.id)
            .where(EventRow.phase == Phase.INTENT.value, outcome.id.is_(None))
            .order_by(EventRow.id)
        )
        with self._session() as session:
            return [_event(row) for row in session.scalars(query)]
