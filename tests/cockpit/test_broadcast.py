"""Broadcast previews render exactly what each target gets, in each language,
and say why a target cannot get it; sending logs every delivery."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cockpit.clock import ManualClock
from cockpit.incidents.broadcast import UnknownScript
from cockpit.incidents.engine import IncidentEngine
from cockpit.incidents.model import Action, Target
from cockpit.incidents.playbook import load_library
from cockpit.incidents.webhooks import WebhookSender
from cockpit.store.incidents import IncidentStore, Outcome
from tests.cockpit.factories import T0
from tests.cockpit.fakes import FakeBackend

AGENTS, BOT = Target.parse("agents"), Target.parse("bot")


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[IncidentEngine]:
    store = IncidentStore.open(f"sqlite:///{tmp_path / 'c.db'}")
    configured = {"webhook.floor_leads.url": "http://127.0.0.1:9/never-called"}
    webhooks = WebhookSender(secrets=configured.get)
    yield IncidentEngine(
        store, FakeBackend(), library=load_library(), clock=ManualClock(T0), webhooks=webhooks
    )
    webhooks.close()
    store.close()


def _incident(engine: IncidentEngine, playbook: str = "service_outage") -> int:
    return engine.declare(playbook, summary="x", who="li", auto=False).incident.id


def test_targets_parse_and_print() -> None:
    assert str(Target.parse("team:floor_leads")) == "team:floor_leads"
    for bad in ("everyone", "team", "bot:x"):
        with pytest.raises(ValueError, match="target"):
            Target.parse(bad)


def test_preview_renders_each_target_in_the_chosen_languages(engine: IncidentEngine) -> None:
    incident_id = _incident(engine)
    preview = engine.preview_broadcast(
        incident_id,
        "outage_ack",
        targets=[AGENTS, BOT, Target.parse("team:floor_leads")],
        variables={"eta": "15:30", "affected": "支付功能"},
    )
    assert preview.ok
    agents = [m for m in preview.messages if m.target == AGENTS]
    assert [(m.languages, m.title) for m in agents] == [
        (("zh_CN",), "故障致歉与说明"),
        (("en",), "Outage: apology and explanation"),
    ]
    assert agents[0].text == (
        "{customer}，您好！给您带来这么多不便，我们真的很抱歉。\n"
        "目前支付功能出现异常，您遇到的情况我们已经确认，并不是您操作的问题。\n"
        "技术同事正在全力修复，预计15:30恢复。在此之前请先不要重复付款，以免重复扣费。\n"
        "一恢复我们就会通知您，并优先处理您的问题；如发现扣款异常，直接回复这条消息，我们帮您核实。"
    )
    (bot,) = [m for m in preview.messages if m.target == BOT]
    assert bot.languages == ("zh_CN", "en")
    assert bot.text.startswith("亲爱的顾客，您好！")
    assert "\n\nHello there, we are very sorry" in bot.text
    assert engine.timeline(incident_id)[-1].action == Action.DECLARE  # nothing logged


def test_preview_says_why_a_target_cannot_receive(engine: IncidentEngine) -> None:
    incident_id = _incident(engine)
    preview = engine.preview_broadcast(
        incident_id,
        "payment_charge",
        targets=[BOT, Target.parse("team:it_ops"), Target.parse("team:nowhere"), AGENTS],
        languages=["en"],
    )
    problems = {str(p.target): p.reason for p in preview.problems}
    assert problems == {
        "bot": "channel_not_allowed",  # the script is for agents and tickets only
        "team:it_ops": "channel_not_allowed",
        "team:nowhere": "channel_not_allowed",
    }
    ack = engine.preview_broadcast(
        incident_id,
        "outage_ack",
        targets=[Target.parse("team:it_ops"), Target.parse("team:nowhere")],
    )
    assert {str(p.target): p.reason for p in ack.problems} == {
        "team:it_ops": "webhook_not_configured",
        "team:nowhere": "unknown_channel",
    }


def test_missing_variables_are_listed(engine: IncidentEngine) -> None:
    incident_id = _incident(engine, "public_opinion")
    preview = engine.preview_broadcast(incident_id, "agreed_statement", targets=[AGENTS])
    (problem,) = preview.problems
    assert (problem.reason, problem.detail) == ("missing_variables", "statement")
    with pytest.raises(UnknownScript):
        engine.preview_broadcast(incident_id, "nope", targets=[AGENTS])


def test_send_publishes_to_agents_and_logs_refusals(engine: IncidentEngine) -> None:
    incident_id = _incident(engine)
    change = engine.broadcast(
        incident_id, "app_crash", targets=[AGENTS, BOT], who="li", languages=["zh_CN"]
    )
    assert [(r.action, r.outcome, r.target) for r in change.results] == [
        (Action.BOT_ON, Outcome.FAILED, "bot"),
        (Action.SCRIPT_PUBLISH, Outcome.OK, f"inc{incident_id}-app_crash-zh_CN"),
    ]
    assert change.results[0].reason == "channel_not_allowed"
    assert engine.published_scripts(incident_id) == [f"inc{incident_id}-app_crash-zh_CN"]
    again = engine.broadcast(
        incident_id, "app_crash", targets=[AGENTS], who="li", languages=["zh_CN"]
    )
    assert again.ok  # the same id: replaced, not duplicated
    assert engine.published_scripts(incident_id) == [f"inc{incident_id}-app_crash-zh_CN"]


def test_broadcast_to_the_bot_switches_it_on_with_the_script(engine: IncidentEngine) -> None:
    incident_id = _incident(engine)
    change = engine.broadcast(incident_id, "outage_ack", targets=[BOT], who="li", languages=["en"])
    assert change.ok
    backend = engine.ctx.backend
    assert backend.get_auto_reply().message.startswith("Hello there, we are very sorry")
    engine.resolve(incident_id, summary="ok", who="li")
    assert not backend.get_auto_reply().enabled


def test_the_ui_can_tell_which_ops_and_channels_are_available(engine: IncidentEngine) -> None:
    incident_id = _incident(engine)
    assert engine.unavailable_ops() == {}
    channels = {c.name: (c.service, c.configured) for c in engine.team_channels(incident_id)}
    assert channels == {"floor_leads": ("wecom", True), "it_ops": ("slack", False)}
