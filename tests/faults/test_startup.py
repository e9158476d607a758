"""Offline before the first poll: the window says why (issue 11.6)."""

from __future__ import annotations

import threading

import pytest

from cockpit.runtime.health import Health, HealthState
from cockpit.runtime.runtime import Runtime, transport_timeouts
from cockpit.settings import Settings, TransportSettings


def test_without_a_token_the_health_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COCKPIT_FEED_TOKEN", raising=False)
    monkeypatch.setattr("cockpit.backends.registry.get_secret", lambda name: None)
    runtime = Runtime(Settings(), backend_url="sim://127.0.0.1:9")
    seen: list[Health] = []
    done = threading.Event()

    def on_health(health: Health) -> None:
        seen.append(health)
        done.set()

    runtime.subscribe(on_view=lambda view: None, on_health=on_health)
    runtime.start()
    try:
        assert done.wait(10)
    finally:
        runtime.shutdown()
    (health,) = seen
    assert (health.state, health.reason) == (HealthState.OFFLINE, "no_token")
    assert health.subject == "COCKPIT_FEED_TOKEN"


def test_transport_settings_become_the_clients_limits() -> None:
    settings = Settings(
        request_timeout_s=4,
        transport=TransportSettings(connect_timeout_s=1, deadline_s=12, max_body_mb=0.5),
    )
    timeouts = transport_timeouts(settings)
    assert (timeouts.connect_s, timeouts.read_s, timeouts.total_s) == (1, 4, 12)
    assert timeouts.max_body_bytes == 512 * 1024
