"""What the floor panels (queues, alerts, heatmap, at risk, escalations)
share: the wiring to the bridge, the language plumbing, and the parts they
are built of.

:class:`FloorPanel` connects a panel to ``Bridge.floorUpdated`` (replaying
the latest view) and runs the panel's ``_retranslate`` on every language
change; the texts themselves stay in each panel, with its ``tr()`` context.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cockpit.metrics import FloorView
from widgets.bridge import Bridge

T = TypeVar("T")
C = TypeVar("C", bound=int)  # a column

# Room beside the widest text of a column (the cell's padding and a little air).
_COLUMN_PADDING = 16


class FloorPanel(QFrame):
    """A panel fed by ``Bridge.floorUpdated``.

    Subclasses implement ``_on_floor_changed(view)`` and ``_retranslate()``
    (called by the subclass once built, then on every language change).
    """

    # The width the panel wants changed (new rows with longer names).
    wantedWidthChanged = Signal()

    def bind(self, bridge: Bridge) -> None:
        bridge.floorUpdated.connect(self._on_floor_changed)
        if bridge.last_view is not None:
            self._on_floor_changed(bridge.last_view)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def title_width(self) -> int:
        """How wide the panel must be for its top row (the title and the
        buttons or chips beside it) to show in full."""
        layout = self.layout()
        top = layout.itemAt(0) if layout is not None else None
        if layout is None or top is None:
            return self.minimumSizeHint().width()
        margins = layout.contentsMargins()
        return top.sizeHint().width() + margins.left() + margins.right()

    def wanted_width(self) -> int:
        """How wide the panel would like to be: its top row in full (panels
        with a table: every column too)."""
        return self.title_width()

    def _on_floor_changed(self, view: FloorView) -> None:
        raise NotImplementedError

    def _retranslate(self) -> None:
        raise NotImplementedError


# --- parts ------------------------------------------------------------------------


def elide_words(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` if it fits ``width`` pixels, else cut short with "…": after
    the last whole " · " part that fits (a headline loses whole facts), else
    after the last whole word (Chinese, written without spaces, may break
    between any two characters); just "…" when not even one word fits."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    ellipsis = "…"
    parts = [i for i in range(len(text)) if text.startswith(" · ", i)]
    words = [i for i, ch in enumerate(text) if ch.isspace() or _is_cjk(ch) or _is_cjk(text[i - 1])]
    for cuts in (parts, words):
        # A later cut keeps a longer head, never a narrower one: the last cut
        # that fits is found by bisection (a label repaints on every poll).
        heads = [head for head in (text[:cut].rstrip(" ·—–-:,;/|（(") for cut in cuts) if head]
        low, high = 0, len(heads)  # heads[:low] fit, heads[high:] do not
        while low < high:
            middle = (low + high) // 2
            if metrics.horizontalAdvance(heads[middle] + ellipsis) <= width:
                low = middle + 1
            else:
                high = middle
        if low:
            return heads[low - 1] + ellipsis
    return ellipsis


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef"


class _TitleLabel(QLabel):
    """A one-line title that gives way to the buttons beside it: in full
    when there is room, else cut short after a whole word with "…" and
    whole in its tooltip."""

    _hint = ""

    def setText(self, text: str) -> None:
        if text == self.text():  # most polls: no relayout, no re-measuring
            return
        super().setText(text)
        self._update_tooltip()

    def set_hint(self, hint: str) -> None:
        """A tooltip line kept under the text (the text itself shows there
        too when it is cut short)."""
        self._hint = hint
        self._update_tooltip()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        # A few letters and the ellipsis; the layout gives more when it can.
        least = self.fontMetrics().horizontalAdvance(self.text()[:3] + "…")
        return QSize(min(hint.width(), least + self.margin() * 2), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_tooltip()

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect()
        text = elide_words(self.text(), self.fontMetrics(), rect.width())
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            rect,
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            text,
            self.foregroundRole(),
        )

    def _update_tooltip(self) -> None:
        cut = self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()
        self.setToolTip("\n\n".join(t for t in (self.text() if cut else "", self._hint) if t))


class ElidedLabel(_TitleLabel):
    """A one-line label cut after a whole word with "…" when narrow (the
    tooltip then has it whole); it asks for no more width than a few letters."""

    def elided(self) -> str:
        """The text as painted now."""
        return elide_words(self.text(), self.fontMetrics(), self.contentsRect().width())


def panel_title(parent: QWidget) -> QLabel:
    """A panel's title: shrinks (elided, the tooltip has it whole) before
    the buttons and chips in its row do."""
    title = _TitleLabel(parent)
    title.setObjectName("panelTitle")
    return title


def panel_layout(parent: QWidget) -> QVBoxLayout:
    """The panel's column of rows, with the floor panels' margins."""
    layout = QVBoxLayout(parent)
    layout.setContentsMargins(10, 8, 10, 8)
    layout.setSpacing(6)
    return layout


def placeholder_stack(parent: QWidget, content: QWidget) -> tuple[QLabel, QStackedWidget]:
    """``content`` stacked behind a centred placeholder text (shown first),
    for as long as there is nothing to show."""
    placeholder = QLabel(parent)
    placeholder.setObjectName("placeholder")
    placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
    stack = QStackedWidget(parent)
    stack.addWidget(placeholder)
    stack.addWidget(content)
    return placeholder, stack


def row_table(model: QAbstractItemModel, parent: QWidget) -> QTableView:
    """A table of one-line rows: no row numbers, long texts elided (the
    tooltips have them), headers that do not light up with the selection."""
    table = QTableView(parent)
    table.setModel(model)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setHighlightSections(False)
    return table


def filter_buttons(
    parent: QWidget, choices: Iterable[T], *, checked: T, on_clicked: Callable[[T], None]
) -> dict[T, QPushButton]:
    """One checkable button per choice, one of them checked at a time;
    ``on_clicked(choice)`` when the user clicks one. Texts are the caller's."""
    group = QButtonGroup(parent)
    group.setExclusive(True)
    buttons: dict[T, QPushButton] = {}
    for choice in choices:
        button = QPushButton(parent)
        button.setObjectName("filterButton")
        button.setCheckable(True)
        button.setChecked(choice == checked)
        button.clicked.connect(lambda _=False, c=choice: on_clicked(c))
        group.addButton(button)
        buttons[choice] = button
    return buttons


def fit_columns(
    view: QTableView | QTreeView,
    samples: Mapping[C, Sequence[str]],
    *,
    extra: Mapping[C, int] | None = None,
) -> None:
    """Size each sampled column to its widest sample text or its title,
    plus ``extra`` pixels where given (columns not sampled keep theirs)."""
    view.ensurePolished()  # the style sheet sets the view's font
    metrics = QFontMetrics(view.font())
    model = view.model()
    for column, texts in samples.items():
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        width = max(metrics.horizontalAdvance(text) for text in (*texts, title))
        more = extra.get(column, 0) if extra else 0
        view.setColumnWidth(column, width + more + _COLUMN_PADDING)
