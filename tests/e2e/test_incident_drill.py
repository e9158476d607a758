"""An outage drill end to end, over HTTP against the simulator on loopback:
declare → scripts visible through the feed API → auto-reply on → deflection
in the next polls → one reply to exactly the matching tickets (their first
response) → newcomers answered with one more click → resolve → the bot back
as it was and the scripts withdrawn. Team chats go to a loopback receiver.
The command-line verbs run the same drill headless."""

from __future__ import annotations

import argparse
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cockpit.backends.base import AutoReplyState, Capability
from cockpit.backends.feed import FeedBackend
from cockpit.clock import ManualClock
from cockpit.domain import Batch, Ticket, TicketId
from cockpit.floor import FloorState
from cockpit.incidents.cli import add_incident_verbs, run_incident_verb
from cockpit.incidents.engine import IncidentEngine
from cockpit.incidents.matching import TicketFilter
from cockpit.incidents.model import Action
from cockpit.incidents.playbook import load_library
from cockpit.incidents.webhooks import WebhookSender
from cockpit.runtime.poller import Poller
from cockpit.settings import Settings
from cockpit.sim import FloorSimulator, Scenario, ScenarioKind, SimConfig, SimServer
from cockpit.store.incidents import IncidentStore, Outcome
from tests.cockpit.loopback import Script, loopback_server

pytestmark = pytest.mark.e2e

START = datetime(2026, 11, 11, 16, 0, tzinfo=UTC)  # midnight in Shanghai
TOKEN = "drill-token-" + "y" * 20
NIGHT_BOT = AutoReplyState(enabled=True, message="夜间值班中，退款问题稍后回复", topics=("refund",))
OK_JSON = (200, {}, {"errcode": 0, "errmsg": "ok"})


@dataclass
class Floor:
    sim: FloorSimulator
    server: SimServer
    clock: ManualClock
    backend: FeedBackend
    poller: Poller
    state: FloorState
    batches: list[Batch]

    def poll(self) -> Batch:
        assert self.poller.poll_once() is not None, self.poller.health
        return self.batches[-1]

    def advance(self, minutes: float) -> None:
        self.clock.advance(timedelta(minutes=minutes))

    def open_tickets(self) -> list[Ticket]:
        return [t for t in self.state.tickets.values() if t.is_open]


@pytest.fixture
def floor() -> Iterator[Floor]:
    sim = FloorSimulator(SimConfig.default(warmup=timedelta(hours=3)), seed=11, start=START)
    clock = ManualClock(START)
    with SimServer(sim, clock, port=0, token=TOKEN) as server:
        with server.lock:
            sim.inject(Scenario(ScenarioKind.OUTAGE, multiplier=8.0, duration=timedelta(hours=2)))
        backend = FeedBackend(server.url, token=TOKEN)
        poller = Poller(backend, settings=Settings(poll_interval_s=30.0), clock=clock)
        batches: list[Batch] = []
        states: list[FloorState] = []
        poller.subscribe(
            on_batch=lambda batch, state: (batches.append(batch), states.append(state))
        )
        try:
            assert poller.poll_once() is not None
            yield Floor(sim, server, clock, backend, poller, states[0], batches)
        finally:
            backend.close()


def _secrets(base: str) -> dict[str, str]:
    return {
        "webhook.floor_leads.url": f"{base}/cgi-bin/webhook/send?key=drill-key-0123456789",
        "webhook.it_ops.url": f"{base}/services/T1/B2/drill0slack0token0000",
    }


def test_outage_drill(floor: Floor, tmp_path: Path) -> None:
    assert Capability.TICKET_REPLY in floor.backend.capabilities
    floor.backend.set_auto_reply(NIGHT_BOT)
    with loopback_server() as (base, chat):
        chat.on("POST", "/cgi-bin/webhook/send", OK_JSON, OK_JSON)
        chat.on("POST", "/services/T1/B2/drill0slack0token0000", (200, {}, "ok"), (200, {}, "ok"))
        store = IncidentStore.open(f"sqlite:///{tmp_path / 'drill.db'}")
        webhooks = WebhookSender(secrets=_secrets(base).get)
        engine = IncidentEngine(
            store,
            floor.backend,
            library=load_library(),
            clock=floor.clock,
            set_poll_interval=floor.poller.set_interval,
            normal_poll_interval=30.0,
            webhooks=webhooks,
        )
        try:
            _drill(engine, floor, chat)
        finally:
            webhooks.close()
            store.close()


def _drill(engine: IncidentEngine, floor: Floor, chat: Script) -> None:
    # Declare: scripts published, bot on, team told, polling faster.
    change = engine.declare(
        "service_outage", summary="登录与支付大面积失败", who="lead-li", variables={"eta": "01:30"}
    )
    assert change.ok, change.failures
    incident_id = change.incident.id
    assert floor.poller.interval == 5.0
    scripts = {s.id: s for s in floor.backend.list_scripts()}
    assert f"inc{incident_id}-outage_ack-zh_CN" in scripts
    assert "预计01:30恢复" in scripts[f"inc{incident_id}-outage_ack-zh_CN"].body
    bot = floor.backend.get_auto_reply()
    assert bot.enabled
    assert bot.topics == ("login", "payment", "app_crash")
    assert len(chat.requests) == 2

    # The bot deflects simple enquiries on the outage topics from now on.
    declared_at = floor.clock.now()
    deflected: list[Ticket] = []
    for _ in range(12):
        floor.advance(1)
        deflected += [
            t for t in floor.poll().tickets if t.bot_deflected and t.created_at > declared_at
        ]
    assert deflected, "no deflection in the polls after the auto-reply went on"
    assert {t.topic for t in deflected} <= {"login", "payment", "app_crash"}

    # One reply to the matching tickets: exactly those change, and it is
    # their first response.
    flt = TicketFilter(
        topics=frozenset({"login", "payment"}), since=declared_at - timedelta(hours=1)
    )
    preview = engine.preview_bulk_reply(incident_id, floor.open_tickets(), flt=flt)
    expected = {
        t.id
        for t in floor.open_tickets()
        if t.topic in ("login", "payment") and t.created_at >= declared_at - timedelta(hours=1)
    }
    assert set(preview.ticket_ids) == expected
    assert preview.count > 0
    unanswered = {
        t.id for t in floor.open_tickets() if t.id in expected and t.first_response_at is None
    }
    sent = engine.bulk_reply(
        incident_id, "outage_ack", tickets=floor.open_tickets(), who="lead-li", flt=flt
    )
    assert {r.target for r in sent.results if r.outcome is Outcome.OK} == expected
    changed = {t.id: t for t in floor.poll().tickets}  # no time passed: only our replies
    assert set(changed) == expected
    for ticket_id in unanswered:
        assert changed[ticket_id].first_response_at == floor.clock.now()

    # Newcomers: the same filter, one more click, only the new ones.
    floor.advance(3)
    floor.poll()
    later = engine.preview_bulk_reply(incident_id, floor.open_tickets(), flt=flt)
    assert not set(later.ticket_ids) & expected
    assert later.already_answered == len(expected & {t.id for t in floor.open_tickets()})
    more = engine.bulk_reply(
        incident_id, "outage_ack", tickets=floor.open_tickets(), who="lead-li", flt=flt
    )
    assert {TicketId(str(r.target)) for r in more.results} == set(later.ticket_ids)

    # Resolve: the night bot is back exactly, the scripts are gone.
    done = engine.resolve(incident_id, summary="支付网关回滚完成", who="lead-li")
    assert done.ok, done.failures
    assert floor.backend.get_auto_reply() == NIGHT_BOT
    assert not [s for s in floor.backend.list_scripts() if s.id.startswith(f"inc{incident_id}-")]
    assert floor.poller.interval == 30.0
    assert len(chat.requests) == 4
    assert json.loads(chat.requests[-2].body)["markdown"]["content"].count("已解除") == 1
    replies = [e for e in engine.timeline(incident_id) if e.action == Action.TICKET_REPLY]
    assert len(replies) == 2 * (len(expected) + len(later.ticket_ids))


def test_the_drill_headless_from_the_command_line(
    floor: Floor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COCKPIT_FEED_TOKEN", TOKEN)
    floor.backend.set_auto_reply(NIGHT_BOT)
    with loopback_server() as (base, chat):
        for name, value in _secrets(base).items():
            monkeypatch.setenv("COCKPIT_" + name.replace(".", "_").upper(), value)
        chat.on("POST", "/cgi-bin/webhook/send", OK_JSON)
        chat.on("POST", "/services/T1/B2/drill0slack0token0000", (503, {}, "busy"), (200, {}, "ok"))
        _cli_drill(floor, tmp_path)
        assert len(chat.requests) == 3  # one Slack retry after a short backoff


def _cli_drill(floor: Floor, tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    add_incident_verbs(parser.add_subparsers(dest="verb"))
    url = "feed+" + floor.server.url
    db = f"sqlite:///{tmp_path / 'cli.db'}"

    def run(*argv: str) -> tuple[int, object]:
        out = io.StringIO()
        args = parser.parse_args(["incident", "--backend", url, "--db", db, "--who", "ops", *argv])
        code = run_incident_verb(args, Settings(), out)
        return code, json.loads(out.getvalue()) if out.getvalue() else None

    code, declared = run("declare", "service_outage", "--summary", "drill", "--no-auto")
    assert code == 0
    assert declared["incident"]["id"] == 1
    assert run("bot", "1", "on")[0] == 0
    assert floor.backend.get_auto_reply().enabled
    assert floor.backend.get_auto_reply() != NIGHT_BOT
    code, preview = run(
        "broadcast", "1", "outage_ack", "--to", "agents", "--language", "en", "--dry-run"
    )
    assert code == 0
    assert preview["messages"][0]["text"].startswith("Hello {customer}")
    assert run("broadcast", "1", "outage_ack", "--to", "agents", "--var", "eta=02:00")[0] == 0
    assert any("预计02:00恢复" in s.body for s in floor.backend.list_scripts())
    code, matches = run("reply", "1", "outage_ack", "--dry-run")
    assert code == 0
    assert matches["count"] >= 0
    assert run("note", "1", "回滚中")[0] == 0
    code, listed = run("list")
    assert [i["id"] for i in listed] == [1]  # type: ignore[union-attr, index]
    code, resolved = run("resolve", "1", "--summary", "ok")
    assert code == 0
    assert resolved["ok"]
    assert floor.backend.get_auto_reply() == NIGHT_BOT
    assert floor.backend.list_scripts() == []
    code, shown = run("show", "1")
    actions = [e["action"] for e in shown["timeline"]]  # type: ignore[index]
    assert actions[0] == "declare"
    assert "resolve" in actions
    assert "note" in actions
    # One time base: stamped with the simulator's time (weeks before the wall clock).
    assert {e["time_base"] for e in shown["timeline"]} == {"backend"}  # type: ignore[index]
    assert {e["at"][:13] for e in shown["timeline"]} == {"2026-11-11T16"}  # type: ignore[index]
    assert all(e["wall_at"] > e["at"] for e in shown["timeline"])  # type: ignore[index]
    assert run("note", "99", "x")[0] == 2
