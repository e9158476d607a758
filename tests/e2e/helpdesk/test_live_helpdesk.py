"""The django-helpdesk adapter against a real django-helpdesk 2.6.1 on loopback."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from cockpit.backends import open_backend
from cockpit.backends.helpdesk import HelpdeskBackend
from cockpit.backends.options import HelpdeskOptions
from cockpit.clock import ManualClock
from cockpit.domain import Channel, Priority, Status, TicketId
from cockpit.floor import FloorState
from cockpit.metrics import FloorView, compute_view
from cockpit.runtime.health import HealthState
from cockpit.runtime.poller import Poller
from cockpit.settings import Settings
from tests.e2e.helpdesk.conftest import REPO, Live
from tests.e2e.helpdesk.seed import SANDBOX_OPEN, TICKETS, TRUTH, derived_truth

pytestmark = [pytest.mark.network, pytest.mark.e2e]

API_TICKETS = "/helpdesk/api/tickets/"


def backend(live: Live, **options: Any) -> HelpdeskBackend:
    return HelpdeskBackend(
        live.lab.base_url, token=live.lab.token, options=HelpdeskOptions(**options)
    )


def seeded_at(live: Live) -> datetime:
    return datetime.fromisoformat(live.seeded["seeded_at"]).astimezone(UTC)


def figures_by_slug(live: Live, queues: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    by_id = {str(q["queue"]): q for q in queues}
    return {slug: by_id.get(qid, {}) for slug, qid in live.queue_ids.items()}


def check_against_truth(live: Live, queues: list[dict[str, Any]]) -> None:
    figures = figures_by_slug(live, queues)
    assert figures["sandbox"]["open"] == SANDBOX_OPEN
    for slug, truth in TRUTH.items():
        got = figures[slug]
        assert (got["open"], got["waiting"], got["arrivals_15m"]) == (
            truth.open,
            truth.waiting,
            truth.arrivals_15m,
        ), slug
        assert got["oldest_wait_s"] == pytest.approx(truth.oldest_wait_min * 60, abs=90), slug
        assert got["service_level"] == truth.service_level, slug
        # SLA counts arrive with a parallel change; checked once the view has them.
        if "breached" in got:
            assert got["breached"] == truth.breached, slug
        if "at_risk" in got:
            assert got["at_risk"] == truth.at_risk, slug
        # Each clock on its own: per-queue resolution breaches as seeded.
        assert got["first_response"]["breached"] == truth.first_response_breached, slug
        assert got["resolution"]["breached"] == truth.resolution_breached, slug
        assert got["waiting_past_target"] == truth.first_response_breached, slug


def view_as_json(view: FloorView) -> list[dict[str, Any]]:
    return [dataclasses.asdict(q) for q in view.queues]


def test_the_truth_table_matches_the_seed() -> None:
    assert derived_truth() == TRUTH


def test_one_poll_matches_the_seeded_floor(live_helpdesk: Live) -> None:
    names = {qid: slug.title() for slug, qid in live_helpdesk.queue_ids.items()}
    hd = backend(live_helpdesk, queue_names=names, agent_names={"2": "Agent One"})
    try:
        batch = hd.fetch(None)
    finally:
        hd.close()
    assert batch.full
    assert abs(batch.server_time - datetime.now(UTC)) < timedelta(seconds=5)
    state = FloorState(Settings().sla)
    state.apply(batch)
    view = compute_view(state, backend=hd.url)
    check_against_truth(live_helpdesk, view_as_json(view))
    assert {q.name for q in view.queues} == set(names.values())
    assert batch.agents is not None
    assert batch.agents[0].name == "Agent One"


def test_tickets_carry_the_seeded_fields(live_helpdesk: Live) -> None:
    hd = backend(live_helpdesk)
    try:
        tickets = {t.id: t for t in hd.fetch(None).tickets}
    finally:
        hd.close()
    t0 = seeded_at(live_helpdesk)
    open_specs = [(i, s) for i, s in enumerate(TICKETS) if s["status"] in (1, 2)]
    assert set(tickets) == {TicketId(live_helpdesk.ticket_id(i)) for i, _ in open_specs}
    for i, spec in open_specs:
        ticket = tickets[TicketId(live_helpdesk.ticket_id(i))]
        assert ticket.created_at == t0 - timedelta(minutes=spec["age_minutes"])
        due = spec.get("due_in_minutes")
        assert ticket.resolution_due == (None if due is None else t0 + timedelta(minutes=due))
        responded = spec.get("responded_after_minutes")
        expected_response = (
            None if responded is None else ticket.created_at + timedelta(minutes=responded)
        )
        assert ticket.first_response_at == expected_response
        assert ticket.status is (Status.PENDING if spec.get("on_hold") else Status.OPEN)
        assert ticket.channel is (Channel.EMAIL if spec.get("email") else Channel.WEB)
        assert ticket.subject == spec["title"]
        assert ticket.url == f"{live_helpdesk.lab.base_url}tickets/{ticket.id}/"
    first = tickets[TicketId(live_helpdesk.ticket_id(0))]
    assert first.priority is Priority.URGENT
    assert first.assignee == str(live_helpdesk.seeded["users"]["agent01"])
    priorities = {tickets[TicketId(live_helpdesk.ticket_id(i))].priority for i in (1, 2, 4)}
    assert priorities == {Priority.HIGH, Priority.MEDIUM, Priority.LOW}


def test_snapshot_cli_matches_the_seeded_floor(live_helpdesk: Live, tmp_path: Path) -> None:
    if not (REPO / "cockpit" / "cli.py").exists():
        pytest.skip("cockpit/cli.py not there yet: covered by the adapter test above")
    env = {k: v for k, v in os.environ.items() if not k.startswith("COCKPIT_")}
    env.update(
        COCKPIT_HELPDESK_TOKEN=live_helpdesk.lab.token,
        COCKPIT_CONFIG_DIR=str(tmp_path / "config"),
        COCKPIT_DATA_DIR=str(tmp_path / "data"),
    )
    result = subprocess.run(
        [
            sys.executable,
            "main.py",
            "snapshot",
            "--backend",
            live_helpdesk.lab.backend_url,
            "--json",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode != 0 and "Error: " in result.stderr and "Traceback" in result.stderr:
        pytest.skip(f"the snapshot verb does not run yet: {result.stderr.strip()[-300:]}")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["health"] == "live"
    assert document["backend"] == live_helpdesk.lab.backend_url
    check_against_truth(live_helpdesk, document["queues"])
    assert live_helpdesk.lab.token not in result.stdout + result.stderr


def _requests_since(live: Live, mark: int, status: str) -> list[str]:
    lines = live.lab.log_lines()[mark:]
    return [line for line in lines if API_TICKETS in line and f'" {status} ' in line]


def test_a_wrong_token_is_offline_auth_without_a_retry_storm(live_helpdesk: Live) -> None:
    wrong = "0" * 40
    hd = open_backend(live_helpdesk.lab.backend_url, token=wrong)
    clock, mono = ManualClock(datetime.now(UTC)), [0.0]
    poller = Poller(
        hd, settings=Settings(poll_interval_s=5), clock=clock, monotonic=lambda: mono[0]
    )
    mark = len(live_helpdesk.lab.log_lines())
    try:
        for _ in range(6):
            poller.poll_once()
            clock.advance(5)
            mono[0] += 5
    finally:
        hd.close()
    assert poller.health.describe() == "offline: auth"
    assert poller.health.state is HealthState.OFFLINE
    detail = poller.health.detail or ""
    assert "COCKPIT_HELPDESK_TOKEN" in detail
    assert "refused the API token" in detail
    assert wrong not in detail
    # runserver writes its access log asynchronously: wait for the line, then count.
    deadline = time.monotonic() + 10
    while not _requests_since(live_helpdesk, mark, "403") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(_requests_since(live_helpdesk, mark, "403")) == 1  # 30 s of polls, one request


def test_reply_is_a_public_follow_up_that_keeps_the_title(live_helpdesk: Live) -> None:
    target = TicketId(live_helpdesk.ticket_id(13))
    hd = backend(live_helpdesk)
    try:
        outcome = hd.reply(target, "We are on it: {{ queue }} answers within the hour.")
        ticket = next(t for t in hd.fetch(None).tickets if t.id == target)
    finally:
        hd.close()
    assert outcome.ok, outcome
    assert ticket.subject == "Reply target"  # no title sent, so no renaming
    assert ticket.first_response_at is not None
    posted = json.loads(live_helpdesk.webhook.received[-1])
    assert posted["ticket"]["title"] == "Reply target"
    assert posted["ticket"]["followup_set"][-1]["comment"].startswith("We are on it")


def test_a_500_after_the_write_is_an_unknown_outcome(
    live_helpdesk: Live, caplog: pytest.LogCaptureFixture
) -> None:
    target = TicketId(live_helpdesk.ticket_id(14))
    hd = backend(live_helpdesk)
    live_helpdesk.webhook.fail = True
    try:
        outcome = hd.reply(target, "Sorry for the wait.")
    finally:
        live_helpdesk.webhook.fail = False
    try:
        ticket = next(t for t in hd.fetch(None).tickets if t.id == target)
    finally:
        hd.close()
    assert (outcome.ok, outcome.error) == (False, "unknown_outcome")
    assert "unknown outcome" in caplog.text
    assert "HTTP 500" in caplog.text
    # ...and it had in fact happened: django-helpdesk committed before the webhook failed.
    assert ticket.first_response_at is not None
    assert ticket.subject == "Reply target, webhook down"


def test_the_server_going_away_and_coming_back(live_helpdesk: Live) -> None:
    hd = backend(live_helpdesk)
    clock, mono = ManualClock(datetime.now(UTC)), [0.0]
    settings = Settings(poll_interval_s=5, stale_after_polls=3)
    poller = Poller(hd, settings=settings, clock=clock, monotonic=lambda: mono[0])

    def later(seconds: float) -> None:
        clock.advance(seconds)
        mono[0] += seconds

    try:
        assert poller.poll_once() is not None
        assert poller.health.state is HealthState.LIVE
        live_helpdesk.lab.stop()
        later(5)
        assert poller.poll_once() is None
        assert poller.health.describe() == "degraded: unreachable"
        later(15)
        poller.refresh_health()
        assert poller.health.describe() == "stale: unreachable"
        live_helpdesk.lab.start()
        later(60)  # past the backoff
        view = poller.poll_once()
    finally:
        hd.close()
    assert view is not None
    assert poller.health.state is HealthState.LIVE
    figures = figures_by_slug(live_helpdesk, view_as_json(view))
    assert figures["billing"]["open"] == TRUTH["billing"].open
