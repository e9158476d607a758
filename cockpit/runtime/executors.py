"""Named executors: one serialized database writer and one I/O pool.

The GUI thread never waits on either. ``ImmediateExecutor`` runs work inline
so that tests are deterministic.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class ImmediateExecutor(Executor):
    """Runs each task at once on the calling thread (tests, headless CLI)."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


class Executors:
    """The app's worker threads, created together and shut down together."""

    def __init__(self, *, immediate: bool = False, io_workers: int = 4) -> None:
        if immediate:
            self.db: Executor = ImmediateExecutor()
            self.io: Executor = ImmediateExecutor()
        else:
            # One writer: SQLite never sees two writers, and writes keep their order.
            self.db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cockpit-db")
            self.io = ThreadPoolExecutor(max_workers=io_workers, thread_name_prefix="cockpit-io")

    def shutdown(self) -> None:
        """Stop taking work. Queued reads and network calls are cancelled (each
        running one is bounded by its timeout); queued database writes are all
        finished first, so nothing recorded is lost on the way out."""
        self.io.shutdown(wait=True, cancel_futures=True)
        self.db.shutdown(wait=True, cancel_futures=False)
