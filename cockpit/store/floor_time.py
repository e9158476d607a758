"""The latest floor time the database has seen: "now" for a review built
where there is no backend to ask (the ``review`` verb, the review view).

The samples and the incident log are on the backend's time base, which may
run ahead of the wall clock (an accelerated simulator) or behind it; a
review cut at the wall clock would drop a recovery window that was in fact
recorded.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, func, select

from cockpit.store.models import EventRow, MetricSampleRow


def latest_floor_time(engine: Engine) -> datetime | None:
    """The newest metric sample or incident event time; None when empty."""
    with engine.connect() as connection:
        values = [
            connection.scalar(select(func.max(MetricSampleRow.at))),
            connection.scalar(select(func.max(EventRow.at))),
        ]
    known = [_aware(v) for v in values if v is not None]
    return max(known) if known else None


def floor_now(engine: Engine, wall: datetime) -> datetime:
    """The later of the wall clock and the latest floor time recorded."""
    latest = latest_floor_time(engine)
    return wall if latest is None else max(wall, latest)


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
