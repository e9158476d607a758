"""The running cockpit without its window: backend, embedded simulator and
poller, started off the GUI thread and shut down in one place."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from cockpit.backends import BackendConfigError, TicketBackend, open_backend
from cockpit.backends.base import BackendError
from cockpit.metrics import FloorView
from cockpit.runtime.embedded import EmbeddedSimulator
from cockpit.runtime.executors import Executors
from cockpit.runtime.health import Health, HealthState
from cockpit.runtime.poller import Poller
from cockpit.settings import Settings

log = logging.getLogger(__name__)

ViewListener = Callable[[FloorView], None]
HealthListener = Callable[[Health], None]


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
    ) -> None:
        self.settings = settings
        self._url = backend_url or settings.backend_url
        self._seed = settings.sim.seed if seed is None else seed
        self._speed = settings.sim.speed if speed is None else speed
        self.executors = Executors()
        self.embedded: EmbeddedSimulator | None = None
        self.backend: TicketBackend | None = None
        self.poller: Poller | None = None
        self._view_listeners: list[ViewListener] = []
        self._health_listeners: list[HealthListener] = []
        self._starter: threading.Thread | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()

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

    def start(self) -> None:
        """Boot in the background (the simulator's warm-up takes a moment)."""
        self._starter = threading.Thread(target=self._boot, name="cockpit-start")
        self._starter.start()

    def _boot(self) -> None:
        try:
            url, token = self._url, None
            if url is None:
                embedded = EmbeddedSimulator(seed=self._seed, speed=self._speed)
                with self._lock:
                    if self._stopping.is_set():
                        return
                    self.embedded = embedded
                embedded.start()
                url, token = embedded.url, embedded.token
            backend = open_backend(url, token=token)
            poller = Poller(backend, settings=self.settings)
            for on_view in self._view_listeners:
                poller.subscribe(on_view=on_view)
            for on_health in self._health_listeners:
                poller.subscribe(on_health=on_health)
            with self._lock:
                if self._stopping.is_set():
                    backend.close()
                    return
                self.backend, self.poller = backend, poller
                poller.start()
        except (BackendConfigError, BackendError, OSError) as exc:
            log.error("cannot start: %s", exc)
            self._emit_health(Health(HealthState.OFFLINE, reason="config", detail=str(exc)))

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
        self.executors.shutdown()
        if self.backend is not None:
            self.backend.close()
        if self.embedded is not None:
            self.embedded.stop()


def build_runtime(
    settings: Settings,
    *,
    backend_url: str | None = None,
    seed: int | None = None,
    speed: float | None = None,
) -> Runtime:
    return Runtime(settings, backend_url=backend_url, seed=seed, speed=speed)
