"""What the read-only item models share, written once.

:class:`ColumnHeaders` gives a model its columns (an ``IntEnum``), read-only
flags and horizontal headers: titles, tooltips and alignment from three
hooks. :class:`RowTableModel` adds a table over a sequence of core rows: one
row each, ``set_rows`` resets only when the row set (the rows' keys, in
order) changes and otherwise emits ``dataChanged``, and ``data`` hands each
valid cell to ``_data(row, column, role)``.

The hooks that return text stay in the subclasses, so that their ``tr()``
calls keep the subclass as translation context.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from widgets.theme import DAY, Palette

ModelIndex = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")
ColumnT = TypeVar("ColumnT", bound=IntEnum)

READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


Block = tuple[int, int, int, int]  # top row, left column, bottom row, right column


def changed_blocks(
    old: Sequence[Sequence[Hashable]], new: Sequence[Sequence[Hashable]]
) -> list[Block]:
    """The cells that differ between two grids of the same shape, as few
    rectangles: each row's runs of adjacent changed columns, a run merged
    with the same run in the rows right above it. Only these cells repaint."""
    blocks: list[Block] = []
    open_runs: dict[tuple[int, int], int] = {}  # (left, right) -> index in blocks, of the row above
    for row, (before, after) in enumerate(zip(old, new, strict=True)):
        runs: dict[tuple[int, int], int] = {}
        column, width = 0, len(after)
        while column < width:
            if before[column] == after[column]:
                column += 1
                continue
            left = column
            while column + 1 < width and before[column + 1] != after[column + 1]:
                column += 1
            span = (left, column)
            above = open_runs.get(span)
            if above is None:
                blocks.append((row, left, row, column))
                runs[span] = len(blocks) - 1
            else:
                top = blocks[above][0]
                blocks[above] = (top, left, row, column)
                runs[span] = above
            column += 1
        open_runs = runs
    return blocks


def bold_font() -> QFont:
    """The ``FontRole`` answer for a cell that must stand out."""
    font = QFont()
    font.setBold(True)
    return font


class ColumnHeaders(Generic[ColumnT]):
    """Columns, flags and horizontal headers of a read-only model.

    A mixin: list it before the Qt model class. Subclasses set ``columns``
    and implement :meth:`_headers`.
    """

    columns: type[ColumnT]
    item_flags: Qt.ItemFlag = READ_ONLY

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return self.item_flags if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers()[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tip(self.columns(section))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(self.columns(section))
        return None

    def _headers(self) -> tuple[str, ...]:
        """The column titles in column order, in the UI language."""
        raise NotImplementedError

    def _header_tip(self, column: ColumnT) -> str | None:
        """A column title's tooltip (none by default)."""
        return None

    def _alignment(self, column: ColumnT) -> Qt.AlignmentFlag | None:
        """A column's alignment, for its title and its cells (the view's default by default)."""
        return None


class RowTableModel(ColumnHeaders[ColumnT], QAbstractTableModel, Generic[RowT, ColumnT]):
    """A read-only table with one row per core row, painted with a palette
    in a UI language; subclasses implement :meth:`_data`."""

    def __init__(
        self, parent: QObject | None = None, *, palette: Palette = DAY, language: str = "en"
    ) -> None:
        super().__init__(parent)
        self._rows: Sequence[RowT] = ()
        self._palette = palette
        self._language = language

    # --- updates ------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        """Texts in ``language`` ("zh_CN" or "en"): the headers and every cell."""
        self._language = language
        self._headers_changed()
        self._all_changed()

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self._all_changed()

    def set_rows(
        self,
        rows: Sequence[RowT],
        *,
        key: Callable[[RowT], Hashable],
        value: Callable[[RowT, ColumnT], object] | None = None,
    ) -> bool:
        """Show ``rows``; True when that reset the model.

        A reset when the keys of ``rows`` (in order) differ from those shown.
        Otherwise ``dataChanged``: for every cell, or, given ``value`` (a
        cell's raw value), per row for the span of cells whose value changed.
        """
        old = self._rows
        if [key(row) for row in old] != [key(row) for row in rows]:
            self._reset_rows(rows)
            return True
        self._rows = rows
        if value is None:
            self._all_changed()
            return False
        for i, (before, after) in enumerate(zip(old, rows, strict=True)):
            changed = [c for c in self.columns if value(before, c) != value(after, c)]
            if changed:
                self.dataChanged.emit(self.index(i, min(changed)), self.index(i, max(changed)))
        return False

    def _reset_rows(self, rows: Sequence[RowT]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def _all_changed(self, first: int = 0, last: int | None = None) -> None:
        """Repaint columns ``first`` to ``last`` (the last one by default) of every row."""
        if self._rows:
            last = len(self.columns) - 1 if last is None else last
            self.dataChanged.emit(self.index(0, first), self.index(len(self._rows) - 1, last))

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def _headers_changed(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    # --- reading ------------------------------------------------------------------

    def rows(self) -> tuple[RowT, ...]:
        return tuple(self._rows)

    def row_at(self, row: int) -> RowT | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # --- Qt model API ---------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = self.columns(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        return self._data(row, column, role)

    def _data(self, row: RowT, column: ColumnT, role: int) -> Any:
        """What ``data`` answers for a cell of ``row`` (alignment aside)."""
        raise NotImplementedError
