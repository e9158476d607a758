"""Team-chat webhooks against a loopback receiver: each service's exact
payload, valid signatures, retries with backoff, and secrets kept out of
logs and the database."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import text

from cockpit.clock import ManualClock
from cockpit.incidents.engine import IncidentEngine
from cockpit.incidents.model import Action, Target
from cockpit.incidents.playbook import load_library
from cockpit.incidents.webhooks import (
    Service,
    WebhookSender,
    build_request,
    dingtalk_sign,
    feishu_sign,
)
from cockpit.store.incidents import IncidentStore, Outcome
from tests.cockpit.factories import T0
from tests.cockpit.fakes import FakeBackend
from tests.cockpit.loopback import Script, loopback_server

WALL = 1_794_412_800.123  # a fixed "real" time for signatures
DING_SECRET = "SECd1n6t4lk-s1gn1ng-s3cr3t-0000"
FEISHU_SECRET = "fe1shu-s1gn1ng-s3cr3t-0000"
WECOM_KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
SLACK_PATH = "/services/T0001/B0002/s1ackt0ken0000000000xyz"
OK_JSON = (200, {"Content-Type": "application/json"}, {"errcode": 0, "errmsg": "ok"})
FEISHU_OK = (200, {"Content-Type": "application/json"}, {"code": 0, "msg": "success", "data": {}})


def test_wecom_markdown_payload() -> None:
    request = build_request(
        Service.WECOM,
        "https://h/send?key=k",
        None,
        title="故障通报",
        text="第一行\n第二行",
        wall_time=WALL,
    )
    assert request.url == "https://h/send?key=k"
    assert request.body == {
        "msgtype": "markdown",
        "markdown": {"content": "**故障通报**\n第一行\n第二行"},
    }


def test_wecom_content_is_cut_at_4096_bytes() -> None:
    request = build_request(Service.WECOM, "u", None, title="t", text="故" * 3000, wall_time=WALL)
    content = request.body["markdown"]["content"]
    assert len(content.encode()) <= 4096
    assert content.endswith("…")


def test_dingtalk_signed_url_and_markdown() -> None:
    request = build_request(
        Service.DINGTALK,
        "https://oapi.example/robot/send?access_token=abc",
        DING_SECRET,
        title="大促值班",
        text="a\nb",
        wall_time=WALL,
    )
    query = parse_qs(urlsplit(request.url).query)
    assert query["access_token"] == ["abc"]
    timestamp = query["timestamp"][0]
    assert timestamp == str(int(WALL * 1000))
    expected = base64.b64encode(
        hmac.new(
            DING_SECRET.encode(), f"{timestamp}\n{DING_SECRET}".encode(), hashlib.sha256
        ).digest()
    ).decode()
    assert query["sign"] == [expected] == [dingtalk_sign(DING_SECRET, int(timestamp))]
    assert request.body == {
        "msgtype": "markdown",
        "markdown": {"title": "大促值班", "text": "#### 大促值班\n\na\n\nb"},
    }


def test_feishu_signed_body() -> None:
    request = build_request(
        Service.FEISHU,
        "https://open.example/hook/x",
        FEISHU_SECRET,
        title="舆情",
        text="正文",
        wall_time=WALL,
    )
    stamp = str(int(WALL))
    expected = base64.b64encode(
        hmac.new(f"{stamp}\n{FEISHU_SECRET}".encode(), b"", hashlib.sha256).digest()
    ).decode()
    assert request.body == {
        "timestamp": stamp,
        "sign": expected,
        "msg_type": "text",
        "content": {"text": "舆情\n正文"},
    }
    assert feishu_sign(FEISHU_SECRET, int(stamp)) == expected
    unsigned = build_request(Service.FEISHU, "u", None, title="t", text="x", wall_time=WALL)
    assert unsigned.body == {"msg_type": "text", "content": {"text": "t\nx"}}


def test_slack_text_is_escaped() -> None:
    request = build_request(
        Service.SLACK, "u", None, title="Outage <#1>", text="a & b > c", wall_time=WALL
    )
    assert request.body == {"text": "*Outage &lt;#1&gt;*\na &amp; b &gt; c"}


# --- through the engine, over HTTP ---------------------------------------------------------


class Desk:
    def __init__(self, tmp_path: Path, base: str) -> None:
        self.secrets = {
            "webhook.floor_leads.url": f"{base}/cgi-bin/webhook/send?key={WECOM_KEY}",
            "webhook.it_ops.url": f"{base}{SLACK_PATH}",
            "webhook.promo_duty.url": f"{base}/robot/send?access_token=d1n6t0ken",
            "webhook.promo_duty.secret": DING_SECRET,
            "webhook.pr_war_room.url": f"{base}/open-apis/bot/v2/hook/f3i5hu-h00k-t0ken",
            "webhook.pr_war_room.secret": FEISHU_SECRET,
        }
        self.db = tmp_path / "c.db"
        self.store = IncidentStore.open(f"sqlite:///{self.db}")
        self.clock = ManualClock(T0)
        self.webhooks = WebhookSender(secrets=self.secrets.get, wall_clock=lambda: WALL)
        self.engine = IncidentEngine(
            self.store,
            FakeBackend(),
            library=load_library(),
            clock=self.clock,
            webhooks=self.webhooks,
        )

    def close(self) -> None:
        self.webhooks.close()
        self.store.close()

    def every_stored_value(self) -> str:
        with self.store.engine.connect() as connection:
            rows = [
                *connection.execute(text("SELECT * FROM incidents")).all(),
                *connection.execute(text("SELECT * FROM incident_events")).all(),
            ]
        return repr(rows)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[tuple[Desk, Script]]:
    with loopback_server() as (base, script):
        d = Desk(tmp_path, base)
        try:
            yield d, script
        finally:
            d.close()


def _bodies(script: Script, path: str) -> list[dict[str, object]]:
    return [json.loads(r.body) for r in script.requests if r.path.split("?")[0] == path]


def test_declaring_notifies_wecom_and_slack_with_their_payloads(
    desk: tuple[Desk, Script],
) -> None:
    d, script = desk
    script.on("POST", "/cgi-bin/webhook/send", OK_JSON)
    script.on("POST", SLACK_PATH, (200, {"Content-Type": "text/html"}, "ok"))
    change = d.engine.declare(
        "service_outage", summary="登录失败", who="li", variables={"eta": "15:30"}
    )
    team = [r for r in change.results if r.action is Action.WEBHOOK]
    assert [(r.target, r.outcome) for r in team] == [
        ("team:floor_leads", Outcome.OK),
        ("team:it_ops", Outcome.OK),
    ]
    incident_id = change.incident.id
    title = f"#{incident_id} 服务故障（登录 / 支付 / 应用）"
    (wecom,) = _bodies(script, "/cgi-bin/webhook/send")
    content = wecom["markdown"]["content"]  # type: ignore[index]
    assert wecom["msgtype"] == "markdown"
    assert content.startswith(f"**{title}**\n【故障通报】已启动「服务故障（登录 / 支付 / 应用）」")
    assert "2026-11-12 00:00 (UTC+00:00)" not in content  # zone: UTC by default
    assert f"事件 #{incident_id}，2026-11-11 16:00 (UTC+00:00)" in content
    assert '\n\n[Incident] "Service outage (sign-in / payment / app)" declared' in content
    (slack,) = _bodies(script, SLACK_PATH)
    assert list(slack) == ["text"]
    assert slack["text"].startswith(f"*{title}*\n")
    request = script.requests[0]
    assert request.headers["Content-Type"] == "application/json"
    assert parse_qs(urlsplit(request.path).query) == {"key": [WECOM_KEY]}


def test_dingtalk_and_feishu_deliveries_are_signed(desk: tuple[Desk, Script]) -> None:
    d, script = desk
    script.on("POST", "/robot/send", OK_JSON, OK_JSON)
    script.on("POST", "/open-apis/bot/v2/hook/f3i5hu-h00k-t0ken", FEISHU_OK)
    promo = d.engine.declare("promotion_peak", summary="双十一", who="li")
    assert all(r.ok for r in promo.results), promo.failures
    ding = next(r for r in script.requests if r.path.startswith("/robot/send"))
    query = parse_qs(urlsplit(ding.path).query)
    stamp = query["timestamp"][0]
    assert query["sign"] == [dingtalk_sign(DING_SECRET, int(stamp))]
    body = json.loads(ding.body)
    assert body["msgtype"] == "markdown"
    assert body["markdown"]["title"].endswith("大促高峰（0–2 点）")

    opinion = d.engine.declare("public_opinion", summary="微博发酵", who="li")
    assert [r.outcome for r in opinion.results if r.action is Action.WEBHOOK] == [Outcome.OK]
    (feishu,) = _bodies(script, "/open-apis/bot/v2/hook/f3i5hu-h00k-t0ken")
    assert feishu["sign"] == feishu_sign(FEISHU_SECRET, int(str(feishu["timestamp"])))
    assert feishu["msg_type"] == "text"

    broadcast = d.engine.broadcast(
        opinion.incident.id,
        "agreed_statement",
        targets=[Target.parse("team:pr_war_room")],
        who="li",
        languages=["en"],
        variables={"statement": "We found the cause and are fixing it."},
    )
    assert not broadcast.ok  # no second answer queued: the receiver says 404
    (result,) = broadcast.results
    assert (result.outcome, result.reason, result.retry_at) == (Outcome.FAILED, "not_found", None)


def test_failed_deliveries_are_retried_with_backoff(desk: tuple[Desk, Script]) -> None:
    d, script = desk
    busy = (503, {}, {"error": "busy"})
    script.on("POST", "/cgi-bin/webhook/send", busy, OK_JSON)
    script.on("POST", SLACK_PATH, (404, {}, "no_service"))
    change = d.engine.declare("service_outage", summary="x", who="li")
    first = next(r for r in change.results if r.target == "team:floor_leads")
    assert (first.outcome, first.retry_at) == (Outcome.FAILED, T0 + timedelta(seconds=10))
    slack = next(r for r in change.results if r.target == "team:it_ops")
    assert (slack.outcome, slack.reason, slack.retry_at) == (Outcome.FAILED, "not_found", None)

    d.clock.advance(timedelta(seconds=9))
    assert d.engine.tick().changes == ()
    d.clock.advance(timedelta(seconds=1))
    (retried,) = d.engine.tick().changes
    (result,) = retried.results
    assert (result.target, result.outcome) == ("team:floor_leads", Outcome.OK)
    states = {s.channel: s for s in d.engine.deliveries(change.incident.id)}
    assert (states["floor_leads"].attempts, states["floor_leads"].outcome) == (2, Outcome.OK)
    assert states["floor_leads"].next_attempt_at is None
    assert (states["it_ops"].attempts, states["it_ops"].outcome) == (1, Outcome.FAILED)
    wecom = _bodies(script, "/cgi-bin/webhook/send")
    assert len(wecom) == 2
    assert wecom[0] == wecom[1]
    intents = [e for e in retried.events if e.phase == "intent"]
    assert intents[0].payload["attempt"] == 2
    assert intents[0].payload["delivery"] == states["floor_leads"].delivery_id


def test_a_slow_down_code_is_retried_until_the_attempts_run_out(
    desk: tuple[Desk, Script],
) -> None:
    d, script = desk
    too_fast = (200, {}, {"errcode": 130101, "errmsg": "send too fast"})
    script.on("POST", "/robot/send", *[too_fast] * 4)
    change = d.engine.declare("promotion_peak", summary="x", who="li")
    (first,) = [r for r in change.results if r.action is Action.WEBHOOK]
    assert (first.reason, first.detail) == ("dingtalk_error_130101", "send too fast")
    for wait in (10, 30, 90):
        d.clock.advance(timedelta(seconds=wait))
        assert _webhook_attempts(d) == 1
    d.clock.advance(timedelta(hours=1))
    assert _webhook_attempts(d) == 0
    (state,) = d.engine.deliveries(change.incident.id)
    assert (state.attempts, state.outcome, state.next_attempt_at) == (4, Outcome.FAILED, None)


def _webhook_attempts(d: Desk) -> int:
    return sum(
        e.action == Action.WEBHOOK and e.phase == "intent"
        for change in d.engine.tick().changes
        for e in change.events
    )


def test_a_configuration_error_is_not_retried(desk: tuple[Desk, Script]) -> None:
    d, script = desk
    script.on(
        "POST",
        "/cgi-bin/webhook/send",
        (200, {}, {"errcode": 93000, "errmsg": "invalid webhook url"}),
    )
    script.on("POST", SLACK_PATH, (200, {}, "ok"))
    change = d.engine.declare("desk_failure", summary="x", who="li")
    (result,) = [r for r in change.results if r.action is Action.WEBHOOK]
    assert (result.reason, result.retry_at) == ("wecom_error_93000", None)


def test_secrets_never_reach_logs_or_the_database(
    desk: tuple[Desk, Script], caplog: pytest.LogCaptureFixture
) -> None:
    d, script = desk
    caplog.set_level(logging.DEBUG)
    script.on("POST", "/cgi-bin/webhook/send", (500, {}, {"error": "boom"}))
    script.on("POST", SLACK_PATH, (500, {}, "boom"))
    script.on("POST", "/robot/send", OK_JSON)
    script.on("POST", "/open-apis/bot/v2/hook/f3i5hu-h00k-t0ken", (403, {}, {"code": 19021}))
    outage = d.engine.declare("service_outage", summary="x", who="li")
    d.engine.declare("promotion_peak", summary="x", who="li")
    d.engine.declare("public_opinion", summary="x", who="li")
    assert "urllib3" in caplog.text  # the request lines were logged, and scrubbed
    stored = d.every_stored_value()
    details = " ".join(str(r.detail) for r in outage.results)
    for secret in (
        WECOM_KEY,
        SLACK_PATH,
        "s1ackt0ken0000000000xyz",
        "d1n6t0ken",
        DING_SECRET,
        FEISHU_SECRET,
        "f3i5hu-h00k-t0ken",
    ):
        assert secret not in caplog.text
        assert secret not in stored
        assert secret not in details


def test_urls_and_secrets_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COCKPIT_WEBHOOK_FLOOR_LEADS_URL", "https://example.invalid/x")
    sender = WebhookSender()
    try:
        assert sender.configured("floor_leads")
        monkeypatch.delenv("COCKPIT_WEBHOOK_FLOOR_LEADS_URL")
        monkeypatch.setattr("keyring.get_password", lambda service, name: None)
        assert not sender.configured("floor_leads")
    finally:
        sender.close()
