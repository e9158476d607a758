"""Charts of a review as inline SVG, for the self-contained HTML export: one
series over time, the phases shaded, the incident's events marked on the
time axis. Pure Python; the PDF and the window draw theirs with pyqtgraph."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from html import escape

from cockpit.review import Marker, Review
from cockpit.review_impact import PhaseName, SeriesPoint
from cockpit.review_labels import Labels

Axis = Callable[[datetime], float]
Scale = Callable[[float], float]

PHASE_FILL = {
    PhaseName.BASELINE: "#e5e7eb",
    PhaseName.INCIDENT: "#fcd5d3",
    PhaseName.RECOVERY: "#d3f2dc",
}
SERIES_COLOUR = {"arrivals": "#1d4ed8", "waiting": "#b45309", "breached": "#b91c1c"}
WIDTH, HEIGHT = 720, 170
LEFT, RIGHT, TOP, BOTTOM = 46, 12, 22, 24


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 4:
            return float(
                step * 4 if value > step * 3 else step * 3 if value > step * 2 else step * 2
            )
    return value * 1.2


def chart_span(review: Review) -> tuple[datetime, datetime]:
    """The time the charts cover: the baseline too when it is right before."""
    windows = review.windows
    start = windows[0].start if windows[0].end == windows[1].start else windows[1].start
    return start, windows[-1].end


def chart_svg(
    review: Review,
    series_name: str,
    *,
    labels: Labels,
    zone: tzinfo,
    title: str,
) -> str:
    """One chart (``arrivals``, ``waiting`` or ``breached``) as an ``<svg>`` element."""
    points = review.series
    if not points:
        return f'<p class="muted">{escape(labels("no_samples"))}</p>'
    start, end = chart_span(review)
    span = (end - start).total_seconds() or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    values = [float(getattr(p, series_name)) for p in points]
    top = _nice_max(max(values))

    def x(at: datetime) -> float:
        return LEFT + max(0.0, min(1.0, (at - start).total_seconds() / span)) * plot_w

    def y(value: float) -> float:
        return TOP + plot_h - value / top * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-label="{escape(title)}">',
        f'<text x="{LEFT}" y="14" class="chart-title">{escape(title)}</text>',
    ]
    for window in review.windows:
        if window.end <= start:
            continue
        x0, x1 = x(window.start), x(window.end)
        parts.append(
            f'<rect x="{x0:.1f}" y="{TOP}" width="{max(0.0, x1 - x0):.1f}" height="{plot_h}" '
            f'fill="{PHASE_FILL[window.phase]}"/>'
        )
    parts.extend(_axes(start, end, top, x, y, zone))
    parts.append(_plot(points, values, series_name, start, x, y))
    parts.extend(_markers(review.markers, x, labels, start, end))
    parts.append("</svg>")
    return "".join(parts)


def _axes(start: datetime, end: datetime, top: float, x: Axis, y: Scale, zone: tzinfo) -> list[str]:
    parts = []
    for i in range(5):
        value = top * i / 4
        yy = y(value)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{yy:.1f}" y2="{yy:.1f}" class="grid"/>'
            f'<text x="{LEFT - 4}" y="{yy + 3:.1f}" class="tick" text-anchor="end">{value:g}</text>'
        )
    ticks = 6
    for i in range(ticks + 1):
        at = start + (end - start) * i / ticks
        xx = x(at)
        parts.append(
            f'<text x="{xx:.1f}" y="{HEIGHT - 8}" class="tick" text-anchor="middle">'
            f"{at.astimezone(zone).strftime('%H:%M')}</text>"
        )
    return parts


def _plot(
    points: Sequence[SeriesPoint],
    values: Sequence[float],
    name: str,
    start: datetime,
    x: Axis,
    y: Scale,
) -> str:
    colour = SERIES_COLOUR[name]
    if name == "arrivals":
        bars = []
        previous = start
        for point, value in zip(points, values, strict=True):
            x0, x1 = x(previous), x(point.at)
            previous = point.at
            if value <= 0:
                continue
            bars.append(
                f'<rect x="{x0 + 0.5:.1f}" y="{y(value):.1f}" width="{max(0.8, x1 - x0 - 1):.1f}" '
                f'height="{y(0) - y(value):.1f}" fill="{colour}"/>'
            )
        return "".join(bars)
    coords = " ".join(f"{x(p.at):.1f},{y(v):.1f}" for p, v in zip(points, values, strict=True))
    return f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"/>'


def _markers(
    markers: Sequence[Marker], x: Axis, labels: Labels, start: datetime, end: datetime
) -> list[str]:
    parts = []
    for i, marker in enumerate(m for m in markers if start <= m.at <= end):
        xx = x(marker.at)
        parts.append(
            f'<line x1="{xx:.1f}" x2="{xx:.1f}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" class="marker"/>'
            f'<text x="{xx + 2:.1f}" y="{TOP + 9 + (i % 3) * 10}" class="marker-label">'
            f"{escape(labels.action(marker.action))}</text>"
        )
    return parts
