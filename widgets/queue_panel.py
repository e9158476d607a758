"""The live queue panel: the headline, floor totals, one row per queue.

Built to pass the three-second test from two metres away: the headline
names the queue that needs help now and why ("Needs help now: Refunds —
SL 71% vs 80% · 12 breached · …"), the rows come worst first
(``cockpit.ranking``) and only the outliers are coloured, with a text cue
as well as a colour. Fonts scale with the panel's size: every column and
whole queue names stay visible (no sideways scrolling) from 1920 down to
1366 pixels, and the font steps down while that shows more of the queues
in the height there is; narrower still (the incident panel open), the least
needed columns give way (``GIVE_WAY``). Long texts end after a whole word
with "…".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import (
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QFont, QFontMetrics, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain import AgentState
from cockpit.metrics import FloorView, QueueFigures
from cockpit.ranking import QueueRisk, needs_help
from cockpit.settings import Thresholds
from widgets.floor_panel import ElidedLabel, FloorPanel, panel_title, placeholder_stack, row_table
from widgets.floor_text import countdown_text, risk_headline, staffing_facts
from widgets.models.queue_model import (
    Column,
    FloorTotals,
    QueueRole,
    QueueTableModel,
    Severity,
    floor_totals,
    format_duration,
    format_percent,
    severity,
)
from widgets.theme import DAY, Palette, repolish

MAX_POINT_SIZE = 22
MIN_POINT_SIZE = 10
# Widest text each column must fit at full size (cue included).
_TEMPLATES: dict[Column, str] = {
    Column.QUEUE: "售后退款专线",
    Column.OLDEST_WAIT: "▲▲ 88:88:88",
    Column.SERVICE_LEVEL: "▼▼ 100%",
    Column.OCCUPANCY: "100%",
}
_COUNT_TEMPLATE = "▲▲ 888"
# Longer queue names are elided (the tooltip has them) rather than shrink every figure.
_NAME_CAP = "Refunds & returns"
_PAD = 14  # horizontal padding per column, in pixels
_HEADER_PAD = 20  # a header section's padding (8 + 8) and border, and a little air
_ROW_SPACING = 1.3  # row height ÷ line height: compact, yet apart from two metres
# When the panel is narrower than every column at the smallest type (the
# incident panel open on a 1366 screen), these columns are hidden one by one,
# the least needed first; the queue, its service level, its breaches, at-risk,
# waiting, past-target and oldest-wait figures and the free agents always show.
GIVE_WAY: tuple[Column, ...] = (
    Column.AWAY,
    Column.RESOLVED,
    Column.ARRIVALS,
    Column.BUSY,
    Column.OPEN,
    Column.OCCUPANCY,
)


def _wait_templates() -> tuple[str, ...]:
    """The widest an oldest wait reads, with its cue, in the UI language."""
    return tuple("▲▲ " + countdown_text(s) for s in (86_399, 9 * 86_400 + 23 * 3_600))


def ui_language() -> str:
    """The queue-name language for the current UI locale: "zh_CN" or "en"."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


class _SummaryTile(QFrame):
    """One big figure with a caption and an optional detail line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryTile")
        self.caption = ElidedLabel(self)
        self.caption.setObjectName("tileCaption")
        self.value = ElidedLabel(self)
        self.value.setText("—")
        self.value.setObjectName("tileValue")
        self.detail = ElidedLabel(self)
        self.detail.setObjectName("tileCaption")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.setSpacing(0)
        for label in (self.caption, self.value, self.detail):
            layout.addWidget(label)

    def show_figure(self, value: str, detail: str = "", sev: Severity = Severity.NORMAL) -> None:
        for label, text in ((self.value, value), (self.detail, detail)):
            if label.text() != text:  # an unchanged text: no relayout
                label.setText(text)
        name = {Severity.WARN: "warn", Severity.CRITICAL: "critical"}.get(sev, "normal")
        if self.property("severity") != name:
            self.setProperty("severity", name)
            for widget in (self, self.caption, self.value, self.detail):
                repolish(widget)


class _ServiceLevelDelegate(QStyledItemDelegate):
    """Draws "72%" large with the queue's target "/ 80%" small beside it."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        target = index.data(QueueRole.TARGET) if text != "—" else None
        suffix = f" / {target}" if target else ""
        font: QFont = opt.font
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.55))
        small.setBold(False)
        big_fm, small_fm = QFontMetrics(font), QFontMetrics(small)
        rect = opt.rect.adjusted(8, 0, -10, 0)
        baseline = rect.center().y() + (big_fm.ascent() - big_fm.descent()) / 2
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        colour = (
            brush.color()
            if isinstance(brush, QBrush)
            else opt.palette.color(QPalette.ColorRole.Text)
        )
        suffix_w = small_fm.horizontalAdvance(suffix)
        text_w = big_fm.horizontalAdvance(text)
        painter.save()
        painter.setPen(colour)
        painter.setFont(small)
        painter.drawText(QPointF(rect.right() - suffix_w, baseline), suffix)
        painter.setFont(font)
        painter.drawText(QPointF(rect.right() - suffix_w - text_w, baseline), text)
        painter.restore()


class QueuePanel(FloorPanel):
    """Per-queue live figures with floor totals; fed by ``Bridge.floorUpdated``."""

    def __init__(
        self, thresholds: Thresholds | None = None, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("queuePanel")
        self._thresholds = thresholds or Thresholds()
        self._point_size = 0
        self._refit_pending = False
        # Columns given way to a narrow panel (GIVE_WAY).
        self.hidden_columns: frozenset[Column] = frozenset()
        self._view: FloorView | None = None
        # The title row hidden to make room for the queues (a short window).
        self.compact = False
        # Font steps; large-type zoom (View → Zoom in) raises both.
        self._least_points, self._most_points = MIN_POINT_SIZE, MAX_POINT_SIZE
        self._staffing: Mapping[AgentState, int] | None = None
        self.model = QueueTableModel(
            self._thresholds, palette=DAY, language=ui_language(), parent=self
        )

        self._title = panel_title(self)
        self.headline = ElidedLabel(self)
        self.headline.setObjectName("headline")
        self._legend = QLabel(self)
        self._legend.setObjectName("panelHint")
        title_row = QHBoxLayout()
        title_row.addWidget(self._title)
        title_row.addStretch(1)
        title_row.addWidget(self._legend)

        self._tiles = {
            key: _SummaryTile(self) for key in ("waiting", "oldest", "open", "agents", "flow", "sl")
        }
        tiles_row = QHBoxLayout()
        tiles_row.setSpacing(10)
        for tile in self._tiles.values():
            tiles_row.addWidget(tile, 1)

        self.table = row_table(self.model, self)
        self.table.setItemDelegateForColumn(Column.SERVICE_LEVEL, _ServiceLevelDelegate(self.table))
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(Column.QUEUE, QHeaderView.ResizeMode.Stretch)
        header.setSectionsClickable(False)

        self._placeholder, self._stack = placeholder_stack(self, self.table)

        self._column = layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addLayout(title_row)
        layout.addWidget(self.headline)
        layout.addLayout(tiles_row)
        layout.addWidget(self._stack, 1)
        # The table is capped at its rows' height (_fit_height); the space
        # below stays free, and later panels take it through the splitter.
        layout.addStretch(0)

        self.table.installEventFilter(self)
        self._retranslate()

    # --- wiring -----------------------------------------------------------------

    def set_palette(self, palette: Palette) -> None:
        self.model.set_palette(palette)

    def set_zoom(self, factor: float) -> None:
        """Large type: the smallest and largest font steps times ``factor``
        (zoomed in on a small screen, the least needed columns give way, and
        the table scrolls sideways only when the rest does not fit either)."""
        self._least_points = round(MIN_POINT_SIZE * factor)
        self._most_points = max(self._least_points, round(MAX_POINT_SIZE * factor))
        self._fit_to_width(force=True)
        self._fit_height()

    def set_thresholds(self, thresholds: Thresholds) -> None:
        self._thresholds = thresholds
        self.model.set_thresholds(thresholds)
        self._update_summary()

    def restaff(self) -> None:
        """Rank the latest view again: the staffing forecaster has news
        ("N more agents needed") between two polls."""
        if self._view is not None:
            self._on_floor_changed(self._view)

    def _on_floor_changed(self, view: FloorView) -> None:
        self._view = view
        self._staffing = view.staffing or None
        # The sizes follow the queues shown and their names, not their order
        # (the ranking moves them about on most polls).
        before = _sized_by(self.model.queues())
        self.model.set_queues(view.queues, view.at_risk)
        if before != _sized_by(view.queues):
            self._fit_to_width()
            self._fit_height()
        self._stack.setCurrentWidget(self.table if view.queues else self._placeholder)
        if not view.queues:
            self._placeholder.setText(self.tr("The backend reports no queues."))
        self._update_summary()

    # --- text -------------------------------------------------------------------

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Queues right now"))
        self.headline.set_hint(
            self.tr(
                "Worst queue first:\n"
                "1. queues that need help (tickets past due, or the service level\n"
                "    under its target);\n"
                "2. among them, the most customers in trouble: tickets past due\n"
                "    plus the customers short of the target (how many more first\n"
                "    responses of the last 60 min had to be in target to meet it);\n"
                "3. then tickets about to breach, the service-level gap and the\n"
                "    soonest deadline."
            )
        )
        self._legend.setText(self.tr("▲ warning   ▲▲ critical   ▼ / ▼▼ service level low"))
        if not self.model.queues():
            self._placeholder.setText(self.tr("Waiting for the first data from the backend…"))
        captions = {
            "waiting": self.tr("Waiting for first response"),
            "oldest": self.tr("Longest wait"),
            "open": self.tr("Open tickets"),
            "agents": self.tr("Agents available / busy / away"),
            "flow": self.tr("Last 15 min: arrived / resolved"),
            "sl": self.tr("Lowest service level"),
        }
        for key, caption in captions.items():
            self._tiles[key].caption.setText(caption)
        self.model.set_language(ui_language())
        self._update_summary()
        self._fit_to_width(force=True)

    def _update_summary(self) -> None:
        ranking = self.model.ranking()
        worst = needs_help(ranking)
        self.headline.setText(risk_headline(worst, language=self.model.language))
        level = "normal" if worst is None else "critical"
        if self.headline.property("severity") != level:
            self.headline.setProperty("severity", level)
            repolish(self.headline)
        queues = self.model.queues()
        s = floor_totals(queues, self._staffing)
        language = self.model.language
        t = self._tiles
        t["waiting"].show_figure(str(s.waiting), self.tr("all queues"))
        if s.oldest is None:
            t["oldest"].show_figure("—", self.tr("nobody waiting"))
        else:
            sev = severity(
                s.oldest.oldest_wait_s, self._thresholds.oldest_wait_s, higher_is_worse=True
            )
            t["oldest"].show_figure(
                format_duration(s.oldest.oldest_wait_s), s.oldest.display_name(language), sev
            )
        t["open"].show_figure(str(s.open), self.tr("all queues"))
        t["agents"].show_figure(
            f"{s.available} / {s.busy} / {s.away}", self._staffing_hint(ranking), self._staffed(s)
        )
        t["flow"].show_figure(f"{s.arrivals} / {s.resolved}", self._flow_hint(s))
        if s.lowest_sl is None or s.lowest_sl.service_level is None:
            t["sl"].show_figure("—", self.tr("no first responses yet"))
        else:
            share = s.lowest_sl.service_level
            sev = severity(share, self._thresholds.service_level, higher_is_worse=False)
            t["sl"].show_figure(format_percent(share), s.lowest_sl.display_name(language), sev)

    def _staffing_hint(self, ranking: tuple[QueueRisk, ...]) -> str:
        starved = [r.figures.display_name(self.model.language) for r in ranking if r.zero_available]
        if starved:
            return self.tr("nobody free: {queues}").format(queues=", ".join(starved))
        facts = [fact for r in ranking[:1] for fact in staffing_facts(r)]
        return " · ".join(facts) if facts else self.tr("all queues")

    @staticmethod
    def _staffed(s: FloorTotals) -> Severity:
        return Severity.CRITICAL if s.available == 0 and s.waiting else Severity.NORMAL

    def _flow_hint(self, s: FloorTotals) -> str:
        if s.arrivals > s.resolved:
            return self.tr("backlog growing by {n}").format(n=s.arrivals - s.resolved)
        return self.tr("keeping up")

    # --- size -------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The table's own resize, not the panel's: when a hidden window is
        # first shown the panel hears of its new size before the table does.
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._fit_to_width()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Taller or shorter, without the table's width changing.
        self._fit_to_width()

    def least_width(self, points: int | None = None) -> int:
        """The narrowest this panel can be with every column of the table in
        full (queue names too) at font step ``points`` (the smallest by
        default), no horizontal scroll."""
        margins = self._column.contentsMargins()
        size = max(points or 0, self._least_points)
        table = sum(self._column_widths(size)) + self._table_chrome()
        return max(table + margins.left() + margins.right(), self.minimumSizeHint().width())

    def _table_chrome(self) -> int:
        # Room for a vertical scroll bar whether or not it shows, so that a
        # font step can never toggle it and the width with it.
        return 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width()

    def wanted_height(self, width: int) -> int:
        """How tall this panel wants to be when ``width`` pixels wide: every
        row showing, at the font that width allows."""
        margins = self._column.contentsMargins()
        table_width = width - margins.left() - margins.right()
        size = self._width_size(table_width, self._columns_to_hide(table_width))
        return self._height_at(size, max(1, self.model.rowCount()))

    def _width_size(self, table_width: int, hidden: frozenset[Column] = frozenset()) -> int:
        """The largest font (≤ MAX_POINT_SIZE) at which every column not
        ``hidden`` fits."""
        available = table_width - self._table_chrome()
        size = self._most_points
        while size > self._least_points and _shown_width(self._column_widths(size), hidden) > (
            available
        ):
            size -= 1
        return size

    def _columns_to_hide(self, table_width: int) -> frozenset[Column]:
        """The fewest GIVE_WAY columns whose hiding lets the rest fit at the
        smallest type (none when everything fits)."""
        available = table_width - self._table_chrome()
        widths = self._column_widths(self._least_points)
        hidden: set[Column] = set()
        for column in GIVE_WAY:
            if _shown_width(widths, frozenset(hidden)) <= available:
                break
            hidden.add(column)
        return frozenset(hidden)

    def _hide_columns(self, hidden: frozenset[Column]) -> None:
        if hidden == self.hidden_columns:
            return
        self.hidden_columns = hidden
        for column in GIVE_WAY:
            self.table.setColumnHidden(column, column in hidden)

    def _fit_to_width(self, *, force: bool = False) -> None:
        """Pick the largest font at which every column fits and as many rows
        show in full as any font would show in the panel's height."""
        rows = max(1, self.model.rowCount())

        def shown(size: int, compact: bool, slack: int = 0) -> int:
            base = self._height_at(size, 0, compact=compact) - slack
            one = self._height_at(size, 1, compact=compact) - base - slack
            return min(rows, (self.height() - base) // one)

        hidden = self._columns_to_hide(self.table.width())
        self._hide_columns(hidden)
        sizes = range(self._least_points, self._width_size(self.table.width(), hidden) + 1)
        # Short of height for every queue even at the smallest type: the
        # title row ("Queues right now", the legend) gives way to a row.
        # (The estimate keeps some slack for the style; not for this choice.)
        compact = all(shown(size, False, _SLACK) < rows for size in sizes)
        self._set_compact(compact)
        # A font at which even one row does not fit would make the panel's
        # minimum height push it taller, where a smaller font shows more
        # rows, which lets it shrink again, and so on for ever (seen with 30
        # queues at 1920×1080): only fonts that fit the height take part.
        fitting = [s for s in sizes if self._height_at(s, 1, compact=compact) <= self.height()]
        size = max(fitting or sizes[:1], key=lambda size: (shown(size, compact), size))
        if size == self._point_size and not force:
            return
        self._point_size = size
        self._apply_size(size)

    @staticmethod
    def _fonts(size: int) -> tuple[QFont, QFont]:
        """The table's data and header fonts at ``size`` (as the sheet sets them)."""
        data = QFont(QApplication.font())
        data.setPointSize(size)
        data.setBold(True)
        head = QFont(QApplication.font())
        head.setPointSize(_header_points(size))
        head.setBold(True)
        return data, head

    def _column_widths(self, size: int) -> list[int]:
        data, head = self._fonts(size)
        data_fm, head_fm = QFontMetrics(data), QFontMetrics(head)
        widths = []
        for column in Column:
            template = _TEMPLATES.get(column, _COUNT_TEMPLATE)
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            content = data_fm.horizontalAdvance(template)
            if column is Column.OLDEST_WAIT:  # 23:59:59, or past a day "9 d 23 h"
                content = max(data_fm.horizontalAdvance(t) for t in _wait_templates())
            if column is Column.QUEUE:
                longest = max((data_fm.horizontalAdvance(n) for n in self._names()), default=0)
                content = max(content, min(longest, data_fm.horizontalAdvance(_NAME_CAP)))
            if column is Column.SERVICE_LEVEL:
                content += round(data_fm.horizontalAdvance(" / 80%") * 0.6)
            widths.append(max(content + _PAD, head_fm.horizontalAdvance(title) + _HEADER_PAD))
        return widths

    def _names(self) -> list[str]:
        language = self.model.language
        return [q.display_name(language) for q in self.model.queues()]

    def _apply_size(self, size: int) -> None:
        # Fonts go through a style sheet: any later change of the application
        # sheet (night mode) would silently drop fonts set with setFont().
        self.setStyleSheet(
            _SIZE_SHEET.format(
                data=size,
                head=_header_points(size),
                value=round(size * 1.3),
                caption=max(9, round(size * 0.55)),
                title=max(11, round(size * 0.8)),
            )
        )
        data, _ = self._fonts(size)
        self.table.verticalHeader().setDefaultSectionSize(
            round(QFontMetrics(data).height() * _ROW_SPACING)
        )
        widths = self._column_widths(size)
        # The minimum first: a smaller width below the old minimum is clamped
        # (the panel shrinks when the incident panel opens beside it).
        self.table.horizontalHeader().setMinimumSectionSize(min(widths))
        for column, width in enumerate(widths):
            if column != Column.QUEUE:
                self.table.setColumnWidth(column, width)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the rows (no empty table area); scrolls when space runs out."""
        rows = max(1, self.model.rowCount())
        size = self._point_size or self._most_points
        header = max(self.table.horizontalHeader().sizeHint().height(), _header_height(size))
        frame = 2 * self.table.frameWidth()
        height = header + rows * self.table.verticalHeader().defaultSectionSize() + frame
        self._stack.setMaximumHeight(height)
        if not self._refit_pending:
            # Once the header has taken its new font, measure it again.
            self._refit_pending = True
            QTimer.singleShot(0, self, self._refit_height)

    def _refit_height(self) -> None:
        self._refit_pending = False
        rows = max(1, self.model.rowCount())
        header = (
            self.table.horizontalHeader().height()
            or self.table.horizontalHeader().sizeHint().height()
        )
        height = header + rows * self.table.verticalHeader().defaultSectionSize()
        height += 2 * self.table.frameWidth()
        if height > self._stack.maximumHeight():
            self._stack.setMaximumHeight(height)

    def _set_compact(self, compact: bool) -> None:
        if self.compact != compact:
            self.compact = compact
            self._title.setVisible(not compact)
            self._legend.setVisible(not compact)

    def _height_at(self, size: int, rows: int, *, compact: bool = False) -> int:
        """This panel's height showing ``rows`` rows at font step ``size``
        (title, tiles and table as _SIZE_SHEET sizes them; ``compact``:
        without the title row)."""
        caption = max(9, round(size * 0.55))
        title = max(_line(max(11, round(size * 0.8)), bold=True), _line(caption))
        if compact:
            title = -self._column.spacing()  # the row and the spacing after it
        tile = 2 * _line(caption) + _line(round(size * 1.3), bold=True) + _TILE_PADDING
        headline = _line(round(size * 1.3), bold=True)
        data, _ = self._fonts(size)
        table = (
            _header_height(size)
            + rows * round(QFontMetrics(data).height() * _ROW_SPACING)
            + 2 * self.table.frameWidth()
        )
        margins = self._column.contentsMargins()
        # Spacing after the title, the headline, the tiles and the table (the stretch below).
        spacing = 4 * self._column.spacing()
        return margins.top() + margins.bottom() + spacing + title + headline + tile + table + _SLACK


def _shown_width(widths: list[int], hidden: frozenset[Column]) -> int:
    return sum(width for column, width in zip(Column, widths, strict=True) if column not in hidden)


def _sized_by(queues: Iterable[QueueFigures]) -> frozenset[tuple[str, str, tuple[str, ...]]]:
    """What the column widths and the table's height depend on: the queues and their names."""
    return frozenset((q.queue, q.name, tuple(sorted(q.names.values()))) for q in queues)


def _header_points(size: int) -> int:
    return max(9, round(size * 0.6))


def _header_height(size: int) -> int:
    _, head = QueuePanel._fonts(size)
    metrics = QFontMetrics(head)
    # Chinese titles come from a fallback font with taller lines than the Latin one.
    return max(metrics.height(), metrics.boundingRect("队列Ág").height()) + _HEADER_PADDING


def _line(points: int, *, bold: bool = False) -> int:
    font = QFont(QApplication.font())
    font.setPointSize(points)
    font.setBold(bold)
    return QFontMetrics(font).height()


_HEADER_PADDING = 12  # section padding and border in the application sheet
_TILE_PADDING = 10  # a tile's margins and border
_SLACK = 14  # what the style adds to labels and headers beyond their fonts' line heights
_SIZE_SHEET = """
QTableView {{ font-size: {data}pt; font-weight: bold; }}
QHeaderView {{ font-size: {head}pt; font-weight: bold; }}
QHeaderView::section {{ font-size: {head}pt; font-weight: bold; }}
QLabel#tileValue {{ font-size: {value}pt; font-weight: bold; }}
QLabel#tileCaption {{ font-size: {caption}pt; }}
QLabel#panelHint {{ font-size: {caption}pt; }}
QLabel#panelTitle {{ font-size: {title}pt; font-weight: bold; }}
QLabel#headline {{ font-size: {value}pt; font-weight: bold; }}
QLabel#placeholder {{ font-size: {title}pt; }}
"""
