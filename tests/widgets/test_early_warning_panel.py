"""The early-warning panel: suggested incidents with Declare…, forecast and
staffing per queue, and the dock picking up each new view."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from cockpit.detect import Surge
from cockpit.domain import QueueId
from cockpit.early_warning import EarlyWarning, EarlyWarningView
from cockpit.forecast import Forecast, HorizonForecast, Move, QueueForecast, StaffingRow
from widgets.early_warning_panel import EarlyWarningDock, EarlyWarningPanel

NOW = datetime(2026, 11, 11, 16, 0, tzinfo=UTC)
SURGE = Surge(
    kind="topic", key="payment", label="付款失败", started_at=NOW, ratio=4.2, window_s=900,
    count_15m=63, expected_15m=15.0, baseline="recent", ticket_ids=("T1", "T2"),
    queues=(("payment", 2),), topics=("payment",), keywords=("付款失败",),
    playbook_id="service_outage",
)  # fmt: skip
QUEUE = QueueForecast(
    queue=QueueId("payment"), arrivals_per_min=4.0, forecast_arrivals_per_min=6.0,
    answers_per_min=3.0, capacity_per_min=3.0, handle_s=120.0, agents_online=6, waiting=30,
    breached=2, horizons=tuple(HorizonForecast(m, b, 20, 0.75, 40) for m, b in
                               ((15, 3), (30, 8), (60, 20))),
)  # fmt: skip
ROW = StaffingRow(
    queue=QueueId("payment"), agents_online=6, needed_now=8, needed_forecast=10,
    service_level_now=0.42, service_level_forecast=0.1, target=0.8, within_s=1800,
    handle_s=120, arrivals_per_s=4 / 60, forecast_arrivals_per_s=0.1,
    move=Move(QueueId("presales"), QueueId("payment"), 4, 0.9, 0.83),
)  # fmt: skip
VIEW = EarlyWarningView(NOW, (SURGE,), Forecast((QUEUE,), (ROW,)))


def test_the_panel_shows_the_suggested_incident_and_the_forecast(qtbot: QtBot) -> None:
    panel = EarlyWarningPanel(
        queue_names=lambda: {"payment": "Payment", "presales": "Pre-sales"},
        playbook_name={"service_outage": "Service outage"}.__getitem__,
    )
    qtbot.addWidget(panel)
    panel.show_view(VIEW)
    assert panel.surges.rowCount() == 1
    # No internal ids on screen: the topic's and the playbook's names.
    assert panel.surges.item(0, 0).text() == "payment — 付款失败"  # (untranslated here)
    assert panel.surges.item(0, 1).text() == "×4.2 in 15 min"
    assert panel.surges.item(0, 2).text() == "63 in 15 min"
    assert panel.surges.item(0, 3).text() == "Service outage"
    assert panel.empty.isHidden()
    cells = [panel.queues.item(0, c).text() for c in range(7)]
    assert cells == ["Payment", "4.0 → 6.0", "3/8/20", "75 %", "6 / 10", "42 % → 10 %",
                     "Move 4 from Pre-sales → SL 83 %"]  # fmt: skip
    panel.show_view(EarlyWarningView(NOW))
    assert panel.surges.rowCount() == 0
    assert not panel.empty.isHidden()


def test_the_service_names_the_suggested_playbook() -> None:
    from cockpit.incidents.playbook import load_library

    service = EarlyWarning(playbooks=load_library().listing())
    assert service.playbook_name("service_outage", "en") != "service_outage"
    assert service.playbook_name("service_outage", "zh_CN") != "service_outage"
    assert service.playbook_name("gone", "en") == "gone"


def test_declare_asks_then_declares_with_the_surge(qtbot: QtBot) -> None:
    panel = EarlyWarningPanel()
    qtbot.addWidget(panel)
    service = EarlyWarning()
    asked: list[str] = []
    declared: list[Surge] = []

    def confirm(parent: Any, title: str, text: str, action: str) -> bool:
        asked.append(text)
        return True

    def declare(surge: Surge, done: Any) -> None:
        declared.append(surge)
        done(SimpleNamespace(joined=False, incident=SimpleNamespace(id=7)))

    dock = EarlyWarningDock(service, panel, declare=declare, confirm=confirm)
    service.latest = VIEW
    qtbot.waitUntil(lambda: panel.view is VIEW, timeout=3000)
    button = panel.surges.cellWidget(0, 4)
    assert isinstance(button, QPushButton)
    button.click()
    assert declared == [SURGE]
    assert "2 tickets" in asked[0]
    assert panel.status.text() == "Incident #7 declared with the surge's tickets."
    del dock


def test_declining_the_question_declares_nothing(qtbot: QtBot) -> None:
    panel = EarlyWarningPanel()
    qtbot.addWidget(panel)
    declared: list[Surge] = []
    EarlyWarningDock(
        EarlyWarning(), panel, declare=lambda s, d: declared.append(s),
        confirm=lambda *a: False,
    )  # fmt: skip
    panel.show_view(VIEW)
    button = panel.surges.cellWidget(0, 4)
    assert isinstance(button, QPushButton)
    button.click()
    assert declared == []


def test_a_forecast_with_new_staffing_ranks_the_floor_again(qtbot: QtBot) -> None:
    # The forecast lands after the view it was made from (and a frozen or
    # slow backend may send no next view): the queue panel ranks again.
    from tests.widgets.fakes import figures, view
    from widgets.bridge import Bridge
    from widgets.queue_panel import QueuePanel

    service = EarlyWarning()
    panel = EarlyWarningPanel()
    qtbot.addWidget(panel)
    dock = EarlyWarningDock(service, panel, declare=None)
    queues = QueuePanel()
    qtbot.addWidget(queues)
    queues.model.agents_needed = service.agents_needed
    dock.forecastChanged.connect(queues.restaff)
    bridge = Bridge(queues)
    queues.bind(bridge)
    bridge.floorUpdated.emit(
        view([figures("payment", waiting=30, agents_available=0, agents_busy=6, breached=2)])
    )
    qtbot.waitUntil(lambda: queues.model.rowCount() == 1)
    assert queues.model.ranking()[0].agents_needed is None  # no forecast yet
    service.latest = VIEW  # needed_now: payment → 8
    with qtbot.waitSignal(dock.forecastChanged, timeout=1_000):
        dock._on_timer()  # what its timer does every half second
    assert queues.model.ranking()[0].agents_needed == 8
    assert "2 more agents needed" in queues.headline.text()
    # The same staffing again: nothing to rank.
    service.latest = EarlyWarningView(NOW, (SURGE,), Forecast((QUEUE,), (ROW,)))
    with qtbot.assertNotEmitted(dock.forecastChanged):
        dock._on_timer()
