"""elide_words finds its cut by bisection: the same cut as trying every one."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from widgets.floor_panel import _is_cjk, elide_words


def _linear(text: str, metrics: QFontMetrics, width: int) -> str:
    """The definition: the last whole part, else the last whole word, that fits."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    parts = [i for i in range(len(text)) if text.startswith(" · ", i)]
    words = [i for i, ch in enumerate(text) if ch.isspace() or _is_cjk(ch) or _is_cjk(text[i - 1])]
    for cuts in (parts, words):
        for cut in reversed(cuts):
            head = text[:cut].rstrip(" ·—–-:,;/|（(")
            if head and metrics.horizontalAdvance(head + "…") <= width:
                return head + "…"
    return "…"


def test_the_same_cut_as_trying_every_one(qapp: QApplication) -> None:
    metrics = QFontMetrics(QFont(QApplication.font()))
    texts = (
        "Needs help now: Refunds — SL 71% vs 80% · 12 breached · 3 at risk · nobody free",
        "需要支援：退款退货 — 服务水平 71%（目标 80%）· 12 单超时 · 3 单将超时",
        "nobody free: Pre-sales, After-sales, Logistics, Refunds & returns",
    )
    for text in texts:
        full = metrics.horizontalAdvance(text)
        for width in range(0, full + 20, 7):
            assert elide_words(text, metrics, width) == _linear(text, metrics, width), width
