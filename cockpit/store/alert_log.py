"""The alert log kept in the database, so that a review can tell what the
floor's alerts said before an incident was declared.

:class:`DbAlertLog` is an :class:`~cockpit.alerts.AlertLog`: it keeps the
events in memory like :class:`~cockpit.alerts.MemoryAlertLog` (listeners,
``events(since)``) and hands each one to the database writer, so the alert
engine (on the poll worker) never waits on the database.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from cockpit.alerts import AlertEvent, AlertListener, MemoryAlertLog
from cockpit.store.models import AlertEventRow

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AlertRecord:
    """An alert event as stored."""

    at: datetime
    alert_id: str
    kind: str
    rule: str
    severity: str
    queue: str | None = None
    ticket: str | None = None
    who: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


def _record(row: AlertEventRow) -> AlertRecord:
    return AlertRecord(
        row.at,
        row.alert_id,
        row.kind,
        row.rule,
        row.severity,
        row.queue,
        row.ticket,
        row.who,
        dict(row.details or {}),
    )


class AlertStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def add(self, event: AlertEvent) -> None:
        alert = event.alert
        with self._session() as session:
            session.add(
                AlertEventRow(
                    at=event.at,
                    alert_id=alert.id,
                    kind=event.kind.value,
                    rule=alert.rule.value,
                    severity=alert.severity.value,
                    queue=alert.queue,
                    ticket=alert.ticket,
                    who=event.who,
                    details=dict(alert.details),
                )
            )

    def events(
        self,
        start: datetime,
        end: datetime,
        *,
        kinds: Collection[str] | None = None,
        rules: Collection[str] | None = None,
    ) -> list[AlertRecord]:
        """Stored events with ``start <= at <= end``, oldest first."""
        query = select(AlertEventRow).where(AlertEventRow.at >= start, AlertEventRow.at <= end)
        if kinds is not None:
            query = query.where(AlertEventRow.kind.in_(list(kinds)))
        if rules is not None:
            query = query.where(AlertEventRow.rule.in_(list(rules)))
        with self._session() as session:
            rows = session.scalars(query.order_by(AlertEventRow.at, AlertEventRow.id))
            return [_record(r) for r in rows]


class DbAlertLog:
    """An AlertLog that also writes every event through ``executor``."""

    def __init__(self, store: AlertStore, executor: Executor) -> None:
        self._store = store
        self._executor = executor
        self._memory = MemoryAlertLog()

    def subscribe(self, listener: AlertListener) -> None:
        self._memory.subscribe(listener)

    def append(self, event: AlertEvent) -> None:
        self._memory.append(event)
        try:
            self._executor.submit(self._write, event)
        except RuntimeError:  # the executor is shut down: the app is closing
            log.debug("alert event %s not stored: shutting down", event.seq)

    def _write(self, event: AlertEvent) -> None:
        try:
            self._store.add(event)
        except Exception:
            log.exception("could not store an alert event")

    def events(self, since: int = 0) -> tuple[AlertEvent, ...]:
        return self._memory.events(since)
