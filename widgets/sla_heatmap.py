"""The SLA breach heatmap: queues × time buckets over the last 24 hours.

One row-major ``ImageItem`` (row = queue, top to bottom; column = bucket,
oldest left, the bucket holding "now" right) under a ``ColorBarItem`` with
fixed limits per measure, so a colour always means the same number: 0–10
breaches, 0–100 % breach rate, 0–20 warnings. The colour map runs from the
surface colour through amber to red. A vertical line marks "now". Local
time labels run every 2 h, or 3, 4, 6… h apart as the plot narrows, so
that they never overlap; the plot stays tall enough for every queue name.

The grid comes ready from the core (``FloorView.heatmaps``: every bucket
size, so switching 15 min / 30 min / 1 h needs no poll). Redraws are
throttled to one per ``throttle_ms`` (a burst of polls paints once more at
the end); the user's own switches paint at once. Hovering a cell shows its
exact numbers; clicking it asks (``cellActivated``) for the tickets behind
it. pyqtgraph's global options are never touched: colours and fonts are set
on this widget's items.

Readable at a glance: a single breach already shows clearly amber (any
value above zero is lifted to the first colour step), a bucket where
nothing fell due is grey, not the white of a zero, the numbers are written
in the cells wherever they fit, and a legend under the plot says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QFont, QFontInfo, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolTip,
    QWidget,
)

from cockpit.domain import QueueId
from cockpit.heatmap import BUCKETS, DEFAULT_BUCKET, HeatmapGrid, HeatmapMode
from cockpit.metrics import FloorView
from widgets.floor_panel import (
    ElidedLabel,
    FloorPanel,
    filter_buttons,
    panel_layout,
    panel_title,
    placeholder_stack,
)
from widgets.floor_text import bucket_text, clock_time, limit_text, local
from widgets.queue_panel import ui_language
from widgets.theme import DAY, Palette

THROTTLE_MS = 250
# Fixed colour-bar limits per measure (rates are shown in percent).
LIMITS: dict[HeatmapMode, tuple[float, float]] = {
    HeatmapMode.BREACHES: (0.0, 10.0),
    HeatmapMode.BREACH_RATE: (0.0, 100.0),
    HeatmapMode.AT_RISK: (0.0, 20.0),
}
# Time labels on the bottom axis: every 2 h when there is room, further
# apart as the plot narrows, so that no two labels ever touch.
LABEL_STEPS = tuple(timedelta(hours=hours) for hours in (2, 3, 4, 6, 8, 12))
LABEL_GAP = 16  # pixels at least between two time labels
TICK_POINTS = 10


@dataclass(frozen=True, slots=True)
class HeatmapCell:
    """One cell as the user saw it, to list the tickets behind it."""

    queue: QueueId
    queue_name: str
    start: datetime
    bucket: timedelta
    mode: HeatmapMode
    breaches: int
    due: int
    at_risk: int


def label_step(*, pixels_per_hour: float, label_width: int) -> timedelta:
    """The closest spacing of time labels at which they stay apart."""
    for step in LABEL_STEPS:
        if step / timedelta(hours=1) * pixels_per_hour >= label_width + LABEL_GAP:
            return step
    return LABEL_STEPS[-1]


# Any value above zero shows at least at this share of the limit: the first
# amber step, so that one or two breaches never pass for none.
FIRST_STEP = 0.08
CELL_TEXT_POINTS = 9


def colour_map(palette: Palette) -> pg.ColorMap:
    """Sequential: the surface colour (zero) → amber (the first step) → red
    (the limit and above)."""
    return pg.ColorMap(
        pos=np.array([0.0, FIRST_STEP / 2, FIRST_STEP, 1.0]),
        color=[palette.surface, palette.surface, palette.warn_bg, palette.critical_bg],
    )


def shown_values(grid: HeatmapGrid, mode: HeatmapMode) -> np.ndarray:
    """The grid's values as painted: rates in percent, any value above zero
    lifted to the first colour step, NaN (grey) where nothing fell due and
    nothing was at risk."""
    values = np.asarray(grid.values(mode), dtype=np.float64)
    if mode is HeatmapMode.BREACH_RATE:
        values = values * 100.0
    low, high = LIMITS[mode]
    lifted = np.where(values > 0, np.maximum(values, low + (high - low) * FIRST_STEP), values)
    if mode is HeatmapMode.BREACH_RATE:
        return lifted
    empty = (np.asarray(grid.due) == 0) & (np.asarray(grid.at_risk) == 0) & (values == 0)
    return np.where(empty, np.nan, lifted)


# Rows the heatmap keeps room for, each with its queue name legible.
MAX_NAMED_ROWS = 12


class SlaHeatmapPanel(FloorPanel):
    """Breaches (or breach rate, or warnings) per queue and bucket; fed by
    ``Bridge.floorUpdated``. ``cellActivated(HeatmapCell)`` on a click."""

    cellActivated = Signal(object)

    def __init__(
        self,
        *,
        zone: tzinfo | None = None,
        palette: Palette = DAY,
        throttle_ms: int = THROTTLE_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("floorPanel")
        self._zone = zone
        self._palette = palette
        self._view: FloorView | None = None
        self._grid: HeatmapGrid | None = None
        self._names: dict[QueueId, str] = {}
        self._name_step = 0  # every how many rows the queue axis names one
        # What the axes show now (redraw sets them again only when these change).
        self._axis_names: list[str] = []
        self._time_key: tuple[object, ...] = ()
        self._mode = HeatmapMode.BREACHES
        self._bucket = DEFAULT_BUCKET
        self._dirty = False
        self.redraws = 0  # how many times the grid was painted (tests, benchmarks)
        self.hover_text = ""
        self._bar_text = ""
        self._cell_items: list[pg.TextItem] = []
        # (row, column) → the number written in that cell (tests).
        self.cell_texts: dict[tuple[int, int], str] = {}

        self._title = panel_title(self)
        self.bucket_box = QComboBox(self)
        for bucket in BUCKETS:
            self.bucket_box.addItem("", bucket)
        self.bucket_box.setCurrentIndex(BUCKETS.index(DEFAULT_BUCKET))
        self.bucket_box.currentIndexChanged.connect(self._on_bucket_changed)
        self._mode_buttons = filter_buttons(
            self, HeatmapMode, checked=self._mode, on_clicked=self.set_mode
        )
        # The measure and bucket controls sit beside the title when both fit
        # whole, else on a row of their own below it (see _place_controls).
        self._controls = QWidget(self)
        controls = QHBoxLayout(self._controls)
        controls.setContentsMargins(0, 0, 0, 0)
        for button in self._mode_buttons.values():
            controls.addWidget(button)
        controls.addWidget(self.bucket_box)
        top = QHBoxLayout()
        top.addWidget(self._title)
        top.addStretch(1)
        top.addWidget(self._controls)
        self._top, self._below = top, QHBoxLayout()
        self._below.addStretch(1)
        self._controls_inline = True

        self.plot = pg.PlotWidget(background=palette.surface)
        self.plot.setObjectName("heatmapPlot")
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        self._box = item.getViewBox()
        self._box.invertY(True)  # the first queue on top
        self._box.disableAutoRange()
        self.image = pg.ImageItem(axisOrder="row-major")
        item.addItem(self.image)
        self.bar = pg.ColorBarItem(
            values=LIMITS[self._mode],
            colorMap=colour_map(palette),
            interactive=False,
            colorMapMenu=False,
            width=14,
        )
        self.bar.setImageItem(self.image, insert_in=item)
        self.now_line = pg.InfiniteLine(angle=90, movable=False)
        self._now_label = pg.InfLineLabel(
            self.now_line, text="", position=0.04, anchors=[(1, 0), (1, 0)]
        )
        item.addItem(self.now_line)
        # Narrower or wider, the time labels are spaced out again.
        self._box.sigResized.connect(self._on_plot_resized)
        scene = self.plot.scene()
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)

        self._hint = ElidedLabel(self)
        self._hint.setObjectName("panelHint")
        self.legend = QLabel(self)
        self.legend.setObjectName("panelHint")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        # Neither sets the panel's least width: the title row and the plot do.
        # The legend shows whole when it can; the hint (elided) has the rest.
        self.legend.setMinimumWidth(1)
        self._hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._placeholder, self._stack = placeholder_stack(self, self.plot)

        layout = panel_layout(self)
        layout.addLayout(top)
        layout.addLayout(self._below)
        layout.addWidget(self._stack, 1)
        # Legend and hint share one line: the panel stays short in the tabs.
        bottom = QHBoxLayout()
        bottom.addWidget(self.legend, 0)
        bottom.addWidget(self._hint, 1)
        layout.addLayout(bottom)

        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.setInterval(throttle_ms)
        self._throttle.timeout.connect(self._on_throttle_elapsed)
        self._style_plot()
        self._retranslate()

    # --- the title row ----------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_controls()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() is QEvent.Type.FontChange:  # zoom
            self._place_controls()

    def wanted_width(self) -> int:
        """Wide enough for the title in full with the controls beside it
        (wherever they sit now)."""
        layout = self.layout()
        margins = layout.contentsMargins().left() + layout.contentsMargins().right()
        return self._inline_width() + margins

    def _inline_width(self) -> int:
        spacing = max(0, self._top.spacing()) + 12  # and a little air
        return self._title.sizeHint().width() + self._controls.sizeHint().width() + spacing

    def _place_controls(self) -> None:
        """Controls beside the title while the title shows whole, else below it."""
        layout = self.layout()
        if layout is None:
            return
        margins = layout.contentsMargins()
        inline = self.width() - margins.left() - margins.right() >= self._inline_width()
        if inline == self._controls_inline:
            return
        self._controls_inline = inline
        (self._below if inline else self._top).removeWidget(self._controls)
        (self._top if inline else self._below).addWidget(self._controls)

    @property
    def controls_inline(self) -> bool:
        """Whether the controls share the title's row (tests)."""
        return self._controls_inline

    # --- wiring -----------------------------------------------------------------

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self.plot.setBackground(palette.surface)
        self.bar.setColorMap(colour_map(palette))
        self._style_plot()
        self._bar_text = ""  # in the new palette's colour
        self._fit_bar_label()
        self._show_legend()
        self.redraw()

    def set_mode(self, mode: HeatmapMode) -> None:
        self._mode = mode
        self._mode_buttons[mode].setChecked(True)
        self.bar.setLevels(values=LIMITS[mode])
        self._fit_bar_label()
        self._show_legend()
        self.redraw()

    def set_bucket(self, bucket: timedelta) -> None:
        self.bucket_box.setCurrentIndex(BUCKETS.index(bucket))  # redraws through the signal

    @property
    def mode(self) -> HeatmapMode:
        return self._mode

    @property
    def bucket(self) -> timedelta:
        return self._bucket

    @property
    def grid(self) -> HeatmapGrid | None:
        """The grid on screen."""
        return self._grid

    def _on_bucket_changed(self, index: int) -> None:
        self._bucket = BUCKETS[index]
        self.redraw()

    def _on_floor_changed(self, view: FloorView) -> None:
        self._view = view
        if self._throttle.isActive():
            self._dirty = True  # painted once the interval is over
            return
        self.redraw()
        self._throttle.start()

    def _on_throttle_elapsed(self) -> None:
        if self._dirty:
            self._dirty = False
            self.redraw()
            self._throttle.start()

    # --- painting -----------------------------------------------------------------

    def redraw(self) -> None:
        """Paint the latest view's grid for the chosen bucket and measure now."""
        view = self._view
        if view is None:
            return
        language = ui_language()
        self._names = {q.queue: q.display_name(language) for q in view.queues}
        grid = view.heatmaps.get(self._bucket)
        if grid is None and view.heatmap.bucket == self._bucket:
            grid = view.heatmap
        self._grid = grid
        if grid is None or not grid.queues or not grid.starts:
            self._placeholder.setText(self.tr("No heatmap yet: the backend reports no queues."))
            self._stack.setCurrentWidget(self._placeholder)
            return
        self._stack.setCurrentWidget(self.plot)
        values = shown_values(grid, self._mode)
        self.image.setImage(values, autoLevels=False, levels=LIMITS[self._mode])
        rows, columns = values.shape
        self._box.setRange(xRange=(0, columns), yRange=(0, rows), padding=0)
        names = [self._names.get(q, str(q)) for q in grid.queues]
        # The axes change with the queues and the hours shown, not on every
        # poll: set them only then (each setTicks re-lays the axis out).
        if names != self._axis_names:
            self._axis_names = names
            self._name_step = 0
            self._set_queue_axis(names)
        time_key = (grid.starts[0], len(grid.starts), grid.bucket, self._box.width(), self._zone)
        if time_key != self._time_key:
            self._time_key = time_key
            self._update_time_ticks()
        self.now_line.setValue((view.generated_at - grid.starts[0]) / grid.bucket)
        self._write_cells()
        self.redraws += 1

    def _set_queue_axis(self, names: list[str]) -> None:
        left = self.plot.getAxis("left")
        # Wide enough for the longest name (the axis does not grow by itself in
        # time), and tall enough that no two names overlap, up to a dozen
        # queues: past that (a 60-queue promotion floor) the rows get thinner
        # and only every so many is named (hover names any cell), or the
        # heatmap's height would squeeze the queue table to a row.
        metrics = QFontMetrics(self._tick_font())
        left.setWidth(max(metrics.horizontalAdvance(name) for name in names) + 14)
        rows = min(len(names), MAX_NAMED_ROWS)
        self.plot.setMinimumHeight(round(self._name_line() * rows) + metrics.height())
        self._name_rows()

    def _name_line(self) -> float:
        return QFontInfo(self._tick_font()).pixelSize() * 1.15  # Latin and CJK alike

    def _name_rows(self) -> None:
        """Name every row whose name fits without overlapping the one above."""
        names = self._axis_names
        if not names:
            return
        row_px = self._box.height() / len(names)
        # Names touch at the glyphs' height; the minimum height keeps 15 % more
        # per row, so up to a dozen queues every row is named.
        glyphs = QFontInfo(self._tick_font()).pixelSize()
        step = max(1, math.ceil(glyphs / row_px)) if row_px > 0 else 1
        if step == self._name_step:
            return
        self._name_step = step
        ticks = [(row + 0.5, name) for row, name in enumerate(names) if row % step == 0]
        self.plot.getAxis("left").setTicks([ticks])

    def _on_plot_resized(self) -> None:
        self._name_rows()
        self._update_time_ticks()
        self._fit_bar_label()
        self._write_cells()

    def _write_cells(self) -> None:
        """The number in every non-zero cell that is wide and tall enough for it."""
        grid = self._grid
        self.cell_texts = {}
        for item in self._cell_items:
            item.setVisible(False)
        if grid is None or not grid.starts:
            return
        raw = np.asarray(grid.values(self._mode), dtype=np.float64)
        if self._mode is HeatmapMode.BREACH_RATE:
            raw = raw * 100.0
        rows, columns = raw.shape
        width = self._box.width() / max(1, columns)
        height = self._box.height() / max(1, rows)
        metrics = QFontMetrics(self._cell_font())
        if height < metrics.height():
            return
        used = 0
        for row, column in zip(*np.nonzero(np.nan_to_num(raw) > 0), strict=True):
            text = f"{round(raw[row, column])}"
            if metrics.horizontalAdvance(text) + 4 > width:
                continue
            item = self._cell_item(used)
            used += 1
            dark = raw[row, column] >= 0.5 * LIMITS[self._mode][1]
            item.setColor(self._palette.critical_text if dark else self._palette.warn_text)
            item.setText(text)
            item.setPos(column + 0.5, row + 0.5)
            item.setVisible(True)
            self.cell_texts[(int(row), int(column))] = text

    def _cell_item(self, index: int) -> pg.TextItem:
        while len(self._cell_items) <= index:
            item = pg.TextItem(anchor=(0.5, 0.5))
            item.setFont(self._cell_font())
            self.plot.getPlotItem().addItem(item)
            self._cell_items.append(item)
        return self._cell_items[index]

    @staticmethod
    def _cell_font() -> QFont:
        font = QFont(QApplication.font())
        font.setPointSize(CELL_TEXT_POINTS)
        font.setBold(True)
        return font

    def _update_time_ticks(self) -> None:
        grid = self._grid
        if grid is not None and grid.starts:
            self.plot.getAxis("bottom").setTicks([self._time_ticks(grid), []])

    def _time_ticks(self, grid: HeatmapGrid) -> list[tuple[float, str]]:
        """A local time label on every whole step (2 h, 3 h… as the plot's
        width allows) that starts a bucket."""
        closest = self._ticks_every(grid, LABEL_STEPS[0])
        if not closest:
            return closest
        metrics = QFontMetrics(self._tick_font())
        hours = len(grid.starts) * grid.bucket / timedelta(hours=1)
        step = label_step(
            pixels_per_hour=self._box.width() / hours,
            label_width=max(metrics.horizontalAdvance(text) for _, text in closest),
        )
        return closest if step == LABEL_STEPS[0] else self._ticks_every(grid, step)

    def _ticks_every(self, grid: HeatmapGrid, step: timedelta) -> list[tuple[float, str]]:
        ticks = []
        for column, start in enumerate(grid.starts):
            moment = local(start, self._zone)
            midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
            if (moment - midnight) % step == timedelta(0):
                ticks.append((float(column), clock_time(start, self._zone)))
        return ticks

    @staticmethod
    def _tick_font() -> QFont:
        font = QFont(QApplication.font())
        font.setPointSize(TICK_POINTS)
        return font

    def _style_plot(self) -> None:
        p = self._palette
        font = self._tick_font()
        item = self.plot.getPlotItem()
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(p.border))
            axis.setTextPen(pg.mkPen(p.text))
            axis.setTickFont(font)
        item.getAxis("left").setStyle(tickLength=0)
        self.bar.axis.setPen(pg.mkPen(p.border))
        self.bar.axis.setTextPen(pg.mkPen(p.text))
        self.bar.axis.setTickFont(font)
        # Where nothing fell due (breach rate of 0 / 0) the image is blank
        # and this shows through, apart from a 0 % cell.
        self._box.setBackgroundColor(p.header_bg)
        self.now_line.setPen(pg.mkPen(p.accent, width=2, style=Qt.PenStyle.DashLine))
        self._now_label.setColor(p.accent)
        self._now_label.fill = pg.mkBrush(p.surface)

    # --- the pointer --------------------------------------------------------------

    def cell_at(self, scene_pos: QPointF) -> tuple[int, int] | None:
        """(row, column) of the grid cell under a scene position."""
        grid = self._grid
        if grid is None or not self._box.sceneBoundingRect().contains(scene_pos):
            return None
        point = self.image.mapFromScene(scene_pos)
        row, column = math.floor(point.y()), math.floor(point.x())
        if 0 <= row < len(grid.queues) and 0 <= column < len(grid.starts):
            return row, column
        return None

    def cell_center(self, row: int, column: int) -> QPoint:
        """Where the centre of a cell is drawn, in this panel's coordinates."""
        scene = self.image.mapToScene(QPointF(column + 0.5, row + 0.5))
        point: QPoint = self.plot.viewport().mapTo(self, self.plot.mapFromScene(scene))
        return point

    def cell(self, row: int, column: int) -> HeatmapCell:
        grid = self._grid
        assert grid is not None
        queue = grid.queues[row]
        return HeatmapCell(
            queue=queue,
            queue_name=self._names.get(queue, str(queue)),
            start=grid.starts[column],
            bucket=grid.bucket,
            mode=self._mode,
            breaches=int(grid.breaches[row, column]),
            due=int(grid.due[row, column]),
            at_risk=int(grid.at_risk[row, column]),
        )

    def tooltip_at(self, row: int, column: int) -> str:
        """The exact numbers of one cell."""
        cell = self.cell(row, column)
        if cell.due:
            rate = f"{round(100 * cell.breaches / cell.due)}%"
            breaches = self.tr("Breaches: {b} of {due} due ({rate})").format(
                b=cell.breaches, due=cell.due, rate=rate
            )
        else:
            breaches = self.tr("Breaches: {b} (nothing fell due)").format(b=cell.breaches)
        return "\n".join(
            (
                f"{cell.queue_name} · {bucket_text(cell.start, cell.bucket, self._zone)}",
                breaches,
                self.tr("Warnings raised (at risk): {n}").format(n=cell.at_risk),
                self.tr("Click to list the tickets"),
            )
        )

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        found = self.cell_at(scene_pos)
        text = "" if found is None else self.tooltip_at(*found)
        if text == self.hover_text:
            return
        self.hover_text = text
        self.plot.setToolTip(text)
        if text:
            QToolTip.showText(QCursor.pos(), text, self.plot)
        else:
            QToolTip.hideText()

    def _on_mouse_clicked(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        found = self.cell_at(event.scenePos())
        if found is not None:
            self.cellActivated.emit(self.cell(*found))

    # --- text -------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("SLA heatmap"))
        self._title.setText(self.tr("SLA breaches by queue, last 24 h"))
        texts = {
            HeatmapMode.BREACHES: self.tr("Breaches"),
            HeatmapMode.BREACH_RATE: self.tr("Breach rate"),
            HeatmapMode.AT_RISK: self.tr("At risk"),
        }
        for mode, text in texts.items():
            self._mode_buttons[mode].setText(text)
        for index, bucket in enumerate(BUCKETS):
            self.bucket_box.setItemText(index, limit_text(bucket.total_seconds()))
        self.bucket_box.setToolTip(self.tr("Bucket size"))
        self._hint.setText(self.tr("Hover a cell for its numbers, click it for its tickets."))
        self._show_legend()
        self._placeholder.setText(self.tr("Waiting for the first data from the backend…"))
        self._now_label.setFormat(self.tr("now"))
        self._fit_bar_label()
        self._place_controls()
        self.redraw()

    def _show_legend(self) -> None:
        p = self._palette
        high = LIMITS[self._mode][1]
        swatch = "<span style='color:{c}; font-size:large'>■</span> {t}"
        parts = [
            swatch.format(c=p.header_bg, t=self.tr("nothing due")),
            swatch.format(c=p.border, t="0").replace("■", "□"),
            swatch.format(c=p.warn_bg, t=self.tr("1 and more")),
            swatch.format(c=p.critical_bg, t=self.tr("{n} and more").format(n=round(high))),
        ]
        if self._mode is HeatmapMode.BREACH_RATE:
            parts[2] = swatch.format(c=p.warn_bg, t=self.tr("above 0%"))
            parts[3] = swatch.format(c=p.critical_bg, t="100%")
        self.legend.setText("&nbsp;&nbsp;&nbsp;".join(parts))

    def _fit_bar_label(self) -> None:
        """The colour bar's caption along the bar; its short form (the whole
        in the tooltip) when the bar is too short for it."""
        full = {
            HeatmapMode.BREACHES: self.tr("Breaches per bucket (10 and more: red)"),
            HeatmapMode.BREACH_RATE: self.tr("Breach rate, %"),
            HeatmapMode.AT_RISK: self.tr("Warnings per bucket (20 and more: red)"),
        }[self._mode]
        short = {
            HeatmapMode.BREACHES: self.tr("Breaches per bucket"),
            HeatmapMode.BREACH_RATE: full,
            HeatmapMode.AT_RISK: self.tr("Warnings per bucket"),
        }[self._mode]
        axis = self.bar.axis
        label = axis.label  # a QGraphicsTextItem
        length = QFontMetrics(label.font()).horizontalAdvance(full)
        fits = length + 2 * label.document().documentMargin() <= axis.height()
        text = full if fits else short
        if text != self._bar_text:
            self._bar_text = text
            axis.setLabel(text, color=self._palette.text_muted)
            axis.resizeEvent()  # centres the new text (pyqtgraph does so only on resize)
        self.bar.setToolTip("" if fits else full)
