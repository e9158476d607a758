"""The built-in simulator, started in-process on a free loopback port.

The cockpit talks to it over real HTTP through the feed API, exactly as it
would to any other backend; only the token is handed over in memory.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from cockpit.clock import Clock, ScaledClock, SystemClock
from cockpit.sim import FloorSimulator, SimConfig, SimServer


class EmbeddedSimulator:
    def __init__(
        self,
        *,
        seed: int,
        speed: float = 1.0,
        start: datetime | None = None,
        clock: Clock | None = None,
        config: SimConfig | None = None,
    ) -> None:
        start = start or SystemClock().now()
        self.clock: Clock = clock or ScaledClock(start, speed)
        self.simulator = FloorSimulator(config or SimConfig.default(), seed=seed, start=start)
        self.token = secrets.token_urlsafe(24)
        self._server: SimServer | None = None

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the simulator is not running")
        return "sim://" + self._server.url.removeprefix("http://")

    def start(self) -> None:
        server = SimServer(self.simulator, self.clock, host="127.0.0.1", port=0, token=self.token)
        server.start()
        self._server = server

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.stop()
