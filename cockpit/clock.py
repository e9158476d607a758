"""The one place that owns "now".

Everything that needs the time takes a :class:`Clock`. Tests use
:class:`ManualClock`; the simulator uses :class:`ScaledClock` to run a floor
faster than real time.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to. Thread-safe."""

    def __init__(self, start: datetime) -> None:
        _require_aware(start)
        self._now = start.astimezone(UTC)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, delta: timedelta | float) -> datetime:
        step = delta if isinstance(delta, timedelta) else timedelta(seconds=delta)
        if step < timedelta(0):
            raise ValueError("a clock does not run backwards")
        with self._lock:
            self._now += step
            return self._now

    def set(self, when: datetime) -> None:
        _require_aware(when)
        with self._lock:
            if when < self._now:
                raise ValueError("a clock does not run backwards")
            self._now = when.astimezone(UTC)


class ScaledClock:
    """Real time sped up by ``speed`` from ``start`` (for simulator demos)."""

    def __init__(self, start: datetime, speed: float = 1.0) -> None:
        _require_aware(start)
        if speed <= 0:
            raise ValueError("speed must be positive")
        self._start = start.astimezone(UTC)
        self._speed = speed
        self._t0 = time.monotonic()

    @property
    def speed(self) -> float:
        return self._speed

    def now(self) -> datetime:
        elapsed = (time.monotonic() - self._t0) * self._speed
        return self._start + timedelta(seconds=elapsed)


def _require_aware(when: datetime) -> None:
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError(f"naive datetime {when!r}: times must carry a time zone")


def parse_time(text: str) -> datetime:
    """Parse an ISO 8601 time; naive values are rejected, ``Z`` is accepted."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    _require_aware(value)
    return value.astimezone(UTC)


def format_time(when: datetime) -> str:
    """ISO 8601 in UTC with a ``Z``, to the second's fraction the value has."""
    return when.astimezone(UTC).isoformat().replace("+00:00", "Z")
