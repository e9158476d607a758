"""The poller: fetch → merge → compute, on APScheduler's BackgroundScheduler.

One poll runs at a time (``max_instances=1``) and missed runs collapse into
one (``coalesce=True``), so a slow backend never makes polls pile up. After
a failure the poller backs off (exponential, with jitter, honouring
Retry-After); meanwhile a one-second health job turns the data "stale" once it
is too old, so the screen never pretends to be live.

An answer that is not news (a replay of older data, or the same answer again
while time moves on; see :mod:`cockpit.runtime.freshness`) is not applied:
the floor never moves backwards, and the health says why it is not live.

The FloorState belongs to the poll: :meth:`Poller.read` lets another worker
look at it (the tickets behind a heatmap cell, one ticket's details) under
the same lock as the merge, which the network fetch does not hold.
"""

from __future__ import annotations

import gc
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from apscheduler.schedulers.background import BackgroundScheduler

from cockpit.backends.base import (
    AuthError,
    BackendError,
    PermissionDenied,
    RateLimited,
    TicketBackend,
)
from cockpit.backends.vendor_common import RateBudget
from cockpit.clock import Clock, SystemClock
from cockpit.domain import Batch, Ticket
from cockpit.floor import FloorState
from cockpit.metrics import FloorView, ViewOptions, compute_view
from cockpit.runtime.freshness import Verdict, judge, skew_of
from cockpit.runtime.health import ClockSkew, Health, HealthState
from cockpit.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_BACKOFF_S = 60.0
POLL_JOB = "poll"
HEALTH_JOB = "health"

ViewListener = Callable[[FloorView], None]
HealthListener = Callable[[Health], None]
BatchListener = Callable[[Batch, FloorState], None]


class InternalError(BackendError):
    """A cockpit bug met during a poll (logged with its traceback)."""

    reason = "internal"


class Poller:
    """Polls one backend and tells listeners (on the worker thread) what it saw."""

    def __init__(
        self,
        backend: TicketBackend,
        *,
        settings: Settings,
        clock: Clock | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        self.backend = backend
        self._settings = settings
        self._clock = clock or SystemClock()
        self._monotonic = monotonic
        self._rng = rng or random.Random()
        self._interval = settings.poll_interval_s
        self._state = FloorState(settings.sla)
        self._options = ViewOptions.from_settings(settings)
        self._view: FloorView | None = None
        self._health = Health(HealthState.OFFLINE, reason="starting")
        self._skew: ClockSkew | None = None
        self._view_listeners: list[ViewListener] = []
        self._health_listeners: list[HealthListener] = []
        self._batch_listeners: list[BatchListener] = []
        self._not_before = 0.0  # monotonic time before which polls are skipped (backoff)
        # One poll at a time; the state lock is held by the merge, not the fetch.
        self._poll_serial = threading.Lock()
        self._poll_lock = threading.Lock()
        self._scheduler: BackgroundScheduler | None = None

    # --- listeners -------------------------------------------------------------

    def subscribe(
        self,
        *,
        on_view: ViewListener | None = None,
        on_health: HealthListener | None = None,
        on_batch: BatchListener | None = None,
    ) -> None:
        """Listeners run on the poller's worker thread; keep them short."""
        if on_view is not None:
            self._view_listeners.append(on_view)
        if on_health is not None:
            self._health_listeners.append(on_health)
        if on_batch is not None:
            self._batch_listeners.append(on_batch)

    @property
    def view(self) -> FloorView | None:
        return self._view

    @property
    def health(self) -> Health:
        return self._health

    @property
    def interval(self) -> float:
        return self._interval

    # --- scheduling -------------------------------------------------------------

    def start(self) -> None:
        if self._scheduler is not None:
            return
        scheduler = BackgroundScheduler(timezone=UTC, job_defaults={"misfire_grace_time": None})
        scheduler.add_job(
            self.poll_once,
            "interval",
            seconds=self._interval,
            id=POLL_JOB,
            coalesce=True,
            max_instances=1,
            next_run_time=datetime.now(UTC),
        )
        scheduler.add_job(
            self.refresh_health,
            "interval",
            seconds=1.0,
            id=HEALTH_JOB,
            coalesce=True,
            max_instances=1,
        )
        scheduler.start()
        self._scheduler = scheduler

    def shutdown(self, wait: bool = True) -> None:
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None:
            scheduler.shutdown(wait=wait)

    def set_interval(self, seconds: float) -> None:
        """Poll every ``seconds`` from now on (incident mode polls faster)."""
        self._interval = seconds
        if self._scheduler is not None:
            self._scheduler.reschedule_job(POLL_JOB, trigger="interval", seconds=seconds)

    def poll_now(self) -> None:
        """Ask for a poll as soon as possible, even during a backoff; never blocks."""
        self._not_before = 0.0
        if self._scheduler is not None:
            self._scheduler.modify_job(POLL_JOB, next_run_time=datetime.now(UTC))

    def add_interval_job(self, fn: Callable[[], None], *, seconds: float, job_id: str) -> None:
        """Run ``fn`` every ``seconds`` on the scheduler's workers (after
        :meth:`start`), with the same no-pile-up rules as the poll; the job
        stops with the poller."""
        if self._scheduler is None:
            raise RuntimeError("the poller is not running")
        self._scheduler.add_job(
            fn,
            "interval",
            seconds=seconds,
            id=job_id,
            coalesce=True,
            max_instances=1,
            replace_existing=True,
        )

    def open_tickets(self) -> list[Ticket]:
        """The open tickets as of the last poll: a copy (tickets are frozen),
        safe to use on any worker thread. Waits while a poll is merging."""
        with self._poll_lock:
            return [t for t in self._state.tickets.values() if t.is_open]

    def read(self, fn: Callable[[FloorState], T]) -> T:
        """``fn(state)`` on the floor as of the last poll, on the calling
        worker thread, never during a merge; ``fn`` must not keep the state."""
        with self._poll_lock:
            return fn(self._state)

    # --- one poll ---------------------------------------------------------------

    def poll_once(self) -> FloorView | None:
        """Fetch and merge once; never raises. Returns the new view, if any."""
        if self._monotonic() < self._not_before:
            return None
        with self._poll_serial:
            attempt = self._clock.now()
            try:
                # Only polls change the state (one at a time): its cursor is safe to read.
                with _collector_paused(self._state.cursor is None):
                    batch = self.backend.fetch(self._state.cursor)
                    # The data is as old as the answer, not as the request: a
                    # full load that takes longer than the stale limit must
                    # not read stale the moment it lands.
                    answered = self._clock.now()
                    verdict = judge(self._state.server_time, self._state.cursor, batch)
                    self._skew = skew_of(batch, _date_offset(self.backend), self._skew)
                    if verdict is not Verdict.FRESH:
                        self._on_not_news(verdict, attempt)
                        return None
                    view = self._merge(batch)
            except BackendError as exc:
                self._on_failure(exc, attempt)
                return None
            except Exception as exc:  # a bug must not kill the poll job
                log.exception("poll failed unexpectedly")
                self._on_failure(InternalError(f"internal error: {type(exc).__name__}"), attempt)
                return None
            self._view = view
            self._on_success(attempt, answered)
        self._notify(self._batch_listeners, batch, self._state)
        self._notify(self._view_listeners, view)
        return view

    def _merge(self, batch: Batch) -> FloorView:
        with self._poll_lock:
            self._state.apply(batch)
            if batch.full:
                # The floor's tickets live long: keep them out of the
                # collector's full passes (~40 ms on 100k tickets).
                gc.freeze()
            view = compute_view(
                self._state,
                backend=self.backend.url,
                previous=self._view,
                options=self._options,
            )
        return replace(view, rate_budget=_rate_budget(self.backend))

    def _on_success(self, attempt: datetime, answered: datetime) -> None:
        self._not_before = 0.0
        self._set_health(
            Health(HealthState.LIVE, last_success=answered, last_attempt=attempt, skew=self._skew)
        )

    def _on_not_news(self, verdict: Verdict, attempt: datetime) -> None:
        """The backend answered, with nothing newer than the floor: keep the
        floor, and let the data age from its last fresh answer (no backoff:
        the backend is not struggling)."""
        log.warning("poll answer not applied: %s", verdict.value)
        health = self._health
        self._set_health(
            Health(
                self._failed_state(None, health.last_success),
                reason=verdict.value,
                last_success=health.last_success,
                last_attempt=attempt,
                consecutive_failures=health.consecutive_failures,
                skew=self._skew,
            )
        )

    def _on_failure(self, exc: BackendError, attempt: datetime) -> None:
        failures = self._health.consecutive_failures + 1
        delay = min(MAX_BACKOFF_S, self._interval * 2 ** (failures - 1)) * self._rng.uniform(
            0.8, 1.2
        )
        if isinstance(exc, AuthError | PermissionDenied):
            delay = MAX_BACKOFF_S  # new credentials are needed; do not hammer the server
        if isinstance(exc, RateLimited) and exc.retry_after is not None:
            delay = max(delay, exc.retry_after)
        self._not_before = self._monotonic() + delay
        log.warning("poll failed (%s): %s; next attempt in %.1f s", exc.reason, exc, delay)
        last_success = self._health.last_success
        health = Health(
            self._failed_state(exc, last_success),
            reason=exc.reason,
            last_success=last_success,
            last_attempt=attempt,
            consecutive_failures=failures,
            detail=str(exc),
            skew=self._skew,
        )
        self._set_health(health)

    def _failed_state(self, exc: BackendError | None, last_success: datetime | None) -> HealthState:
        if last_success is None or isinstance(exc, AuthError | PermissionDenied):
            return HealthState.OFFLINE
        age = self._clock.now() - last_success
        stale_after = timedelta(seconds=self._interval * self._settings.stale_after_polls)
        return HealthState.STALE if age >= stale_after else HealthState.DEGRADED

    def refresh_health(self) -> None:
        """Age the health: live or degraded data turns stale once it is too old
        (a poll that hangs or a long backoff)."""
        health = self._health
        if health.state not in (HealthState.LIVE, HealthState.DEGRADED):
            return
        state = self._failed_state(None, health.last_success)
        if state is HealthState.STALE:
            self._set_health(
                Health(
                    state,
                    reason=health.reason or "no_recent_poll",
                    last_success=health.last_success,
                    last_attempt=health.last_attempt,
                    consecutive_failures=health.consecutive_failures,
                    detail=health.detail,
                    skew=health.skew,
                )
            )

    def _set_health(self, health: Health) -> None:
        previous, self._health = self._health, health
        if _shown(previous) != _shown(health):
            self._notify(self._health_listeners, health)

    @staticmethod
    def _notify(listeners: list[Callable[..., None]], *args: object) -> None:
        for listener in listeners:
            try:
                listener(*args)
            except Exception:
                log.exception("a poll listener failed")


@contextmanager
def _collector_paused(paused: bool) -> Iterator[None]:
    """No automatic garbage collection while a full load builds the floor.

    Each batch of new long-lived objects would trigger a full collection over
    the whole heap (measured: 0.4-0.5 s on a 20k-ticket floor with the
    simulator in-process), holding the GIL, so the GUI thread would stall.
    The merge freezes the loaded floor (``gc.freeze``), so later collections
    only look at what is new.
    """
    if not paused or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _shown(health: Health) -> tuple[object, ...]:
    """What the status bar shows of a health: a change here is worth telling."""
    skew = None if health.skew is None else health.skew.rounded()
    return (health.state, health.reason, skew)


def _date_offset(backend: TicketBackend) -> float | None:
    """The backend's Date-header clock minus ours (``clock_offset()``, where offered)."""
    read = getattr(backend, "clock_offset", None)
    if read is None:
        return None
    try:
        offset = read()
    except Exception:
        log.exception("reading the clock offset failed")
        return None
    return offset if isinstance(offset, int | float) else None


def _rate_budget(backend: TicketBackend) -> RateBudget | None:
    """The backend's API budget (``rate_budget()``: vendor adapters only)."""
    read = getattr(backend, "rate_budget", None)
    if read is None:
        return None
    try:
        budget = read()
    except Exception:  # the status bar must never cost a poll
        log.exception("reading the rate budget failed")
        return None
    return budget if isinstance(budget, RateBudget) else None
