"""The cockpit's look: one palette definition feeds the day and the night
style sheets, and the colours the item models paint severity cells with.

Severity colours keep a contrast ratio of at least 4.5:1 between text and
background in both themes, so an amber or red cell stays readable from a
couple of metres away; the models add a text cue as well, never colour alone.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from string import Template

from PySide6.QtGui import QColor, QPalette


@dataclass(frozen=True, slots=True)
class Palette:
    """Named colours (``#rrggbb``) of one theme."""

    name: str
    window: str
    surface: str
    surface_alt: str
    text: str
    text_muted: str
    border: str
    header_bg: str
    header_text: str
    accent: str
    accent_text: str
    warn_bg: str
    warn_text: str
    critical_bg: str
    critical_text: str
    live_bg: str
    live_text: str
    degraded_bg: str
    degraded_text: str
    stale_bg: str
    stale_text: str
    offline_bg: str
    offline_text: str

    def color(self, field_name: str) -> QColor:
        return QColor(getattr(self, field_name))


DAY = Palette(
    name="day",
    window="#eef1f5",
    surface="#ffffff",
    surface_alt="#f4f6f9",
    text="#111827",
    text_muted="#4b5563",
    border="#cbd2dc",
    header_bg="#dfe4ec",
    header_text="#111827",
    accent="#1d4ed8",
    accent_text="#ffffff",
    warn_bg="#ffc83d",
    warn_text="#1f1400",
    critical_bg="#c62828",
    critical_text="#ffffff",
    live_bg="#1b7f3b",
    live_text="#ffffff",
    degraded_bg="#ffc83d",
    degraded_text="#1f1400",
    stale_bg="#c2410c",
    stale_text="#ffffff",
    offline_bg="#991b1b",
    offline_text="#ffffff",
)

NIGHT = Palette(
    name="night",
    window="#0d1117",
    surface="#151b23",
    surface_alt="#1b232d",
    text="#e6edf3",
    text_muted="#9aa7b4",
    border="#2d3845",
    header_bg="#212b37",
    header_text="#e6edf3",
    accent="#4c8df6",
    accent_text="#0d1117",
    warn_bg="#d99a00",
    warn_text="#140d00",
    critical_bg="#b3261e",
    critical_text="#ffffff",
    live_bg="#238636",
    live_text="#ffffff",
    degraded_bg="#d99a00",
    degraded_text="#140d00",
    stale_bg="#c2410c",
    stale_text="#ffffff",
    offline_bg="#b3261e",
    offline_text="#ffffff",
)


def palette_for(night: bool) -> Palette:
    return NIGHT if night else DAY


# Item backgrounds come from the models (BackgroundRole), so the sheet must not
# style ``QTableView::item`` backgrounds: a rule there would hide severity.
_SHEET = Template(
    """
QMainWindow, QWidget#centralArea { background: $window; }
QWidget { color: $text; }
QToolTip { background: $surface; color: $text; border: 1px solid $border; padding: 4px; }
QMenuBar { background: $window; color: $text; }
QMenuBar::item:selected { background: $header_bg; }
QMenu { background: $surface; color: $text; border: 1px solid $border; }
QMenu::item:selected { background: $accent; color: $accent_text; }
QSplitter::handle { background: $border; }
QSplitter::handle:vertical { height: 4px; }
QSplitter::handle:horizontal { width: 4px; }

QFrame#queuePanel { background: $window; }
QLabel#panelTitle { color: $text; font-weight: bold; }
QLabel#panelHint { color: $text_muted; }
QLabel#placeholder { color: $text_muted; }

QFrame#summaryTile {
    background: $surface; border: 1px solid $border; border-radius: 6px;
}
QFrame#summaryTile[severity="warn"] { background: $warn_bg; border-color: $warn_bg; }
QFrame#summaryTile[severity="critical"] { background: $critical_bg; border-color: $critical_bg; }
QFrame#summaryTile QLabel { background: transparent; }
QLabel#tileCaption { color: $text_muted; }
QFrame#summaryTile[severity="warn"] QLabel { color: $warn_text; }
QFrame#summaryTile[severity="critical"] QLabel { color: $critical_text; }

QTableView {
    background: $surface; alternate-background-color: $surface_alt; color: $text;
    gridline-color: $border; border: 1px solid $border;
}
QHeaderView::section {
    background: $header_bg; color: $header_text; border: none;
    border-right: 1px solid $border; border-bottom: 1px solid $border; padding: 4px 8px;
}

QStatusBar { background: $header_bg; color: $text; }
QStatusBar::item { border: none; }
QStatusBar QLabel { padding: 3px 10px; font-size: 12pt; }
QLabel#healthBadge { border-radius: 4px; font-weight: bold; }
QLabel#healthBadge[health="live"] { background: $live_bg; color: $live_text; }
QLabel#healthBadge[health="degraded"] { background: $degraded_bg; color: $degraded_text; }
QLabel#healthBadge[health="stale"] { background: $stale_bg; color: $stale_text; }
QLabel#healthBadge[health="offline"] { background: $offline_bg; color: $offline_text; }
QLabel#dataAge[stale="true"] { color: $stale_bg; font-weight: bold; }
"""
)


def style_sheet(palette: Palette) -> str:
    """The application style sheet for one palette."""
    return _SHEET.substitute(asdict(palette))


def qpalette(palette: Palette) -> QPalette:
    """A QPalette matching the sheet, for widgets the sheet does not reach
    (native dialogs, item-view alternate rows, disabled text)."""
    result = QPalette()
    pairs = {
        QPalette.ColorRole.Window: palette.window,
        QPalette.ColorRole.WindowText: palette.text,
        QPalette.ColorRole.Base: palette.surface,
        QPalette.ColorRole.AlternateBase: palette.surface_alt,
        QPalette.ColorRole.Text: palette.text,
        QPalette.ColorRole.Button: palette.header_bg,
        QPalette.ColorRole.ButtonText: palette.text,
        QPalette.ColorRole.Highlight: palette.accent,
        QPalette.ColorRole.HighlightedText: palette.accent_text,
        QPalette.ColorRole.ToolTipBase: palette.surface,
        QPalette.ColorRole.ToolTipText: palette.text,
        QPalette.ColorRole.PlaceholderText: palette.text_muted,
    }
    for role, colour in pairs.items():
        result.setColor(role, QColor(colour))
    result.setColor(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(palette.text_muted)
    )
    result.setColor(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor(palette.text_muted)
    )
    return result
