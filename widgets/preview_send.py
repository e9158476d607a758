"""Parts of the dialogs that preview an action off the GUI thread, then send
exactly the preview on screen (broadcast, bulk reply): the pause before a
preview is asked for, and the Send / Close buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


def preview_timer(parent: QObject, delay_ms: int, request: Callable[[], None]) -> QTimer:
    """A single-shot timer for ``request``: (re)started on every change of the
    choices, it asks for one preview once they have rested ``delay_ms``."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(delay_ms)
    timer.timeout.connect(request)
    return timer


def send_buttons(
    dialog: QDialog, send: QPushButton, on_send: Callable[[], None]
) -> QDialogButtonBox:
    """``send`` (the dialog's action, ``on_send`` when clicked) beside Close,
    which rejects the dialog."""
    buttons = QDialogButtonBox(dialog)
    buttons.addButton(send, QDialogButtonBox.ButtonRole.ActionRole)
    buttons.addButton(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    send.clicked.connect(on_send)
    return buttons
