"""The review view: charts, report, written parts and action items, edits
saved through the (here immediate) database executor, exports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from cockpit.review_export import read_json
from cockpit.review_service import ReviewService
from cockpit.runtime.executors import ImmediateExecutor
from tests.e2e.review_drill import Drill, recorded_drill
from widgets.review_view import ReviewView

ZONE = ZoneInfo("Asia/Shanghai")


@pytest.fixture(scope="module")
def drill(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Drill]:
    url = f"sqlite:///{tmp_path_factory.mktemp('review') / 'drill.db'}"
    with recorded_drill(url) as done:
        yield done


@pytest.fixture
def view(qtbot: QtBot, drill: Drill) -> Iterator[ReviewView]:
    service = ReviewService(stores=drill.stores, clock=drill.clock, who="sup-wang")
    shown = ReviewView(service, submit=ImmediateExecutor().submit, language="en", zone=ZONE)
    qtbot.addWidget(shown)
    return shown


def test_the_view_shows_the_latest_incident(view: ReviewView, drill: Drill) -> None:
    assert view.incidents.count() == 1
    listed = view.incidents.item(0).text()
    assert "service_outage" not in listed  # the playbook's name, not its id
    assert "Service outage" in listed or "服务故障" in listed
    assert view._review is not None
    assert view._review.incident.id == drill.incident_id
    assert view.charts.layout().count() == 3
    report = view.report.toPlainText()
    for heading in ("Impact on the floor", "Response times", "Checklist compliance", "Timeline"):
        assert heading in report


def test_edits_are_saved_and_shown_again(view: ReviewView, drill: Drill) -> None:
    view.owner.setText("王主管")
    view.causes.setPlainText("证书过期")
    view._on_save_written()
    assert drill.stores.reviews.written(drill.incident_id).causes == "证书过期"
    view._on_add_item()
    view.items.item(0, 0).setText("证书监控")
    view.items.item(0, 2).setText("2026-12-01")
    view._on_save_items()
    [item] = drill.stores.reviews.action_items(drill.incident_id)
    assert (item.title, item.due.isoformat() if item.due else None) == ("证书监控", "2026-12-01")
    assert view.items.rowCount() == 1  # reloaded from the database
    assert view.owner.text() == "王主管"
    view.items.setCurrentCell(0, 0)
    view._on_remove_item()
    assert drill.stores.reviews.action_items(drill.incident_id) == []


def test_exports(view: ReviewView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "review.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    view._on_export_json()
    assert read_json(target) == view._review
    target = tmp_path / "review.pdf"
    view._on_export_pdf()
    assert target.read_bytes().startswith(b"%PDF")
