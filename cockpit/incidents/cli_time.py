"""The clock the headless incident verbs stamp with: the backend's time.

A verb that talks to the backend anyway asks it for its time (the feed
API's ``GET /api/v1/time``, a vendor's HTTP ``Date`` header); a verb that
only writes the log (``note``, ``step``, ``status``) opens the configured
backend just for that. With no backend, or none that answers, the stamps
are on the wall clock, and every event says which (``time_base``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from cockpit.backends import BackendConfigError, open_backend
from cockpit.backends.base import TicketBackend
from cockpit.clock import Clock
from cockpit.timebase import ProbedClock, TimeBase, backend_time

log = logging.getLogger(__name__)


@contextmanager
def floor_clock(backend: TicketBackend | None, url: str | None) -> Iterator[ProbedClock]:
    """A clock on ``backend``'s time; with no backend, on the one at ``url``
    (opened here and closed on exit), else on the wall clock."""
    own: TicketBackend | None = None
    if backend is None and url:
        try:
            own = open_backend(url)
        except BackendConfigError as exc:
            log.warning("stamping with the wall clock: %s", exc)
    source = backend or own
    try:
        if source is None:
            yield ProbedClock(_wall)
        else:
            yield ProbedClock(lambda: backend_time(source))
    finally:
        if own is not None:
            own.close()


def _wall() -> tuple[datetime, TimeBase]:
    return datetime.now(UTC), TimeBase.WALL


def wall_seconds_until(clock: Clock, when: datetime) -> float:
    """Wall seconds to wait until ``clock`` reaches ``when``: an accelerated
    backend gets there sooner; never longer than the time itself (a backend
    clock that seems to stand still must not stall a verb)."""
    left: timedelta = when - clock.now()
    to_wall = getattr(clock, "to_wall", None)
    seconds = left.total_seconds()
    if callable(to_wall):
        seconds = min(seconds, float(to_wall(left)))
    return max(0.0, seconds)
