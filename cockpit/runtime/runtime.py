"""The running cockpit without its window: backend, embedded simulator,
poller and the incident engine, started off the GUI thread and shut down in
one place.

Incident work runs on the database executor (the one writer): ``recover()``
once at start, then a ``tick()`` every ``incident_tick_s`` (reminders,
overdue steps, delivery retries) whose results reach the incident listeners,
and every op the GUI asks for through :meth:`Runtime.run_op`.

The alert engine evaluates every view on the poll worker; acknowledging and
snoozing run on the I/O pool (:meth:`Runtime.run_floor_op`), as do reads of
the floor (:meth:`Runtime.read_floor`: the tickets behind a heatmap cell).
Each tick's overdue checklist steps join the same alerts (on the database
worker). Alert listeners hear an :class:`~cockpit.alerts.AlertUpdate` after
each of these, in the order they happened.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime, timedelta, tzinfo
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.exc import SQLAlchemyError

from cockpit.alerts import Alert, AlertEngine, AlertUpdate
from cockpit.backends import BackendConfigError, TicketBackend, open_backend
from cockpit.backends.base import BackendError
from cockpit.backends.feed import RelayInfo
from cockpit.backends.http import Timeouts
from cockpit.backends.registry import MissingToken
from cockpit.domain import Ticket
from cockpit.floor import FloorState
from cockpit.incidents.engine import IncidentEngine, TickResult
from cockpit.incidents.playbook import load_library
from cockpit.metrics import FloorView
from cockpit.pdf_hook import PdfFactory
from cockpit.runtime.embedded import EmbeddedSimulator
from cockpit.runtime.executors import Executors
from cockpit.runtime.health import Health, HealthState
from cockpit.runtime.housekeeping import Housekeeping
from cockpit.runtime.poller import Poller
from cockpit.settings import Settings
from cockpit.store.incidents import IncidentStore
from cockpit.timebase import BackendClock, clock_rate

log = logging.getLogger(__name__)
T = TypeVar("T")

ViewListener = Callable[[FloorView], None]
HealthListener = Callable[[Health], None]
TickListener = Callable[[TickResult], None]
AlertsListener = Callable[[AlertUpdate], None]

INCIDENT_TICK_S = 10.0
TICK_JOB = "incident_tick"


class IncidentsUnavailable(RuntimeError):
    """Incident ops were asked for before the engine was ready (``reason``
    ``starting``), or it cannot be built: the incident log could not be
    opened (``database``) or the backend could not be set up (``backend``)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason
        self.detail = detail


class Runtime:
    """Owns the backend, the poller, the executors and, with no backend
    configured, the embedded simulator. Listeners run on worker threads."""

    def __init__(
        self,
        settings: Settings,
        *,
        backend_url: str | None = None,
        seed: int | None = None,
        speed: float | None = None,
        sim_start: datetime | None = None,
        incident_tick_s: float = INCIDENT_TICK_S,
    ) -> None:
        self.settings = settings
        self._url = backend_url or settings.backend_url
        self._seed = settings.sim.seed if seed is None else seed
        self._speed = settings.sim.speed if speed is None else speed
        # The built-in simulator's clock starts here (None: now); for demos
        # and screenshots of a given hour.
        self._sim_start = sim_start
        self.executors = Executors()
        self.embedded: EmbeddedSimulator | None = None
        self.backend: TicketBackend | None = None
        self.poller: Poller | None = None
        self._view_listeners: list[ViewListener] = []
        self._health_listeners: list[HealthListener] = []
        self._tick_listeners: list[TickListener] = []
        # Called with the poller before it starts (e.g. EarlyWarning.attach).
        self._poller_hooks: list[Callable[[Poller], None]] = []
        self._tick_s = incident_tick_s
        self._tick_busy = threading.Event()
        self.store: IncidentStore | None = None
        # None until booted (or when the incident log could not be opened).
        self.engine: IncidentEngine | None = None
        # Why there is no engine, once that is known for good.
        self.incident_error: IncidentsUnavailable | None = None
        # Metric samples, alert log, retention, shift handovers (housekeeping.py).
        self.housekeeping: Housekeeping | None = None
        self.pdf_factory: PdfFactory | None = None  # set by the GUI for handover PDFs
        self._starter: threading.Thread | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        # One time base: alerts, incidents, samples and handovers all run on
        # the backend's clock, fed by every poll (the built-in simulator's
        # rate is known: its speed).
        self.clock = BackendClock(rate=clock_rate(self._url, self._speed))
        self.alerts = AlertEngine(
            thresholds=settings.thresholds,
            sla=settings.sla,
            settings=settings.alerts,
            clock=self.clock,
        )
        self._alert_listeners: list[AlertsListener] = []
        # Evaluations and user actions, one at a time, so updates keep their order.
        self._alert_lock = threading.Lock()
        self._alert_seq = 0

    @property
    def backend_url(self) -> str:
        """For display: the configured URL, or the embedded simulator's."""
        if self.embedded is not None and self.embedded.running:
            return self.embedded.url
        return self._url or "sim://(built-in)"

    def subscribe(self, *, on_view: ViewListener, on_health: HealthListener) -> None:
        """Call before :meth:`start`; listeners run on worker threads."""
        self._view_listeners.append(on_view)
        self._health_listeners.append(on_health)

    def attach_to_poller(self, hook: Callable[[Poller], None]) -> None:
        """Call before :meth:`start`: ``hook(poller)`` runs once the poller
        exists, before its first poll (to subscribe batch and view listeners)."""
        self._poller_hooks.append(hook)

    def subscribe_incidents(self, *, on_tick: TickListener) -> None:
        """Call before :meth:`start`. ``on_tick`` runs on the database worker
        after ``recover()`` and after every tick (reminders, overdue steps)."""
        self._tick_listeners.append(on_tick)

    def start(self) -> None:
        """Boot in the background (the simulator's warm-up takes a moment)."""
        self._starter = threading.Thread(target=self._boot, name="cockpit-start")
        self._starter.start()

    def _boot(self) -> None:
        try:
            url, token = self._url, None
            if url is None:
                embedded = EmbeddedSimulator(
                    seed=self._seed, speed=self._speed, start=self._sim_start
                )
                with self._lock:
                    if self._stopping.is_set():
                        return
                    self.embedded = embedded
                embedded.start()
                url, token = embedded.url, embedded.token
            backend = open_backend(url, token=token, timeouts=transport_timeouts(self.settings))
            poller = Poller(backend, settings=self.settings)
            poller.subscribe(on_batch=self.clock.observe_batch)  # first: before any recording
            poller.subscribe(on_view=self._evaluate_alerts)
            for on_view in self._view_listeners:
                poller.subscribe(on_view=on_view)
            for on_health in self._health_listeners:
                poller.subscribe(on_health=on_health)
            for hook in self._poller_hooks:
                hook(poller)
            with self._lock:
                if self._stopping.is_set():
                    backend.close()
                    return
                self.backend, self.poller = backend, poller
                poller.start()
        except (BackendConfigError, BackendError, OSError) as exc:
            log.error("cannot start: %s", exc)
            self.incident_error = IncidentsUnavailable("backend", f"{type(exc).__name__}: {exc}")
            self._emit_health(_config_health(exc))
            return
        self._boot_incidents(backend, poller)
        self._boot_housekeeping(poller, backend)

    def _boot_housekeeping(self, poller: Poller, backend: TicketBackend | None = None) -> None:
        housekeeping = Housekeeping.open(
            self.settings,
            self.executors,
            pdf=self.pdf_factory,
            alerts=self.alerts,
            clock=self.clock,
        )
        if housekeeping is None:
            return
        with self._lock:
            if self._stopping.is_set():
                housekeeping.close()
                return
            self.housekeeping = housekeeping
            if backend is not None:
                housekeeping.recorder.defer_to(lambda: recording_elsewhere(backend))
            housekeeping.attach(poller)
            housekeeping.start()

    # --- incidents --------------------------------------------------------------

    def _boot_incidents(self, backend: TicketBackend, poller: Poller) -> None:
        """Open the incident log and build the engine; the floor keeps working
        without them when the database cannot be opened."""
        try:
            store = IncidentStore.open(self.settings.database_url)
        except (SQLAlchemyError, OSError) as exc:
            log.error("cannot open the incident log: %s", exc)
            self.incident_error = IncidentsUnavailable("database", f"{type(exc).__name__}: {exc}")
            return
        store.time_base = lambda: self.clock.base.value
        engine = IncidentEngine(
            store,
            backend,
            clock=self.clock,
            library=load_library(self.settings.playbook_dir),
            set_poll_interval=poller.set_interval,
            normal_poll_interval=self.settings.poll_interval_s,
            zone=_zone(self.settings.display_timezone),
        )
        with self._lock:
            if self._stopping.is_set():
                engine.close()
                store.close()
                return
            self.store, self.engine = store, engine
            self.executors.db.submit(self._recover)
            poller.add_interval_job(self._schedule_tick, seconds=self._tick_s, job_id=TICK_JOB)

    def _recover(self) -> None:
        engine = self.engine
        if engine is None:
            return
        try:
            engine.recover()
        except Exception:
            log.exception("incident recovery failed")
        self._tick_busy.set()
        self._tick()

    def _schedule_tick(self) -> None:
        """Scheduler job: queue one tick on the database worker, never two."""
        if self._tick_busy.is_set() or self._stopping.is_set():
            return
        self._tick_busy.set()
        try:
            self.executors.db.submit(self._tick)
        except RuntimeError:  # the executor is shutting down
            self._tick_busy.clear()

    def _tick(self) -> None:
        try:
            engine = self.engine
            if engine is None or self._stopping.is_set():
                return
            now = engine.ctx.clock.now()
            result = engine.tick(now)
        except Exception:
            log.exception("incident tick failed")
            return
        finally:
            self._tick_busy.clear()
        self._observe_incidents(result, now)
        for listener in self._tick_listeners:
            try:
                listener(result)
            except Exception:
                log.exception("an incident listener failed")

    def run_op(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """Run an incident op or query on the database executor (the one
        writer); the caller gets a future and never waits on the GUI thread."""
        return self.executors.db.submit(fn, *args, **kwargs)

    def require_engine(self) -> IncidentEngine:
        """The engine, for an op running on a worker; raises
        :class:`IncidentsUnavailable` saying why there is none."""
        engine = self.engine
        if engine is not None:
            return engine
        raise self.incident_error or IncidentsUnavailable("starting")

    def open_tickets(self) -> list[Ticket]:
        """The open tickets as of the last poll (empty before the first)."""
        poller = self.poller
        return [] if poller is None else poller.open_tickets()

    # --- alerts and floor reads ----------------------------------------------------

    def subscribe_alerts(self, *, on_alerts: AlertsListener) -> None:
        """Call before :meth:`start`. ``on_alerts`` runs on a worker after
        every evaluation (each poll), every incident tick (overdue checklist
        steps) and every acknowledge or snooze."""
        self._alert_listeners.append(on_alerts)

    def acknowledge_alert(self, alert_id: str, *, who: str) -> Alert:
        """Record that ``who`` has taken the alert (on a worker)."""
        return self._alert_op(lambda: self.alerts.acknowledge(alert_id, who))

    def snooze_alert(self, alert_id: str, *, duration: timedelta, who: str) -> Alert:
        """Silence the alert's notifications for ``duration`` of floor time (on a worker)."""
        until = self.clock.now() + duration
        return self._alert_op(lambda: self.alerts.snooze(alert_id, until=until, who=who))

    def run_floor_op(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """Run a floor read or an alert action on the I/O pool; the caller
        gets a future and never waits on the GUI thread."""
        return self.executors.io.submit(fn, *args, **kwargs)

    def read_floor(self, fn: Callable[[FloorState], T]) -> T:
        """``fn(state)`` on the floor as of the last poll, under the poll
        lock; call it on a worker (:meth:`run_floor_op`)."""
        poller = self.poller
        if poller is None:
            raise LookupError("no floor yet: the backend has not answered")
        return poller.read(fn)

    def _evaluate_alerts(self, view: FloorView) -> None:
        with self._alert_lock:
            update = self.alerts.evaluate(view)
            self._publish_alerts(update)

    def _observe_incidents(self, result: TickResult, now: datetime) -> None:
        """Overdue checklist steps raise, keep or clear their alerts (on the
        database worker, at the tick's time)."""
        try:
            with self._alert_lock:
                update = self.alerts.observe_incidents(result.alerts, now)
                self._publish_alerts(update)
        except Exception:
            log.exception("could not alert on overdue checklist steps")

    def _alert_op(self, op: Callable[[], Alert]) -> Alert:
        with self._alert_lock:
            alert = op()
            events = tuple(self.alerts.log.events(since=self._alert_seq))
            self._publish_alerts(AlertUpdate(events, self.alerts.active()))
            return alert

    def _publish_alerts(self, update: AlertUpdate) -> None:
        if update.events:
            self._alert_seq = max(self._alert_seq, update.events[-1].seq)
        for listener in self._alert_listeners:
            try:
                listener(update)
            except Exception:
                log.exception("an alert listener failed")

    def _emit_health(self, health: Health) -> None:
        for listener in self._health_listeners:
            listener(health)

    def poll_now(self) -> None:
        if self.poller is not None:
            self.poller.poll_now()

    def shutdown(self) -> None:
        """Stop polling, finish queued work, stop the simulator; joins every thread."""
        with self._lock:
            self._stopping.set()
        if self._starter is not None:
            self._starter.join()
        if self.poller is not None:
            self.poller.shutdown(wait=True)
        if self.housekeeping is not None:
            self.housekeeping.stop()
        self.executors.shutdown()
        if self.housekeeping is not None:
            self.housekeeping.close()
        if self.engine is not None:
            self.engine.close()
        if self.store is not None:
            self.store.close()
        if self.backend is not None:
            self.backend.close()
        if self.embedded is not None:
            self.embedded.stop()


def recording_elsewhere(backend: TicketBackend) -> str | None:
    """Who records the floor's metric samples instead of this desk: a relay
    that says in its feed that it records them (then recording here would
    count every poll twice in the shared database)."""
    relay = getattr(backend, "relay", None)
    if isinstance(relay, RelayInfo) and relay.records:
        return f"the relay {backend.url} records them"
    return None


def transport_timeouts(settings: Settings) -> Timeouts:
    """The per-read timeouts, the whole-request deadline and the answer cap."""
    transport = settings.transport
    return Timeouts(
        connect_s=transport.connect_timeout_s,
        read_s=min(settings.request_timeout_s, transport.deadline_s),
        total_s=transport.deadline_s,
        max_body_bytes=transport.max_body_bytes,
    )


def _config_health(exc: Exception) -> Health:
    """Offline before the first poll: why, in words the status bar can show."""
    if isinstance(exc, MissingToken):
        return Health(HealthState.OFFLINE, reason="no_token", detail=str(exc), subject=exc.variable)
    return Health(HealthState.OFFLINE, reason="config", detail=str(exc))


def _zone(name: str | None) -> tzinfo:
    """The zone incident messages write times in: the display zone, else local."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            log.warning("unknown display time zone %r; using the local one", name)
    return datetime.now().astimezone().tzinfo or ZoneInfo("UTC")


def build_runtime(
    settings: Settings,
    *,
    backend_url: str | None = None,
    seed: int | None = None,
    speed: float | None = None,
    sim_start: datetime | None = None,
) -> Runtime:
    return Runtime(settings, backend_url=backend_url, seed=seed, speed=speed, sim_start=sim_start)
