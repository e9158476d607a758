"""The review's charts with pyqtgraph: arrivals, customers waiting and open
tickets past SLA over time, the phases shaded, the incident's events marked
on the time axis. Shown in the review view and drawn into the PDF."""

from __future__ import annotations

import math
from datetime import datetime, tzinfo
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QWidget

from cockpit.review import Review
from cockpit.review_impact import PhaseName
from cockpit.review_labels import Labels
from cockpit.review_svg import chart_span

PHASE_COLOURS = {
    PhaseName.BASELINE: (148, 163, 184, 60),
    PhaseName.INCIDENT: (239, 68, 68, 55),
    PhaseName.RECOVERY: (34, 197, 94, 50),
}
SERIES_COLOURS = {"arrivals": "#1d4ed8", "waiting": "#b45309", "breached": "#b91c1c"}
TICK_STEPS_S = (300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400)
CHARTS = (
    ("arrivals", "chart_arrivals"),
    ("waiting", "chart_waiting"),
    ("breached", "chart_breached"),
)


class ClockAxis(pg.AxisItem):
    """A time axis in epoch seconds, labelled HH:MM in the display zone."""

    def __init__(self, zone: tzinfo, **kwargs: Any) -> None:
        super().__init__(orientation="bottom", **kwargs)
        self._zone = zone

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        """Ticks on whole 5, 10, 15, 30 … minutes of the display zone."""
        span = max(1.0, maxVal - minVal)
        step = next((s for s in TICK_STEPS_S if span / s <= 8), TICK_STEPS_S[-1])
        offset = datetime.fromtimestamp(minVal, self._zone).utcoffset()
        shift = 0.0 if offset is None else offset.total_seconds()
        first = math.ceil((minVal + shift) / step) * step - shift
        count = int((maxVal - first) // step) + 1
        return [(float(step), [first + i * step for i in range(max(0, count))])]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [datetime.fromtimestamp(value, self._zone).strftime("%H:%M") for value in values]


def build_chart(
    review: Review,
    name: str,
    *,
    labels: Labels,
    zone: tzinfo,
    parent: QWidget | None = None,
    font: QFont | None = None,
) -> pg.PlotWidget:
    """One chart (``arrivals``, ``waiting`` or ``breached``) as a PlotWidget."""
    title = labels(dict(CHARTS)[name])
    widget = pg.PlotWidget(parent=parent, axisItems={"bottom": ClockAxis(zone)})
    widget.setBackground("w")
    plot = widget.getPlotItem()
    plot.setTitle(title, color="#111827", size="11pt")
    plot.showGrid(x=False, y=True, alpha=0.25)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    for axis in ("left", "bottom"):
        item = plot.getAxis(axis)
        item.setPen("#6b7280")
        item.setTextPen("#374151")
        if font is not None:
            item.setStyle(tickFont=font)
    start, end = chart_span(review)
    for window in review.windows:
        if window.end <= start:
            continue
        region = pg.LinearRegionItem(
            values=(window.start.timestamp(), window.end.timestamp()),
            movable=False,
            brush=pg.mkBrush(*PHASE_COLOURS[window.phase]),
            pen=pg.mkPen(None),
        )
        region.setZValue(-10)
        plot.addItem(region)
    _plot_series(plot, review, name)
    top = max((getattr(p, name) for p in review.series), default=1) or 1
    for i, marker in enumerate(m for m in review.markers if start <= m.at <= end):
        line = pg.InfiniteLine(
            pos=marker.at.timestamp(),
            angle=90,
            pen=pg.mkPen("#374151", width=1, style=Qt.PenStyle.DashLine),
        )
        plot.addItem(line)
        if name == "arrivals":
            text = pg.TextItem(labels.action(marker.action), color="#111827", anchor=(0, 0))
            if font is not None:
                text.setFont(font)
            text.setPos(marker.at.timestamp(), top * (1.25 - 0.11 * (i % 3)))
            plot.addItem(text)
    plot.setXRange(start.timestamp(), end.timestamp(), padding=0.01)
    plot.setYRange(0, top * (1.3 if name == "arrivals" else 1.1), padding=0)
    return widget


def _plot_series(plot: pg.PlotItem, review: Review, name: str) -> None:
    points = review.series
    if not points:
        return
    xs = [p.at.timestamp() for p in points]
    ys = [float(getattr(p, name)) for p in points]
    colour = SERIES_COLOURS[name]
    if name == "arrivals":
        width = (xs[1] - xs[0]) * 0.85 if len(xs) > 1 else 60.0
        bars = pg.BarGraphItem(
            x=[x - width / 2 for x in xs], height=ys, width=width, brush=colour, pen=None
        )
        plot.addItem(bars)
    else:
        plot.plot(xs, ys, pen=pg.mkPen(colour, width=2.5))


def chart_image(
    review: Review,
    name: str,
    *,
    labels: Labels,
    zone: tzinfo,
    size: tuple[int, int] = (760, 190),
    scale: float = 2.5,
    font: QFont | None = None,
) -> QImage:
    """The chart laid out at ``size`` and drawn ``scale`` times as sharp (for the PDF)."""
    widget = build_chart(review, name, labels=labels, zone=zone, font=font)
    widget.resize(*size)
    widget.grab()  # lays the plot out at its size
    image = QImage(int(size[0] * scale), int(size[1] * scale), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        widget.render(
            painter,
            QRectF(0, 0, image.width(), image.height()),
            QRect(0, 0, size[0], size[1]),
            Qt.AspectRatioMode.IgnoreAspectRatio,
        )
    finally:
        painter.end()
    widget.deleteLater()
    return image
