"""One time base: "now" on the backend's clock.

Everything compared with floor data (ticket times, metric samples, alerts,
incident events, review windows) is stamped with the backend's time, never
this machine's: an accelerated simulator at ``--speed 60`` runs an hour of
floor time per wall minute, and a real helpdesk's clock may be minutes off
ours. Wall time is kept *beside* it where a person needs it (the incident
log's ``wall_at``).

:class:`BackendClock` is a :class:`~cockpit.clock.Clock` fed with the server
times the backend reports (every feed answer carries ``server_time``; the
poller's batches hand it on). Between observations it extrapolates with the
monotonic clock times the observed *rate* of the backend's clock, estimated
from successive observations over a sliding window (the median of their
pairwise rates, so one late observation does not bend it), clamped, smoothed
and snapped to 1 (a real helpdesk) when close. It never runs backwards on the
backend's base: a small step back is held until the backend catches up; a
large one (the backend was restarted on another time base) re-bases, with a
warning. Before the first observation it stands in with the wall clock.

:class:`ProbedClock` is for short-lived headless verbs with no poller: it
asks the backend for its time (:func:`backend_time`) on first use and again
after ``refresh_s`` of wall time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from cockpit.clock import Clock, SystemClock

log = logging.getLogger(__name__)

MAX_RATE = 1000.0
SNAP_TO_REAL_TIME = 0.02  # a rate within 2 % of 1 is a real-time backend
RATE_WINDOW_S = 120.0  # monotonic seconds of observations the rate is estimated over
MAX_HISTORY = 48  # observations kept for the estimate (their pairs: ~1,100)
MIN_PAIR_SPAN_S = 0.05  # two observations closer than this say nothing about the rate
SMOOTHING = 0.3  # weight of a new estimate that agrees roughly with the current rate
REBASE_AFTER = timedelta(minutes=5)  # a step back larger than this re-bases


class TimeBase(StrEnum):
    """Where a stamp's time came from."""

    BACKEND = "backend"  # the backend's own clock (the feed API's server_time)
    HTTP_DATE = "http_date"  # a vendor's HTTP Date header (whole seconds)
    WALL = "wall"  # this machine's clock: nothing better was known


class BackendClock:
    """ "Now" on the backend's time base; see the module doc. Thread-safe."""

    def __init__(
        self,
        *,
        wall: Clock | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        rate: float | None = None,
        max_rate: float = MAX_RATE,
    ) -> None:
        """``rate`` fixes the rate (1 for a real helpdesk, the speed of a
        simulator known here); None estimates it from the observations."""
        if rate is not None and not 0 < rate <= max_rate:
            raise ValueError(f"rate must be in (0, {max_rate:g}]")
        self._wall = wall or SystemClock()
        self._monotonic = monotonic
        self._fixed = rate
        self._max_rate = max_rate
        self._rate = rate or 1.0
        self._lock = threading.Lock()
        self._anchor: tuple[float, datetime] | None = None  # (monotonic, server time)
        self._history: deque[tuple[float, datetime]] = deque()
        self._last: datetime | None = None  # the latest value handed out on this base
        self._base = TimeBase.WALL

    @property
    def rate(self) -> float:
        """Backend seconds per wall second (1 until estimated)."""
        with self._lock:
            return self._rate

    @property
    def base(self) -> TimeBase:
        """What :meth:`now` is on: ``wall`` until the first observation."""
        with self._lock:
            return self._base

    @property
    def synced(self) -> bool:
        with self._lock:
            return self._anchor is not None

    def observe(
        self,
        server_time: datetime,
        *,
        base: TimeBase = TimeBase.BACKEND,
        rate_sample: bool = True,
    ) -> None:
        """The backend said it is ``server_time`` (just now). ``rate_sample``
        False: the answer took long to arrive (a full load of many pages),
        so it sets the time but says nothing about the rate."""
        if server_time.tzinfo is None:
            raise ValueError(f"naive server time {server_time!r}")
        server_time = server_time.astimezone(UTC)
        mono = self._monotonic()
        with self._lock:
            if self._anchor is None or self._stepped_back_far(server_time):
                self._rebase(mono, server_time, base)
                if not rate_sample:
                    self._history.clear()
                return
            self._base = base
            previous = self._history[-1][1] if self._history else server_time
            if server_time < previous or not rate_sample:
                self._history.clear()  # a small step back: start the estimate afresh
            if rate_sample:
                self._history.append((mono, server_time))
            self._trim(mono)
            if self._fixed is None:
                self._estimate()
            self._anchor = (mono, server_time)

    def observe_batch(self, batch: Any, _state: object = None) -> None:
        """A poller ``on_batch`` listener: every batch carries ``server_time``
        (a full load's is from its first page, long before it arrived)."""
        self.observe(batch.server_time, rate_sample=not getattr(batch, "full", False))

    def now(self) -> datetime:
        mono = self._monotonic()
        with self._lock:
            if self._anchor is None:
                return self._wall.now()
            at, server = self._anchor
            value = server + timedelta(seconds=max(0.0, mono - at) * self._rate)
            if self._last is not None and value < self._last:
                value = self._last  # hold until the backend catches up
            self._last = value
            return value

    def to_backend(self, wall_seconds: float) -> timedelta:
        """How much backend time passes in ``wall_seconds``."""
        return timedelta(seconds=wall_seconds * self.rate)

    def to_wall(self, backend: timedelta) -> float:
        """Wall seconds for ``backend`` time to pass (for sleeps and timers)."""
        return backend.total_seconds() / self.rate

    # --- under the lock ------------------------------------------------------------

    def _stepped_back_far(self, server_time: datetime) -> bool:
        last = self._last or (self._anchor[1] if self._anchor else None)
        if last is None or server_time >= last - REBASE_AFTER:
            return False
        log.warning("the backend's clock stepped back from %s to %s: re-basing", last, server_time)
        return True

    def _rebase(self, mono: float, server_time: datetime, base: TimeBase) -> None:
        self._anchor = (mono, server_time)
        self._history = deque([(mono, server_time)])
        self._last = None
        self._base = base
        self._rate = self._fixed or 1.0

    def _trim(self, mono: float) -> None:
        history = self._history
        while len(history) > 2 and (
            len(history) > MAX_HISTORY or mono - history[1][0] >= RATE_WINDOW_S
        ):
            history.popleft()

    def _estimate(self) -> None:
        raw = _theil_sen(self._history)
        if raw is None:
            return
        raw = min(self._max_rate, max(1.0 / self._max_rate, raw))
        if abs(raw - 1.0) <= SNAP_TO_REAL_TIME:
            raw = 1.0
        if abs(raw / self._rate - 1.0) > 0.25 or raw == 1.0:
            self._rate = raw  # a new rate (the first estimate, a restarted simulator)
        else:
            self._rate += SMOOTHING * (raw - self._rate)


def _theil_sen(history: deque[tuple[float, datetime]]) -> float | None:
    """The median of the rates between every two observations: one late
    observation (a slow first poll, a hiccup) does not bend it."""
    points = [(mono, server.timestamp()) for mono, server in history]
    slopes = sorted(
        (b_server - a_server) / (b_mono - a_mono)
        for i, (a_mono, a_server) in enumerate(points)
        for b_mono, b_server in points[i + 1 :]
        if b_mono - a_mono >= MIN_PAIR_SPAN_S
    )
    if not slopes:
        return None
    middle = len(slopes) // 2
    if len(slopes) % 2:
        return slopes[middle]
    return (slopes[middle - 1] + slopes[middle]) / 2


def clock_rate(url: str | None, speed: float) -> float | None:
    """The backend clock's rate when it is known: the built-in simulator's
    speed, 1 for a vendor helpdesk (real time); None (learn it from the
    polls) for a feed-API server, which may be an accelerated simulator."""
    if url is None:
        return speed
    scheme = url.split("://", 1)[0].lower()
    return None if scheme in ("sim", "feed+http", "feed+https") else 1.0


def backend_time(backend: Any) -> tuple[datetime, TimeBase]:
    """Ask ``backend`` for its time: the feed API's ``GET /api/v1/time``
    (``server_time()``), else what a cheap read's HTTP ``Date`` header said
    (``check().server_time``), else this machine's clock. Never raises."""
    read = getattr(backend, "server_time", None)
    if callable(read):
        try:
            when = read()
            if isinstance(when, datetime):
                return when, TimeBase.BACKEND
        except Exception as exc:  # an unreachable backend must not stop a stamp
            log.warning("cannot read the backend's time: %s", exc)
    check = getattr(backend, "check", None)
    if callable(check):
        try:
            when = getattr(check(), "server_time", None)
            if isinstance(when, datetime):
                return when, TimeBase.HTTP_DATE
        except Exception as exc:
            log.warning("cannot read the backend's Date header: %s", exc)
    return datetime.now(UTC), TimeBase.WALL


class ProbedClock:
    """A :class:`BackendClock` that asks the backend itself: on first use and
    again once ``refresh_s`` wall seconds have passed since the last answer
    (only for a backend that reports its own clock; a Date header or the wall
    clock runs at rate 1 and is read once)."""

    def __init__(
        self,
        probe: Callable[[], tuple[datetime, TimeBase]],
        *,
        refresh_s: float = 0.5,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._probe = probe
        self._refresh_s = refresh_s
        self._monotonic = monotonic
        self.clock = BackendClock(monotonic=monotonic)
        self._probed_at: float | None = None
        self._lock = threading.Lock()

    @property
    def base(self) -> TimeBase:
        return self.clock.base

    @property
    def rate(self) -> float:
        return self.clock.rate

    def now(self) -> datetime:
        with self._lock:
            mono = self._monotonic()
            due = self._probed_at is None or (
                self.clock.base is TimeBase.BACKEND and mono - self._probed_at >= self._refresh_s
            )
            if due:
                when, base = self._probe()
                self._probed_at = self._monotonic()
                if base is not TimeBase.WALL:
                    self.clock.observe(when, base=base)
        return self.clock.now()

    def to_wall(self, backend: timedelta) -> float:
        return self.clock.to_wall(backend)
