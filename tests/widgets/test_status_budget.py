"""The API budget in the status bar: shown for rate-limited backends only,
the backend's own count when it reports one, amber when low."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from cockpit.backends.vendor_common import RateBudget
from tests.widgets.fakes import figures, view
from widgets.app import Translations
from widgets.bridge import Bridge
from widgets.status_bar import StatusBarView


@pytest.fixture
def bar(qtbot: QtBot) -> StatusBarView:
    widget = StatusBarView(backend_url="zendesk+https://acme.zendesk.com/", tick_ms=10)
    qtbot.addWidget(widget)
    return widget


def _show(qtbot: QtBot, bar: StatusBarView, budget: RateBudget | None) -> None:
    bridge = Bridge()
    bar.bind(bridge)
    bridge.floorUpdated.emit(replace(view([figures("presale")]), rate_budget=budget))


def _shown(bar: StatusBarView) -> bool:
    return bar.budget_label.isVisibleTo(bar)


def test_hidden_without_a_budget(qtbot: QtBot, bar: StatusBarView) -> None:
    assert not _shown(bar)
    _show(qtbot, bar, None)
    assert not _shown(bar)


def test_the_backends_own_count_is_shown(qtbot: QtBot, bar: StatusBarView) -> None:
    _show(qtbot, bar, RateBudget(remaining=9, limit=200, server_remaining=183, server_limit=200))
    assert _shown(bar)
    assert bar.budget_label.text() == "API 183/200 per min"
    assert bar.budget_label.property("low") is False
    assert "183" in bar.budget_label.toolTip()


def test_amber_when_low_then_hidden_again(qtbot: QtBot, bar: StatusBarView) -> None:
    _show(qtbot, bar, RateBudget(remaining=1, limit=200, server_remaining=12, server_limit=200))
    assert bar.budget_label.text() == "API 12/200 per min"
    assert bar.budget_label.property("low") is True
    assert "nearly used up" in bar.budget_label.toolTip()
    _show(qtbot, bar, None)
    assert not _shown(bar)


def test_only_the_cockpits_own_pace(qtbot: QtBot, bar: StatusBarView) -> None:
    _show(qtbot, bar, RateBudget(remaining=4.6, limit=60))
    assert bar.budget_label.text() == "API ≤60 per min"
    assert bar.budget_label.property("low") is False
    _show(qtbot, bar, RateBudget(remaining=0.3, limit=60))
    assert bar.budget_label.property("low") is True


def test_in_chinese(qtbot: QtBot, bar: StatusBarView, translations: Translations) -> None:
    _show(qtbot, bar, RateBudget(remaining=9, limit=200, server_remaining=183, server_limit=200))
    translations.apply("zh_CN")
    qtbot.waitUntil(lambda: bar.budget_label.text() == "API 183/200 次/分钟")
