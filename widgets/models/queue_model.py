"""A thin Qt table model over the ``QueueFigures`` of the latest FloorView.

One row per queue, worst first (``cockpit.ranking``: breaches, at risk,
service level against target, soonest deadline). Rows are positions in the
ranking: a new view with the same queues, in whatever order, emits
``dataChanged`` for the blocks of cells that look different (text or
colour); only a change in the queue set resets the model.

Only the outliers are coloured: the queue-name cell of a queue that needs
help (red) or watching (amber), besides the threshold cells below.
Headers are short (the table fits 1366 pixels); their tooltips say in full
what each column counts.

Severity follows the alert rules' ladder (:mod:`cockpit.severity`, lines
from ``settings.thresholds``, relative to each queue's targets), so a cell
is red exactly when its queue has a critical alert on that figure. Severe
cells carry a text cue (▲ / ▼, doubled when critical) as well as a colour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush

from cockpit.at_risk import SlaRow
from cockpit.domain import AgentState
from cockpit.metrics import QueueFigures
from cockpit.ranking import AgentsNeeded, QueueRisk, RiskLevel, occupancy, rank_queues
from cockpit.settings import Band, SlaSettings, Thresholds
from cockpit.severity import Level, QueueLevels, queue_levels
from widgets.floor_text import countdown_text
from widgets.models.row_model import RowTableModel, changed_blocks
from widgets.theme import DAY, Palette


class Column(IntEnum):
    """In reading order: the queue, how late it is, then who is there."""

    QUEUE = 0
    SERVICE_LEVEL = 1
    BREACHED_FIRST = 2  # open tickets past their first-response due time
    BREACHED_RESOLUTION = 3  # open tickets past their resolution due time
    AT_RISK = 4
    WAITING = 5
    PAST_TARGET = 6  # waiting past the first-response target
    OLDEST_WAIT = 7
    AVAILABLE = 8
    BUSY = 9
    AWAY = 10
    OCCUPANCY = 11
    ARRIVALS = 12
    RESOLVED = 13
    OPEN = 14


# The figures the queue name's tooltip repeats (the columns a narrow panel hides).
_QUEUE_TIP_FIGURES = (
    Column.BUSY,
    Column.AWAY,
    Column.OCCUPANCY,
    Column.ARRIVALS,
    Column.RESOLVED,
    Column.OPEN,
)


class Severity(IntEnum):
    NORMAL = 0
    WARN = 1
    CRITICAL = 2


class QueueRole(IntEnum):
    """Custom roles, defined once for views, delegates and tests."""

    SEVERITY = Qt.ItemDataRole.UserRole + 1  # Severity of the cell
    VALUE = Qt.ItemDataRole.UserRole + 2  # the raw figure (int, float or None)
    QUEUE_ID = Qt.ItemDataRole.UserRole + 3
    TARGET = Qt.ItemDataRole.UserRole + 4  # service-level target text, e.g. "80%"
    RISK = Qt.ItemDataRole.UserRole + 5  # the queue's cockpit.ranking.RiskLevel
    RANK = Qt.ItemDataRole.UserRole + 6  # 1 = the queue that needs help most


_RAW: dict[Column, Callable[[QueueFigures], object]] = {
    Column.QUEUE: lambda f: (f.name, tuple(sorted(f.names.items()))),
    Column.OPEN: lambda f: f.open,
    Column.WAITING: lambda f: f.waiting,
    Column.OLDEST_WAIT: lambda f: f.oldest_wait_s if f.waiting else None,
    Column.AVAILABLE: lambda f: f.agents_available,
    Column.BUSY: lambda f: f.agents_busy,
    Column.AWAY: lambda f: f.agents_away,
    Column.ARRIVALS: lambda f: f.arrivals_15m,
    Column.RESOLVED: lambda f: f.resolutions_15m,
    Column.SERVICE_LEVEL: lambda f: (f.service_level, f.service_level_target),
    Column.BREACHED_FIRST: lambda f: f.first_response.breached,
    Column.BREACHED_RESOLUTION: lambda f: f.resolution.breached,
    Column.AT_RISK: lambda f: f.at_risk,
    Column.PAST_TARGET: lambda f: f.waiting_past_target,
    Column.OCCUPANCY: occupancy,
}


# Column order, read once: iterating an Enum class costs a generator step per member.
_COLUMNS = tuple(Column)
_RAWS = tuple(_RAW[column] for column in _COLUMNS)


def _raw_row(f: QueueFigures) -> tuple[object, ...]:
    return tuple(raw(f) for raw in _RAWS)


_CUE_UP = {Severity.NORMAL: "", Severity.WARN: "▲ ", Severity.CRITICAL: "▲▲ "}
_CUE_DOWN = {Severity.NORMAL: "", Severity.WARN: "▼ ", Severity.CRITICAL: "▼▼ "}

_NUMERIC = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TEXT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def severity(value: float | None, band: Band, *, higher_is_worse: bool) -> Severity:
    """Where ``value`` sits against ``band``; reaching a limit crosses it."""
    if value is None:
        return Severity.NORMAL
    if higher_is_worse:
        if value >= band.critical:
            return Severity.CRITICAL
        return Severity.WARN if value >= band.warn else Severity.NORMAL
    if value <= band.critical:
        return Severity.CRITICAL
    return Severity.WARN if value <= band.warn else Severity.NORMAL


# The one duration format: ``h:mm:ss``, ``2 d 4 h`` past a day.
format_duration = countdown_text


def format_percent(share: float) -> str:
    # float(): the core's figures may be numpy floats, whose round() is ~20x slower.
    return f"{round(float(share) * 100)}%"


def cell_severity(
    figures: QueueFigures,
    column: Column,
    thresholds: Thresholds,
    sla: SlaSettings | None = None,
) -> Severity:
    """The cell's colour from the alert rules' own ladder (:mod:`cockpit.severity`):
    waiting by the customers past their target, the oldest wait against the
    queue's target, the service level by its gap below the queue's target. A
    notice is not coloured; ``sla`` None: the default targets."""
    return _level_severity(queue_levels(figures, thresholds, sla), figures, column)


def _level_severity(levels: QueueLevels, figures: QueueFigures, column: Column) -> Severity:
    return _severities(levels, figures)[column]


def _severities(levels: QueueLevels, figures: QueueFigures) -> tuple[Severity, ...]:
    """Each cell's severity, in column order: only three columns have one."""
    cells = [Severity.NORMAL] * len(Column)
    cells[Column.WAITING] = _TABLE_SEVERITY[levels.waiting]
    if figures.waiting:
        cells[Column.OLDEST_WAIT] = _TABLE_SEVERITY[levels.oldest_wait]
    cells[Column.SERVICE_LEVEL] = _TABLE_SEVERITY[levels.service_level]
    return tuple(cells)


_OUTLIER = {RiskLevel.NEEDS_HELP: Severity.CRITICAL, RiskLevel.WATCH: Severity.WARN}

_TABLE_SEVERITY = {
    Level.NORMAL: Severity.NORMAL,
    Level.NOTICE: Severity.NORMAL,
    Level.WARNING: Severity.WARN,
    Level.CRITICAL: Severity.CRITICAL,
}


@dataclass(frozen=True, slots=True)
class FloorTotals:
    """The whole floor at a glance; ``oldest`` and ``lowest_sl`` name the
    queue holding the longest wait and the lowest service level."""

    open: int
    waiting: int
    oldest: QueueFigures | None
    available: int
    busy: int
    away: int
    arrivals: int
    resolved: int
    lowest_sl: QueueFigures | None


def floor_totals(
    queues: tuple[QueueFigures, ...], staffing: Mapping[AgentState, int] | None = None
) -> FloorTotals:
    """Floor-wide figures. ``staffing`` counts each person once; without it
    the per-queue counts are summed (a multi-skilled agent then counts twice)."""
    waiting = [q for q in queues if q.waiting]
    rated = [q for q in queues if q.service_level is not None]
    return FloorTotals(
        open=sum(q.open for q in queues),
        waiting=sum(q.waiting for q in queues),
        oldest=max(waiting, key=lambda q: q.oldest_wait_s, default=None),
        available=_people(staffing, AgentState.AVAILABLE, [q.agents_available for q in queues]),
        busy=_people(staffing, AgentState.BUSY, [q.agents_busy for q in queues]),
        away=_people(staffing, AgentState.AWAY, [q.agents_away for q in queues]),
        arrivals=sum(q.arrivals_15m for q in queues),
        resolved=sum(q.resolutions_15m for q in queues),
        lowest_sl=min(rated, key=lambda q: q.service_level or 0.0, default=None),
    )


def _people(
    staffing: Mapping[AgentState, int] | None, state: AgentState, per_queue: list[int]
) -> int:
    return sum(per_queue) if staffing is None else staffing.get(state, 0)


class _Cell(NamedTuple):
    """What a cell paints, worked out once per view (the paint asks many times)."""

    text: str
    severity: Severity  # the figure's own severity (QueueRole.SEVERITY)
    colour: Severity  # what colours the cell: the severity, the risk on the queue name
    target: str | None = None  # the service-level cell's target, beside the figure


_Painted = tuple[_Cell, ...]


class QueueTableModel(RowTableModel[QueueFigures, Column]):
    """Live per-queue figures; read-only.

    Applying a view works out each cell's text and colour once (the paint
    reads them many times) and repaints only the cells that look different:
    rows are positions in the ranking, so a queue moving up or down changes
    the cells of the rows it leaves and enters, not the model's row set.
    """

    columns = Column
    item_flags = Qt.ItemFlag.ItemIsEnabled

    def __init__(
        self,
        thresholds: Thresholds | None = None,
        *,
        palette: Palette = DAY,
        language: str = "en",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent, palette=palette, language=language)
        self._thresholds = thresholds or Thresholds()
        # The default targets, built once: the severity ladder reads them per cell.
        self._sla = SlaSettings()
        self._risks: dict[str, QueueRisk] = {}
        self._painted: tuple[_Painted, ...] = ()
        self._cells: dict[str, _Painted] = {}
        self._raws: dict[str, tuple[object, ...]] = {}  # each row's figures, in column order
        self._brushes: dict[tuple[Severity, int], QBrush] = {}
        # The staffing forecaster's hook (agents needed to hold the target).
        self.agents_needed: AgentsNeeded | None = None

    # --- updates ----------------------------------------------------------------

    def set_queues(self, queues: Iterable[QueueFigures], at_risk: Iterable[SlaRow] = ()) -> None:
        """Show ``queues`` worst first (``at_risk``: the view's at-risk list,
        for the soonest deadlines): dataChanged for the blocks of cells that
        look different when the queue set is unchanged, a reset otherwise."""
        ranked = rank_queues(queues, at_risk=at_risk, agents_needed=self.agents_needed)
        self.set_ranking(ranked)

    def set_ranking(self, ranked: tuple[QueueRisk, ...]) -> None:
        rows = tuple(r.figures for r in ranked)
        risks = {str(r.queue): r for r in ranked}
        raws = {str(r.queue): _raw_row(r.figures) for r in ranked}
        painted = tuple(self._paint_row(r, raws[str(r.queue)]) for r in ranked)
        same_set = len(rows) == len(self._rows) and risks.keys() == self._risks.keys()
        if not same_set:
            self.beginResetModel()
            self._store(rows, risks, painted, raws)
            self.endResetModel()
            return
        before = self._painted
        self._store(rows, risks, painted, raws)
        for top, left, bottom, right in changed_blocks(before, painted):
            self.dataChanged.emit(self.index(top, left), self.index(bottom, right))

    def _store(
        self,
        rows: tuple[QueueFigures, ...],
        risks: dict[str, QueueRisk],
        painted: tuple[_Painted, ...],
        raws: dict[str, tuple[object, ...]],
    ) -> None:
        self._rows, self._risks, self._painted, self._raws = rows, risks, painted, raws
        self._cells = {str(q.queue): cells for q, cells in zip(rows, painted, strict=True)}

    def _paint_row(self, risk: QueueRisk, raw: tuple[object, ...]) -> _Painted:
        """The row's cells; a cell whose figure and colour are as last shown
        keeps its text (formatted once, not on every poll)."""
        f = risk.figures
        levels = queue_levels(f, self._thresholds, self._sla)
        outlier = _OUTLIER.get(risk.level, Severity.NORMAL)
        severities = _severities(levels, f)
        cells = self._cells.get(str(f.queue))
        raw_before = self._raws.get(str(f.queue))
        if cells is None or raw_before is None:
            return tuple(self._paint_cell(f, c, severities[c], outlier) for c in _COLUMNS)
        if cells[Column.QUEUE].colour is not outlier:  # the queue name's colour: its risk
            name = self._paint_cell(f, Column.QUEUE, severities[Column.QUEUE], outlier)
            cells = (name, *cells[Column.QUEUE + 1 :])
        return tuple(
            cell
            if raw[c] == raw_before[c] and cell.severity is severities[c]
            else self._paint_cell(f, c, severities[c], outlier)
            for c, cell in zip(_COLUMNS, cells, strict=True)
        )

    def _paint_cell(
        self, f: QueueFigures, column: Column, sev: Severity, outlier: Severity
    ) -> _Cell:
        text = self._text(f, column, sev)
        if column is Column.QUEUE:
            return _Cell(text, sev, outlier)
        if column is Column.SERVICE_LEVEL:
            return _Cell(text, sev, sev, format_percent(f.service_level_target))
        return _Cell(text, sev, sev)

    def _repaint_all(self) -> None:
        """Work every cell out again (thresholds or language changed)."""
        self._cells, ranking = {}, self.ranking()
        painted = tuple(self._paint_row(r, self._raws[str(r.queue)]) for r in ranking)
        self._store(self._rows, self._risks, painted, self._raws)
        self._all_changed()

    def set_language(self, language: str) -> None:
        self._language = language
        self._headers_changed()
        self._repaint_all()

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self._brushes = {}
        self._all_changed()

    def ranking(self) -> tuple[QueueRisk, ...]:
        """The rows' risks, worst first."""
        return tuple(self._risks[str(q.queue)] for q in self.rows())

    def risk(self, figures: QueueFigures) -> QueueRisk | None:
        return self._risks.get(str(figures.queue))

    def set_thresholds(self, thresholds: Thresholds) -> None:
        self._thresholds = thresholds
        self._repaint_all()

    def queues(self) -> tuple[QueueFigures, ...]:
        return self.rows()

    @property
    def language(self) -> str:
        return self._language

    # --- Qt model API -------------------------------------------------------------

    def _header_tip(self, column: Column) -> str:
        return self._header_tips()[column]

    def _alignment(self, column: Column) -> Qt.AlignmentFlag:
        return _TEXT if column is Column.QUEUE else _NUMERIC

    def _data(self, figures: QueueFigures, column: Column, role: int) -> Any:
        cell = self._cells[str(figures.queue)][column]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            return self._colour(cell.colour, role)
        if role == Qt.ItemDataRole.ToolTipRole or role == Qt.ItemDataRole.AccessibleTextRole:
            # Worked out when asked for (hover, screen readers), never per view.
            return self._describe(figures, column)
        if role == QueueRole.SEVERITY:
            return cell.severity
        if role == QueueRole.VALUE:
            return None if column is Column.QUEUE else _RAW[column](figures)
        if role == QueueRole.QUEUE_ID:
            return figures.queue
        if role == QueueRole.TARGET:
            return cell.target
        if role == QueueRole.RISK:
            return self._level(figures)
        if role == QueueRole.RANK:
            risk = self.risk(figures)
            return None if risk is None else risk.rank
        return None

    def _level(self, figures: QueueFigures) -> RiskLevel:
        risk = self.risk(figures)
        return RiskLevel.OK if risk is None else risk.level

    # --- cells ------------------------------------------------------------------

    def _display(self, f: QueueFigures, column: Column) -> str:
        cells = self._cells.get(str(f.queue))
        if cells is not None:
            return cells[column].text
        return self._text(f, column, cell_severity(f, column, self._thresholds, self._sla))

    def _text(self, f: QueueFigures, column: Column, sev: Severity) -> str:
        if column is Column.QUEUE:
            return f.display_name(self._language)
        if column is Column.OCCUPANCY:
            share = occupancy(f)
            return "—" if share is None else format_percent(share)
        if column is Column.OLDEST_WAIT:
            return _CUE_UP[sev] + format_duration(f.oldest_wait_s) if f.waiting else "—"
        if column is Column.SERVICE_LEVEL:
            if f.service_level is None:
                return "—"
            return _CUE_DOWN[sev] + format_percent(f.service_level)
        value = _RAW[column](f)
        return _CUE_UP[sev] + str(value)

    def _colour(self, sev: Severity, role: int) -> QBrush | None:
        if sev is Severity.NORMAL:
            return None
        brush = self._brushes.get((sev, role))
        if brush is None:
            p = self._palette
            if role == Qt.ItemDataRole.BackgroundRole:
                brush = QBrush(p.color("warn_bg" if sev is Severity.WARN else "critical_bg"))
            else:
                brush = QBrush(p.color("warn_text" if sev is Severity.WARN else "critical_text"))
            self._brushes[(sev, role)] = brush
        return brush

    def _describe(self, f: QueueFigures, column: Column) -> str:
        header = self._headers()[column]
        lines = [f"{f.display_name(self._language)} · {header}: {self._display(f, column)}"]
        if column is Column.QUEUE:
            lines.extend(self._risk_lines(f))
            # The staffing and flow figures, also when a narrow panel hides their columns.
            headers = self._headers()
            lines.append(
                " · ".join(f"{headers[c]} {self._display(f, c)}" for c in _QUEUE_TIP_FIGURES)
            )
        if column is Column.SERVICE_LEVEL:
            if f.service_level is None:
                lines.append(self.tr("No first responses in the last hour"))
            else:
                target = format_percent(f.service_level_target)
                lines.append(self.tr("Target: {target}").format(target=target))
            lines.append(self._header_tips()[Column.SERVICE_LEVEL])
            lines.append(
                self.tr(
                    "Counted: {met} in target, {late} late, {waiting} waiting past target, "
                    "{gone} closed unanswered past target"
                ).format(
                    met=f.answered_in_target,
                    late=f.answered_late,
                    waiting=f.waiting_past_target,
                    gone=f.abandoned_past_target,
                )
            )
        sev = cell_severity(f, column, self._thresholds, self._sla)
        if sev is Severity.WARN:
            lines.append(self.tr("Warning: at or past the warning threshold"))
        elif sev is Severity.CRITICAL:
            lines.append(self.tr("Critical: at or past the critical threshold"))
        return "\n".join(lines)

    def _risk_lines(self, f: QueueFigures) -> list[str]:
        risk = self.risk(f)
        if risk is None:
            return []
        level = {
            RiskLevel.NEEDS_HELP: self.tr("Needs help now"),
            RiskLevel.WATCH: self.tr("Watch: tickets close to their deadline"),
            RiskLevel.OK: self.tr("On track"),
        }[risk.level]
        lines = [self.tr("Rank {rank}: {level}").format(rank=risk.rank, level=level)]
        if risk.zero_available:
            lines.append(self.tr("Nobody available while tickets wait"))
        if risk.agents_needed is not None:
            lines.append(
                self.tr("Agents needed to hold the target: {n}").format(n=risk.agents_needed)
            )
        return lines

    def _headers(self) -> tuple[str, ...]:
        # Short, so that every column fits 1366 pixels; the tooltips say it in full.
        return (
            self.tr("Queue"),
            self.tr("SL"),
            self.tr("Late 1st"),
            self.tr("Late res."),
            self.tr("At risk"),
            self.tr("Waiting"),
            self.tr("Past tgt"),
            self.tr("Oldest"),
            self.tr("Free"),
            self.tr("Busy"),
            self.tr("Away"),
            self.tr("Occ."),
            self.tr("In 15m"),
            self.tr("Out 15m"),
            self.tr("Open"),
        )

    def _header_tips(self) -> tuple[str, ...]:
        return (
            self.tr("Queue or skill group, the one that needs help most on top"),
            self.tr(
                "Service level, last 60 min: first responses within target ÷ (answered "
                "+ still waiting past target + closed unanswered past target)"
            ),
            self.tr("Open tickets past their first-response due time"),
            self.tr("Open tickets past their resolution due time"),
            self.tr("Open tickets inside their warning window, about to breach"),
            self.tr("Open tickets with no first response yet"),
            self.tr("Tickets still waiting for a first response past its target"),
            self.tr("How long the oldest ticket without a first response has waited"),
            self.tr("Agents available to take work"),
            self.tr("Agents busy with a customer"),
            self.tr("Agents away (break, meeting, training)"),
            self.tr("Occupancy: busy ÷ (busy + available) of the agents on the queue"),
            self.tr("Tickets that arrived in the last 15 minutes"),
            self.tr("Tickets resolved in the last 15 minutes"),
            self.tr("Open tickets in the queue"),
        )
