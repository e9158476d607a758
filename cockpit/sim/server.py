"""The simulator's HTTP server: the open feed API on loopback.

:class:`SimServer` serves one :class:`FloorSimulator` from a background
thread (stdlib ``ThreadingHTTPServer``, one thread per request) and, on
:meth:`SimServer.stop`, shuts down and joins every thread it started.
:func:`serve` is what ``python main.py sim`` runs.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from cockpit.clock import Clock, ScaledClock
from cockpit.sim.api import (
    MAX_BODY,
    ApiError,
    FeedApi,
    FeedSource,
    RelayMarker,
    Response,
    error_response,
)
from cockpit.sim.engine import FloorSimulator
from cockpit.sim.model import SimConfig
from cockpit.sim.scenarios import Scenario

log = logging.getLogger(__name__)
TOKEN_SECRET = "feed.token"


class _HttpServer(ThreadingHTTPServer):
    # Handler threads are joined on close rather than left running.
    daemon_threads = False
    block_on_close = True

    def __init__(self, address: tuple[str, int], api: FeedApi) -> None:
        self.api = api
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _HttpServer
    server_version = "CockpitSim/1"
    # One request per connection (HTTP/1.0) so no thread lingers on an idle
    # keep-alive socket; a client that sends nothing is dropped after this.
    timeout = 10

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def do_PATCH(self) -> None:
        self._serve("PATCH")  # answered with a JSON 405, not the stdlib's HTML 501

    def _serve(self, method: str) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            response = error_response(ApiError(400, "bad_request", "bad Content-Length"))
        else:
            body = self.rfile.read(length) if length else b""
            try:
                response = self.server.api.handle(
                    method, self.path, self.headers.get("Authorization"), body
                )
            except Exception:
                log.exception("simulator API failed on %s %s", method, self.path.split("?")[0])
                response = error_response(ApiError(500, "server_error", "internal error"))
        self._send(response)

    def _send(self, response: Response) -> None:
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if response.body and self.command != "HEAD":
            self.wfile.write(response.body)

    def log_message(self, format: str, *args: object) -> None:
        # Quiet by default; request lines carry no token (it is in a header).
        log.debug("%s " + format, self.client_address[0], *args)


class SimServer:
    """Serves ``sim`` on ``host:port`` (loopback by default) with bearer auth.

    ``port=0`` picks a free port; :attr:`url` tells which. Usable as a
    context manager. Every request first advances the simulator to
    ``clock.now()``.
    """

    def __init__(
        self,
        sim: FeedSource,
        clock: Clock,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        token: str,
        name: str = "sim-server",
        relay: RelayMarker | None = None,
    ) -> None:
        self._api = FeedApi(sim, clock, token=token, relay=relay)
        self._name = name
        self._address = (host, port)
        self._httpd: _HttpServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the server is not running")
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def lock(self) -> threading.Lock:
        """Hold this to use the simulator from another thread while serving."""
        return self._api.lock

    def start(self) -> None:
        if self._httpd is not None:
            raise RuntimeError("the server is already running")
        httpd = _HttpServer(self._address, self._api)
        thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"{self._name}:{httpd.server_address[1]}",
        )
        thread.start()
        self._httpd, self._thread = httpd, thread

    def stop(self) -> None:
        """Stop serving, close the socket and join every thread started."""
        httpd, thread = self._httpd, self._thread
        self._httpd = self._thread = None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()  # joins the request threads (block_on_close)
        if thread is not None:
            thread.join()

    def __enter__(self) -> SimServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def serve(
    port: int = 8765,
    seed: int = 7,
    speed: float = 1.0,
    token: str | None = None,
    *,
    scenarios: Sequence[Scenario] = (),
    start: datetime | None = None,
    host: str = "127.0.0.1",
    config: SimConfig | None = None,
    stop: threading.Event | None = None,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Run a simulated floor on ``host:port`` until Ctrl+C (or ``stop`` is set).

    The floor starts at ``start`` (default now) and runs ``speed`` times
    faster than real time.
    Without a ``token`` the ``COCKPIT_FEED_TOKEN`` secret is used (the one
    ``sim://`` clients read); failing that a fresh token is made and shown
    once on the console. ``on_ready`` gets the server's URL once it listens.
    """
    told = "" if start is None else f", floor time from {start.isoformat(timespec='minutes')}"
    start = datetime.now(UTC) if start is None else start.astimezone(UTC)
    token, generated = _token(token)
    sim = FloorSimulator(config or SimConfig.default(), seed=seed, start=start)
    for scenario in scenarios:
        sim.inject(scenario)
    clock = ScaledClock(start, speed)
    stop = stop or threading.Event()
    with SimServer(sim, clock, host=host, port=port, token=token) as server:
        if on_ready is not None:
            on_ready(server.url)
        else:
            # Flushed: a frozen build ignores PYTHONUNBUFFERED, and whoever
            # reads the pipe is waiting for this line.
            print(
                f"Floor simulator on {server.url} (seed {seed}, {speed:g}x{told}); "
                "Ctrl+C stops it.",
                flush=True,
            )
            if generated:
                print(
                    f"Token for this run: {token} (set COCKPIT_FEED_TOKEN to choose one)",
                    flush=True,
                )
        try:
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass


def _token(given: str | None) -> tuple[str, bool]:
    """The token to require, and whether it was made up for this run."""
    if given:
        return given, False
    from cockpit.secrets import get_secret

    stored = get_secret(TOKEN_SECRET)
    if stored:
        return stored, False
    return secrets.token_urlsafe(24), True
