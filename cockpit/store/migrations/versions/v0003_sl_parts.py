"""The service level's parts and each SLA clock's breaches on metric samples.

Counts over the sample's interval: first responses in and after their
target, tickets finished unanswered after their first-response target.
Levels at the sample's time: customers waiting past their first-response
target, open first-response and resolution clocks past due. Rows recorded
before this revision read 0.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    "answered_in_target",
    "answered_late",
    "abandoned_past_target",
    "waiting_past_target",
    "first_response_breached",
    "resolution_breached",
)


def upgrade() -> None:
    with op.batch_alter_table("metric_samples") as batch:
        for name in COLUMNS:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("metric_samples") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
