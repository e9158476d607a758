"""The Request Tracker adapter against a real RT 5 on loopback (seeded truth
in conftest.py): the snapshot equals the seed, polling is incremental, a
wrong token is "offline: auth" without a retry storm, and the server going
away and coming back is stale, then live."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from cockpit.backends import open_backend
from cockpit.clock import ManualClock
from cockpit.domain import Status
from cockpit.runtime.health import HealthState
from cockpit.runtime.poller import Poller
from cockpit.settings import Settings
from tests.e2e.rt.conftest import SEEDS, LiveRt, truth

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[3]


def _queues(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {q["queue"]: q for q in document["queues"]}


def test_the_truth_table_follows_the_seed() -> None:
    assert truth()["refund"].resolution_breached == 2
    assert truth()["presales"].open == 3


def test_snapshot_cli_equals_the_seeded_truth(live_rt: LiveRt, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COCKPIT_")}
    env.update(
        COCKPIT_RT_TOKEN=live_rt.lab.token,
        COCKPIT_CONFIG_DIR=str(tmp_path / "config"),
        COCKPIT_DATA_DIR=str(tmp_path / "data"),
    )
    result = subprocess.run(
        [sys.executable, "main.py", "snapshot", "--backend", live_rt.url, "--json"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["health"] == "live"
    queues = _queues(document)
    for name, expected in truth().items():
        got = queues[name]
        assert (got["open"], got["waiting"]) == (expected.open, expected.waiting), name
        assert got["resolution"]["breached"] == expected.resolution_breached, name
    assert live_rt.lab.token not in result.stdout + result.stderr


def test_tickets_carry_rts_fields(live_rt: LiveRt) -> None:
    backend = open_backend(live_rt.url, token=live_rt.lab.token)
    try:
        batch = backend.fetch(None)
    finally:
        backend.close()
    assert batch.full
    by_subject = {t.subject: t for t in batch.tickets}
    stalled = by_subject["等您确认型号"]
    assert stalled.status is Status.PENDING
    assert stalled.first_response_at is not None
    resolved = by_subject["已退款，谢谢"]
    assert resolved.status is Status.RESOLVED
    assert resolved.resolved_at is not None
    waiting = by_subject["这款有没有现货"]
    assert waiting.first_response_at is None
    assert waiting.resolution_due is not None
    assert waiting.resolution_due < batch.server_time
    assert waiting.url is not None
    assert waiting.url.startswith(live_rt.lab.base_url)
    # RT's clock (the HTTP Date) is within seconds of ours on the same machine.
    assert abs((batch.server_time - datetime.now(UTC)).total_seconds()) < 60
    assert len(batch.tickets) == len(SEEDS)


def test_polls_after_the_first_read_only_what_changed(live_rt: LiveRt) -> None:
    backend = open_backend(live_rt.url, token=live_rt.lab.token)
    session = live_rt.lab.session()
    try:
        first = backend.fetch(None)
        assert first.cursor is not None
        created = session.post(
            f"{live_rt.lab.api}/ticket",
            json={"Queue": "refund", "Subject": "新来的工单", "Priority": 40},
            timeout=30,
        )
        assert created.status_code == 201, created.text
        new_id = str(created.json()["id"])
        second = backend.fetch(first.cursor)
    finally:
        session.close()
        backend.close()
    assert not second.full
    ids = {t.id for t in second.tickets}
    assert new_id in ids
    # Only what changed (plus the overlap second), not the whole floor.
    assert len(ids) < len(SEEDS)
    assert second.cursor is not None
    assert second.cursor >= first.cursor


def test_a_wrong_token_is_offline_auth_without_a_retry_storm(live_rt: LiveRt) -> None:
    wrong = "1-99-" + "0" * 32
    backend = open_backend(live_rt.url, token=wrong)
    calls: list[str] = []
    backend._http.session.hooks["response"].append(lambda r, *a, **k: calls.append(r.url))  # type: ignore[attr-defined]
    clock, mono = ManualClock(datetime.now(UTC)), [0.0]
    poller = Poller(
        backend, settings=Settings(poll_interval_s=5), clock=clock, monotonic=lambda: mono[0]
    )
    try:
        for _ in range(6):
            poller.poll_once()
            clock.advance(5)
            mono[0] += 5
    finally:
        backend.close()
    assert poller.health.state is HealthState.OFFLINE
    assert poller.health.describe() == "offline: auth"
    detail = poller.health.detail or ""
    assert "COCKPIT_RT_TOKEN" in detail
    assert wrong not in detail
    assert len(calls) == 1  # 30 s of polls, one request


def test_the_server_going_away_and_coming_back(live_rt: LiveRt) -> None:
    backend = open_backend(live_rt.url, token=live_rt.lab.token)
    clock, mono = ManualClock(datetime.now(UTC)), [0.0]
    settings = Settings(poll_interval_s=5, stale_after_polls=3)
    poller = Poller(backend, settings=settings, clock=clock, monotonic=lambda: mono[0])

    def later(seconds: float) -> None:
        clock.advance(seconds)
        mono[0] += seconds

    try:
        assert poller.poll_once() is not None
        live_rt.lab.stop()
        later(5)
        assert poller.poll_once() is None
        assert poller.health.state is HealthState.DEGRADED
        later(15)
        poller.refresh_health()
        assert poller.health.state is HealthState.STALE
        kept = poller.view
        assert kept is not None
        live_rt.lab.start()
        later(60)  # past the backoff
        view = poller.poll_once()
    finally:
        backend.close()
    assert view is not None
    assert poller.health.state is HealthState.LIVE
    refund = next(q for q in view.queues if q.queue == "refund")
    assert refund.open >= truth()["refund"].open
