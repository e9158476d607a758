"""run_op: results on the GUI thread through a queued signal, failures in one
standard error dialog (in plain words), late results dropped."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from cockpit.backends.base import BackendUnreachable
from cockpit.runtime.executors import ImmediateExecutor
from cockpit.runtime.runtime import IncidentsUnavailable
from widgets.run_op import ErrorMessage, OpRunner, describe_error, run_op


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="test-db")
    yield executor
    executor.shutdown(wait=True)


@pytest.fixture
def shown() -> list[ErrorMessage]:
    return []


@pytest.fixture
def runner(pool: ThreadPoolExecutor, shown: list[ErrorMessage]) -> Iterator[OpRunner]:
    ops = OpRunner(pool.submit, present_error=lambda _parent, message: shown.append(message))
    ops.install()
    yield ops
    ops.uninstall()


def test_result_arrives_on_the_gui_thread(qtbot: QtBot, runner: OpRunner) -> None:
    ran_on: list[str] = []
    results: list[int] = []

    def op() -> int:
        ran_on.append(threading.current_thread().name)
        return 42

    def done(value: int) -> None:
        results.append(value)
        ran_on.append(threading.current_thread().name)

    run_op(None, op, on_success=done)
    qtbot.waitUntil(lambda: results == [42], timeout=2000)
    assert ran_on[0].startswith("test-db")
    assert ran_on[1] == threading.main_thread().name
    assert runner.pending == 0


def test_a_failure_shows_the_standard_dialog_in_plain_words(
    qtbot: QtBot, runner: OpRunner, shown: list[ErrorMessage]
) -> None:
    def op() -> None:
        raise BackendUnreachable("connection refused")

    failures: list[BaseException] = []
    run_op(None, op, on_success=lambda _: None, on_failure=failures.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=2000)
    assert isinstance(failures[0], BackendUnreachable)
    assert shown[0].text == "The ticket backend said no: the backend could not be reached."
    assert "connection refused" in shown[0].detail


def test_a_handled_failure_shows_no_dialog(
    qtbot: QtBot, runner: OpRunner, shown: list[ErrorMessage]
) -> None:
    failures: list[BaseException] = []

    def handled(exc: BaseException) -> bool:
        failures.append(exc)
        return True

    def op() -> None:
        raise IncidentsUnavailable("starting")

    run_op(None, op, on_success=lambda _: None, on_failure=handled)
    qtbot.waitUntil(lambda: bool(failures), timeout=2000)
    assert shown == []


def test_callbacks_of_a_deleted_parent_are_dropped(qtbot: QtBot, shown: list[ErrorMessage]) -> None:
    gate = threading.Event()
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="test-db")
    ops = OpRunner(pool.submit, present_error=lambda _p, m: shown.append(m))
    parent = QWidget()
    results: list[object] = []
    ops.run(parent, gate.wait, on_success=results.append)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not _alive(parent), timeout=2000)
    gate.set()
    pool.shutdown(wait=True)
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=2000)
    assert results == []


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def test_nothing_after_detach(qtbot: QtBot) -> None:
    ops = OpRunner(ImmediateExecutor().submit)
    ops.detach()
    results: list[int] = []
    ops.run(None, lambda: 1, on_success=results.append)
    assert results == []


def test_describe_error_speaks_of_the_incident_log() -> None:
    text = describe_error(IncidentsUnavailable("database", "OperationalError: disk full")).text
    assert text == "The incident log (database) could not be opened, so nothing was saved."
