"""Run the cockpit (a CLI verb, or the windowless runtime) and SIGKILL it at
an exact point of its database writes, for the kill drill.

``COCKPIT_TEST_KILL`` names the point as ``WHEN:WHAT:ACTION:N``:

- ``WHEN`` is ``after`` (the transaction is committed, the next step has not
  started: e.g. an intent is on disk, its side effect not yet done) or
  ``before`` (the transaction is flushed but not committed, so SQLite rolls
  it back: e.g. the side effect happened, its outcome row is lost);
- ``WHAT`` is an event phase (``intent``, ``outcome``, ``record``),
  ``incident`` (a new incident row) or ``sample`` (a metric-sample insert);
- ``ACTION`` is the event's action (``ticket_reply`` …) or ``*``;
- ``N``: the N-th matching transaction of this process (1-based).

Without the variable nothing is killed, and the number of matching writes
is not counted. The process kills itself with SIGKILL: no ``finally``, no
atexit, no flush, exactly like ``kill -9`` from outside.

Usage: ``python -m tests.e2e.kill_harness cli ARGS…`` or ``… runtime URL``.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from cockpit.store.models import EventRow, IncidentRow, MetricSampleRow

_count = 0
_lock = threading.Lock()


def _parse(spec: str) -> tuple[str, str, str, int]:
    when, what, action, n = spec.split(":")
    assert when in ("after", "before"), spec
    return when, what, action, int(n)


def _matches(obj: object, what: str, action: str) -> bool:
    if what == "incident":
        return isinstance(obj, IncidentRow)
    if not isinstance(obj, EventRow) or obj.phase != what:
        return False
    return action == "*" or obj.action == action


def install(spec: str) -> None:
    when, what, action, wanted = _parse(spec)

    def mark(session: Session) -> None:
        global _count
        with _lock:
            if session.info.get("kill_counted"):
                return
            session.info["kill_counted"] = True
            _count += 1
            if _count == wanted:
                session.info["kill"] = True

    @event.listens_for(Session, "after_flush")
    def _flushed(session: Session, _context: Any) -> None:
        if any(_matches(obj, what, action) for obj in session.new):
            mark(session)

    @event.listens_for(Session, "do_orm_execute")
    def _executed(state: ORMExecuteState) -> None:
        if what == "sample" and state.is_insert:
            table = getattr(state.statement, "table", None)
            if table is not None and table.name == MetricSampleRow.__tablename__:
                mark(state.session)

    def kill_if(session: Session, moment: str) -> None:
        if moment == when and session.info.get("kill"):
            sys.stderr.write(f"kill-harness: SIGKILL {moment} {spec}\n")
            sys.stderr.flush()
            os.kill(os.getpid(), signal.SIGKILL)

    event.listen(Session, "before_commit", lambda s: kill_if(s, "before"))
    event.listen(Session, "after_commit", lambda s: kill_if(s, "after"))


def _run_cli(argv: list[str]) -> int:
    from cockpit.cli import run

    def no_gui(_args: object) -> int:
        raise SystemExit("the kill harness runs verbs only")

    return run(argv, gui=no_gui)


def _run_runtime(url: str) -> int:
    """The window's runtime without the window: poll, record samples and run
    incident recovery until killed (or stopped by SIGTERM)."""
    from cockpit.runtime.runtime import build_runtime
    from cockpit.settings import load_settings

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    runtime = build_runtime(load_settings(), backend_url=url)
    runtime.start()
    print("runtime started", flush=True)
    try:
        stop.wait(timeout=120)
    finally:
        runtime.shutdown()
    return 0


def main(argv: list[str]) -> int:
    spec = os.environ.get("COCKPIT_TEST_KILL")
    if spec:
        install(spec)
    mode, rest = argv[0], argv[1:]
    if mode == "cli":
        return _run_cli(rest)
    if mode == "runtime":
        return _run_runtime(rest[0])
    raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
