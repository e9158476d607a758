"""Tables that never scroll sideways: compact columns sized to what they
show, one free-text column (a subject) that takes the rest of the width and
elides, and, when even that does not fit, the least important columns
hidden one by one (their facts stay in the rows' tooltips).

A panel describes its table once (:class:`ColumnFit`: which column
stretches, the order in which the others give way) and calls
:meth:`ColumnFit.apply` with the texts each column must show whenever the
rows, the language or the table's width change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView, QTreeView

# Room beside the widest text of a cell (the cell's padding and a little air).
CELL_PADDING = 16
# A header section's padding (8 + 8 in the application sheet), its border and air.
HEADER_PADDING = 20


@dataclass(frozen=True, slots=True)
class ColumnFit:
    """How one table's columns share its width.

    ``stretch`` is the free-text column: it takes what is left and is never
    narrower than ``stretch_ems`` average characters. ``give_way`` lists the
    other columns that may be hidden, the least important first; columns
    not listed always show.
    """

    stretch: int
    stretch_ems: int = 10
    give_way: tuple[int, ...] = ()
    # Per column, the widest text it grows to (longer values elide; the
    # tooltip has them whole), e.g. a queue name or an agent's full name.
    caps: Mapping[int, str] = field(default_factory=dict)

    def widths(
        self,
        view: QTableView | QTreeView,
        samples: Mapping[int, Iterable[str]],
        *,
        extra: Mapping[int, int] | None = None,
    ) -> dict[int, int]:
        """Each sampled column's width: its widest sample (no wider than its
        cap) or its title, whichever is wider, plus ``extra`` pixels."""
        view.ensurePolished()  # the style sheet sets the fonts measured here
        header = _header(view)
        header.ensurePolished()
        cell, title = QFontMetrics(view.font()), QFontMetrics(header.font())
        model = view.model()
        widths: dict[int, int] = {}
        advance = _advances(view.font().key(), cell)
        for column, texts in samples.items():
            content = max((advance(t) for t in texts), default=0)
            cap = self.caps.get(column)
            if cap is not None:
                content = min(content, advance(cap))
            name = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            more = extra.get(column, 0) if extra else 0
            widths[column] = max(
                content + CELL_PADDING + more, title.horizontalAdvance(name) + HEADER_PADDING
            )
        return widths

    def hidden_for(self, widths: Mapping[int, int], room: int, least: int) -> frozenset[int]:
        """The columns to hide for the others and ``least`` pixels of free
        text to fit in ``room``: none if all fit, else from ``give_way`` on."""
        total = sum(w for c, w in widths.items() if c != self.stretch) + least
        hidden: set[int] = set()
        for column in self.give_way:
            if total <= room:
                break
            hidden.add(column)
            total -= widths.get(column, 0)
        return frozenset(hidden)

    def need(self, view: QTableView | QTreeView, widths: Mapping[int, int]) -> int:
        """The view's width with every column shown (the free text at its
        least), frame and a vertical scroll bar included."""
        least = QFontMetrics(view.font()).horizontalAdvance("n") * self.stretch_ems
        chrome = view.width() - room(view)
        return sum(w for c, w in widths.items() if c != self.stretch) + least + chrome

    def apply(
        self,
        view: QTableView | QTreeView,
        samples: Mapping[int, Iterable[str]],
        *,
        extra: Mapping[int, int] | None = None,
    ) -> tuple[frozenset[int], int]:
        """Size and show or hide the columns for the view's width now;
        returns the hidden ones and the view's width for none hidden."""
        widths = self.widths(view, samples, extra=extra)
        least = QFontMetrics(view.font()).horizontalAdvance("n") * self.stretch_ems
        hidden = self.hidden_for(widths, room(view), least)
        header = _header(view)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.stretch, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(min(widths.values(), default=header.minimumSectionSize()))
        for column in range(header.count()):
            if column == self.stretch:
                continue
            header.setSectionHidden(column, column in hidden)
            if column in widths and header.sectionSize(column) != widths[column]:
                view.setColumnWidth(column, widths[column])
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        return hidden, self.need(view, widths)


def room(view: QTableView | QTreeView) -> int:
    """The width the columns may take without a sideways scroll bar, with
    room for a vertical one whether or not it shows (so that rows coming
    and going cannot toggle the columns shown)."""
    return view.contentsRect().width() - view.verticalScrollBar().sizeHint().width()


def rows_height(view: QTableView, rows: int) -> int:
    """The height of ``view`` showing its header and ``rows`` rows, frame
    included (at the row height and font it has now)."""
    return (
        view.horizontalHeader().sizeHint().height()
        + rows * view.verticalHeader().defaultSectionSize()
        + 2 * view.frameWidth()
    )


def visible_columns(view: QTableView | QTreeView) -> list[int]:
    header = _header(view)
    return [c for c in range(header.count()) if not header.isSectionHidden(c)]


def _header(view: QTableView | QTreeView) -> QHeaderView:
    return view.horizontalHeader() if isinstance(view, QTableView) else view.header()


# Text widths by font (QFont.key()), so the same ticket numbers, queues and
# owners poll after poll are measured once; bounded per font.
_WIDTHS: dict[str, dict[str, int]] = {}
_WIDTHS_PER_FONT = 4096


def _advances(font_key: str, metrics: QFontMetrics) -> Callable[[str], int]:
    widths = _WIDTHS.setdefault(font_key, {})
    if len(widths) > _WIDTHS_PER_FONT:
        widths.clear()

    def advance(text: str) -> int:
        width = widths.get(text)
        if width is None:
            width = widths[text] = metrics.horizontalAdvance(text)
        return width

    return advance


def texts_of(values: Sequence[object], *, fallback: Sequence[str]) -> list[str]:
    """The texts of ``values`` to size a column by, ``fallback`` when there are none."""
    texts = [str(v) for v in values if v]
    return texts or list(fallback)
