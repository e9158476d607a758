"""Shutting the executors down keeps every queued database write."""

from __future__ import annotations

import threading
import time

from cockpit.runtime.executors import Executors


def test_shutdown_finishes_queued_writes() -> None:
    executors = Executors(io_workers=1)
    db_busy = threading.Event()
    written: list[int] = []
    executors.db.submit(db_busy.wait)
    for n in range(3):
        executors.db.submit(written.append, n)
    stopper = threading.Thread(target=executors.shutdown)
    stopper.start()
    # Let the writes sit in the queue until shutdown has begun on the writer.
    deadline = time.monotonic() + 10
    while not getattr(executors.db, "_shutdown", True) and time.monotonic() < deadline:
        time.sleep(0.001)
    db_busy.set()
    stopper.join()
    assert written == [0, 1, 2]
