"""The tables: incidents, and the append-only log of what happened in them.

An action with a side effect (switching the bot, a webhook, a reply to a
ticket) is written twice: an ``intent`` row *before* the side effect, then an
``outcome`` row that points back at it (``related_id``). An intent without an
outcome is an action whose result nobody saw (a crash, a kill): the startup
scan gives it an ``unknown`` outcome, so it is visible, never silent. Plain
facts (a note, a reminder) are single ``record`` rows.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    event,
)
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
    # ``at`` is on the backend's time base (compared with floor data); this
    # is the wall clock of the machine that wrote the row, beside it. NULL
    # in rows written before the column existed.
    wall_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Where ``at`` came from: backend | http_date | wall (cockpit.timebase.TimeBase).
    time_base: Mapped[str | None] = mapped_column(String(16))


class MetricSampleRow(Base):
    """One poll's figures for one queue (``queue == "*"``: the whole floor),
    or a roll-up of several polls (``step_s`` > 0). Counts are for the
    interval since the previous sample; levels are as seen at ``at`` (for a
    roll-up: their peak over the bucket). See :mod:`cockpit.store.samples`."""

    __tablename__ = "metric_samples"
    __table_args__ = (Index("ix_metric_samples_step_at", "step_s", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    # 0 for a raw poll sample; the bucket length for a roll-up.
    step_s: Mapped[int] = mapped_column(Integer)
    queue: Mapped[str] = mapped_column(String(64))
    samples: Mapped[int] = mapped_column(Integer)
    # Seconds the interval counts cover (0 for the first sample of a run).
    span_s: Mapped[float] = mapped_column(Float)
    open: Mapped[int] = mapped_column(Integer)
    waiting: Mapped[int] = mapped_column(Integer)
    oldest_wait_s: Mapped[float] = mapped_column(Float)
    breached: Mapped[int] = mapped_column(Integer)
    at_risk: Mapped[int] = mapped_column(Integer)
    service_level: Mapped[float | None] = mapped_column(Float)
    agents_available: Mapped[int] = mapped_column(Integer)
    agents_busy: Mapped[int] = mapped_column(Integer)
    agents_away: Mapped[int] = mapped_column(Integer)
    arrivals: Mapped[int] = mapped_column(Integer)
    resolutions: Mapped[int] = mapped_column(Integer)
    responses: Mapped[int] = mapped_column(Integer)
    responses_late: Mapped[int] = mapped_column(Integer)
    wait_sum_s: Mapped[float] = mapped_column(Float)
    wait_max_s: Mapped[float] = mapped_column(Float)
    bot_deflected: Mapped[int] = mapped_column(Integer)
    # The service level's parts (docs/metrics.md): counts over the interval …
    answered_in_target: Mapped[int] = mapped_column(Integer, server_default="0")
    answered_late: Mapped[int] = mapped_column(Integer, server_default="0")
    abandoned_past_target: Mapped[int] = mapped_column(Integer, server_default="0")
    # … and levels at ``at``; each SLA clock's breaches on its own.
    waiting_past_target: Mapped[int] = mapped_column(Integer, server_default="0")
    first_response_breached: Mapped[int] = mapped_column(Integer, server_default="0")
    resolution_breached: Mapped[int] = mapped_column(Integer, server_default="0")
    # Arrivals by topic and by kind ({"payment": 3}); NULL when none arrived.
    topics: Mapped[dict[str, int] | None] = mapped_column(JSON)
    kinds: Mapped[dict[str, int] | None] = mapped_column(JSON)


class AlertEventRow(Base):
    """An alert event (raised, cleared, acknowledged …) as the alert engine logged it."""

    __tablename__ = "alert_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    alert_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(24))
    rule: Mapped[str] = mapped_column(String(48))
    severity: Mapped[str] = mapped_column(String(16))
    queue: Mapped[str | None] = mapped_column(String(64))
    ticket: Mapped[str | None] = mapped_column(String(64))
    who: Mapped[str | None] = mapped_column(String(128))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)


class ReviewRow(Base):
    """The written parts of an incident's post-incident review."""

    __tablename__ = "incident_reviews"

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), primary_key=True)
    owner: Mapped[str] = mapped_column(String(128))
    summary: Mapped[str] = mapped_column(Text)
    causes: Mapped[str] = mapped_column(Text)
    resolution: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_by: Mapped[str] = mapped_column(String(128))


class ActionItemRow(Base):
    """A follow-up agreed in a review: what, who, by when, and whether done."""

    __tablename__ = "review_action_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(128))
    due: Mapped[date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AppendOnlyError(RuntimeError):
    """Someone tried to change or delete a row of the incident log."""


def _refuse(mapper: Mapper[Any], connection: Connection, target: EventRow) -> None:
    raise AppendOnlyError(f"incident event {target.id} is append-only")


event.listen(EventRow, "before_update", _refuse)
event.listen(EventRow, "before_delete", _refuse)
