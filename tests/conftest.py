"""Test-wide set-up: offscreen Qt, a throw-away config and data dir, and a
check that no test leaves threads behind."""

from __future__ import annotations

import gc
import os
import tempfile
import threading
import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

# Before the COCKPIT_*_URL clean-up below (it reads COCKPIT_TEST_PG_URL).
from tests.databases import db_url, pg_server  # noqa: F401

# Shared 2-core machines are noisy: judge properties, not speed.
settings.register_profile("cockpit", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("cockpit")

# Before any QApplication exists: with no display pytest would abort.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_scratch = tempfile.mkdtemp(prefix="cockpit-tests-")
os.environ["COCKPIT_CONFIG_DIR"] = os.path.join(_scratch, "config")
os.environ["COCKPIT_DATA_DIR"] = os.path.join(_scratch, "data")
for _var in [v for v in os.environ if v.startswith("COCKPIT_") and v.endswith(("_URL", "_TOKEN"))]:
    del os.environ[_var]


def _live_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.is_alive()}


@pytest.fixture(autouse=True)
def no_dangling_threads() -> Iterator[None]:
    """Fail a test that leaves a thread running (schedulers, servers, pools)."""
    before = _live_threads()
    yield
    # Collect cycles here, on the main thread: Qt objects collected later on a
    # worker thread (whichever thread triggers the collector) crash the process.
    gc.collect()
    deadline = time.monotonic() + 5.0
    while True:
        leftover = {
            t
            for t in _live_threads() - before
            # Qt's own helper threads and pytest-timeout's watchdog are not ours.
            if not t.name.startswith(("QThread", "Dummy-"))
        }
        if not leftover or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert not leftover, f"threads left running: {sorted(t.name for t in leftover)}"


# A thread one failed test leaves behind (a server whose owner died before
# stopping it) would keep the interpreter from exiting after the summary, and
# CI would wait for it until its time ran out: end the run instead.
_EXIT_GRACE_S = 10.0
_session_status: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _session_status.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    _watch_stop.set()
    deadline = time.monotonic() + _EXIT_GRACE_S
    while True:
        stuck = [
            t
            for t in threading.enumerate()
            if t.is_alive() and not t.daemon and t is not threading.main_thread()
        ]
        if not stuck or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    if not stuck:
        return
    import faulthandler
    import sys

    names = ", ".join(sorted(t.name for t in stuck))
    print(f"\ntests left threads that would never exit: {names}", file=sys.stderr, flush=True)
    faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
    os._exit(_session_status[-1] if _session_status and _session_status[-1] else 1)


# pytest-timeout's signal cannot end a test stuck where Python code does not
# run on (a modal dialog's event loop swallows the exception): past this, the
# watchdog dumps every thread's stack and ends the run, as a red result.
_HUNG_AFTER_S = 300.0


class _Watchdog:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.item: pytest.Item | None = None
        self.since = 0.0
        self._thread = threading.Thread(target=self._watch, name="test-watchdog", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not _watch_stop.wait(5.0):
            item, since = self.item, self.since
            if item is None or time.monotonic() - since < _HUNG_AFTER_S:
                continue
            import faulthandler
            import sys

            capture = self.config.pluginmanager.getplugin("capturemanager")
            if capture is not None:
                capture.suspend_global_capture(in_=True)
            print(
                f"\n{item.nodeid} still runs after {_HUNG_AFTER_S:.0f} s (stuck where the "
                "per-test timeout cannot end it): ending the run",
                file=sys.stderr,
                flush=True,
            )
            faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
            os._exit(1)


_watch_stop = threading.Event()
_watchdog: list[_Watchdog] = []


def pytest_configure(config: pytest.Config) -> None:
    _watchdog.append(_Watchdog(config))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    if _watchdog:
        _watchdog[0].item, _watchdog[0].since = item, time.monotonic()
    yield
    if _watchdog:
        _watchdog[0].item = None
