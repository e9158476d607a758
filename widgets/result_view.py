"""How an incident action went, under the buttons that started it: one or a
few lines, green when everything went through, amber otherwise. Hidden
until the first result."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from widgets.theme import repolish


class ResultView(QLabel):
    """The outcome of the last action; the style sheet colours it by ``ok``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentResult")
        self.setWordWrap(True)
        self.hide()

    def show_result(self, text: str, *, ok: bool) -> None:
        self.setText(text)
        self.setProperty("ok", ok)
        repolish(self)
        self.show()
