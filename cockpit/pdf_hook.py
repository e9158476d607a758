"""How the core asks for a PDF without importing Qt: ``main.py`` hands the
command line (and the runtime) a factory for a :class:`PdfRenderer`, which
``widgets/review_pdf.py`` implements with QPdfWriter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path
from typing import Protocol

from cockpit.handover import Handover
from cockpit.review import Review


class PdfRenderer(Protocol):
    def review_pdf(self, review: Review, path: Path, *, language: str, zone: tzinfo) -> Path: ...

    def handover_pdf(
        self, handover: Handover, path: Path, *, language: str, zone: tzinfo
    ) -> Path: ...


PdfFactory = Callable[[], PdfRenderer]
