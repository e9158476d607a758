"""Incidents and the append-only incident event log.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("active_kind", sa.String(length=64), nullable=True),
        sa.Column("playbook_id", sa.String(length=64), nullable=False),
        sa.Column("playbook", sa.JSON(), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("declared_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("declared_by", sa.String(length=128), nullable=False),
        sa.Column("variables", sa.JSON(), nullable=False),
        sa.Column("saved_auto_reply", sa.JSON(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.String(length=128), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sa.UniqueConstraint("active_kind", name=op.f("uq_incidents_active_kind")),
    )
    op.create_index(op.f("ix_incidents_kind"), "incidents", ["kind"])
    op.create_index(op.f("ix_incidents_declared_at"), "incidents", ["declared_at"])
    op.create_table(
        "incident_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.String(length=128), nullable=False),
        sa.Column("action", sa.String(length=48), nullable=False),
        sa.Column("phase", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("related_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_events_incident_id_incidents"),
        ),
        sa.ForeignKeyConstraint(
            ["related_id"],
            ["incident_events.id"],
            name=op.f("fk_incident_events_related_id_incident_events"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_events")),
    )
    op.create_index(op.f("ix_incident_events_incident_id"), "incident_events", ["incident_id"])
    op.create_index(op.f("ix_incident_events_related_id"), "incident_events", ["related_id"])
    op.create_index(
        "ix_incident_events_incident_action", "incident_events", ["incident_id", "action"]
    )


def downgrade() -> None:
    op.drop_table("incident_events")
    op.drop_table("incidents")
