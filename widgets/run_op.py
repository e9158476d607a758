"""Run user actions off the GUI thread, with success/failure callbacks and
one standard error dialog.

``run_op(parent, op, on_success=…, on_failure=…)`` hands ``op`` (a function
of no arguments that may block on the network or the database) to the
runtime's database executor. Its result, or its exception as a value, comes
back through a queued Qt signal and the callbacks run on the GUI thread.
Callbacks of a ``parent`` deleted meanwhile are dropped, and so is
everything once the runner is detached (shutdown).

A failure shows the standard error dialog (a sentence in the UI language,
the technical detail underneath) unless ``on_failure`` returns ``True``
("handled").
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar, cast

import shiboken6
from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from cockpit.backends.base import BackendError
from cockpit.incidents.broadcast import UnknownScript
from cockpit.incidents.engine import IncidentNotActive, UnknownStep
from cockpit.incidents.queries import UnknownPlaybook
from cockpit.incidents.templating import MissingVariables
from cockpit.runtime.runtime import IncidentsUnavailable
from cockpit.store.incidents import UnknownIncident
from widgets.incident_text import reason_text

log = logging.getLogger(__name__)
T = TypeVar("T")

Submit = Callable[[Callable[[], Any]], "Future[Any]"]
OnFailure = Callable[[BaseException], bool | None]
ErrorPresenter = Callable[[QWidget | None, "ErrorMessage"], None]
# Marks a text for lupdate (by this name) and returns it; typed for mypy.
QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], QtCore.QT_TRANSLATE_NOOP)


def _t(text: str) -> str:
    return QCoreApplication.translate("RunOp", text)


@dataclass(frozen=True, slots=True)
class ErrorMessage:
    title: str
    text: str
    detail: str = ""


def describe_error(exc: BaseException) -> ErrorMessage:
    """A failure in plain words: what went wrong and what to do."""
    title = _t(QT_TRANSLATE_NOOP("RunOp", "The action did not go through"))
    detail = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, IncidentsUnavailable):
        if exc.reason == "starting":
            text = QT_TRANSLATE_NOOP(
                "RunOp", "Incident mode is still starting. Try again in a moment."
            )
        elif exc.reason == "backend":
            text = QT_TRANSLATE_NOOP(
                "RunOp", "Incident mode needs the ticket backend, which could not be set up."
            )
        else:
            text = QT_TRANSLATE_NOOP(
                "RunOp", "The incident log (database) could not be opened, so nothing was saved."
            )
        return ErrorMessage(title, _t(text), exc.detail)
    if isinstance(exc, BackendError):
        sentence = _t(QT_TRANSLATE_NOOP("RunOp", "The ticket backend said no: {reason}."))
        return ErrorMessage(title, sentence.format(reason=reason_text(exc.reason)), detail)
    if isinstance(exc, IncidentNotActive):
        text = QT_TRANSLATE_NOOP("RunOp", "This incident has already been resolved.")
        return ErrorMessage(title, _t(text), detail)
    if isinstance(exc, MissingVariables):
        sentence = _t(QT_TRANSLATE_NOOP("RunOp", "Fill in these script variables first: {names}."))
        return ErrorMessage(title, sentence.format(names=", ".join(exc.names)), detail)
    if isinstance(exc, UnknownPlaybook | UnknownScript | UnknownStep | UnknownIncident):
        text = QT_TRANSLATE_NOOP(
            "RunOp", "The playbook or incident changed meanwhile; reopen the dialog and try again."
        )
        return ErrorMessage(title, _t(text), detail)
    if _is_database_error(exc):
        text = QT_TRANSLATE_NOOP(
            "RunOp", "The incident log (database) could not be written. Nothing was sent."
        )
        return ErrorMessage(title, _t(text), detail)
    text = QT_TRANSLATE_NOOP("RunOp", "Something unexpected went wrong. The details are below.")
    return ErrorMessage(title, _t(text), detail)


def _is_database_error(exc: BaseException) -> bool:
    from sqlalchemy.exc import SQLAlchemyError

    return isinstance(exc, SQLAlchemyError)


def show_error(parent: QWidget | None, message: ErrorMessage) -> None:
    """The standard error dialog."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(message.title)
    box.setText(message.text)
    if message.detail:
        box.setDetailedText(message.detail)
    box.exec()


@dataclass(slots=True)
class _Pending:
    parent: QWidget | None
    on_success: Callable[[Any], None]
    on_failure: OnFailure | None


class OpRunner(QObject):
    """Submits ops to an executor and delivers their results on the GUI thread."""

    _finished = Signal(int, object)
    _current: ClassVar[OpRunner | None] = None

    def __init__(
        self,
        submit: Submit,
        parent: QObject | None = None,
        *,
        present_error: ErrorPresenter = show_error,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self.present_error = present_error
        self._pending: dict[int, _Pending] = {}
        self._tokens = itertools.count(1)
        self._detached = False
        self._finished.connect(self._on_op_finished)

    # --- the current runner -------------------------------------------------------

    def install(self) -> None:
        """Make this the runner :func:`run_op` uses."""
        OpRunner._current = self

    def uninstall(self) -> None:
        if OpRunner._current is self:
            OpRunner._current = None

    @classmethod
    def current(cls) -> OpRunner:
        if cls._current is None:
            raise RuntimeError("no OpRunner installed (the session installs one)")
        return cls._current

    # --- running ------------------------------------------------------------------

    @property
    def pending(self) -> int:
        return len(self._pending)

    def detach(self) -> None:
        """Drop every result still to come (shutdown)."""
        self._detached = True
        self._pending.clear()

    def run(
        self,
        parent: QWidget | None,
        op: Callable[[], T],
        *,
        on_success: Callable[[T], None],
        on_failure: OnFailure | None = None,
    ) -> None:
        if self._detached:
            return
        token = next(self._tokens)
        self._pending[token] = _Pending(parent, on_success, on_failure)
        try:
            future = self._submit(op)
        except RuntimeError as exc:  # the executor is shutting down
            failed: Future[Any] = Future()
            failed.set_exception(exc)
            self._on_op_finished(token, failed)
            return
        future.add_done_callback(lambda done: self._emit(token, done))

    def _emit(self, token: int, future: Future[Any]) -> None:
        # Runs on the worker thread: only a signal crosses to the GUI thread.
        if self._detached:
            return
        try:
            self._finished.emit(token, future)
        except RuntimeError:
            log.debug("op runner deleted; dropped a late result")

    def _on_op_finished(self, token: int, future: Future[Any]) -> None:
        pending = self._pending.pop(token, None)
        if pending is None or self._detached:
            return
        if pending.parent is not None and not shiboken6.isValid(pending.parent):
            return
        exc = future.exception() if not future.cancelled() else RuntimeError("cancelled")
        if exc is None:
            pending.on_success(future.result())
            return
        if not isinstance(exc, BackendError | IncidentsUnavailable | IncidentNotActive):
            log.error("an op failed", exc_info=exc)
        handled = pending.on_failure(exc) if pending.on_failure is not None else None
        if not handled:
            self.present_error(pending.parent, describe_error(exc))


def run_op(
    parent: QWidget | None,
    op: Callable[[], T],
    *,
    on_success: Callable[[T], None],
    on_failure: OnFailure | None = None,
) -> None:
    """Run ``op`` on the runtime's database worker; callbacks on the GUI thread."""
    OpRunner.current().run(parent, op, on_success=on_success, on_failure=on_failure)
