"""An outage drill from the window, on the real runtime polling a simulator
over HTTP on loopback: declare → red banner → broadcast to the agents (the
script is visible through the feed API) → bot on (confirmed) → one reply to
the matching tickets → resolve (confirmed) → banner gone, the auto-reply back
as it was, the scripts withdrawn, and every action in the incident log."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cockpit.backends.base import AutoReplyState
from cockpit.backends.feed import FeedBackend
from cockpit.clock import ManualClock
from cockpit.incidents.model import Action
from cockpit.runtime.runtime import Runtime
from cockpit.settings import Settings
from cockpit.sim import FloorSimulator, Scenario, ScenarioKind, SimConfig, SimServer
from cockpit.store.incidents import IncidentStore, Outcome, Phase
from widgets.app import CockpitSession, Translations
from widgets.broadcast_dialog import BroadcastDialog
from widgets.bulk_reply_dialog import BulkReplyDialog
from widgets.declare_dialog import DeclareDialog
from widgets.run_op import ErrorMessage

pytestmark = pytest.mark.e2e
TOKEN = "gui-incident-" + "z" * 20
NIGHT_BOT = AutoReplyState(enabled=True, message="夜间值班中，退款问题稍后回复", topics=("refund",))
WAIT = 20_000


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[SimServer]:
    monkeypatch.setenv("COCKPIT_FEED_TOKEN", TOKEN)
    # Ticket times and the incident's (system) clock must agree.
    start = datetime.now(UTC).replace(microsecond=0)
    sim = FloorSimulator(SimConfig.default(warmup=timedelta(hours=2)), seed=11, start=start)
    with SimServer(sim, ManualClock(start), port=0, token=TOKEN) as running:
        with running.lock:
            sim.inject(Scenario(ScenarioKind.OUTAGE, multiplier=8.0, duration=timedelta(hours=2)))
        yield running


def _yes(*_args: object) -> bool:
    return True


def _declare_outage(qtbot: QtBot, session: CockpitSession) -> None:
    mode = session.incidents
    assert mode is not None
    session.actions.declare.trigger()
    declare = mode.dialog
    assert isinstance(declare, DeclareDialog)
    declare.playbook_box.setCurrentIndex(declare.playbook_box.findData("service_outage"))
    declare.summary.setText("登录与支付大面积失败")
    declare.variables.edits["eta"].setText("01:30")
    declare.auto_box.setChecked(False)
    declare.declare_button.click()
    qtbot.waitUntil(mode.banner.isVisible, timeout=WAIT)


def test_outage_drill_from_the_window(
    qtbot: QtBot, qapp: QApplication, server: SimServer, tmp_path: Path
) -> None:
    feed = FeedBackend(server.url, token=TOKEN)
    feed.set_auto_reply(NIGHT_BOT)
    db = f"sqlite:///{tmp_path / 'incidents.db'}"
    settings = Settings(poll_interval_s=0.5, database_url=db)
    port = server.url.rsplit(":", 1)[1]
    runtime = Runtime(settings, backend_url=f"sim://127.0.0.1:{port}", incident_tick_s=0.5)
    state = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    session = CockpitSession(qapp, runtime, translations=Translations(qapp), state=state)
    assert session.incidents is not None
    assert session.ops is not None
    errors: list[ErrorMessage] = []
    session.ops.present_error = lambda _parent, message: errors.append(message)
    asked: list[str] = []

    def confirm(_parent: QWidget | None, _title: str, text: str, _action: str) -> bool:
        asked.append(text)
        return True

    session.incidents.set_confirm(confirm, resolve=lambda *_: "支付网关回滚完成")
    mode, panel, banner = session.incidents, session.incidents.panel, session.incidents.banner
    try:
        session.start()
        qtbot.waitUntil(
            lambda: mode.picture is not None and bool(mode.picture.playbooks), timeout=WAIT
        )
        qtbot.waitUntil(lambda: session.bridge.last_view is not None, timeout=WAIT)
        assert not banner.isVisible()

        # Declare from the menu, without the automatic steps: each one by hand.
        _declare_outage(qtbot, session)
        assert panel.isVisible()
        # No reply has gone out: resolving sits beside the bulk reply.
        assert panel.resolve_button.y() == panel.bulk_button.y()
        assert "Service outage" in banner.title.text()
        assert banner.bot.text().endswith("off")
        assert mode.picture is not None
        assert mode.picture.incident is not None
        incident_id = mode.picture.incident.id

        # Broadcast to the agents: the preview first, then the script is live.
        panel.broadcast_button.click()
        broadcast = mode.dialog
        assert isinstance(broadcast, BroadcastDialog)
        qtbot.waitUntil(lambda: broadcast.send_button.isEnabled(), timeout=WAIT)
        assert broadcast.preview is not None
        assert "预计01:30恢复" in broadcast.preview_view.toPlainText()
        assert not [s for s in feed.list_scripts() if s.id.startswith(f"inc{incident_id}-")]
        broadcast.send_button.click()
        qtbot.waitUntil(lambda: broadcast.sent is not None, timeout=WAIT)
        assert broadcast.sent is not None
        assert broadcast.sent.ok, broadcast.sent.failures
        scripts = {s.id: s for s in feed.list_scripts()}
        assert "预计01:30恢复" in scripts[f"inc{incident_id}-outage_ack-zh_CN"].body
        broadcast.close()

        # The bot, after a confirmation.
        asked.clear()
        panel.bot_button.click()
        assert len(asked) == 1
        qtbot.waitUntil(lambda: banner.bot.text().endswith("ON"), timeout=WAIT)
        assert feed.get_auto_reply().enabled
        assert feed.get_auto_reply() != NIGHT_BOT

        # One reply to the matching tickets.
        panel.bulk_button.click()
        qtbot.waitUntil(lambda: isinstance(mode.dialog, BulkReplyDialog), timeout=WAIT)
        bulk = mode.dialog
        assert isinstance(bulk, BulkReplyDialog)
        qtbot.waitUntil(lambda: bulk.send_button.isEnabled(), timeout=WAIT)
        assert bulk.preview is not None
        expected = set(bulk.preview.match.ticket_ids)
        assert expected
        bulk.send_button.click()
        qtbot.waitUntil(lambda: bulk.sent is not None, timeout=WAIT)
        assert bulk.sent is not None
        assert {r.target for r in bulk.sent.results if r.outcome is Outcome.OK} == expected
        bulk.close()
        qtbot.waitUntil(lambda: panel.answer_new_button.isVisible(), timeout=WAIT)
        # "Answer new" takes its place; resolving gets a row of its own.
        qtbot.waitUntil(lambda: panel.resolve_button.y() > panel.bulk_button.y())
        assert panel.answer_new_button.y() == panel.bulk_button.y()

        # Resolve, after a confirmation: the banner goes, the bot is back.
        panel.resolve_button.click()
        qtbot.waitUntil(lambda: not banner.isVisible(), timeout=WAIT)
        assert feed.get_auto_reply() == NIGHT_BOT
        assert not [s for s in feed.list_scripts() if s.id.startswith(f"inc{incident_id}-")]
        assert not errors, errors
    finally:
        session.shutdown()
        feed.close()
    assert not [t for t in threading.enumerate() if t.name.startswith(("cockpit", "APScheduler"))]

    store = IncidentStore.open(db)
    try:
        events = store.events(incident_id)
    finally:
        store.close()
    done = {e.action for e in events if e.phase is not Phase.INTENT and e.outcome is Outcome.OK}
    for action in (
        Action.DECLARE,
        Action.SCRIPT_PUBLISH,
        Action.BOT_ON,
        Action.TICKET_REPLY,
        Action.BOT_RESTORE,
        Action.SCRIPT_WITHDRAW,
        Action.RESOLVE,
    ):
        assert action.value in done, action
    assert {e.who for e in events if e.action == Action.BOT_ON} != {"system"}


def test_incident_mode_at_1366x768_keeps_the_floor_in_view(
    qtbot: QtBot, qapp: QApplication, server: SimServer, tmp_path: Path
) -> None:
    """The banner and the incident panel open on a small screen: all nine
    queues still show without a scroll bar, the at-risk list keeps four rows
    in front, the checklist shows every step."""
    from widgets.app import apply_app_font, apply_theme
    from widgets.at_risk_panel import LEAST_ROWS

    font = qapp.font()
    apply_app_font(qapp)  # the cockpit's own font and sheet decide what fits
    apply_theme(qapp, night=False)
    settings = Settings(poll_interval_s=0.5, database_url=f"sqlite:///{tmp_path / 'i.db'}")
    port = server.url.rsplit(":", 1)[1]
    runtime = Runtime(settings, backend_url=f"sim://127.0.0.1:{port}", incident_tick_s=0.5)
    state = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    session = CockpitSession(qapp, runtime, translations=Translations(qapp), state=state)
    mode = session.incidents
    assert mode is not None
    mode.set_confirm(lambda *_: True, resolve=lambda *_: "done")
    window = session.window
    try:
        window.resize(1366, 768)
        session.start()
        qtbot.waitUntil(
            lambda: mode.picture is not None and bool(mode.picture.playbooks), timeout=WAIT
        )
        queues = window.queue_panel
        qtbot.waitUntil(lambda: queues.model.rowCount() == 9, timeout=WAIT)
        _declare_outage(qtbot, session)
        panel = mode.panel
        qtbot.waitUntil(lambda: panel.checklist.rowCount() > 0, timeout=WAIT)
        table = queues.table

        def floor_in_view() -> bool:
            last = table.rowViewportPosition(8) + table.rowHeight(8)
            return last <= table.viewport().height() and not table.verticalScrollBar().isVisible()

        qtbot.waitUntil(floor_in_view, timeout=WAIT)
        qtbot.wait(200)  # and stays so once the layout has settled
        assert floor_in_view()
        assert not table.horizontalScrollBar().isVisible()
        at_risk = window.lower_tabs.currentWidget()
        assert at_risk is session.floor.at_risk
        rows = at_risk.table
        header = rows.horizontalHeader().height()
        assert rows.viewport().height() + header >= header + LEAST_ROWS * rows.rowHeight(0)
        steps = panel.checklist_view
        assert not steps.verticalScrollBar().isVisible()
        assert window.width() == 1366
    finally:
        session.shutdown()
        qapp.setStyleSheet("")
        qapp.setPalette(qapp.style().standardPalette())
        qapp.setFont(font)
        qapp.setProperty("cockpitBasePoints", None)
