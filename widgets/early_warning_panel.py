"""The early-warning panel: suggested incidents (a surge of similar tickets,
with its playbook and a "Declare…" button) and, per queue, the breach
forecast and the staffing what-if.

The panel renders :class:`cockpit.early_warning.EarlyWarningView` values.
:func:`install_early_warning` builds the core service, hooks it to the
runtime's poller (the computing happens on the poll worker) and shows the
panel as a dock of the main window; a timer on the GUI thread picks up each
new view (an immutable value swapped whole), so nothing here subscribes to
the core.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cockpit.backlog import RecoveryStatus
from cockpit.detect import Surge
from cockpit.early_warning import EarlyWarning, EarlyWarningView
from cockpit.forecast import QueueForecast, StaffingRow
from widgets.confirm import Confirm, ask
from widgets.floor_text import span_text
from widgets.incident_text import topic_text
from widgets.queue_panel import ui_language

if TYPE_CHECKING:
    from cockpit.incidents.model import Change

REFRESH_MS = 500
# The share of the window's height the dock takes when it opens by itself.
DOCK_SHARE = 0.28


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f} %"


class EarlyWarningPanel(QWidget):
    """Suggested incidents above, forecast and staffing per queue below."""

    declareRequested = Signal(object)  # the Surge

    def __init__(
        self,
        *,
        queue_names: Callable[[], Mapping[str, str]] | None = None,
        playbook_name: Callable[[str], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``queue_names``: queue id → the name the screen shows, in the
        UI's language; ``playbook_name``: the same for a playbook id."""
        super().__init__(parent)
        self.setObjectName("earlyWarningPanel")
        self._queue_names = queue_names or dict
        self._playbook_name = playbook_name or str
        self.view: EarlyWarningView | None = None
        self._surges: tuple[Surge, ...] = ()
        self.surge_title = QLabel()
        self.surge_title.setObjectName("panelTitle")
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.surges = self._table(5)
        self.queue_title = QLabel()
        self.queue_title.setObjectName("panelTitle")
        self.queues = self._table(7)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.recovery = QLabel()
        self.recovery.setObjectName("backlogRecovery")
        self.recovery.setWordWrap(True)
        self.recovery.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        for widget in (self.surge_title, self.empty, self.surges, self.queue_title, self.queues):
            layout.addWidget(widget)
        layout.addWidget(self.recovery)
        layout.addWidget(self.status)
        layout.setStretch(2, 2)
        layout.setStretch(4, 3)
        self._retranslate()

    @staticmethod
    def _table(columns: int) -> QTableWidget:
        table = QTableWidget(0, columns)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _retranslate(self) -> None:
        self.surge_title.setText(self.tr("Suggested incidents"))
        self.empty.setText(self.tr("No surge of similar tickets: nothing to suggest."))
        self.queue_title.setText(self.tr("Forecast and staffing"))
        self.surges.setHorizontalHeaderLabels(
            [self.tr("Surge"), self.tr("Rate"), self.tr("Tickets"), self.tr("Playbook"), ""]
        )
        self.queues.setHorizontalHeaderLabels(
            [
                self.tr("Queue"),
                self.tr("Arrivals/min"),
                self.tr("Breaches 15/30/60 min"),
                self.tr("SL next hour"),
                self.tr("Agents online / needed"),
                self.tr("SL now → forecast"),
                self.tr("What-if"),
            ]
        )
        if self.view is not None:
            self.show_view(self.view)

    def changeEvent(self, event: Any) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # --- rendering ------------------------------------------------------------------

    def show_view(self, view: EarlyWarningView) -> None:
        self.view = view
        self._show_surges(view.surges)
        rows = {r.queue: r for r in view.forecast.staffing}
        self._show_queues(view.forecast.queues, rows)
        self._show_recovery(view.recovery)

    def _show_recovery(self, status: RecoveryStatus | None) -> None:
        self.recovery.setVisible(status is not None)
        if status is None:
            return
        if status.done:
            self.recovery.setText(
                self.tr(
                    "Backlog recovery over: {backlog} waiting, back to the baseline of {base}."
                ).format(backlog=status.backlog, base=status.baseline)
            )
            return
        eta = (
            self.tr("not draining")
            if status.eta is None
            else self.tr("clear in ~{m} min").format(m=round(status.eta.total_seconds() / 60))
        )
        names = self._queue_names()
        oldest = ", ".join(
            f"{t.ticket} ({names.get(t.queue, t.queue)}, {span_text(t.wait_s)})"
            for t in status.oldest[:5]
        )
        self.recovery.setText(
            self.tr(
                "Backlog recovery — clear the backlog first: {left} above the baseline "
                "({backlog} waiting, baseline {base}), draining {rate:.1f}/min, {eta}. "
                "Oldest first: {oldest}"
            ).format(
                left=status.left,
                backlog=status.backlog,
                base=status.baseline,
                rate=status.drain_per_min,
                eta=eta,
                oldest=oldest or "–",
            )
        )

    def playbook_name(self, playbook_id: str) -> str:
        return self._playbook_name(playbook_id)

    def surge_text(self, surge: Surge) -> tuple[str, str]:
        """(what, rate) for one surge, e.g. ("支付 付款失败", "×4.2 in 15 min")."""
        if surge.kind == "floor":
            what = self.tr("The whole floor")
        elif surge.kind == "public_opinion":
            what = self.tr("Public opinion: {words}").format(words=surge.label)
        elif surge.kind == "topic":
            words = " · ".join(surge.keywords[:2])
            topic = topic_text(surge.key)
            what = f"{topic} — {words}" if words else topic
        else:
            what = surge.label
        minutes = surge.window_s // 60
        rate = self.tr("×{ratio:.1f} in {minutes} min").format(ratio=surge.ratio, minutes=minutes)
        return what, rate

    def _show_surges(self, surges: tuple[Surge, ...]) -> None:
        self._surges = surges
        self.empty.setVisible(not surges)
        table = self.surges
        table.setRowCount(len(surges))
        for row, surge in enumerate(surges):
            what, rate = self.surge_text(surge)
            tickets = self.tr("{n} in 15 min").format(n=surge.count_15m)
            playbook = surge.playbook_id
            cells = (
                what,
                rate,
                tickets,
                self.tr("(none)") if playbook is None else self._playbook_name(playbook),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if surge.public_opinion:
                    item.setForeground(Qt.GlobalColor.darkRed)
                table.setItem(row, column, item)
            button = QPushButton(self.tr("Declare…"))
            button.setObjectName(f"declareSurge{row}")
            button.setEnabled(surge.playbook_id is not None)
            button.clicked.connect(lambda _=False, s=surge: self.declareRequested.emit(s))
            table.setCellWidget(row, 4, button)

    def _show_queues(
        self, queues: tuple[QueueForecast, ...], rows: Mapping[str, StaffingRow]
    ) -> None:
        names = self._queue_names()
        table = self.queues
        table.setRowCount(len(queues))
        for index, q in enumerate(queues):
            staffing = rows.get(q.queue)
            breaches = "/".join(str(h.breaches) for h in q.horizons)
            level = q.horizons[-1].service_level if q.horizons else None
            cells = [
                names.get(q.queue, q.queue),
                f"{q.arrivals_per_min:.1f} → {q.forecast_arrivals_per_min:.1f}",
                breaches,
                _percent(level),
            ]
            if staffing is None:
                cells += ["", "", ""]
            else:
                cells += [
                    f"{staffing.agents_online} / {staffing.needed_forecast}",
                    f"{_percent(staffing.service_level_now)} → "
                    f"{_percent(staffing.service_level_forecast)}",
                    self._move_text(staffing, names),
                ]
            for column, text in enumerate(cells):
                table.setItem(index, column, QTableWidgetItem(text))

    def _move_text(self, row: StaffingRow, names: Mapping[str, str]) -> str:
        move = row.move
        if move is None:
            return ""
        return self.tr("Move {n} from {source} → SL {level}").format(
            n=move.agents,
            source=names.get(move.source, move.source),
            level=_percent(move.target_service_level),
        )

    def show_status(self, text: str) -> None:
        self.status.setText(text)


class EarlyWarningDock(QObject):
    """Wires the panel to the service and the incident engine.
    ``forecastChanged()``: a forecast with other staffing needs was picked up."""

    forecastChanged = Signal()

    def __init__(
        self,
        service: EarlyWarning,
        panel: EarlyWarningPanel,
        *,
        declare: Callable[[Surge, Callable[[Change], None]], None] | None,
        confirm: Confirm = ask,
        dock: QDockWidget | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.panel, self.dock = service, panel, dock
        # What last opened the dock by itself: a closed dock stays closed
        # until there is something new to act on.
        self._raised_for: frozenset[object] = frozenset()
        self._needed: dict[str, int] = {}  # the staffing last passed on
        self._declare, self._confirm = declare, confirm
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._on_timer)
        self._timer.start()
        panel.declareRequested.connect(self._on_declare_requested)

    def _on_timer(self) -> None:
        latest = self.service.latest
        if latest is not None and latest is not self.panel.view:
            self.panel.show_view(latest)
            self._raise_when_needed(latest)
            needed = dict(latest.forecast.needed_now)
            if needed != self._needed:  # most polls leave the staffing as it was
                self._needed = needed
                self.forecastChanged.emit()

    def _raise_when_needed(self, view: Any) -> None:
        """The dock starts hidden (the floor keeps the screen); it opens when
        a surge is suggested or backlog recovery starts."""
        if self.dock is None:
            return
        reasons = frozenset(
            [*(s.key for s in view.surges), *(["recovery"] if view.recovery is not None else [])]
        )
        if reasons - self._raised_for and not self.dock.isVisible():
            self.dock.show()
            window = self.dock.parentWidget()
            if isinstance(window, QMainWindow):
                # A share of the height, the queues keep the rest; its tables
                # scroll (dragging the edge gives it more).
                height = round(window.height() * DOCK_SHARE)
                window.resizeDocks([self.dock], [height], Qt.Orientation.Vertical)
        self._raised_for = reasons

    def _on_declare_requested(self, surge: Surge) -> None:
        if self._declare is None or surge.playbook_id is None:
            self.panel.show_status(self.tr("Incidents are not available (no incident log)."))
            return
        what, rate = self.panel.surge_text(surge)
        text = self.tr(
            "Declare a {playbook} incident for “{what}” ({rate})? Its {n} tickets "
            "become part of the incident's match."
        ).format(
            playbook=self.panel.playbook_name(surge.playbook_id),
            what=what,
            rate=rate,
            n=len(surge.ticket_ids),
        )
        if not self._confirm(self.panel, self.tr("Declare incident"), text, self.tr("Declare")):
            return
        self._declare(surge, self._on_declared)

    def _on_declared(self, change: Change) -> None:
        text = self.tr("Incident #{id} declared with the surge's tickets.")
        if change.joined:
            text = self.tr("Joined the open incident #{id}; the surge's tickets were added.")
        self.panel.show_status(text.format(id=change.incident.id))


def declare_text(surge: Surge, what: str, rate: str) -> str:
    """The incident summary for a declared surge (kept in the log)."""
    return f"{what} {rate}, {surge.count_15m}"


def install_early_warning(session: Any) -> EarlyWarningDock | None:
    """Build the early warning for a ``widgets.app`` session: hook it to the
    runtime's poller and dock the panel in the window. None when the runtime
    offers no poller hook (a fake runtime)."""
    runtime, window = session.runtime, session.window
    attach = getattr(runtime, "attach_to_poller", None)
    if attach is None:
        return None
    settings = runtime.settings

    def load() -> list[Any]:
        from cockpit.incidents.playbook import load_library

        return load_library(settings.playbook_dir).listing()

    service = EarlyWarning(load_playbooks=load, background_words=True)
    attach(service.attach)
    bridge = session.bridge

    def queue_names() -> dict[str, str]:
        view, language = bridge.last_view, ui_language()
        return {} if view is None else {q.queue: q.display_name(language) for q in view.queues}

    # The floor's staffing cue: "N more agents needed" in the headline, the
    # queue's tooltip and the wall board, from the latest Erlang C forecast.
    window.queue_panel.model.agents_needed = service.agents_needed
    view_modes = getattr(session, "view_modes", None)
    if view_modes is not None:
        view_modes.board.agents_needed = service.agents_needed
    panel = EarlyWarningPanel(
        queue_names=queue_names,
        playbook_name=lambda playbook_id: service.playbook_name(playbook_id, ui_language()),
    )
    dock = QDockWidget(QCoreApplication.translate("EarlyWarningPanel", "Early warning"), window)
    dock.setObjectName("earlyWarningDock")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    dock.hide()  # opens itself for a suggested incident or backlog recovery
    session.actions.add_view_toggle(dock.toggleViewAction())
    declare = None
    if session.incidents is not None:
        declare = _declarer(runtime, panel)
        runtime.subscribe_incidents(on_tick=lambda _result: _watch(runtime, service))
    early = EarlyWarningDock(service, panel, declare=declare, dock=dock, parent=session)
    # A forecast lands after the view it was made from: rank that view again.
    early.forecastChanged.connect(window.queue_panel.restaff)
    if view_modes is not None:
        early.forecastChanged.connect(view_modes.board.restaff)
    return early


def _watch(runtime: Any, service: EarlyWarning) -> None:
    """On the database worker after each incident tick: resolutions start
    backlog-recovery mode."""
    store = getattr(runtime, "store", None)
    if store is not None:
        service.watch_incidents(store.recent(20))


def _declarer(
    runtime: Any, panel: EarlyWarningPanel
) -> Callable[[Surge, Callable[[Change], None]], None]:
    from widgets.incident_state import current_user
    from widgets.run_op import run_op

    def declare(surge: Surge, done: Callable[[Change], None]) -> None:
        from cockpit.domain import TicketId

        what, rate = panel.surge_text(surge)
        summary = declare_text(surge, what, rate)
        who, ids = current_user(), [TicketId(t) for t in surge.ticket_ids]
        playbook = surge.playbook_id
        assert playbook is not None
        run_op(
            panel,
            lambda: runtime.require_engine().declare(
                playbook, summary=summary, who=who, tickets=ids
            ),
            on_success=done,
        )

    return declare
