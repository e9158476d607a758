"""The tables: incidents, and the append-only log of what happened in them.

An action with a side effect (switching the bot, a webhook, a reply to a
ticket) is written twice: an ``intent`` row *before* the side effect, then an
``outcome`` row that points back at it (``related_id``). An intent without an
outcome is an action whose result nobody saw (a crash, a kill): the startup
scan gives it an ``unknown`` outcome, so it is visible, never silent. Plain
facts (a note, a reminder) are single ``record`` rows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, MetaData, String, Text, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column

from cockpit.store.types import UtcDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class IncidentRow(Base):
    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(64), index=True)
    # The kind while the incident is open, NULL once resolved. Unique, so a
    # second open incident of one kind cannot exist (NULLs never collide).
    active_kind: Mapped[str | None] = mapped_column(String(64), unique=True)
    playbook_id: Mapped[str] = mapped_column(String(64))
    # The playbook as it was at declaration: later edits of the file do not
    # change a running incident or its review.
    playbook: Mapped[dict[str, Any]] = mapped_column(JSON)
    severity: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text)
    declared_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    declared_by: Mapped[str] = mapped_column(String(128))
    variables: Mapped[dict[str, str]] = mapped_column(JSON)
    # The backend's auto-reply before the incident switched it: restored on resolve.
    saved_auto_reply: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(128))
    resolution: Mapped[str | None] = mapped_column(Text)


class EventRow(Base):
    __tablename__ = "incident_events"
    __table_args__ = (Index("ix_incident_events_incident_action", "incident_id", "action"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    who: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(48))
    # intent | outcome | record
    phase: Mapped[str] = mapped_column(String(16))
    # pending (intents) | ok | failed | unknown | not_supported
    outcome: Mapped[str] = mapped_column(String(16))
    # For an outcome row: the intent it settles.
    related_id: Mapped[int | None] = mapped_column(ForeignKey("incident_events.id"), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class AppendOnlyError(RuntimeError):
    """Someone tried to change or delete a row of the incident log."""


def _refuse(mapper: Mapper[Any], connection: Connection, target: EventRow) -> None:
    raise AppendOnlyError(f"incident event {target.id} is append-only")


event.listen(EventRow, "before_update", _refuse)
event.listen(EventRow, "before_delete", _refuse)
