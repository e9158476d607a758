"""The one confirmation question: a modal yes/no with the action named on
the button ("Switch the bot on", not "OK"), and Cancel as the default, so
that a stray Enter at 1 am does nothing.

Panels take a ``Confirm`` callable (this module's :func:`ask` by default),
so tests answer it without a modal loop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

Confirm = Callable[[QWidget | None, str, str, str], bool]


def ask(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """True when the user pressed the button named ``action``."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is go
