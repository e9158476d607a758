"""How fresh and trustworthy the data on screen is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class HealthState(StrEnum):
    LIVE = "live"  # the last poll succeeded
    DEGRADED = "degraded"  # the last poll failed, but the data is still recent
    STALE = "stale"  # polls keep failing: the data on screen is old
    OFFLINE = "offline"  # no data at all, or the backend refused us (auth)


@dataclass(frozen=True, slots=True)
class ClockSkew:
    """How far the backend's clocks are off (seconds; None where they agree)."""

    # The backend's clock (its Date header) minus this computer's clock.
    server_ahead_s: float | None = None
    # How far the newest ticket stamps lead the backend's own server time.
    stamps_ahead_s: float | None = None

    def rounded(self) -> tuple[int | None, int | None]:
        """Minutes, for telling a real change from jitter."""
        return (_minutes(self.server_ahead_s), _minutes(self.stamps_ahead_s))


def _minutes(seconds: float | None) -> int | None:
    return None if seconds is None else round(seconds / 60)


@dataclass(frozen=True, slots=True)
class Health:
    state: HealthState
    # Why it is not live: a BackendError reason code ("unreachable", "auth", …).
    reason: str | None = None
    last_success: datetime | None = None
    last_attempt: datetime | None = None
    consecutive_failures: int = 0
    detail: str | None = None
    # What the reason is about, when the UI must name it (the environment
    # variable that would hold a missing token).
    subject: str | None = None
    skew: ClockSkew | None = None

    def describe(self) -> str:
        """``live`` or ``stale: unreachable``: the short form for logs and JSON."""
        return self.state.value if self.reason is None else f"{self.state.value}: {self.reason}"
