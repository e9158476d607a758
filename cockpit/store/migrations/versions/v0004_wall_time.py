"""Incident events keep the wall time beside the backend's time, and say
which time base ``at`` is on.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("incident_events") as batch:
        batch.add_column(sa.Column("wall_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("time_base", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("incident_events") as batch:
        batch.drop_column("time_base")
        batch.drop_column("wall_at")
