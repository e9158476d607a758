"""``record``: the cockpit without its window, so that a drill run only
through ``incident …`` verbs still records the floor.

It runs the same :class:`~cockpit.runtime.runtime.Runtime` as the GUI: the
poller, a metric sample of every poll through the one database writer, the
alert log, the incident tick (reminders, overdue steps, delivery retries),
all on the backend's clock. It stops on SIGINT/SIGTERM, after ``--for``
seconds, or with ``--until-resolved ID`` once that incident is resolved and
its recovery window (as long as the incident) has been recorded; the
samples buffered so far are written before it exits. It prints one JSON
summary.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime, timedelta
from types import FrameType
from typing import Any, TextIO

import orjson

from cockpit.clock import format_time
from cockpit.metrics import FloorView
from cockpit.review import review_windows
from cockpit.runtime.health import Health
from cockpit.runtime.runtime import Runtime
from cockpit.settings import Settings
from cockpit.store.incidents import UnknownIncident

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_BACKEND = 3
CHECK_EVERY_S = 0.2


def add_record_verb(subparsers: Any) -> None:
    record = subparsers.add_parser(
        "record",
        help="record the floor headless (metric samples, alerts, incident reminders) "
        "until stopped, for a time, or until an incident is resolved and recovered",
    )
    record.add_argument("--backend", dest="record_backend", metavar="URL", help="backend URL")
    record.add_argument("--db", dest="record_db", metavar="URL", help="database URL")
    record.add_argument(
        "--interval", type=float, metavar="SECONDS", help="poll interval (default: settings)"
    )
    stop = record.add_mutually_exclusive_group()
    stop.add_argument(
        "--until-resolved",
        type=int,
        metavar="ID",
        help="stop once incident ID is resolved and as long again has been recorded "
        "(its recovery window); waits for the incident if it is not declared yet",
    )
    stop.add_argument(
        "--for", dest="for_s", type=float, metavar="SECONDS", help="stop after SECONDS (wall clock)"
    )


class _Progress:
    """What the recording saw, updated on the poll worker."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.polls = 0
        self.first: datetime | None = None
        self.last: datetime | None = None
        self.health: Health | None = None

    def on_view(self, view: FloorView) -> None:
        with self.lock:
            self.polls += 1
            self.first = self.first or view.generated_at
            self.last = view.generated_at

    def on_health(self, health: Health) -> None:
        with self.lock:
            self.health = health
        print(f"cockpit record: backend {health.describe()}", file=sys.stderr)


def run_record_verb(args: argparse.Namespace, settings: Settings, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    url = args.record_backend or getattr(args, "backend", None) or settings.backend_url
    if not url:
        print("cockpit record: no backend: pass --backend URL or set backend_url", file=sys.stderr)
        return EXIT_USAGE
    if args.for_s is not None and args.for_s <= 0:
        print("cockpit record: --for: expected a positive number of seconds", file=sys.stderr)
        return EXIT_USAGE
    update: dict[str, Any] = {"backend_url": url}
    if args.record_db:
        update["database_url"] = args.record_db
    if args.interval is not None:
        if not 0.2 <= args.interval <= 3600:
            print("cockpit record: --interval: expected 0.2 to 3600 seconds", file=sys.stderr)
            return EXIT_USAGE
        update["poll_interval_s"] = args.interval
    runtime = Runtime(settings.model_copy(update=update), backend_url=url)
    progress = _Progress()
    runtime.subscribe(on_view=progress.on_view, on_health=progress.on_health)
    stop = threading.Event()
    reason = "signal"
    with _stop_on_signals(stop):
        runtime.start()
        try:
            reason = _wait(runtime, args, stop)
        finally:
            runtime.shutdown()  # the poll stops, then the buffered samples are written
    error = runtime.incident_error
    _summary(out, runtime, progress, reason)
    if error is not None and error.reason == "backend":
        print(f"cockpit record: {error.detail}", file=sys.stderr)
        return EXIT_BACKEND
    return EXIT_OK


def _wait(runtime: Runtime, args: argparse.Namespace, stop: threading.Event) -> str:
    """Block until a stop condition; returns which one."""
    deadline = None if args.for_s is None else time.monotonic() + args.for_s
    done = _resolved_check(runtime, args.until_resolved) if args.until_resolved else None
    while not stop.wait(CHECK_EVERY_S):
        error = runtime.incident_error
        if error is not None and (error.reason == "backend" or done is not None):
            return "error"
        if deadline is not None and time.monotonic() >= deadline:
            return "time"
        if done is not None and done():
            return "resolved"
    return "signal"


def _resolved_check(runtime: Runtime, incident_id: int) -> Callable[[], bool]:
    """True once the incident is resolved and its recovery window recorded."""
    told = False

    def check() -> bool:
        nonlocal told
        store, poller = runtime.store, runtime.poller
        if store is None or poller is None or poller.view is None:
            return False
        try:
            incident = store.get(incident_id)
        except UnknownIncident:
            if not told:
                print(f"cockpit record: waiting for incident {incident_id}", file=sys.stderr)
                told = True
            return False
        if incident.resolved_at is None:
            return False
        # The review's own windows: its recovery is as long as the incident (at least a minute).
        windows = review_windows(incident, incident.resolved_at + timedelta(days=365))
        return poller.view.generated_at >= windows[-1].end

    return check


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM end the recording cleanly (main thread only)."""

    def handler(signum: int, _frame: FrameType | None) -> None:
        stop.set()

    saved: dict[signal.Signals, Any] = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        with suppress(ValueError):  # not the main thread: the caller stops us
            saved[signum] = signal.signal(signum, handler)
    try:
        yield
    finally:
        for sig, previous in saved.items():
            signal.signal(sig, previous)


def _summary(out: TextIO, runtime: Runtime, progress: _Progress, reason: str) -> None:
    with progress.lock:
        first, last, polls = progress.first, progress.last, progress.polls
    document = {
        "backend": runtime.backend_url,
        "stopped": reason,
        "polls": polls,
        "from": None if first is None else format_time(first),
        "until": None if last is None else format_time(last),
        "time_base": runtime.clock.base.value,
        "rate": round(runtime.clock.rate, 3),
    }
    out.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n")
    out.flush()
