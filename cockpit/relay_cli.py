"""``cockpit relay``: poll the help desk once, serve the feed API to every desk."""

from __future__ import annotations

import argparse
import secrets
import signal
import sys
import threading
from typing import Any, TextIO

from cockpit.backends import BackendConfigError
from cockpit.runtime.embedded import EmbeddedSimulator
from cockpit.settings import Settings

EXIT_OK = 0
EXIT_USAGE = 2
TOKEN_SECRET = "relay.token"
DEFAULT_PORT = 8766


def add_relay_verb(subparsers: Any) -> None:
    relay = subparsers.add_parser(
        "relay",
        help="poll the help desk once and serve the feed API to any number of desks",
        description="Desks then use --backend feed+http://HOST:PORT/ with the relay's token "
        "(COCKPIT_FEED_TOKEN on the desk). Without --backend the relay runs in front of the "
        "built-in simulator.",
    )
    relay.add_argument("--backend", dest="relay_backend", metavar="URL", help="the help desk")
    relay.add_argument("--host", default="127.0.0.1", help="address to serve on (127.0.0.1)")
    relay.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port ({DEFAULT_PORT})")
    relay.add_argument(
        "--record",
        action="store_true",
        help="record the floor's metric samples (once, for every desk) into the database; "
        "desks behind the relay then leave recording to it",
    )


def run_relay_verb(
    args: argparse.Namespace,
    settings: Settings,
    out: TextIO,
    *,
    stop: threading.Event | None = None,
) -> int:
    from cockpit.relay import Relay
    from cockpit.secrets import get_secret

    url = args.relay_backend or args.backend or settings.backend_url
    embedded = None
    upstream_token = None
    if url is None:
        embedded = EmbeddedSimulator(seed=settings.sim.seed, speed=settings.sim.speed)
        embedded.start()
        url, upstream_token = embedded.url, embedded.token
    token = get_secret(TOKEN_SECRET)
    generated = not token
    token = token or secrets.token_urlsafe(24)
    try:
        relay = Relay(
            settings,
            backend_url=url,
            token=token,
            upstream_token=upstream_token,
            host=args.host,
            port=args.port,
            records=args.record,
        )
    except (BackendConfigError, OSError) as exc:
        print(f"cockpit relay: {exc}", file=sys.stderr)
        if embedded is not None:
            embedded.stop()
        return EXIT_USAGE
    stop = stop or threading.Event()
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set()) if in_main else None
    housekeeping = None
    try:
        housekeeping = _recorder(settings, relay) if args.record else None
        # Desks leave recording to the relay only while it really records.
        relay.announce_recording(housekeeping is not None)
        relay.start()
        print(f"Relay for {url} on {relay.url}; Ctrl+C stops it.", file=out, flush=True)
        if generated:
            print(
                f"Token for this run: {token} (set COCKPIT_RELAY_TOKEN to choose one; "
                "desks set it as COCKPIT_FEED_TOKEN)",
                file=out,
                flush=True,
            )
        try:
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)
        relay.stop()
        if housekeeping is not None:
            recorder, executors = housekeeping
            recorder.stop()
            executors.shutdown()  # the queued sample writes finish first
            recorder.close()
        if embedded is not None:
            embedded.stop()
    return EXIT_OK


def _recorder(settings: Settings, relay: Any) -> Any:
    """Metric samples of every relay poll, through the one database writer."""
    from cockpit.runtime.executors import Executors
    from cockpit.runtime.housekeeping import Housekeeping

    executors = Executors()
    try:
        housekeeping = Housekeeping.open(settings, executors)
    except BaseException:
        executors.shutdown()
        raise
    if housekeeping is None:
        executors.shutdown()
        return None
    housekeeping.attach(relay.poller)
    housekeeping.start()
    return housekeeping, executors
