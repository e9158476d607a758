"""The escalations board: tickets above agent level grouped by level (PR /
legal, supervisor, team lead) with how long each has been at its level and
who owns it, plus flagged tickets still with an agent. Flags show as chips
(colour *and* words); the exact counts of the whole floor sit on top.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from cockpit.alert_rules import Severity
from cockpit.domain import Priority
from cockpit.escalation_index import EscalationSummary
from cockpit.escalations import EscalationFlag
from cockpit.metrics import FloorView
from cockpit.settings import EscalationSettings
from widgets.floor_panel import FloorPanel, panel_layout, panel_title
from widgets.floor_text import (
    flag_name,
    flag_short,
    flag_text,
    level_text,
    priority_text,
    span_text,
)
from widgets.models.escalation_model import (
    FLAG_SEVERITY,
    LEVELS,
    EscalationColumn,
    EscalationModel,
    EscalationRole,
    level_count,
)
from widgets.queue_panel import ui_language
from widgets.table_fit import ColumnFit, texts_of
from widgets.theme import DAY, Palette, set_style_property

ModelIndex = QModelIndex | QPersistentModelIndex

_CHIP_PAD = 6
_CHIP_GAP = 4
# The subject takes the rest; at narrow widths the priority gives way first,
# then the queue, the time at the level and the flags (docs/glance.md). The
# ticket (with the group titles), the owner and the subject always show.
COLUMN_FIT = ColumnFit(
    stretch=EscalationColumn.SUBJECT,
    stretch_ems=8,
    give_way=(
        EscalationColumn.PRIORITY,
        EscalationColumn.QUEUE,
        EscalationColumn.AT_LEVEL,
        EscalationColumn.FLAGS,
    ),
    caps={EscalationColumn.QUEUE: "Refunds & returns", EscalationColumn.OWNER: "Alexandra K."},
)


class _ChipDelegate(QStyledItemDelegate):
    """Draws each flag as a rounded chip: amber for warnings, red for critical."""

    def __init__(self, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.palette = palette

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        chips = index.data(EscalationRole.FLAGS) or ()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        metrics = QFontMetrics(opt.font)
        x = float(opt.rect.left() + 4)
        height = min(opt.rect.height() - 4, metrics.height() + 4)
        top = opt.rect.top() + (opt.rect.height() - height) / 2
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(opt.font)
        right = opt.rect.right() - 2
        for n, (text, severity) in enumerate(chips):
            width = metrics.horizontalAdvance(text) + 2 * _CHIP_PAD
            rest = len(chips) - n - 1
            more = f"+{rest}" if rest else ""
            # Room for this chip, and for a "+n" after it when more follow.
            after = metrics.horizontalAdvance(more) + _CHIP_GAP if more else 0
            if n and x + width + after > right:
                painter.setPen(opt.palette.color(QPalette.ColorRole.Text))
                painter.drawText(
                    QRectF(x, top, right - x, height),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                    f"+{len(chips) - n}",
                )
                break
            rect = QRectF(x, top, min(width, right - x - after), height)
            critical = severity is Severity.CRITICAL
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.palette.color("critical_bg" if critical else "warn_bg"))
            painter.drawRoundedRect(rect, 4, 4)
            painter.setPen(self.palette.color("critical_text" if critical else "warn_text"))
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()) - 4)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, shown)
            x += rect.width() + _CHIP_GAP
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        chips = index.data(EscalationRole.FLAGS) or ()
        metrics = QFontMetrics(option.font)
        width = sum(metrics.horizontalAdvance(t) + 2 * _CHIP_PAD + _CHIP_GAP for t, _ in chips)
        return QSize(max(base.width(), width + 8), max(base.height(), metrics.height() + 8))


class EscalationsPanel(FloorPanel):
    """Escalations by level with flags; fed by ``Bridge.floorUpdated``.

    ``ticketActivated(str)`` carries the id of a double-clicked ticket.
    """

    ticketActivated = Signal(str)

    def __init__(
        self,
        *,
        limits: EscalationSettings | None = None,
        palette: Palette = DAY,
        tick_ms: int = 5000,
        monotonic: Callable[[], float] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("floorPanel")
        self._limits = limits or EscalationSettings()
        extra = {} if monotonic is None else {"monotonic": monotonic}
        self.model = EscalationModel(
            limits=self._limits, palette=palette, language=ui_language(), parent=self, **extra
        )
        self._title = panel_title(self)
        self.counts: dict[str, QLabel] = {}
        levels_row, flags_row = QHBoxLayout(), QHBoxLayout()
        for row, keys in (
            (levels_row, ("pr_legal", "supervisor", "lead")),
            (flags_row, tuple(f.value for f in EscalationFlag)),
        ):
            row.setSpacing(6)
            for key in keys:
                chip = QLabel(self)
                chip.setObjectName("countChip")
                self.counts[key] = chip
                row.addWidget(chip)
            row.addStretch(1)

        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self._chips = _ChipDelegate(palette, self.tree)
        self.tree.setItemDelegateForColumn(EscalationColumn.FLAGS, self._chips)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setUniformRowHeights(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setIndentation(14)  # compact: the ticket column is narrow
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(False)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.hidden_columns: frozenset[int] = frozenset()
        self._table_need = 0
        self.tree.installEventFilter(self)
        self.tree.doubleClicked.connect(self._on_double_clicked)
        self.model.modelReset.connect(self._on_model_reset)

        layout = panel_layout(self)
        title_row = QHBoxLayout()
        title_row.addWidget(self._title)
        title_row.addLayout(levels_row, 1)
        layout.addLayout(title_row)
        layout.addLayout(flags_row)
        layout.addWidget(self.tree, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.model.tick)
        self._timer.start()
        self._on_model_reset()
        self._retranslate()

    # --- wiring -----------------------------------------------------------------

    def set_palette(self, palette: Palette) -> None:
        self._chips.palette = palette
        self.model.set_palette(palette)

    def _on_floor_changed(self, view: FloorView) -> None:
        self.model.set_view(view)
        self._fit_columns()
        self._update_counts()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return False

    def _on_model_reset(self) -> None:
        self.tree.expandAll()
        for row in range(len(LEVELS)):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        ticket = index.data(EscalationRole.TICKET_ID)
        if ticket:
            self.ticketActivated.emit(str(ticket))

    def wanted_width(self) -> int:
        """Wide enough for every column (and the title row)."""
        margins = self.layout().contentsMargins()
        table = self._table_need + margins.left() + margins.right()
        return max(self.title_width(), table)

    # --- text -------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Escalations"))
        self._title.setText(self.tr("Escalations by level"))
        self.model.set_language(ui_language())
        self._update_counts()
        self._fit_columns()

    def _update_counts(self) -> None:
        summary: EscalationSummary = self.model.summary()
        for level in LEVELS[:-1]:
            count = level_count(summary, level) or 0
            chip = self.counts[level.name.lower()]
            chip.setText(f"{level_text(level)} {count}")
            _set_severity(chip, None)
        for flag in EscalationFlag:
            count = getattr(summary, flag.value)
            chip = self.counts[flag.value]
            chip.setText(f"⚑ {flag_short(flag)} {count}")
            chip.setToolTip(flag_name(flag, self._limits))
            _set_severity(chip, FLAG_SEVERITY[flag] if count else None)

    def _fit_columns(self) -> None:
        """Compact columns, the subject the rest; hide what does not fit."""
        rows = [r for level in LEVELS for r in self.model.group_rows(level)]
        texts = self.model.cell_texts
        samples = {
            EscalationColumn.TICKET: texts_of([r.ticket for r in rows], fallback=["T000000"]),
            EscalationColumn.QUEUE: texts_of(texts(EscalationColumn.QUEUE), fallback=["Refunds"]),
            EscalationColumn.PRIORITY: [priority_text(p) for p in Priority],
            EscalationColumn.AT_LEVEL: [
                span_text(23 * 3600 + 58 * 60),
                *texts(EscalationColumn.AT_LEVEL),
            ],
            EscalationColumn.OWNER: texts_of(texts(EscalationColumn.OWNER), fallback=["agent-888"]),
            EscalationColumn.FLAGS: [flag_text(f, self._limits) for f in EscalationFlag],
        }
        extra = {
            EscalationColumn.TICKET: 2 * self.tree.indentation(),  # the group's and the row's
            EscalationColumn.FLAGS: 2 * _CHIP_PAD,  # one chip's padding
        }
        self.hidden_columns, need = COLUMN_FIT.apply(self.tree, samples, extra=extra)
        if need != self._table_need:
            self._table_need = need
            self.wantedWidthChanged.emit()


def _set_severity(widget: QWidget, severity: Severity | None) -> None:
    set_style_property(widget, "severity", "normal" if severity is None else severity.value)
