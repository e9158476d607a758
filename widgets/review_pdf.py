"""PDF exports with QPdfWriter: the post-incident review (A4, charts drawn
with pyqtgraph, page numbers, Chinese in Noto Sans CJK SC) and the shift
handover. The page content is the same HTML the HTML export writes, laid
out by QTextDocument; this module only paginates it and draws the footers.

Works headless: :func:`ensure_application` starts an offscreen
QApplication when none runs (the ``review``/``handover`` verbs).
"""

from __future__ import annotations

import os
from datetime import tzinfo
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

from cockpit.handover import Handover, handover_body
from cockpit.review import Review
from cockpit.review_html import CSS, review_body
from cockpit.review_labels import Labels
from widgets.review_charts import chart_image

# Latin and digits from DejaVu, Chinese from Noto Sans CJK SC (the SC forms).
FAMILIES = ["DejaVu Sans", "Noto Sans CJK SC"]
DPI = 96  # layout units; images keep their own, higher resolution
MARGINS_MM = QMarginsF(14, 14, 14, 16)
FOOTER_PX = 28
CHART_WIDTH_PX = 680
# QTextDocument takes the font from setDefaultFont, not from a CSS family list.
QT_CSS = "\n".join(line for line in CSS.splitlines() if "font-family" not in line)


def ensure_application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication(["cockpit-pdf"])


def report_font(point_size: float = 9.5) -> QFont:
    font = QFont()
    installed = set(QFontDatabase.families())
    font.setFamilies([f for f in FAMILIES if f in installed] or FAMILIES)
    font.setPointSizeF(point_size)
    return font


def write_pdf(
    html: str,
    path: Path,
    *,
    title: str,
    labels: Labels,
    images: dict[str, object] | None = None,
) -> Path:
    """Lay ``html`` out on A4 pages and write it, with ``title`` and
    "page n of N" in each footer."""
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(title)
    writer.setCreator("Supervisor Cockpit")
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(report_font())
    document.setDefaultStyleSheet(QT_CSS)
    for name, image in (images or {}).items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.setHtml(html)
    page = writer.pageLayout().paintRectPixels(DPI)
    body = QSizeF(page.width(), page.height() - FOOTER_PX)
    document.setPageSize(body)
    document.setDocumentMargin(0)
    total = document.pageCount()
    painter = QPainter(writer)
    try:
        for number in range(total):
            if number:
                writer.newPage()
            painter.save()
            painter.translate(0, -number * body.height())
            document.drawContents(
                painter, QRectF(0, number * body.height(), body.width(), body.height())
            )
            painter.restore()
            _footer(painter, body, title, labels("page", n=number + 1, total=total))
    finally:
        painter.end()
    return path


def _footer(painter: QPainter, body: QSizeF, title: str, page: str) -> None:
    painter.save()
    font = report_font(7.5)
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.darkGray)
    top = body.height() + 8
    painter.drawLine(0, int(top), int(body.width()), int(top))
    box = QRectF(0, top + 3, body.width(), FOOTER_PX - 8)
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, page)
    painter.restore()


class QtPdfRenderer:
    """The :class:`cockpit.pdf_hook.PdfRenderer` the command line and the window use."""

    def __init__(self) -> None:
        ensure_application()

    def review_pdf(self, review: Review, path: Path, *, language: str, zone: tzinfo) -> Path:
        labels = Labels(language)
        images: dict[str, object] = {}

        def slot(name: str, title: str) -> str:
            if not review.series:
                return f"<p class='muted'>{labels('no_samples')}</p>"
            key = f"chart-{name}"
            images[key] = chart_image(review, name, labels=labels, zone=zone, font=report_font(8.5))
            return f'<p><img src="{key}" width="{CHART_WIDTH_PX}"/></p>'

        html = review_body(review, language=language, zone=zone, chart=slot)
        name = labels.local(review.incident.names) or review.incident.kind
        title = f"{labels('review_title')} #{review.incident.id} · {name}"
        return write_pdf(html, path, title=title, labels=labels, images=images)

    def handover_pdf(self, handover: Handover, path: Path, *, language: str, zone: tzinfo) -> Path:
        labels = Labels(language)
        html = handover_body(handover, language=language, zone=zone)
        title = f"{labels('handover_title')} · {labels.time(handover.end, zone)}"
        return write_pdf(html, path, title=title, labels=labels)


def renderer() -> QtPdfRenderer:
    """The factory ``main.py`` hands the command line."""
    return QtPdfRenderer()
