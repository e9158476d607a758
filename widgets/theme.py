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
from PySide6.QtWidgets import QWidget


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
QLabel#headline { padding: 2px 8px; border-radius: 4px; }
QWidget#wallBoard { background: $window; }
QLabel#boardHeadline { padding: 4px 12px; border-radius: 6px; color: $text; }
QLabel#boardHeadline[severity="critical"] { background: $critical_bg; color: $critical_text; }
QFrame#boardTile, QFrame#boardCountdowns {
    background: $surface; border: 1px solid $border; border-radius: 8px;
}
QFrame#boardTile QLabel, QFrame#boardCountdowns QLabel { background: transparent; color: $text; }
QFrame#boardTile[severity="warn"] { background: $warn_bg; border-color: $warn_bg; }
QFrame#boardTile[severity="warn"] QLabel { color: $warn_text; }
QFrame#boardTile[severity="critical"] { background: $critical_bg; border-color: $critical_bg; }
QFrame#boardTile[severity="critical"] QLabel { color: $critical_text; }
QLabel#headline[severity="critical"] { background: $critical_bg; color: $critical_text; }
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

QFrame#incidentBanner { background: $critical_bg; border-bottom: 3px solid $critical_text; }
QFrame#incidentBanner QLabel {
    color: $critical_text; background: transparent; font-size: 16pt; font-weight: bold;
}
QLabel#bannerTag { font-size: 18pt; }
QLabel#bannerTitle { font-size: 20pt; }
QLabel#bannerChip { border: 2px solid $critical_text; border-radius: 5px; padding: 2px 10px; }
QFrame#incidentBanner QLabel#bannerChip[alert="true"] {
    background: $critical_text; color: $critical_bg;
}
QLabel#bannerElapsed { font-size: 20pt; }

QFrame#incidentPanel { background: $window; border-left: 4px solid $critical_bg; }
QFrame#incidentPanel QTableView { font-size: 12pt; }
QFrame#incidentPanel QPushButton { font-size: 12pt; padding: 6px 12px; }
QFrame#incidentPanel QLineEdit { font-size: 12pt; padding: 4px; }
QLabel#incidentSummary { font-size: 13pt; }
QLabel#sectionTitle { font-weight: bold; font-size: 12pt; }
QLabel#incidentResult { border-radius: 4px; padding: 6px 10px; font-size: 12pt; }
QLabel#incidentResult[ok="true"] { background: $live_bg; color: $live_text; }
QLabel#incidentResult[ok="false"] { background: $warn_bg; color: $warn_text; }
QPushButton#resolveButton { font-weight: bold; }
QPushButton#answerNewButton:enabled { background: $accent; color: $accent_text; font-weight: bold; }

QFrame#floorPanel { background: $window; }
QFrame#floorPanel QTableView, QFrame#floorPanel QTreeView, QFrame#floorPanel QListWidget {
    font-size: 12pt;
}
QFrame#floorPanel QTreeView, QFrame#floorPanel QListWidget {
    background: $surface; alternate-background-color: $surface_alt; color: $text;
    border: 1px solid $border;
}
QFrame#floorPanel QLabel#panelTitle { font-size: 14pt; }
QFrame#floorPanel QLabel#panelHint { font-size: 10pt; }
QFrame#floorPanel QPushButton, QFrame#floorPanel QComboBox { font-size: 11pt; padding: 3px 10px; }
QPushButton#filterButton:checked { background: $accent; color: $accent_text; }
QPushButton#filterButton[alarm="true"]:!checked { color: $critical_bg; font-weight: bold; }
QPushButton#primaryButton:enabled { background: $accent; color: $accent_text; font-weight: bold; }
QLabel#countChip {
    background: $surface; border: 1px solid $border; border-radius: 4px; padding: 2px 8px;
    font-size: 11pt;
}
QLabel#countChip[severity="warning"] {
    background: $warn_bg; color: $warn_text; border-color: $warn_bg;
}
QLabel#countChip[severity="critical"] {
    background: $critical_bg; color: $critical_text; border-color: $critical_bg; font-weight: bold;
}
QTabWidget#lowerTabs QTabBar::tab { font-size: 12pt; padding: 4px 14px; }
QFrame#floorPanel QTabBar::tab { font-size: 11pt; padding: 3px 12px; }

QStatusBar { background: $header_bg; color: $text; }
QStatusBar::item { border: none; }
QStatusBar QLabel { padding: 3px 10px; font-size: 12pt; }
QLabel#healthBadge { border-radius: 4px; font-weight: bold; }
QLabel#healthBadge[health="live"] { background: $live_bg; color: $live_text; }
QLabel#healthBadge[health="degraded"] { background: $degraded_bg; color: $degraded_text; }
QLabel#healthBadge[health="stale"] { background: $stale_bg; color: $stale_text; }
QLabel#healthBadge[health="offline"] { background: $offline_bg; color: $offline_text; }
QLabel#dataAge[stale="true"] { color: $stale_bg; font-weight: bold; }
QLabel#rateBudget { border-radius: 4px; }
QLabel#rateBudget[low="true"] { background: $warn_bg; color: $warn_text; font-weight: bold; }

QLabel#fieldHint { color: $text_muted; }
QLabel#fieldHint[invalid="true"] { color: $critical_bg; font-weight: bold; }
QLabel#fieldWarning { background: $warn_bg; color: $warn_text; border-radius: 4px; padding: 4px; }
QLabel#probeResult { border-radius: 4px; padding: 6px 10px; }
QLabel#probeResult[ok="true"] { background: $live_bg; color: $live_text; }
QLabel#probeResult[ok="false"] { background: $warn_bg; color: $warn_text; }
QLabel#settingsStatus { border-radius: 4px; padding: 6px 10px; background: $surface_alt; }
QLabel#settingsStatus[problem="true"] { background: $warn_bg; color: $warn_text; }
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


def repolish(widget: QWidget) -> None:
    """Apply the style sheet to ``widget`` again (after a property it selects on changed)."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def set_style_property(widget: QWidget, name: str, value: object) -> None:
    """Set a property the style sheet selects on; re-polish only when it changes."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        repolish(widget)
