"""The status bar: backend, health badge with its reason, data age, server clock."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from cockpit.runtime.health import ClockSkew, Health, HealthState
from tests.widgets.fakes import T0, figures, view
from widgets.app import Translations
from widgets.bridge import Bridge
from widgets.status_bar import StatusBarView


class _FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def monotonic() -> _FakeMonotonic:
    return _FakeMonotonic()


@pytest.fixture
def bar(qtbot: QtBot, monotonic: _FakeMonotonic) -> StatusBarView:
    widget = StatusBarView(
        backend_url="https://supervisor:s3cret@desk.example.com:8443/api",
        timezone=ZoneInfo("Asia/Shanghai"),
        monotonic=monotonic,
        tick_ms=10,
    )
    qtbot.addWidget(widget)
    return widget


def test_backend_shown_without_credentials(bar: StatusBarView) -> None:
    text = bar.backend_label.text()
    assert "desk.example.com:8443/api" in text
    assert "s3cret" not in text
    assert "supervisor" not in text


def _badge(bar: StatusBarView) -> tuple[str, str]:
    return bar.health_badge.text(), str(bar.health_badge.property("health"))


def test_health_live_stale_live(qtbot: QtBot, bar: StatusBarView) -> None:
    bridge = Bridge()
    bar.bind(bridge)
    assert _badge(bar) == ("● Offline · connecting…", "offline")
    bridge.healthChanged.emit(Health(HealthState.LIVE, last_success=T0))
    assert _badge(bar) == ("● Live", "live")
    stale = Health(
        HealthState.STALE,
        reason="unreachable",
        last_success=T0,
        consecutive_failures=4,
        detail="connection refused",
    )
    bridge.healthChanged.emit(stale)
    assert _badge(bar) == ("● Stale · backend unreachable", "stale")
    assert bar.age_label.property("stale") is True
    tip = bar.health_badge.toolTip()
    assert "01:00:00" in tip
    assert "4" in tip
    assert "connection refused" in tip
    bridge.healthChanged.emit(Health(HealthState.LIVE, last_success=T0))
    assert _badge(bar) == ("● Live", "live")
    assert bar.age_label.property("stale") is False


def test_reason_is_translated(qtbot: QtBot, bar: StatusBarView, translations: Translations) -> None:
    bar._on_health_changed(Health(HealthState.STALE, reason="unreachable"))
    translations.apply("zh_CN")
    qtbot.waitUntil(lambda: bar.health_badge.text() == "● 数据过期 · 后端无法连接")
    bar._on_health_changed(Health(HealthState.LIVE))
    assert bar.health_badge.text() == "● 实时"
    # A reason code this version does not know is still shown, untranslated.
    bar._on_health_changed(Health(HealthState.DEGRADED, reason="quota_exceeded"))
    assert bar.health_badge.text() == "● 不稳定 · quota_exceeded"
    translations.apply("en")
    qtbot.waitUntil(lambda: bar.health_badge.text() == "● Degraded · quota_exceeded")


def test_data_age_and_server_clock_tick(
    qtbot: QtBot, bar: StatusBarView, monotonic: _FakeMonotonic
) -> None:
    assert bar.age_label.text() == "no data yet"
    bar._on_floor_changed(view([figures("presale")], at=T0))
    assert bar.age_label.text() == "updated 0 s ago"
    assert bar.clock_label.text() == "Server time 01:00:00 (UTC+8)"
    monotonic.now += 3
    qtbot.waitUntil(lambda: bar.age_label.text() == "updated 3 s ago")
    assert bar.clock_label.text() == "Server time 01:00:03 (UTC+8)"
    monotonic.now += 122
    qtbot.waitUntil(lambda: bar.age_label.text() == "updated 2 min ago")
    monotonic.now += 3600
    qtbot.waitUntil(lambda: bar.age_label.text() == "updated 1 h ago")
    # A new view restarts the age and resets the clock to the server's time.
    bar._on_floor_changed(view([figures("presale")], at=T0 + timedelta(minutes=5)))
    assert bar.age_label.text() == "updated 0 s ago"
    assert bar.clock_label.text() == "Server time 01:05:00 (UTC+8)"


def test_clock_in_a_zone_with_half_hours(qtbot: QtBot, monotonic: _FakeMonotonic) -> None:
    bar = StatusBarView(
        backend_url="sim://x", timezone=ZoneInfo("Asia/Kolkata"), monotonic=monotonic
    )
    qtbot.addWidget(bar)
    bar._on_floor_changed(view([], at=T0))
    assert bar.clock_label.text() == "Server time 22:30:00 (UTC+5:30)"


def test_offline_without_a_token_says_what_to_set(bar: StatusBarView) -> None:
    bar._on_health_changed(
        Health(HealthState.OFFLINE, reason="no_token", subject="COCKPIT_ZAMMAD_TOKEN")
    )
    assert _badge(bar) == (
        "● Offline · no API token: set COCKPIT_ZAMMAD_TOKEN or open Settings",
        "offline",
    )


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        ("incomplete", "answer was cut off"),
        ("dropped", "closed the connection"),
        ("replayed", "older data"),
        ("frozen", "stopped changing"),
        ("error", "backend error"),
        ("internal", "cockpit bug"),
    ],
)
def test_transport_faults_are_named_as_the_backends(
    bar: StatusBarView, reason: str, words: str
) -> None:
    bar._on_health_changed(Health(HealthState.DEGRADED, reason=reason))
    assert words in bar.health_badge.text()


def test_clock_skew_is_shown_until_it_goes(bar: StatusBarView) -> None:
    assert bar.skew_label.isHidden()
    skew = ClockSkew(server_ahead_s=7199.4, stamps_ahead_s=-30.0 + 7230.0)
    bar._on_health_changed(Health(HealthState.LIVE, skew=skew))
    assert not bar.skew_label.isHidden()
    assert bar.skew_label.text() == "⚠ Clock skew"
    tip = bar.skew_label.toolTip()
    assert "2 h 0 min ahead of this computer's" in tip
    assert "stamped up to 2 h 0 min later" in tip
    bar._on_health_changed(Health(HealthState.LIVE, skew=ClockSkew(server_ahead_s=-90.0)))
    assert "2 min behind" in bar.skew_label.toolTip()
    bar._on_health_changed(Health(HealthState.LIVE))
    assert bar.skew_label.isHidden()
