"""The real window on the real runtime, polling a simulator over HTTP during
the promotion-night peak: after the first poll the heatmap, the at-risk
list, the escalations and the alerts are filled; acknowledging an alert and
listing the tickets behind a heatmap cell go through the runtime's workers
and come back to the window."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cockpit.alerts import EventKind
from cockpit.clock import ManualClock
from cockpit.runtime.runtime import Runtime
from cockpit.settings import Settings
from cockpit.sim import FloorSimulator, SimConfig, SimServer
from widgets.app import CockpitSession, Translations

pytestmark = pytest.mark.e2e
START = datetime(2026, 11, 10, 16, 30, tzinfo=UTC)  # 00:30 in Shanghai
TOKEN = "gui-floor-e2e"


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[SimServer]:
    monkeypatch.setenv("COCKPIT_FEED_TOKEN", TOKEN)
    sim = FloorSimulator(SimConfig.default(), seed=5, start=START)
    with SimServer(sim, ManualClock(START), port=0, token=TOKEN) as running:
        yield running


def test_the_floor_panels_fill_after_the_first_poll(
    qtbot: QtBot, qapp: QApplication, server: SimServer, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("widgets.floor_board.current_user", lambda: "sup-e2e")
    url = "sim://" + server.url.removeprefix("http://")
    settings = Settings(poll_interval_s=0.5, database_url=f"sqlite:///{tmp_path / 'cockpit.db'}")
    runtime = Runtime(settings, backend_url=url)
    state = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    session = CockpitSession(qapp, runtime, translations=Translations(qapp), state=state)
    floor = session.floor
    try:
        session.window.resize(1920, 1080)
        session.start()
        qtbot.waitUntil(lambda: floor.heatmap.grid is not None, timeout=20_000)
        qtbot.waitUntil(lambda: floor.alerts.model.rowCount() > 0, timeout=20_000)
        grid = floor.heatmap.grid
        assert grid is not None
        assert len(grid.queues) == 9
        assert len(grid.starts) == 48
        assert floor.at_risk.model.rowCount() > 0
        assert floor.escalations.model.summary().lead > 0
        assert session.window.floor_layout.wide is True  # all panels visible at once

        # acknowledge an alert: through the runtime, recorded with who
        panel = floor.alerts
        first = panel.model.alerts()[0]
        panel.select_alert(first.id)
        panel.acknowledge.click()
        qtbot.waitUntil(lambda: panel.history.count() == 1, timeout=10_000)
        assert "sup-e2e" in panel.history.item(0).text()
        acks = [e for e in runtime.alerts.log.events() if e.kind is EventKind.ACKNOWLEDGED]
        assert [(e.alert.id, e.who) for e in acks] == [(first.id, "sup-e2e")]

        # the tickets behind the busiest cell, read under the poll lock
        heatmap = floor.heatmap
        row, column = np.unravel_index(np.argmax(grid.breaches), grid.breaches.shape)
        assert grid.breaches[row, column] > 0
        heatmap.cellActivated.emit(heatmap.cell(int(row), int(column)))
        qtbot.waitUntil(floor.cell_dialog.isVisible, timeout=10_000)
        # (a ticket may breach both its clocks in one bucket)
        assert 0 < len(floor.cell_dialog.model.ticket_ids()) <= grid.breaches[row, column]

        # the staffing cue: the queues' Erlang C "agents needed" from the
        # early warning's forecast reach the queue ranking and the wall board
        assert session.early_warning is not None
        service, model = session.early_warning.service, session.window.queue_panel.model
        qtbot.waitUntil(
            lambda: any(r.agents_needed is not None for r in model.ranking()), timeout=20_000
        )
        latest = service.latest
        assert latest is not None
        # (the figures may be a poll younger than the forecast: no exact match)
        risk = next(r for r in model.ranking() if r.agents_needed is not None)
        assert risk.queue in latest.forecast.needed_now
        assert session.view_modes.board.agents_needed == service.agents_needed
    finally:
        session.shutdown()
    assert not [t for t in threading.enumerate() if t.name.startswith(("cockpit", "APScheduler"))]
